"""newsprism: read all the coverage of an event and say what is established.

    >>> import newsprism
    >>> report = newsprism.analyze(["examples/corpus"])
    >>> newsprism.write_report(report, Path("out"))
"""

from .errors import ConfigError, ModelLoadError, NewsprismError, StageError, StorageError
from .models import (
    Article,
    BriefSentence,
    Claim,
    Conflict,
    Derivation,
    InputRecord,
    Mention,
    Reason,
    Report,
    Story,
    Support,
)
from .report import report_to_dict, write_report
from .runner import analyze, clean_inputs
from .storage import SQLiteStorage, Storage, open_storage

__version__ = "0.1.0"

__all__ = [
    "Article",
    "BriefSentence",
    "Claim",
    "ConfigError",
    "Conflict",
    "Derivation",
    "InputRecord",
    "Mention",
    "ModelLoadError",
    "NewsprismError",
    "Reason",
    "Report",
    "SQLiteStorage",
    "StageError",
    "Storage",
    "StorageError",
    "Story",
    "Support",
    "analyze",
    "clean_inputs",
    "open_storage",
    "report_to_dict",
    "write_report",
]
