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

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

_new = object.__new__
_set = object.__setattr__
_MISSING = object()
# The setters of BaseModel's four instance slots, called directly: what ``object.__setattr__`` finds
# and calls for these names, less its lookup along the class's MRO (a third of an instance's cost).
# Used only for classes whose MRO resolves each name to these very descriptors (checked below).
_SLOTS = ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
_DESCRIPTORS: dict[str, Any] = {name: BaseModel.__dict__.get(name) for name in _SLOTS}


def _setter(name: str) -> Callable[[Any, Any], None]:
    descriptor = _DESCRIPTORS[name]
    if descriptor is None or not hasattr(descriptor, "__set__"):  # another layout: never used (see below)
        return lambda m, value: _set(m, name, value)
    setter: Callable[[Any, Any], None] = descriptor.__set__
    return setter


_set_dict, _set_fields, _set_extra, _set_private = (_setter(name) for name in _SLOTS)
# Per class: True once an instance built here equalled model_construct's, False if it did not.
_checked: dict[type, bool] = {}
_same: set[type] = set()  # the classes checked True (one set lookup per instance)


def trusted(cls: type[M], values: dict[str, Any], fields_set: frozenset[str] | None = None) -> M:
    """An instance of ``cls`` holding ``values`` (every field, in the order the class declares
    them). ``fields_set``: the fields given explicitly, as a validated call would have recorded
    them (default: all of them); the instance gets a set of its own (assignment adds to it)."""
    if cls in _same:
        m = _new(cls)
        _set_dict(m, values)
        _set_fields(m, set(values) if fields_set is None else set(fields_set))
        _set_extra(m, None)
        _set_private(m, None)
        return m
    given = set(values) if fields_set is None else set(fields_set)
    ok = _checked.get(cls)
    if ok is None:
        ok = _checked[cls] = _same_as_construct(cls, values, given)
        if ok:
            _same.add(cls)
    if not ok:
        return cls.model_construct(set(given), **values)
    m = _new(cls)
    _set_dict(m, values)
    _set_fields(m, given)
    _set_extra(m, None)
    _set_private(m, None)
    return m


def _same_as_construct(cls: type[M], values: dict[str, Any], fields_set: set[str]) -> bool:
    if (cls.__pydantic_root_model__ or cls.__pydantic_post_init__ is not None
            or cls.model_config.get("extra") == "allow" or tuple(values) != tuple(cls.__pydantic_fields__)):
        return False
    ours = _new(cls)  # by object.__setattr__ (the plain definition of what trusted() does)
    _set(ours, "__dict__", dict(values))
    _set(ours, "__pydantic_fields_set__", set(fields_set))
    _set(ours, "__pydantic_extra__", None)
    _set(ours, "__pydantic_private__", None)
    ref = cls.model_construct(set(fields_set), **values)
    slots = {s for c in type(ref).__mro__ for s in getattr(c, "__slots__", ())}
    if slots != set(_SLOTS) or not all(_DESCRIPTORS[name] is not None and _static(cls, name) is _DESCRIPTORS[name]
                                       for name in _SLOTS):
        return False
    return (list(ref.__dict__) == list(ours.__dict__)
            and all(getattr(ref, s, _MISSING) == getattr(ours, s, _MISSING) for s in slots))


def _static(cls: type, name: str) -> object:
    """What attribute lookup on an instance of ``cls`` finds for ``name`` along the MRO."""
    for c in cls.__mro__:
        if name in c.__dict__:
            return c.__dict__[name]
    return _MISSING
