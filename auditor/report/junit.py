"""``--format junit``: a test suite per report and a test case per rule (passes included).

fail and partial → <failure>, not applicable → <skipped>, unevaluated → <error>; the score is a
suite property. Built with ElementTree so escaping is never hand-rolled.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..models import AuditResult, AuditRun, Status
from .base import Formatter


class JunitFormatter(Formatter):
    name = "junit"
    description = "JUnit XML: a suite per report, a test case per rule"
    suffix = ".xml"

    def render(self, run: AuditRun) -> str:
        root = ET.Element("testsuites", name="auditor")
        totals = {"tests": 0, "failures": 0, "skipped": 0, "errors": 0}
        for report in run.reports:
            suite = self._suite(report)
            root.append(suite)
            for key in totals:
                totals[key] += int(suite.get(key, "0"))
        for key, value in totals.items():
            root.set(key, str(value))
        ET.indent(root)
        return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"

    def _suite(self, report: AuditResult) -> ET.Element:
        path = self.relative(report.path)
        suite = ET.Element("testsuite", name=path)
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="score", value="" if report.score is None else f"{report.score:g}")
        ET.SubElement(props, "property", name="verdict", value=report.verdict)
        counts = {"tests": 0, "failures": 0, "skipped": 0, "errors": 0}
        if not report.evaluated:
            case = ET.SubElement(suite, "testcase", name="audit", classname=path)
            ET.SubElement(case, "error", message=report.problem or "unevaluated", type="unevaluated")
            counts.update(tests=1, errors=1)
        for r in report.results:
            case = ET.SubElement(suite, "testcase", name=f"{r.code} {r.title}", classname=path)
            counts["tests"] += 1
            if r.status in (Status.failed, Status.partial):
                counts["failures"] += 1
                severity = r.findings[0].severity.value if r.findings else r.severity.value
                failure = ET.SubElement(case, "failure", message=r.message, type=f"{r.status.value}:{severity}")
                lines = [f"{f.location.line}:{f.location.column} {f.message}" if f.location else f.message
                         for f in r.findings]
                if r.suggestion:
                    lines.append(f"建议：{r.suggestion}")
                failure.text = "\n".join(lines)
            elif r.status is Status.not_applicable:
                counts["skipped"] += 1
                ET.SubElement(case, "skipped", message=r.message)
            elif r.status is Status.unevaluated:
                counts["errors"] += 1
                ET.SubElement(case, "error", message=r.message, type="unevaluated")
        for key, value in counts.items():
            suite.set(key, str(value))
        return suite
