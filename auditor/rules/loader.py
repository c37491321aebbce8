"""Load rule packs: resolve names and ``extends``, validate every rule and its check parameters,
compile all phrases into one automaton, and test each rule's examples.

Examples are tests of a pack: ``audit check-rules`` and the test suite run them for every pack;
a user's own pack (any file not registered by auditor or a plugin) runs them the first time it is
loaded after a change, remembered by content hash in the user's cache folder. Shipped packs never
run them on load. A compiled pack is immutable and cached per process, keyed by the files it was
built from (and their size and modification time), so loading it again costs a few ``stat`` calls.

Every problem is one ``RulePackError`` naming the file and the YAML line.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..checks.base import Check, MatchSettings, Outcome
from ..errors import BadName, RulePackError, UsageError
from ..lazy_regex import any_of
from ..matching.automaton import PhraseIndex
from ..matching.boundaries import BoundaryChecker
from ..matching.terms import check_regex
from ..models import Basis, Status
from ..models.pack import BasisSpec, PackSpec, RuleSpec, Settings
from ..parse import Vocabulary, load_vocabulary
from ..yamlpos import LocatedYaml, load_located
from . import pack_cache


@dataclass
class CompiledRule:
    spec: RuleSpec
    check: Check
    basis: list[Basis]
    file: str
    line: int | None
    # Values worked out from the rule alone by whoever needs them (the engine's per-rule result
    # values), kept with the rule: a compiled pack is not changed after loading.
    derived: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def code(self) -> str:
        return self.spec.code


@dataclass(frozen=True)
class RulePack:
    """A resolved, compiled rule pack; immutable, so one instance can be shared by every caller."""

    name: str
    title: str
    version: str
    sources: list[str]  # lists for compatibility; never changed after loading
    rules: list[CompiledRule]
    settings: MatchSettings
    index: PhraseIndex
    vocabulary: Vocabulary
    user_dictionaries: list[Path]
    vocabulary_files: tuple[Path, ...] = ()
    data_files: tuple[Path, ...] = ()  # files check types read (a canon's word list): a change rebuilds
    _boundaries: BoundaryChecker | None = field(default=None, repr=False, compare=False)
    _role_labels: dict[str, str] | None = field(default=None, repr=False, compare=False)
    preview: frozenset[str] = frozenset()  # codes of the rules that run only in preview ('preview: true')

    def boundaries(self) -> BoundaryChecker:
        # Cheap to make (the jieba tokenizer behind it is shared per process and built lazily),
        # but one per pack keeps its per-text segmentation cache away from other threads' packs.
        if self._boundaries is None:
            object.__setattr__(self, "_boundaries", BoundaryChecker(list(self.user_dictionaries)))
        assert self._boundaries is not None
        return self._boundaries

    def files(self) -> list[str | Path]:
        """Every file the pack was built from: packs, vocabularies, dictionaries, check data."""
        return [*self.sources, *self.vocabulary_files, *self.user_dictionaries, *self.data_files]

    def rule(self, code: str) -> CompiledRule:
        for r in self.rules:
            if r.code == code.upper():
                return r
        raise UsageError(f"unknown rule code '{code}'")

    def role_labels(self) -> dict[str, str]:
        """Each section role's label, as checks name it in messages (read only by them)."""
        labels = self._role_labels
        if labels is None:  # once per pack, not per report
            labels = {k: v.label for k, v in self.vocabulary.roles.items()}
            object.__setattr__(self, "_role_labels", labels)
        return labels

    def selected(self, select: list[str] | None = None, ignore: list[str] | None = None,
                 preview: bool = True) -> RulePack:
        """A copy keeping the rules chosen by code or prefix, Ruff style; without ``preview``, not
        the preview rules (one named by its full code is an error: it would silently not run)."""
        codes = [r.code for r in self.rules]
        for sel in (select or []) + (ignore or []):
            if not any(c.startswith(sel.upper()) for c in codes):
                raise BadName(f"unknown rule code or prefix '{sel}' (see 'audit rules')", sel)
        for sel in [] if preview else (select or []):
            if sel.upper() in self.preview:
                raise BadName(f"rule {sel.upper()} is a preview rule: it runs only with --preview "
                              "(or preview: true in the configuration)", sel)
        kept = [r for r in self.rules
                if (not select or any(r.code.startswith(s.upper()) for s in select))
                and not any(r.code.startswith(s.upper()) for s in (ignore or []))
                and (preview or r.code not in self.preview)]
        return RulePack(self.name, self.title, self.version, self.sources, kept, self.settings, self.index,
                        self.vocabulary, self.user_dictionaries, self.vocabulary_files, self.data_files,
                        self._boundaries, preview=self.preview)


