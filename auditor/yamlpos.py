"""YAML loading that remembers where each key and item stood, so errors can name the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .errors import RulePackError

Loc = tuple[str | int, ...]


class LocatedYaml:
    """Parsed YAML data plus a map from key paths to 1-based line numbers."""

    def __init__(self, data: Any, lines: dict[Loc, int], path: str):
        self.data = data
        self.lines = lines
        self.path = path

    def line_of(self, loc: Loc) -> int | None:
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), None)

    def error(self, loc: Loc, message: str) -> RulePackError:
        return RulePackError(message, path=self.path, line=self.line_of(loc))

    def validate(self, model: type[BaseModel], data: Any = None, base: Loc = ()) -> Any:
        """Validate ``data`` (default: the whole document) and turn the first pydantic error
        into a one-line ``RulePackError`` naming the YAML line."""
        try:
            return model.model_validate(self.data if data is None else data)
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = base + tuple(first["loc"])
            where = ".".join(str(p) for p in loc) or "document"
            msg = first["msg"]
            if first["type"] == "extra_forbidden":
                msg = "unknown key"
            elif first["type"] == "missing":
                msg = "required key is missing"
            raise self.error(loc, f"{where}: {msg}") from None


def load_located(path: str | Path, text: str | None = None) -> LocatedYaml:
    path = str(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise RulePackError(f"cannot be read: {exc.strerror or exc}", path=path) from None
        except UnicodeDecodeError:
            raise RulePackError("is not UTF-8 text", path=path) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise RulePackError("is empty", path=path)
        lines: dict[Loc, int] = {}
        _index(node, (), lines, path)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise RulePackError(f"invalid YAML: {problem}", path=path, line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise RulePackError(f"invalid YAML: {exc}", path=path) from None
    finally:
        loader.dispose()
    return LocatedYaml(data, lines, path)


def _index(node: yaml.Node, loc: Loc, lines: dict[Loc, int], path: str) -> None:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            if key in seen:
                raise RulePackError(f"duplicate key '{key}'", path=path, line=key_node.start_mark.line + 1)
            seen.add(key)
            lines[(*loc, key)] = key_node.start_mark.line + 1
            _index(value_node, (*loc, key), lines, path)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[(*loc, i)] = item.start_mark.line + 1
            _index(item, (*loc, i), lines, path)
