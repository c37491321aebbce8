"""Model instances from values the program built itself, without validating them again.

A report's results are ~160 model instances (locations, evidence, findings, rule results…) whose
values come from validated rule specs, the parsed document and the engine's own arithmetic.
Validating each cost more than building everything else in them, and it needs the models' schemas
built (tens of milliseconds of a cold run, most of it pydantic's lazy imports).

``trusted(cls, values)`` fills exactly the state pydantic's ``model_construct`` fills, using only
pydantic's documented instance attributes (``__dict__``, ``__pydantic_fields_set__``,
``__pydantic_extra__``, ``__pydantic_private__``). The first instance of each class is compared
with what ``model_construct`` makes of the same values; if pydantic's layout ever differs (another
slot, a post-init hook, extra fields), that class is built by ``model_construct`` from then on.

The caller vouches for the values: of the field's type as validation would leave it (a ``float``
field gets a ``float``, a list field a list of its own). ``tests/test_trusted.py`` validates every
result of the fixtures and the corpus again and compares.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

_new = object.__new__
_set = object.__setattr__
_MISSING = object()
# Per class: True once an instance built here equalled model_construct's, False if it did not.
_checked: dict[type, bool] = {}
_same: set[type] = set()  # the classes checked True (one set lookup per instance)


def trusted(cls: type[M], values: dict[str, Any], fields_set: frozenset[str] | None = None) -> M:
    """An instance of ``cls`` holding ``values`` (every field, in the order the class declares
    them). ``fields_set``: the fields given explicitly, as a validated call would have recorded
    them (default: all of them); the instance gets a set of its own (assignment adds to it)."""
    fields_set = set(values) if fields_set is None else set(fields_set)
    if cls not in _same:
        ok = _checked.get(cls)
        if ok is None:
            ok = _checked[cls] = _same_as_construct(cls, values, fields_set)
            if ok:
                _same.add(cls)
        if not ok:
            return cls.model_construct(set(fields_set), **values)
    m = _new(cls)
    _set(m, "__dict__", values)
    _set(m, "__pydantic_fields_set__", fields_set)
    _set(m, "__pydantic_extra__", None)
    _set(m, "__pydantic_private__", None)
    return m


def _same_as_construct(cls: type[M], values: dict[str, Any], fields_set: set[str]) -> bool:
    if (cls.__pydantic_root_model__ or cls.__pydantic_post_init__ is not None
            or cls.model_config.get("extra") == "allow" or tuple(values) != tuple(cls.__pydantic_fields__)):
        return False
    ours = _new(cls)
    _set(ours, "__dict__", dict(values))
    _set(ours, "__pydantic_fields_set__", set(fields_set))
    _set(ours, "__pydantic_extra__", None)
    _set(ours, "__pydantic_private__", None)
    ref = cls.model_construct(set(fields_set), **values)
    slots = {s for c in type(ref).__mro__ for s in getattr(c, "__slots__", ())}
    if slots != {"__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__"}:
        return False
    return (list(ref.__dict__) == list(ours.__dict__)
            and all(getattr(ref, s, _MISSING) == getattr(ours, s, _MISSING) for s in slots))