@dataclass
class _Raw:
    """A pack file read and validated, before its parents are merged in."""

    path: Path
    doc: LocatedYaml
    spec: PackSpec


def available_packs(pack_paths: list[Path]) -> dict[str, Path]:
    return {p.stem: p for p in pack_paths}


_CACHE_SIZE = 32
_compiled: OrderedDict[tuple[Any, ...], tuple[tuple[Any, ...], RulePack]] = OrderedDict()
_compiled_lock = threading.Lock()
examples_runs = 0  # packs whose examples ran in this process (tests check reuse)


class RuleRunner(Protocol):
    """Runs one compiled rule over a text: how a pack's examples are tried. The engine's
    ``run_rule_on_text`` is one; the loader takes it as an argument, so rules stay below the engine
    that builds a check's runtime context."""

    def __call__(self, pack: RulePack, rule: CompiledRule, text: str, name: str = ...) -> Outcome: ...


def load_pack(refs: list[str], *, pack_paths: list[Path], vocabularies: list[Path],
              check_types: dict[str, type[Check]], run_rule: RuleRunner,
              run_examples: bool | None = None) -> RulePack:
    """The compiled pack for ``refs``. ``run_examples``: ``True`` always (``check-rules``),
    ``False`` never, ``None`` only for user packs not yet tested in this version (see module doc);
    ``run_rule`` runs each example.

    The steps: a pack compiled before (this process, then the disk cache) is returned as it is;
    otherwise the pack is compiled (``_compile_pack``), its examples are tried, and it is remembered."""
    key = (tuple(refs), tuple(pack_paths), tuple(vocabularies), tuple(sorted(check_types.items())),
           os.getcwd())
    disk = None
    if run_examples is not True:
        known = _compiled_in_process(key)
        if known is not None:
            return known
        disk = pack_cache.entry_path(key, [c.__module__ for c in check_types.values()])
        known = _compiled_on_disk(key, disk)
        if known is not None:
            return known
    pack, chain = _compile_pack(refs, pack_paths=pack_paths, vocabularies=vocabularies, check_types=check_types)
    _try_examples(pack, chain, check_types, pack_paths, run_rule, run_examples)
    _remember(key, disk, pack)
    return pack


def _compiled_in_process(key: tuple[Any, ...]) -> RulePack | None:
    """The pack this process compiled for ``key``, while its files are unchanged."""
    with _compiled_lock:
        entry = _compiled.get(key)
    if entry is not None and _signature(entry[1]) == entry[0]:
        return entry[1]
    return None


def _compiled_on_disk(key: tuple[Any, ...], disk: pack_cache.Entry) -> RulePack | None:
    """The pack the disk cache holds for ``key``, while its files are unchanged (then kept in this
    process's cache too)."""
    stored = pack_cache.load(disk)
    if stored is None or not isinstance(stored[1], RulePack):  # (a file of another version's classes)
        return None
    with _compiled_lock:
        _compiled[key] = stored
    return stored[1]


def _try_examples(pack: RulePack, chain: list[_Raw], check_types: dict[str, type[Check]], pack_paths: list[Path],
                  run_rule: RuleRunner, run_examples: bool | None) -> None:
    if run_examples:
        _run_examples_once(pack, chain, check_types, run_rule, force=True)
    elif run_examples is None:
        # A user's pack: test the rules it defines or overrides (shipped rules have their own tests).
        registered = {p.resolve() for p in pack_paths}
        own = {c for r in chain if r.path not in registered
               for c in [*(d.get("code") for d in _rules_of(r.doc)), *r.spec.overrides]}
        if own:
            _run_examples_once(pack, chain, check_types, run_rule, force=False,
                               only={str(c).upper() for c in own if c})


