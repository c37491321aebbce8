"""The ``audit`` command: the only place that prints or chooses an exit code.

Exit codes: 0 every report passed the gate; 1 at least one report failed it; 2 the audit could
not be done (bad usage, bad rule pack, a report that cannot be read or has no text).
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ._version import __version__
from .errors import AuditorError

# Everything else is imported by the command that needs it: ``--version`` and ``--help`` must not
# pay for pydantic models, rule packs, readers or jieba.

EXIT_OK, EXIT_GATE_FAILED, EXIT_ERROR = 0, 1, 2
NOTHING_TO_AUDIT = "audit: warning: every file given is excluded (--exclude, the configuration's exclude or the " \
                   "default README/CHANGELOG/LICENSE excludes); nothing audited"
COMMANDS = ("check", "check-rules", "rules", "rule", "schema", "plugins", "eval", "compare", "serve")
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, no usage dump
        raise AuditorError(f"{message} (see 'audit --help')")


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number of at least 1")
    return number


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not (0 < number < float("inf")):  # (nan fails this too)
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of seconds above 0")
    return number


def _codes(value: str) -> list[str]:
    return [c.strip() for c in value.split(",") if c.strip()]


def build_parser(formats: Sequence[str], command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with ``command``, only that command's sub-parser (each one costs
    argparse and gettext work at every start, and a run uses one), else all (for ``--help``)."""
    parser = _Parser(
        prog="audit",
        description="Audit 法治政府建设年度报告 against rule packs.",
        epilog="Commands: audit [check] PATH... | audit rules | audit rule CODE | audit eval LABELS | "
               "audit schema | audit plugins. Pack authors: audit rules test DIR | audit rules new CODE | "
               "audit schema --pack. "
               "Exit codes: 0 gate passed, 1 gate failed, 2 could not audit.",
    )
    parser.add_argument("--version", action="version", version=f"auditor {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name, add in _COMMAND_PARSERS.items():
        if command is None or command == name:
            add(sub, formats)
    return parser


def _pack_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("-r", "--rules", action="append", metavar="PACK",
                   help="rule pack name or YAML path (repeatable; default: default)")
    p.add_argument("--select", type=_codes, metavar="CODES",
                   help="only these rule codes or prefixes (comma-separated)")
    p.add_argument("--ignore", type=_codes, metavar="CODES", help="skip these rule codes or prefixes")


def _add_check_parser(sub, formats: Sequence[str]) -> None:
    check = sub.add_parser("check", help="audit report files or folders (the default command)")
    check.add_argument("paths", nargs="+", metavar="PATH")
    _pack_options(check)
    check.add_argument("--extend-select", type=_codes, metavar="CODES",
                       help="add rule codes or prefixes to the selection")
    check.add_argument("--preview", action="store_true",
                       help="also run the rules marked 'preview: true' (new rules on trial)")
    check.add_argument("--profile", choices=["auto", "department", "government", "town", "joint"],
                       help="report kind to assume instead of detecting it (default: auto)")
    check.add_argument("--fail-on", choices=list(SEVERITY_LABELS),  # the values of models.Severity
                       help="lowest finding severity that fails the gate (default: error)")
    check.add_argument("--fail-under", type=float, metavar="SCORE", help="fail the gate when the score is below SCORE")
    check.add_argument("--exit-zero", action="store_true",
                       help="exit 0 even when the gate fails (still 2 when a report cannot be audited)")
    check.add_argument("-f", "--format", choices=list(formats), default="table", help="output format (default: table)")
    check.add_argument("-o", "--output", action="append", default=[], metavar="FORMAT=PATH",
                       help="also write FORMAT to PATH (repeatable), e.g. --output sarif=audit.sarif; "
                            "html=DIR/ writes a page per report and an index")
    check.add_argument("--annotate", nargs="?", const="", metavar="PATH",
                       help="write a copy of the .docx report with the findings as Word comments "
                            "(default: NAME.审查意见.docx beside it)")
    check.add_argument("--annotate-author", metavar="NAME",
                       help="author of the comments (default: 法治政府建设年度报告审查)")
    check.add_argument("--force", action="store_true", help="let --annotate overwrite an existing file")
    check.add_argument("--scoring", metavar="SCHEME",
                       help="add an evaluator's score sheet per report and a ranking: a scheme name "
                            "(e.g. example-scheme) or a YAML path (README: Score sheets)")
    check.add_argument("--config", type=Path, metavar="FILE", help="use this configuration file for every report")
    check.add_argument("--isolated", action="store_true", help="ignore configuration files")
    check.add_argument("--exclude", action="append", default=[], metavar="PATTERN",
                       help="skip files matching PATTERN (gitignore style, relative to the working directory)")
    check.add_argument("--include", action="append", default=[], metavar="PATTERN",
                       help="also pick up files matching PATTERN in folders")
    check.add_argument("--force-exclude", action="store_true",
                       help="apply excludes to files named on the command line too (for pre-commit)")
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                       help="colour the table: auto = only on a terminal and when NO_COLOR is not set")
    check.add_argument("-q", "--quiet", action="store_true",
                       help="print only one summary line per report (file, organisation, score, verdict); "
                            "the exit code is unchanged")
    check.add_argument("--stdin-filename", metavar="NAME",
                       help="with PATH '-' (the report text on standard input): the name shown in the output "
                            "and used to find the configuration")
    check.add_argument("-j", "--jobs", type=_positive_int, default=os.cpu_count() or 1, metavar="N",
                       help="audit folders in N worker processes (default: number of cores; 1 = in this process)")
    check.add_argument("--timeout", type=_seconds, default=300.0, metavar="SECONDS",
                       help="with --jobs > 1, a report not audited within SECONDS is reported unevaluated "
                            "(default: 300)")
    check.add_argument("--previous", metavar="PATH",
                       help="also compare the report with last year's report PATH (see 'audit compare')")
    check.add_argument("--compare-years", action="store_true",
                       help="compare each report with the same organisation's report of the year before "
                            "among those audited (paired by metadata, or the configuration's 'previous')")
    check.add_argument("--baseline", type=Path, metavar="FILE",
                       help="fail only on findings not recorded in FILE (written by --write-baseline)")
    check.add_argument("--write-baseline", type=Path, metavar="FILE",
                       help="record every finding of this run in FILE, for --baseline")


