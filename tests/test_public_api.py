import newsprism
from newsprism import errors


def test_public_names_are_exactly_the_exported_list():
    public = {name for name in vars(newsprism) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(newsprism, name)).__name__ == "module"}
    assert public - modules == set(newsprism.__all__)


def test_every_error_is_a_newsprism_error():
    for name in ("ConfigError", "ModelLoadError", "StorageError", "StageError"):
        assert issubclass(getattr(errors, name), errors.NewsprismError)
