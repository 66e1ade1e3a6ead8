"""dataclass <-> dict for the model in models.py: `to_dict` (what `dataclasses.asdict`
gives) and `from_dict`, its inverse. Storage keeps records as JSON and the report is
JSON; both go through these."""

from __future__ import annotations

import copy
import dataclasses
import types
import typing
from functools import cache
from typing import Any, TypeVar

from . import models

T = TypeVar("T")


# Values `to_dict` passes on as they are: the model's leaves, all immutable.
_ATOMS = (str, int, float, bool, type(None))


# Field names of each dataclass met so far.
_DATACLASS_FIELDS: dict[type, tuple[str, ...]] = {}


def to_dict(record: Any) -> dict[str, Any]:
    """The dict `dataclasses.asdict(record)` gives, two to three times faster: asdict
    deep-copies every leaf and looks up each dataclass's fields again for every record,
    and the model's leaves are immutable. A run serialises every claim twice (database
    and report.json), and asdict was the largest Python cost of storing them."""
    cls = type(record)
    names = _DATACLASS_FIELDS.get(cls) or _DATACLASS_FIELDS.setdefault(cls, tuple(f.name for f in dataclasses.fields(cls)))
    return {name: _plain(getattr(record, name)) for name in names}


def _plain(value: Any) -> Any:
    if isinstance(value, _ATOMS):
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if type(value) in _DATACLASS_FIELDS or dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_dict(value)
    if isinstance(value, tuple):
        return type(value)(*map(_plain, value)) if hasattr(value, "_fields") else tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    return copy.deepcopy(value)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(models))


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    hints = _hints(cls)
    kwargs = {f.name: _convert(hints[f.name], data[f.name]) for f in dataclasses.fields(cls) if f.name in data}  # type: ignore[arg-type]
    return cls(**kwargs)


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        dataclass_arg = next((a for a in inner if dataclasses.is_dataclass(a)), None)
        return _convert(dataclass_arg, value) if dataclass_arg and isinstance(value, dict) else value
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_convert(item, v) for v in value]
    if dataclasses.is_dataclass(hint) and isinstance(value, dict):
        return from_dict(hint, value)  # type: ignore[arg-type]
    return value
