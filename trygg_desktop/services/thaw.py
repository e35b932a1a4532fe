"""Frozen DTOs back from their JSON form: the inverse of ``est_picture_dto.plain``.

A justerat EST protocol carries the lägesbild as it stood at justering (canonical JSON in
``meeting.frozen_content``, covered by the content hash) and is printed from that copy, so the
DTO must be rebuilt exactly. The rebuilding follows the dataclasses' own type hints (tuples,
optionals, dates, nested DTOs) instead of a second, hand-kept description of every field.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def thaw(cls: type[T], data: Any) -> T:
    """``data`` (plain JSON values) as an instance of the dataclass ``cls``."""
    return _value(cls, data)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _value(hint: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _value(options[0], data) if len(options) == 1 else data
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_value(args[0], v) for v in data)
        return tuple(_value(a, v) for a, v in zip(args, data, strict=True))
    if origin is list:
        (arg,) = typing.get_args(hint)
        return [_value(arg, v) for v in data]
    if dataclasses.is_dataclass(hint):
        hints = _hints(hint)
        fields = {f.name: _value(hints[f.name], data[f.name])
                  for f in dataclasses.fields(hint) if f.init and f.name in data}
        return hint(**fields)
    if hint is datetime:
        return datetime.fromisoformat(data)
    if hint is date:
        return date.fromisoformat(data)
    if hint is float and isinstance(data, int):
        return float(data)
    return data


__all__ = ["thaw"]