def _remember(key: tuple[Any, ...], disk: pack_cache.Entry | None, pack: RulePack) -> None:
    """Keep the pack in this process's cache and, unless its examples were forced, on disk."""
    signature = _signature(pack)
    if disk is not None:
        pack_cache.store(disk, signature, pack)
    with _compiled_lock:
        _compiled[key] = (signature, pack)
        _compiled.move_to_end(key)
        while len(_compiled) > _CACHE_SIZE:
            _compiled.popitem(last=False)


def _signature(pack: RulePack) -> tuple[Any, ...]:
    """Size and modification time of every file a pack was built from: a change means a rebuild."""
    return pack_cache.stamp(pack.files())


def _run_examples_once(pack: RulePack, chain: list[_Raw], check_types: dict[str, type[Check]],
                       run_rule: RuleRunner, *, force: bool, only: set[str] | None = None) -> None:
    """Run the examples, skipping them when this exact content already passed (cache marker)."""
    global examples_runs
    import hashlib

    from .._version import __version__
    from ..resources import cache_dir

    digest = hashlib.sha256(f"auditor {__version__}\n".encode())
    for f in pack.files():
        digest.update(str(f).encode() + b"\0")
        try:
            digest.update(Path(f).read_bytes())
        except OSError:
            force = True
    digest.update(",".join(f"{k}={v.__module__}.{v.__qualname__}" for k, v in sorted(check_types.items())).encode())
    marker = cache_dir() / "examples" / digest.hexdigest()
    if not force and marker.is_file():
        return
    run_pack_examples(pack, chain, run_rule, only)
    examples_runs += 1
    try:  # unwritable cache: just run them again next time
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(f"{pack.name}\n", encoding="utf-8")
    except OSError:
        pass


def _compile_pack(refs: list[str], *, pack_paths: list[Path], vocabularies: list[Path],
                  check_types: dict[str, type[Check]]) -> tuple[RulePack, list[_Raw]]:
    """Read the packs and what they extend (``_read_chain``), merge their settings
    (``_merged_settings``), load the section vocabulary (``_vocabulary``), compile every rule into
    one phrase index (``_compile_rules``), and put the pack together."""
    chain = _read_chain(refs, available_packs(pack_paths))
    settings, user_dicts, vocab_files = _merged_settings(chain, vocabularies)
    vocabulary = _vocabulary(chain, vocab_files)
    match_settings = MatchSettings(
        negation_cues=tuple(settings.negation_cues or ()),
        plan_cues=any_of(settings.plan_cues or []),  # validated by _merged_settings; compiled on use
        not_done_roles=frozenset(settings.not_done_roles or ()),
    )
    index = PhraseIndex()
    rules = _compile_rules(chain, index, check_types, vocabulary)
    index.build()
    top = chain[-1].spec
    pack = RulePack(
        name=top.pack if len(refs) == 1 else "+".join(refs),
        title=top.title,
        version=top.version,
        sources=[str(r.path) for r in chain],
        rules=[r for r in rules.values() if r.spec.enabled],
        settings=match_settings,
        index=index,
        vocabulary=vocabulary,
        user_dictionaries=user_dicts,
        vocabulary_files=tuple(vocab_files),
        data_files=tuple(dict.fromkeys(f for r in rules.values() for f in r.check.data_files)),
        preview=frozenset(r.code for r in rules.values() if r.spec.enabled and r.spec.preview),
    )
    return pack, chain