def _add_rules_parser(sub, _formats: Sequence[str]) -> None:
    rules = sub.add_parser(
        "rules", help="list the rules of a pack; 'rules test' and 'rules new' for pack authors",
        description="List the rules of a pack (audit rules [-r PACK]), test packs against annotated reports "
                    "(audit rules test DIR) or print a new rule's skeleton (audit rules new CODE --check TYPE).",
        epilog="audit rules test exits 0 when every expectation and example holds, 1 on any mismatch, "
               "2 for unusable input (a bad expectations file, pack or report).")
    _pack_options(rules)
    rules.add_argument("-f", "--format", choices=["table", "markdown"], default="table",
                       help="table (default) or a Markdown table (the README's rule table)")
    kit = rules.add_subparsers(dest="rules_command", parser_class=_Parser, metavar="{test,new}")
    test = kit.add_parser("test", help="run packs against annotated reports and their examples (exit 1 on a mismatch)",
                          description="Audit every annotated report in DIR (a NAME.EXT.expect.yaml sidecar, or "
                                      "front matter in a .txt/.md report) and compare the rules' results with the "
                                      "expectations; run the examples of every pack used.")
    test.add_argument("folder", metavar="DIR", type=Path, help="folder of annotated reports (searched recursively)")
    test.add_argument("-r", "--rules", action="append", metavar="PACK",
                      help="rule pack name or YAML path for reports whose expectations name none "
                           "(repeatable; default: default)")
    test.add_argument("--preview", action="store_true", help="also run the rules marked 'preview: true'")
    new = kit.add_parser("new", help="print a rule skeleton with examples (or append it to a pack)",
                         description="Print a rule skeleton for CODE that loads as printed: Chinese TODO text "
                                     "where you must write, the check type's parameters and one passing and one "
                                     "failing example (adapt both).")
    new.add_argument("code", metavar="CODE", help="the new rule's code: 2–4 capitals and 3 digits, e.g. CX001")
    new.add_argument("--check", required=True, metavar="TYPE",
                     help="check type, e.g. require, near or forbid (an unknown one lists them all)")
    new.add_argument("--title", help="the requirement, in one line (default: a TODO)")
    new.add_argument("--into", type=Path, metavar="PACK.yaml",
                     help="append the rule to this pack file (refused when it has the code already)")


def _add_rule_parser(sub, _formats: Sequence[str]) -> None:
    rule = sub.add_parser("rule", help="show one rule's documentation")
    rule.add_argument("code")
    rule.add_argument("-r", "--rules", action="append", metavar="PACK")


def _add_check_rules_parser(sub, _formats: Sequence[str]) -> None:
    check_rules = sub.add_parser("check-rules", help="validate rule packs and role vocabularies (runs examples)")
    check_rules.add_argument("files", nargs="+", metavar="FILE")


def _add_compare_parser(sub, _formats: Sequence[str]) -> None:
    cmp = sub.add_parser("compare", help="compare last year's report with this year's")
    cmp.add_argument("last", metavar="LAST")
    cmp.add_argument("this", metavar="THIS")
    cmp.add_argument("-f", "--format", choices=["table", "json", "html"], default="table")
    cmp.add_argument("-o", "--output", metavar="PATH", help="write to PATH instead of standard output")


def add_serve_parser(sub, _formats: Sequence[str] = ()) -> None:
    serve = sub.add_parser("serve", help="the reviewer's desk: a web page and JSON API (extra: auditor[serve])")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=_positive_int, default=8000, help="port (default: 8000)")
    serve.add_argument("-r", "--rules", action="append", metavar="PACK",
                       help="rule pack name or YAML path, e.g. the bureau's own pack (repeatable; default: default)")
    serve.add_argument("--max-files", type=_positive_int, default=200, metavar="N",
                       help="reports per upload, zip entries included (default: 200)")
    serve.add_argument("--max-file-mb", type=_positive_int, metavar="MB",  # default: auditor.readers.sniff.MAX_BYTES
                       help="size of one report (default: 50, the size every reader refuses beyond)")
    serve.add_argument("--max-upload-mb", type=_positive_int, default=500, metavar="MB",
                       help="size of one upload, and of one zip expanded (default: 500)")
    serve.add_argument("--timeout", type=_seconds, default=300.0, metavar="SECONDS",
                       help="a report not audited within SECONDS is stopped and reported unevaluated (default: 300)")
    serve.add_argument("-j", "--jobs", type=_positive_int, default=os.cpu_count() or 1, metavar="N",
                       help="worker processes per upload, and uploads audited at once (default: number of cores)")


