"""The exception hierarchy. Everything newsprism raises on purpose is a NewsprismError.

    NewsprismError
    ├── ConfigError          a setting or path the user gave cannot be used
    ├── ModelLoadError       a model could not be loaded (offline, not installed)
    ├── StorageError         the database could not be opened or written
    │   └── NotFoundError    the database holds no story or article with that id
    └── StageError           a stage failed on a whole batch (names the stage)

Problems with a single input item are never raised: they become an InputRecord with a
reason code (see models.Reason), so one bad file never stops a batch.
"""


class NewsprismError(Exception):
    """Base class of every error newsprism raises on purpose."""


class ConfigError(NewsprismError):
    pass


class ModelLoadError(NewsprismError):
    pass


class StorageError(NewsprismError):
    pass


class NotFoundError(StorageError):
    pass


class StageError(NewsprismError):
    def __init__(self, stage: str, cause: BaseException):
        super().__init__(f"stage '{stage}' failed: {cause!r}")
        self.stage = stage
        self.cause = cause