def _read_chain(refs: list[str], registry: dict[str, Path]) -> list[_Raw]:
    """Each pack file read and validated, with what it ``extends`` before it (parents first, each
    file once); a cycle or an unknown name is an error at its ``extends`` line."""
    chain: list[_Raw] = []
    seen: set[Path] = set()

    def resolve(ref: str, origin: _Raw | None) -> Path:
        candidate = Path(ref)
        if origin is not None and not candidate.is_absolute() and candidate.suffix in (".yaml", ".yml"):
            rel = origin.path.parent / candidate  # a path in 'extends' is relative to the pack file
            if rel.is_file():
                return rel.resolve()
        if candidate.suffix in (".yaml", ".yml") or candidate.exists():
            if not candidate.is_file():
                if origin is not None:
                    raise origin.doc.error(("extends",), f"rule pack file '{ref}' does not exist")
                raise BadName(f"rule pack file '{ref}' does not exist", ref)
            return candidate.resolve()
        if ref in registry:
            return registry[ref].resolve()
        known = ", ".join(sorted(registry)) or "none"
        if origin is not None:
            raise origin.doc.error(("extends",), f"unknown rule pack '{ref}' (available: {known})")
        raise BadName(f"unknown rule pack '{ref}' (available: {known})", ref)

    def visit(path: Path, trail: tuple[Path, ...]) -> None:
        if path in trail:
            raise RulePackError("'extends' forms a cycle", path=path)
        if path in seen:
            return
        doc = load_located(path)
        if not isinstance(doc.data, dict):
            raise RulePackError("a rule pack is a YAML mapping", path=path, line=1)
        spec = doc.validate(PackSpec)
        raw = _Raw(path, doc, spec)
        for i, parent in enumerate(spec.extends):
            target = resolve(parent, raw)
            if target in (*trail, path):
                cycle = " → ".join(p.name for p in (*trail, path, target))
                raise doc.error(("extends", i), f"'extends' forms a cycle: {cycle}")
            visit(target, (*trail, path))
        seen.add(path)
        chain.append(raw)

    for ref in refs:
        visit(resolve(ref, None), ())
    return chain


def _merged_settings(chain: list[_Raw], vocabularies: list[Path]) -> tuple[Settings, list[Path], list[Path]]:
    """The chain's settings, a later pack's value replacing an earlier one's; the user dictionaries
    and vocabulary files they name (which must exist) after the plugins' vocabularies; plan cues
    checked as regular expressions."""
    # (made here, not at import: only compiling a pack needs the model's schema built)
    settings = Settings(negation_cues=[], plan_cues=[], not_done_roles=[], user_dictionary=[], vocabulary=[])
    user_dicts: list[Path] = []
    vocab_files = list(vocabularies)
    for raw in chain:
        for key, value in raw.spec.settings:
            if value is not None:
                setattr(settings, key, value)
        for key, found in (("user_dictionary", user_dicts), ("vocabulary", vocab_files)):
            for i, rel in enumerate(getattr(raw.spec.settings, key) or []):
                file = (raw.path.parent / rel).resolve()
                if not file.is_file():
                    raise raw.doc.error(("settings", key, i), f"{key.replace('_', ' ')} file '{rel}' does not exist")
                if key == "user_dictionary":
                    _check_dictionary(raw, i, rel, file)
                found.append(file)
        for i, cue in enumerate(raw.spec.settings.plan_cues or []):
            try:
                check_regex(cue)
            except ValueError as exc:
                raise raw.doc.error(("settings", "plan_cues", i), str(exc)) from None
    return settings, user_dicts, vocab_files


