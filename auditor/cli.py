"""The ``audit`` command: the only place that prints or chooses an exit code.

Exit codes: 0 every report passed the gate; 1 at least one report failed it; 2 the audit could
not be done (bad usage, bad rule pack, a report that cannot be read or has no text).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from . import __version__
from .api import Auditor, load_rules
from .errors import AuditorError
from .models import Severity
from .plugins.manager import make_plugins
from .report.json_format import json_schema_text

EXIT_OK, EXIT_GATE_FAILED, EXIT_ERROR = 0, 1, 2
COMMANDS = ("check", "rules", "rule", "schema", "plugins")
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, no usage dump
        raise AuditorError(f"{message} (see 'audit --help')")


def _codes(value: str) -> list[str]:
    return [c.strip() for c in value.split(",") if c.strip()]


def build_parser(formats: Sequence[str]) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="audit",
        description="Audit 法治政府建设年度报告 against rule packs.",
        epilog="Commands: audit [check] PATH... | audit rules | audit rule CODE | audit schema | audit plugins. "
               "Exit codes: 0 gate passed, 1 gate failed, 2 could not audit.",
    )
    parser.add_argument("--version", action="version", version=f"auditor {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    def pack_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("-r", "--rules", action="append", metavar="PACK",
                       help="rule pack name or YAML path (repeatable; default: default)")
        p.add_argument("--select", type=_codes, metavar="CODES",
                       help="only these rule codes or prefixes (comma-separated)")
        p.add_argument("--ignore", type=_codes, metavar="CODES", help="skip these rule codes or prefixes")

    check = sub.add_parser("check", help="audit report files or folders (the default command)")
    check.add_argument("paths", nargs="+", metavar="PATH")
    pack_options(check)
    check.add_argument("--fail-on", choices=[s.value for s in Severity], default="error",
                       help="lowest finding severity that fails the gate (default: error)")
    check.add_argument("--fail-under", type=float, metavar="SCORE", help="fail the gate when the score is below SCORE")
    check.add_argument("-f", "--format", choices=list(formats), default="table", help="output format (default: table)")
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto")

    rules = sub.add_parser("rules", help="list the rules of a pack")
    pack_options(rules)
    rule = sub.add_parser("rule", help="show one rule's documentation")
    rule.add_argument("code")
    rule.add_argument("-r", "--rules", action="append", metavar="PACK")
    sub.add_parser("schema", help="print the JSON Schema of --format json")
    sub.add_parser("plugins", help="list loaded plugins")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    if (args and args[0] not in COMMANDS and not args[0].startswith("-")) or (
            args and args[0].startswith("-") and args[0] not in ("-h", "--help", "--version")):
        args.insert(0, "check")
    try:
        plugins = make_plugins()
        for name, why in plugins.failed.items():
            print(f"audit: warning: plugin '{name}' was not loaded: {why}", file=sys.stderr)
        formats = {k: v for d in plugins.hook.auditor_output_formats() for k, v in d.items()}
        parser = build_parser(sorted(formats))
        if not args:
            parser.print_help()
            return EXIT_ERROR
        ns = parser.parse_args(args)
        if ns.command == "check":
            return _check(ns, plugins, formats)
        if ns.command == "rules":
            return _rules(ns, plugins)
        if ns.command == "rule":
            return _rule(ns, plugins)
        if ns.command == "schema":
            sys.stdout.write(json_schema_text())
            return EXIT_OK
        if ns.command == "plugins":
            for name in plugins.loaded:
                print(f"loaded  {name}")
            for name, why in plugins.failed.items():
                print(f"failed  {name}: {why}")
            return EXIT_OK
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
    auditor = Auditor(ns.rules, fail_on=ns.fail_on, fail_under=ns.fail_under, select=ns.select,
                      ignore=ns.ignore, plugins=plugins)
    run = auditor.run(ns.paths)
    for r in run.reports:
        if not r.evaluated:
            print(f"audit: error: {r.path}: {r.problem}", file=sys.stderr)
    if any(r.evaluated for r in run.reports):
        color = ns.color == "always" or (ns.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
        sys.stdout.write(formats[ns.format](color=color).render(run))
        sys.stdout.flush()
    if any(r.verdict == "unevaluated" for r in run.reports):
        return EXIT_ERROR
    return EXIT_GATE_FAILED if any(r.verdict == "fail" for r in run.reports) else EXIT_OK


def _rules(ns: argparse.Namespace, plugins) -> int:
    from tabulate import tabulate

    pack = load_rules(*(ns.rules or []), select=ns.select, ignore=ns.ignore, plugins=plugins)
    rows = [[r.code, SEVERITY_LABELS[r.spec.severity.value], f"{r.spec.weight:g}", r.spec.check, r.spec.scope,
             r.spec.title] for r in pack.rules]
    print(f"{pack.title}（{pack.name} {pack.version}，{len(rows)}条规则）")
    print(tabulate(rows, headers=["代码", "级别", "权重", "检查类型", "范围", "要求"], tablefmt="simple"))
    return EXIT_OK


def _rule(ns: argparse.Namespace, plugins) -> int:
    pack = load_rules(*(ns.rules or []), plugins=plugins)
    rule = pack.rule(ns.code)
    spec = rule.spec
    out = [f"{spec.code} {spec.title}", ""]
    applies = []
    if spec.applies_to.kinds:
        applies.append("报告类型：" + "、".join(spec.applies_to.kinds))
    if spec.applies_to.years:
        y = spec.applies_to.years
        applies.append(f"年度：{y.min or ''}–{y.max or ''}")
    partial = spec.partial_severity.value if spec.partial_severity else None
    out.append(f"级别：{SEVERITY_LABELS[spec.severity.value]}"
               + (f"（部分符合时：{SEVERITY_LABELS[partial]}）" if partial else "")
               + f"  权重：{spec.weight:g}  检查类型：{spec.check}  范围：{spec.scope}"
               + (f"  适用：{'；'.join(applies)}" if applies else "  适用：全部报告"))
    out += ["", "要求", "  " + (spec.description or spec.title)]
    out += ["", "依据"] + [f"  {b.cite()}" + (f"  {b.url}" if b.url else "") + (f"（{b.note}）" if b.note else "")
                         for b in rule.basis]
    out += ["", "修改建议", f"  {spec.suggestion}"]
    if spec.examples.pass_ or spec.examples.fail:
        out += ["", "示例"]
        for label, texts in (("符合", spec.examples.pass_), ("不符合", spec.examples.fail)):
            for t in texts:
                body = t.strip().replace("\n", "\n      ")
                out.append(f"  {label}：{body}")
    out += ["", f"来源：{rule.file}:{rule.line}"]
    print("\n".join(out))
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