def _unit(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number from 0 to 1")
    return number


def add_eval_parser(sub, _formats: Sequence[str] = ()) -> None:
    ev = sub.add_parser("eval", help="measure verdicts against a labelled set (fixtures/eval/README.md)")
    ev.add_argument("labels", metavar="LABELS", help="label index YAML, e.g. fixtures/eval/labels.yaml")
    ev.add_argument("-r", "--pack", action="append", metavar="PACK",
                    help="rule pack name or YAML path (repeatable; default: default)")
    ev.add_argument("-f", "--format", choices=["table", "markdown", "json"], default="table",
                    help="output format (default: table)")
    for name, what in (("gate", "gate accuracy"), ("metadata", "any metadata field's accuracy"),
                       ("precision", "any chosen rule's precision"), ("recall", "any chosen rule's recall")):
        ev.add_argument(f"--min-{name}", type=_unit, metavar="X", help=f"exit 1 when {what} is below X (0-1)")
    ev.add_argument("--rules", type=_codes, metavar="PREFIXES", default=["FZ", "XF", "GF"],
                    help="rules the precision/recall thresholds apply to (default: FZ,XF,GF)")


# In the order ``audit --help`` lists them.
_COMMAND_PARSERS = {
    "check": _add_check_parser,
    "rules": _add_rules_parser,
    "rule": _add_rule_parser,
    "check-rules": _add_check_rules_parser,
    "schema": lambda sub, _formats: sub.add_parser(
        "schema", help="print the JSON Schema of --format json (--pack: of the rule-pack format)").add_argument(
        "--pack", action="store_true", help="the JSON Schema of rule packs (for editors), with the loaded check types"),
    "plugins": lambda sub, _formats: sub.add_parser("plugins", help="list loaded plugins"),
    "eval": add_eval_parser,
    "compare": _add_compare_parser,
    "serve": add_serve_parser,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    if (args and args[0] not in COMMANDS and not args[0].startswith("-")) or (
            args and args[0].startswith("-") and args[0] not in ("-h", "--help", "--version")):
        args.insert(0, "check")
    if args[:1] == ["--version"]:  # answered before any plugin or library is loaded
        print(f"auditor {__version__}")
        return EXIT_OK
    # pydantic looks for its own plugins (observability hooks) through importlib.metadata when it
    # builds its first model, a scan costing more than the rest of a cold start; a command-line
    # run has no use for them. A user who wants them sets the variable themselves.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if not args or args[0] in ("-h", "--help"):
        # The command list needs no plugin (each command's own --help loads them for its choices).
        parser = build_parser([])
        parser.print_help()
        return EXIT_OK if args else EXIT_ERROR
    try:
        from .plugins.manager import PLURALS, make_plugins

        plugins = make_plugins()
        for name, why in plugins.failed.items():
            print(f"audit: warning: plugin '{name}' was not loaded: {why}", file=sys.stderr)
        # `audit plugins` lists clashes rather than stopping at the first.
        formats = plugins.formats() if args[0] != "plugins" else {}
        parser = build_parser(sorted(formats), args[0] if args[0] in COMMANDS else None)
        ns = parser.parse_args(args)
        if ns.command == "check":
            return _check(ns, plugins, formats)
        if ns.command == "rules":
            return _rules(ns, plugins)
        if ns.command == "rule":
            return _rule(ns, plugins)
        if ns.command == "check-rules":
            return _check_rules(ns, plugins)
        if ns.command == "compare":
            return _compare(ns, plugins)
        if ns.command == "eval":
            return _eval(ns, plugins)
        if ns.command == "serve":
            return _serve(ns)
        if ns.command == "schema":
            if ns.pack:
                from .authoring.pack_schema import pack_schema_text

                sys.stdout.write(pack_schema_text(plugins.check_types()))
                return EXIT_OK
            from .report.json_format import json_schema_text

            sys.stdout.write(json_schema_text())
            return EXIT_OK
        if ns.command == "plugins":
            overrides, clashes = plugins.survey()
            given = plugins.contributions()
            for name in plugins.loaded:
                print(f"loaded  {name}")
                for kind, names in given.get(name, {}).items():  # what it adds, kind by kind
                    print(f"          {PLURALS[kind]}: {', '.join(names)}")
            for line in overrides:
                print(f"override  {line}")
            for name, why in plugins.failed.items():
                print(f"failed  {name}: {why}")
            for line in clashes:
                print(f"clash  {line}")
            return EXIT_ERROR if clashes else EXIT_OK
        return EXIT_ERROR
    except AuditorError as exc:
        print(f"audit: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("audit: interrupted", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as exc:  # never a traceback for users; AUDITOR_DEBUG=1 shows it
        if os.environ.get("AUDITOR_DEBUG"):
            raise
        print(f"audit: internal error: {type(exc).__name__}: {exc} (set AUDITOR_DEBUG=1 for details)",
              file=sys.stderr)
        return EXIT_ERROR


def _check(ns: argparse.Namespace, plugins, formats) -> int:
    from .batch import Batch, Overrides
    from .models import Severity

    outputs = _parse_outputs(ns.output, formats)
    _check_binary_formats(ns.format, outputs, formats)
    annotation = _annotation_target(ns, formats) if ns.annotate is not None else None
    overrides = Overrides(
        config=ns.config, isolated=ns.isolated,
        rules=tuple(ns.rules) if ns.rules else None,
        select=tuple(ns.select) if ns.select else None,
        ignore=tuple(ns.ignore) if ns.ignore else None,
        extend_select=tuple(ns.extend_select) if ns.extend_select else None,
        profile=ns.profile,
        fail_on=Severity(ns.fail_on) if ns.fail_on else None,
        fail_under=ns.fail_under,
        exclude=tuple(ns.exclude), include=tuple(ns.include), force_exclude=ns.force_exclude,
        preview=True if ns.preview else None,
    )
    batch = Batch(overrides=overrides, plugins=plugins)
    scheme = _scoring_scheme(ns.scoring) if ns.scoring else None  # a bad scheme stops before the audit
    if ns.previous and ns.compare_years:
        raise AuditorError("--previous and --compare-years cannot be combined: --previous names last year's "
                           "report of one file, --compare-years pairs the reports of a folder")
    previous = _previous(ns, batch) if ns.previous else None
    baseline = _load_baseline(ns.baseline) if ns.baseline else None
    stdin = "-" in ns.paths
    if (ns.format == "jsonl" and not outputs and annotation is None and not os.environ.get("GITHUB_STEP_SUMMARY")
            and not (ns.baseline or ns.write_baseline) and not ns.quiet and not stdin and scheme is None
            and not ns.compare_years and previous is None):
        streamed = _stream_lines(ns, batch, formats["jsonl"]())
        if streamed is not None:
            return streamed
    if stdin:
        run = _run_stdin(ns, batch)
    else:
        with _progress() as progress:
            run = batch.run(ns.paths, jobs=ns.jobs, timeout=ns.timeout, progress=progress)
    if not run.reports:  # every file named was excluded: nothing to audit is not an error (as in Ruff)
        print(NOTHING_TO_AUDIT, file=sys.stderr)
        return EXIT_OK
    if scheme is not None:  # before any output: JSON, CSV and the terminal all carry the sheets
        from .scoresheet import score_run

        scheme.check_rules(set(run.catalog), run.pack.name)
        score_run(scheme, run)
    years = _compare_years(ns, batch, run) if not stdin else None
    shown = _comparisons(run, previous, years)
    if ns.write_baseline or baseline is not None:
        _baseline(ns, batch, run, baseline)
    for r in run.reports:
        if not r.evaluated:
            print(f"audit: {'warning' if r.status == 'not_a_report' else 'error'}: {r.path}: {r.problem}",
                  file=sys.stderr)
    if run.reports and any(r.evaluated or r.status == "not_a_report" for r in run.reports):
        from .report.terminal import use_color

        color = use_color(ns.color)
        # Files first, all or nothing per file, then the terminal: a write error exits 2 cleanly.
        _refuse_overwriting_inputs(outputs, run)
        for name, target, folder in outputs:
            formatter = _with_comparisons(_with_sources(formats[name](), plugins), shown)
            if folder:  # --output html=DIR/: several files into a folder
                _write_folder(target, formatter.render_folder(run))
            else:
                _write_atomically(target, _render(formatter, run))
        stdout: str | bytes  # bytes from a binary format (xlsx)
        if ns.quiet:
            from .report.table import quiet_text

            stdout = quiet_text(run, color=color)
            if scheme is not None:  # --quiet keeps what a score sheet decides: the ranking
                stdout += _score_sheets_text(run, quiet=True)
            if shown[0]:
                print("audit: note: --quiet leaves out the comparison with last year's report", file=sys.stderr)
        else:
            stdout = _render(_with_comparisons(_with_sources(formats[ns.format](color=color), plugins), shown), run)
            stdout = _with_previous(stdout, previous, ns.format, years)
            if scheme is not None and ns.format == "table":
                assert isinstance(stdout, str)  # the table is text
                stdout += _score_sheets_text(run)
        if isinstance(stdout, bytes):  # --format xlsx to a redirected stdout
            sys.stdout.flush()
            sys.stdout.buffer.write(stdout)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(stdout)
        sys.stdout.flush()
        if os.environ.get("GITHUB_STEP_SUMMARY") and "github" in {ns.format, *(n for n, _, _ in outputs)}:
            summary = formats["markdown"]().render(run)
            with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as fh:
                fh.write(summary)
    if annotation is not None and run.reports and run.reports[0].evaluated:
        _annotate(ns, batch, run.reports[0], annotation)
    return exit_code(run, exit_zero=ns.exit_zero)


def _scoring_scheme(ref: str):
    from .scoresheet import load_scheme

    return load_scheme(ref)


def _score_sheets_text(run, *, quiet: bool = False) -> str:
    """The score sheets and ranking for the terminal; ``quiet``: only the ranking (or one total)."""
    from .report.score_sheets import render_quiet, render_run
    from .report.terminal import terminal_width

    return (render_quiet if quiet else render_run)(run, terminal_width())


def _annotation_target(ns: argparse.Namespace, formats) -> Path:
    """``--annotate``: one .docx file in, a new .docx file out; refused before the audit starts."""
    from .annotate import check_target

    if len(ns.paths) != 1:
        raise AuditorError(f"--annotate takes one .docx file, not {len(ns.paths)} paths")
    others = "for other files, --format html writes a report" if "html" in formats else None
    return check_target(Path(ns.paths[0]), Path(ns.annotate) if ns.annotate else None, force=ns.force,
                        others=others)


def _annotate(ns: argparse.Namespace, batch, result, target: Path) -> None:
    from .annotate import DEFAULT_AUTHOR, annotate_path

    task = batch.plan(ns.paths)[0]
    done = annotate_path(batch.auditor(task.effective), task.path, result, target,
                         author=ns.annotate_author if ns.annotate_author is not None else DEFAULT_AUTHOR,
                         force=ns.force)
    print(f"audit: wrote {target} ({done.comments} comments: {len(result.findings)} findings and the summary)",
          file=sys.stderr)


def _stream_lines(ns: argparse.Namespace, batch, formatter) -> int | None:
    """``--format jsonl`` alone: each result is written as soon as it (and all before it) is done
    and then dropped, so memory stays flat however many reports there are. Workers render their
    own lines. The output is the same as rendering the whole run (nothing when no report could
    be evaluated). ``None``: a configuration asks to compare years, which needs the whole run."""
    tasks = batch.plan(ns.paths)
    if not tasks:
        print(NOTHING_TO_AUDIT, file=sys.stderr)
        return EXIT_OK
    if any((c := batch.config_for(t.path)) is not None and c.value("compare_years") for t in tasks):
        return None

    # Lines travel from the workers as the UTF-8 bytes stdout writes (main() makes it UTF-8) and go
    # to its buffer: decoding each in the main process and encoding it again on writing cost almost
    # all of the main process's time per report. Any other stream gets the text.
    out = sys.stdout
    raw = getattr(out, "buffer", None)
    utf8 = getattr(formatter, "render_utf8", None)
    if raw is None or utf8 is None or os.linesep != "\n" \
            or codecs.lookup(getattr(out, "encoding", None) or "ascii").name != "utf-8":
        raw = utf8 = None

    def line(task, result) -> tuple[str, str, str | None, str | bytes]:
        run = batch.auditor(task.effective).summarise([result])
        verdict = "not_a_report" if result.status == "not_a_report" else result.verdict
        return verdict, result.path, result.problem, utf8(run) if utf8 is not None else formatter.render(run)

    held: list = []  # lines of unevaluated reports before the first evaluated one
    verdicts: list[str] = []
    if raw is not None:
        out.flush()  # (nothing is written to the text layer meanwhile)
    with _progress() as progress:
        for verdict, path, problem, text in batch.map(tasks, line, jobs=ns.jobs, timeout=ns.timeout):
            verdicts.append(verdict)
            if verdict in ("unevaluated", "not_a_report"):
                print(f"audit: {'error' if verdict == 'unevaluated' else 'warning'}: {path}: {problem}",
                      file=sys.stderr)
            if verdict != "unevaluated" or "pass" in verdicts or "fail" in verdicts:
                if raw is not None:
                    raw.write(b"".join(held) + text)
                    raw.flush()
                else:
                    out.write("".join(held) + text)
                    out.flush()
                held.clear()
            else:
                held.append(text)
            if progress is not None:
                progress(len(verdicts), len(tasks))
    if "unevaluated" in verdicts or not {"pass", "fail"} & set(verdicts):
        return EXIT_ERROR
    if "fail" in verdicts:
        return EXIT_OK if ns.exit_zero else EXIT_GATE_FAILED
    return EXIT_OK


@contextlib.contextmanager
def _progress(minimum: int = 2):
    """An in-place counter on stderr (已审查 12/40 份) when stderr is a terminal and the batch has
    at least ``minimum`` reports; nothing otherwise, so logs and pipes see only results. Written by
    hand: tqdm's import alone costs about 200 ms."""
    if not sys.stderr.isatty():
        yield None
        return
    shown = False

    def tick(done: int, total: int) -> None:
        nonlocal shown
        if total >= minimum:
            sys.stderr.write(f"\r\033[K已审查 {done}/{total} 份")
            sys.stderr.flush()
            shown = True

    try:
        yield tick
    finally:
        if shown:  # the counter leaves no trace: the results follow on a clean line
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def _serve(ns: argparse.Namespace) -> int:
    """``audit serve``: the web packages are imported here only, and their absence is one line."""
    from .serve import INSTALL_HINT, missing

    if missing() is not None:
        print(f"audit: error: {INSTALL_HINT}", file=sys.stderr)
        return EXIT_ERROR
    from .serve.run import serve

    return serve(host=ns.host, port=ns.port, rules=ns.rules or [], max_files=ns.max_files,
                 max_file_mb=ns.max_file_mb, max_upload_mb=ns.max_upload_mb, timeout=ns.timeout, jobs=ns.jobs)


def _eval(ns: argparse.Namespace, plugins) -> int:
    """Evaluation ignores configuration files: the labels fix what is expected of the pack."""
    from .api import Auditor
    from .evaluation import Thresholds, evaluate, render

    thresholds = Thresholds(gate=ns.min_gate, metadata=ns.min_metadata, precision=ns.min_precision,
                            recall=ns.min_recall, rules=ns.rules)
    evaluation = evaluate(ns.labels, Auditor(ns.pack or None, fail_on="error", plugins=plugins), thresholds)
    sys.stdout.write(render(evaluation, ns.format))
    sys.stdout.flush()
    if evaluation.misses:
        print("audit: eval below thresholds: " + "; ".join(
            f"{m.measure} {m.value:.3f} < {m.minimum:g}" for m in evaluation.misses), file=sys.stderr)
        return EXIT_GATE_FAILED
    return EXIT_OK


def _compare(ns: argparse.Namespace, plugins) -> int:
    from .api import Auditor
    from .compare.command import compare_files, render

    text = render(compare_files(Auditor(plugins=plugins), ns.last, ns.this), ns.format)
    if ns.output:
        _write_atomically(Path(ns.output), text)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _previous(ns: argparse.Namespace, batch):
    """``--previous``: last year's report compared before the audit runs, so a bad file stops it."""
    from .compare.command import compare_files, previous_target

    previous_target(ns.paths)
    tasks = batch.plan(ns.paths)
    return compare_files(batch.auditor(tasks[0].effective), ns.previous, ns.paths[0]) if tasks else None


def _with_previous(stdout, previous, fmt: str, years=None):
    if fmt not in ("table", "json"):
        return stdout
    if years is not None:
        from .compare.command import with_years

        return with_years(stdout, years, fmt)
    if previous is None:
        return stdout
    from .compare.command import with_previous

    return with_previous(stdout, previous, fmt)


def _compare_years(ns: argparse.Namespace, batch, run):
    """``--compare-years`` (or ``compare-years: true`` in a report's configuration): every pair's
    comparison, one stderr line per report left uncompared. A configuration that maps ``previous``
    files while comparing is off says so once: it never turns comparing on by itself."""
    asked: set[str] = set()
    idle: dict[str, None] = {}
    for r in run.reports:
        config = batch.config_for(Path(r.path))
        if ns.compare_years or (config is not None and config.value("compare_years")):
            asked.add(r.path)
        elif config is not None and config.value("previous"):
            idle[str(config.path)] = None
    for path in idle:
        print(f"audit: note: {path}: 'previous' pairs reports only when comparing years (--compare-years or "
              "compare-years: true); nothing compared", file=sys.stderr)
    if not asked:
        return None
    from .compare.command import compare_years

    years = compare_years(batch, run, asked)
    for n in years.not_compared:
        print(f"audit: note: {n.path}: {n.reason}", file=sys.stderr)
    return years


def _comparisons(run, previous, years) -> tuple[dict, dict]:
    """What a format can show: this year's report path -> its comparison, and -> why it has none."""
    if previous is not None and run.reports:
        return {run.reports[0].path: previous}, {}
    if years is not None:
        return {c.this.path: c for c in years.comparisons}, {n.path: n.reason for n in years.not_compared}
    return {}, {}


def _with_sources(formatter, plugins):
    """Formats that show a report's text (``html``) read it again through the reader plugins."""
    if hasattr(formatter, "read_source"):
        formatter.read_source = plugins.read
    return formatter


def _with_comparisons(formatter, shown: tuple[dict, dict]):
    """Formats that show comparisons (``html``) get them; the others are noted once on stderr."""
    if not (shown[0] or shown[1]):
        return formatter
    if hasattr(formatter, "comparisons"):
        formatter.comparisons, formatter.not_compared = shown
    elif formatter.name not in ("table", "json"):
        print(f"audit: note: the {formatter.name} format cannot show the comparison with last year's report; "
              "it is shown by --format table, json or html and by --output html=PATH", file=sys.stderr)
    return formatter


def _load_baseline(path: Path):
    from .baseline import load

    return load(path)


def _baseline(ns: argparse.Namespace, batch, run, baseline) -> None:
    """``--write-baseline`` records every finding; ``--baseline`` then drops the recorded ones."""
    from .baseline import apply, build, dumps
    from .models import GateSettings

    if ns.write_baseline:
        _write_atomically(ns.write_baseline, dumps(build(run, ns.write_baseline.parent)))
        print(f"audit: wrote baseline {ns.write_baseline}", file=sys.stderr)
    if baseline is not None:
        gates = {str(t.path): GateSettings(fail_on=t.effective.fail_on, fail_under=t.effective.fail_under)
                 for t in batch.plan(ns.paths)}
        known = apply(run, baseline, ns.baseline.parent, gates)
        print(f"audit: baseline {ns.baseline}: {known} known findings not shown", file=sys.stderr)


def exit_code(run, *, exit_zero: bool = False) -> int:
    """2 if any report could not be audited; else 1 if any failed the gate (0 with --exit-zero).
    A file that is not a report (``status: not_a_report``) is skipped with a warning: it counts
    only when nothing else was audited (2: nothing evaluated)."""
    reports = [r for r in run.reports if r.status != "not_a_report"]
    if not reports or any(r.verdict == "unevaluated" for r in reports):
        return EXIT_ERROR
    if any(r.verdict == "fail" for r in reports):
        return EXIT_OK if exit_zero else EXIT_GATE_FAILED
    return EXIT_OK


def _run_stdin(ns: argparse.Namespace, batch):
    """``audit -``: the report text on standard input (bytes sniffed like a .txt file, or read as
    the type ``--stdin-filename`` names), audited with the configuration found for that name."""
    import tempfile

    if ns.paths != ["-"]:
        raise AuditorError("'-' (the report on standard input) cannot be combined with other paths")
    name = ns.stdin_filename or "-"
    shown = Path(name) if ns.stdin_filename else Path.cwd() / "stdin.txt"
    data = sys.stdin.buffer.read()
    eff, waivers = batch.effective(shown, batch.config_for(shown))
    auditor = batch.auditor(eff)
    with tempfile.TemporaryDirectory(prefix="audit-stdin-") as folder:
        path = Path(folder) / ("stdin" + (shown.suffix.lower() or ".txt"))
        path.write_bytes(data)
        result = auditor.audit_path(path, waivers=waivers)
    result.path = name
    return auditor.summarise([result])


def _parse_outputs(specs: list[str], formats) -> list[tuple[str, Path, bool]]:
    """(format, target, whether the target is a folder); a folder is a target ending in a slash or
    an existing folder, for formats that write folders (``--output html=DIR/``)."""
    outputs = []
    for spec in specs:
        name, sep, target = spec.partition("=")
        if not sep or not target:
            raise AuditorError(f"--output takes FORMAT=PATH, got '{spec}'")
        if name not in formats:
            raise AuditorError(f"--output: unknown format '{name}' (known: {', '.join(sorted(formats))})")
        path = Path(target)
        folder = target.endswith(("/", os.sep)) or path.is_dir()
        if folder and not formats[name].folder:
            raise AuditorError(f"--output: '{target}' is a folder")
        if not path.parent.exists():
            raise AuditorError(f"--output: folder '{path.parent}' does not exist")
        if not folder and path.exists() and not path.is_file():
            # A device, FIFO or socket: the write is renamed into place, which would replace the
            # special file itself (as root, /dev/full became a JSON file); nothing is written there.
            raise AuditorError(f"--output: '{target}' is not a regular file")
        outputs.append((name, path, folder))
    return outputs


def _refuse_overwriting_inputs(outputs: list[tuple[str, Path, bool]], run) -> None:
    """The auditor never modifies the files it reads: an --output that names one of them is refused
    before anything is written."""
    if not outputs:
        return
    from .paths import resolved

    inputs = {resolved(r.path) for r in run.reports if r.path != "<stdin>"}
    for _name, target, folder in outputs:
        if not folder and resolved(target) in inputs:
            raise AuditorError(f"--output: '{target}' is a report being audited "
                               "(the auditor never overwrites its input)")


def _write_folder(folder: Path, files: dict[str, str]) -> None:
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise AuditorError(f"cannot create folder {folder}: {exc.strerror or exc}") from None
    for name, text in files.items():
        _write_atomically(folder / name, text)


def _check_binary_formats(stdout_format: str, outputs: list[tuple[str, Path, bool]], formats) -> None:
    """Before the audit: a binary format (xlsx) is never written to a terminal, and its optional
    library must be installed; both refused in one line."""
    for name in {stdout_format, *(n for n, _, _ in outputs)}:
        if getattr(formats[name], "binary", False):
            if name == stdout_format and sys.stdout.isatty():
                raise AuditorError(f"--format {name} writes a binary file, not text for a terminal: "
                                   f"use --output {name}=PATH (or redirect standard output to a file)")
            formats[name].check_available()


def _render(formatter, run) -> str | bytes:
    return formatter.render_bytes(run) if getattr(formatter, "binary", False) else formatter.render(run)


def _write_atomically(path: Path, content: str | bytes) -> None:
    """Into a temporary file beside ``path``, then renamed over it: a reader never sees half a file,
    and a failed write leaves any earlier file as it was."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if isinstance(content, bytes):
            tmp.write_bytes(content)
        else:
            tmp.write_text(content, encoding="utf-8", newline="")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise AuditorError(f"cannot write {path}: {exc.strerror or exc}") from None


def _check_rules(ns: argparse.Namespace, plugins) -> int:
    """Each file is a rule pack (``pack:``) or a role vocabulary (``roles:``); one line each."""
    from .api import load_rules
    from .parse import load_vocabulary
    from .yamlpos import load_located

    worst = EXIT_OK
    for name in ns.files:
        path = Path(name)
        try:
            data = load_located(path).data
            if isinstance(data, dict) and "roles" in data and "pack" not in data:
                load_vocabulary([path])
                print(f"{path}: ok (role vocabulary)")
            elif isinstance(data, dict) and "pack" in data:
                pack = load_rules(str(path), plugins=plugins, run_examples=True)
                print(f"{path}: ok ({len(pack.rules)} rules, examples passed)")
            else:
                raise AuditorError("is neither a rule pack ('pack:') nor a role vocabulary ('roles:')", path=path)
        except AuditorError as exc:
            print(f"audit: error: {exc}", file=sys.stderr)
            worst = EXIT_ERROR
    return worst


def _rules_test(ns: argparse.Namespace, plugins) -> int:
    """``audit rules test DIR``: 0 every expectation and example holds, 1 some does not."""
    from .authoring.diff import render
    from .authoring.runner import run_folder

    run = run_folder(ns.folder, ns.rules, plugins=plugins, preview=ns.preview)
    sys.stdout.write(render(run))
    return EXIT_GATE_FAILED if run.failed else EXIT_OK


def _rules_new(ns: argparse.Namespace, plugins) -> int:
    """``audit rules new CODE --check TYPE``: the skeleton on stdout, or appended with ``--into``."""
    from .authoring.scaffold import append_to_pack, skeleton

    rule = skeleton(ns.code, ns.check, plugins.check_types(), ns.title)
    if ns.into is None:
        sys.stdout.write(rule)
        return EXIT_OK
    from .api import load_rules

    append_to_pack(ns.into, rule, ns.code, lambda path: load_rules(str(path), plugins=plugins, run_examples=True))
    print(f"audit: added {ns.code.upper()} to {ns.into}; fill in the TODO text and adapt the examples", file=sys.stderr)
    return EXIT_OK


def _rules(ns: argparse.Namespace, plugins) -> int:
    if ns.rules_command == "test":
        return _rules_test(ns, plugins)
    if ns.rules_command == "new":
        return _rules_new(ns, plugins)
    from tabulate import tabulate

    from .api import load_rules

    # Every rule, preview ones marked (they run only with --preview).
    pack = load_rules(*(ns.rules or []), select=ns.select, ignore=ns.ignore, plugins=plugins, preview=True)
    if ns.format == "markdown":
        from .rules.catalog import rules_markdown

        print(rules_markdown(pack), end="")
        return EXIT_OK
    rows = [[r.code, SEVERITY_LABELS[r.spec.severity.value], f"{r.spec.weight:g}", r.spec.check, r.spec.scope,
             r.spec.title] for r in pack.rules]
    headers = ["代码", "级别", "权重", "检查类型", "范围", "要求"]
    if pack.preview:  # a column only when there is something to show: shipped packs have no preview rule
        for rule, row in zip(pack.rules, rows, strict=True):
            row.insert(1, "预览" if rule.code in pack.preview else "")
        headers.insert(1, "阶段")
    print(f"{pack.title}（{pack.name} {pack.version}，{len(rows)}条规则"
          + (f"，其中预览{sum(r.code in pack.preview for r in pack.rules)}条，仅在 --preview 时运行" if pack.preview
             else "") + "）")
    print(tabulate(rows, headers=headers, tablefmt="simple"))
    return EXIT_OK


def _rule(ns: argparse.Namespace, plugins) -> int:
    """A rule as a reviewer reads it, in Chinese; how it is implemented (check type, scope, file)
    only on the last line, for pack authors."""
    from .api import load_rules
    from .report.labels import group_label, kind_label, prose

    pack = load_rules(*(ns.rules or []), plugins=plugins, preview=True)
    rule = pack.rule(ns.code)
    spec = rule.spec
    out = [f"{spec.code} {spec.title}", ""]
    if spec.preview:
        out += ["预览规则：试行中，仅在 --preview（或配置 preview: true）时运行", ""]
    applies = []
    if spec.applies_to.kinds:
        applies.append("、".join(kind_label(k) + "报告" for k in spec.applies_to.kinds))
    if spec.applies_to.years:
        y = spec.applies_to.years
        applies.append(f"年度：{y.min or ''}–{y.max or ''}")
    partial = spec.partial_severity.value if spec.partial_severity else None
    out.append(f"分组：{group_label(spec.group)}  级别：{SEVERITY_LABELS[spec.severity.value]}"
               + (f"（部分符合时：{SEVERITY_LABELS[partial]}）" if partial else "")
               + f"  权重：{spec.weight:g}"
               + (f"  适用：{'；'.join(applies)}" if applies else "  适用：全部报告"))
    out += ["", "要求", "  " + prose(spec.description or spec.title)]
    out += ["", "依据"] + [f"  {b.cite()}" + (f"  {b.url}" if b.url else "")
                         + (f"（{prose(b.note)}）" if b.note else "") for b in rule.basis]
    out += ["", "修改建议", f"  {prose(spec.suggestion)}"]
    if spec.examples.pass_ or spec.examples.fail:
        out += ["", "示例"]
        for label, texts in (("符合", spec.examples.pass_), ("不符合", spec.examples.fail)):
            for t in texts:
                body = t.strip().replace("\n", "\n      ")
                out.append(f"  {label}：{body}")
    out += ["", f"规则来源：{rule.file}:{rule.line}（检查类型 {spec.check}，范围 {spec.scope}）"]
    print("\n".join(out))
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
