"""YAML loading that remembers where each key and item stood, so errors can name the line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from .errors import RulePackError

if TYPE_CHECKING:
    import yaml

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
            raise self._explain(exc.errors(), base, model) from None

    def _explain(self, errors: list, base: Loc, model: type[BaseModel] | None = None) -> RulePackError:
        """One error for a person: our own messages first, then unknown keys (with a guess at
        the key that was meant), then the rest; pydantic's union-branch names are dropped."""
        def rank(e: dict) -> int:
            kind = e["type"]
            if kind == "value_error":
                return 0
            if kind.endswith("_type"):  # the wrong branch of a union (a string where a mapping is)
                return 4
            return {"extra_forbidden": 2, "missing": 3}.get(kind, 1)

        first = min(errors, key=rank)
        loc = self._yaml_loc(base + tuple(first["loc"]))
        where = ".".join(str(p) for p in loc) or "document"
        if first["type"] == "value_error":
            msg = str(first["msg"]).removeprefix("Value error, ")
        elif first["type"] == "extra_forbidden":
            key = str(loc[-1]) if loc else "?"
            siblings = [str(e["loc"][-1]) for e in errors
                        if e["type"] == "missing" and tuple(self._yaml_loc(base + tuple(e["loc"][:-1]))) == loc[:-1]]
            if not siblings and model is not None and len(first["loc"]) == 1:  # an optional key misspelt
                siblings = [f.alias or name for name, f in model.model_fields.items()]
            import difflib

            guess = difflib.get_close_matches(key, siblings, n=1)
            msg = f"unknown key '{key}'" + (f" (did you mean '{guess[0]}'?)" if guess else "")
            where = ".".join(str(p) for p in loc[:-1]) or "document"
        elif first["type"] == "missing":
            msg = "required key is missing"
        else:
            msg = first["msg"]
        return self.error(loc, f"{where}: {msg}")

    def _yaml_loc(self, loc: Loc) -> tuple[str | int, ...]:
        """Keep the parts of a pydantic location that are real YAML keys or indexes."""
        out: tuple[str | int, ...] = ()
        for part in loc:
            if (*out, part) in self.lines or (isinstance(part, str) and part not in _PYDANTIC_TAGS
                                              and not _looks_like_tag(part)):
                out = (*out, part)
        return out


_PYDANTIC_TAGS = {"str", "int", "float", "bool", "list", "dict", "function-after", "function-before"}


def _looks_like_tag(part: str) -> bool:
    """Union branch names pydantic puts in locations: model names, 'list[...]', 'function-…'."""
    return part[:1].isupper() or "[" in part or part.startswith("function-")


def load_located(path: str | Path, text: str | None = None) -> LocatedYaml:
    path = str(path)
    if text is None:
        try:
            size = Path(path).stat().st_size
            if size > MAX_YAML_BYTES:
                raise RulePackError(f"is too large for a YAML file ({size / 2**20:.1f} MB; limit "
                                    f"{MAX_YAML_BYTES // 2**20} MB)", path=path)
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise RulePackError(f"cannot be read: {exc.strerror or exc}", path=path) from None
        except UnicodeDecodeError:
            raise RulePackError("is not UTF-8 text", path=path) from None
    import yaml  # only when a YAML file is read: a cached pack needs none (cold-start budget)

    # libyaml's parser is several times faster; marks (line numbers) work the same.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise RulePackError("is empty", path=path)
        lines: dict[Loc, int] = {}
        _Indexer(lines, path).index(node, ())
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        problem = exc.problem or exc.context or "invalid YAML"
        last_line = max(text.count("\n") + (0 if text.endswith("\n") else 1), 1)
        mark = exc.problem_mark or exc.context_mark
        if mark and mark.line + 1 > last_line and exc.context_mark:
            mark = exc.context_mark  # an unclosed quote fails at the end: point where it opened
        line = min(mark.line + 1, last_line) if mark else None
        raise RulePackError(f"invalid YAML: {problem}", path=path, line=line) from None
    except yaml.YAMLError as exc:
        raise RulePackError(f"invalid YAML: {exc}", path=path) from None
    finally:
        loader.dispose()
    return LocatedYaml(data, lines, path)


# Bounds on a YAML document, checked on its node graph before any Python object is built from
# it: an alias may point at a whole subtree, so a few lines can stand for billions of nodes (the
# "billion laughs"), and an anchor used inside itself makes the graph a cycle. The shipped packs
# hold under 1,000 nodes, 9 levels deep; a user pack of 5,000 rules under 200,000.
MAX_NODES = 300_000  # nodes after expanding every alias
MAX_YAML_BYTES = 10 * 2**20  # a file (the shipped baseline pack is under 100 kB)
MAX_DEPTH = 64  # nesting of mappings and sequences


class _Indexer:
    """Records the line of every key path, expanding aliases, within the bounds above."""

    def __init__(self, lines: dict[Loc, int], path: str):
        self.lines = lines
        self.path = path
        self.budget = MAX_NODES
        self.open: set[int] = set()  # the nodes being indexed (a cycle returns to one of them)

    def index(self, node: yaml.Node, loc: Loc) -> None:
        import yaml

        self.budget -= 1
        if self.budget < 0:
            raise RulePackError(f"too large: more than {MAX_NODES:,} values once its aliases are expanded "
                                "(an alias bomb?)", path=self.path, line=node.start_mark.line + 1)
        lines = self.lines
        lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            return
        if len(loc) >= MAX_DEPTH:
            raise RulePackError(f"nested too deeply (more than {MAX_DEPTH} levels)", path=self.path,
                                line=node.start_mark.line + 1)
        if id(node) in self.open:
            raise RulePackError("an alias refers to the value that contains it (a recursive alias)", path=self.path,
                                line=node.start_mark.line + 1)
        self.open.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
                if key in seen:
                    raise RulePackError(f"duplicate key '{key}'", path=self.path, line=key_node.start_mark.line + 1)
                seen.add(key)
                at = (*loc, key)  # named first: mypy takes ``lines[(*loc, key)]`` for 3.11's ``lines[*loc, key]``
                lines[at] = key_node.start_mark.line + 1
                self.index(value_node, at)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                at = (*loc, i)
                lines[at] = item.start_mark.line + 1
                self.index(item, at)
        self.open.discard(id(node))