def _check_dictionary(raw: _Raw, i: int, rel: str, file: Path) -> None:
    """A jieba user dictionary is UTF-8 text (jieba itself would fail deep inside, or read a
    GBK file as garbage words): refused here with the pack's line."""
    where = ("settings", "user_dictionary", i)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise raw.doc.error(where, f"user dictionary '{rel}' cannot be read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise raw.doc.error(where, f"user dictionary '{rel}' is not UTF-8 text") from None
    if "\x00" in text:
        raise raw.doc.error(where, f"user dictionary '{rel}' is not a text file") from None


def _vocabulary(chain: list[_Raw], vocab_files: list[Path]) -> Vocabulary:
    """The section vocabulary, its role table made now (so it is kept with the compiled pack and so
    are its patterns' programs); every ``not_done_roles`` entry must name one of its roles."""
    vocabulary = load_vocabulary(vocab_files)
    vocabulary.table()
    for raw in chain:
        for i, role in enumerate(raw.spec.settings.not_done_roles or []):
            if role not in vocabulary.roles:
                raise raw.doc.error(("settings", "not_done_roles", i), f"unknown section role '{role}'")
    return vocabulary


def _compile_rules(chain: list[_Raw], index: PhraseIndex, check_types: dict[str, type[Check]],
                   vocabulary: Vocabulary) -> dict[str, CompiledRule]:
    """Every rule of the chain compiled (its phrases added to ``index``), by code, in order; each
    pack's ``overrides`` applied to the rules before it. A code defined twice is an error."""
    rules: dict[str, CompiledRule] = {}
    for raw in chain:
        bases = {}
        for other in chain:  # bases of a pack and of everything it extends
            bases.update(other.spec.bases)
            if other is raw:
                break
        for i, data in enumerate(raw.spec.rules):
            rule = _compile_rule(raw, i, data, bases, index, check_types, vocabulary)
            if rule.code in rules:
                raise raw.doc.error(("rules", i, "code"),
                                    f"duplicate rule code {rule.code} (use 'overrides' to change an inherited rule)")
            rules[rule.code] = rule
        _apply_overrides(raw, rules)
    return rules


def _apply_overrides(raw: _Raw, rules: dict[str, CompiledRule]) -> None:
    for code, override in raw.spec.overrides.items():
        if code not in rules:
            raise raw.doc.error(("overrides", code), f"override for unknown rule code {code}")
        spec = rules[code].spec.model_copy()
        for key, value in override:
            if value is not None:  # keep validated models (e.g. Applicability), not dicts
                setattr(spec, key, value)
        rules[code].spec = spec
        rules[code].check.rule = spec


def _compile_rule(raw: _Raw, i: int, data: dict[str, Any], bases: dict[str, BasisSpec], index: PhraseIndex,
                  check_types: dict[str, type[Check]], vocabulary: Vocabulary) -> CompiledRule:
    doc = raw.doc
    loc = ("rules", i)
    if not isinstance(data, dict):
        raise doc.error(loc, "a rule is a mapping of keys")
    spec: RuleSpec = doc.validate(RuleSpec, data, base=loc)
    check_cls = check_types.get(spec.check)
    if check_cls is None:
        known = ", ".join(sorted(check_types))
        raise doc.error((*loc, "check"), f"unknown check type '{spec.check}' (known: {known})")
    params = doc.validate(check_cls.Params, spec.check_params(), base=loc)
    if spec.scope.startswith("section:") and spec.scope.split(":", 1)[1] not in vocabulary.roles:
        raise doc.error((*loc, "scope"), f"unknown section role in scope '{spec.scope}'")
    role = getattr(params, "role", None)
    if isinstance(role, str) and role not in vocabulary.roles:
        raise doc.error((*loc, "role"), f"unknown section role '{role}'")
    basis: list[Basis] = []
    for j, b in enumerate(spec.basis):
        if isinstance(b, str):
            if b not in bases:
                raise doc.error((*loc, "basis", j), f"unknown basis '{b}' (define it under 'bases')")
            basis.append(bases[b].to_basis())
        else:
            basis.append(b.to_basis())
    return CompiledRule(spec=spec, check=check_cls(spec, params, index), basis=basis, file=str(raw.path),
                        line=doc.line_of(loc))


def run_pack_examples(pack: RulePack, chain: list[_Raw], run_rule: RuleRunner, only: set[str] | None = None) -> None:
    """Each rule's ``examples.pass`` must pass and each ``examples.fail`` must not (for the rules
    whose codes are in ``only``, when given), each run by ``run_rule``."""
    docs = {str(r.path): r.doc for r in chain}
    for rule in pack.rules:
        if only is not None and rule.code not in only:
            continue
        doc = docs[rule.file]
        rule_index = next(i for i, d in enumerate(_rules_of(doc)) if d.get("code") == rule.code)
        for kind, texts in (("pass", rule.spec.examples.pass_), ("fail", rule.spec.examples.fail)):
            for j, text in enumerate(texts):
                outcome = run_rule(pack, rule, text, name=f"{rule.file}:{rule.code}")
                ok = outcome.status is Status.passed if kind == "pass" else outcome.status in (
                    Status.failed, Status.partial)
                if not ok:
                    raise doc.error(("rules", rule_index, "examples", kind, j),
                                    f"{rule.code}: '{kind}' example gives {outcome.status.value} ({outcome.message})")


def _rules_of(doc: LocatedYaml) -> list[dict[str, Any]]:
    return [r if isinstance(r, dict) else {} for r in doc.data.get("rules", [])]
