"""The stylesheet and script inlined in every ``--format html`` page.

They are constants, never built from a report: the page's Content-Security-Policy allows exactly
these two blocks by their SHA-256 hashes, so injected markup could neither run nor restyle the page.
The script reads only ``data-`` attributes and binds its handlers with ``addEventListener``.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape


def _e(value: object) -> str:
    """Text or attribute value from anywhere: always escaped, quotes included."""
    return escape(str(value), quote=True)


def _digest(text: str) -> str:
    """A block's hash as a Content-Security-Policy source (every HTML page allows its own by these)."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"

CSS = """
:root { --err: #b3261e; --err-bg: #fde7e4; --warn: #8a5a00; --warn-bg: #fff1c7; --info: #1d5fa8;
  --info-bg: #e3efff; --ev: #2e7d32; --ev-bg: #e4f4e5; --line: #d0d4da; --muted: #5b6470; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.7 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  "WenQuanYi Micro Hei", sans-serif; color: #1c2024; background: #f6f7f9; }
main { max-width: 1180px; margin: 0 auto; padding: 16px 20px 48px; }
h1 { font-size: 22px; margin: 8px 0 4px; } h2 { font-size: 18px; margin: 24px 0 8px; }
h3 { font-size: 16px; margin: 16px 0 6px; }
a { color: #174ea6; }
.muted { color: var(--muted); }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 12px 0; }
.report { margin-bottom: 40px; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
.meta dt { color: var(--muted); } .meta dd { margin: 0; }
.score { font-size: 28px; font-weight: 700; }
.verdict { display: inline-block; white-space: nowrap; padding: 0 10px; border-radius: 12px; font-weight: 700;
  margin-left: 8px; }
.verdict.v-pass { background: var(--ev-bg); color: var(--ev); }
.verdict.v-fail { background: var(--err-bg); color: var(--err); }
.verdict.v-unevaluated { background: #eceff3; color: var(--muted); }
table.groups { border-collapse: collapse; margin-top: 8px; }
table.groups td { padding: 1px 8px 1px 0; white-space: nowrap; }
svg.bar { width: 220px; height: 10px; display: block; }
svg.bar .track { fill: #e6e8ec; } svg.bar .fill { fill: #3b7bd8; }
svg.bar .fill.low { fill: var(--err); } svg.bar .fill.mid { fill: #d39b00; }
.filters { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; }
.filters fieldset { border: 0; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 4px 12px; }
.filters legend { float: left; margin-right: 8px; color: var(--muted); }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(280px, 2fr); gap: 16px; align-items: start; }
.doc { white-space: pre-wrap; word-break: break-all; line-height: 1.9; max-height: 80vh; overflow: auto; }
.side { max-height: 80vh; overflow: auto; position: sticky; top: 8px; }
mark { background: none; color: inherit; border-radius: 2px; padding: 1px 0; }
mark[data-show="error"] { background: var(--err-bg); border-bottom: 3px solid var(--err); }
mark[data-show="warning"] { background: var(--warn-bg); border-bottom: 2px dashed var(--warn); }
mark[data-show="info"] { background: var(--info-bg); border-bottom: 2px dotted var(--info); }
mark[data-show="ev"] { background: var(--ev-bg); border-bottom: 1px solid var(--ev); }
mark[data-codes]:not([data-codes=""])::after { content: "〔" attr(data-codes) "〕"; font-size: 11px;
  vertical-align: super; color: var(--muted); }
mark.flash { outline: 3px solid #174ea6; outline-offset: 1px; }
ol.findings, ul.missing, ul.rules { list-style: none; padding: 0; margin: 0; }
ol.findings li { border-left: 4px solid var(--line); padding: 4px 8px; margin: 6px 0; background: #fff; }
ol.findings li[hidden], ul.rules li[hidden] { display: none; }
li.sev-error { border-left-color: var(--err) !important; } li.sev-warning { border-left-color: #d39b00 !important; }
li.sev-info { border-left-color: var(--info) !important; }
.badge { display: inline-block; font-size: 12px; padding: 0 6px; border-radius: 9px; margin-right: 4px; }
.badge.sev-error { background: var(--err-bg); color: var(--err); }
.badge.sev-warning { background: var(--warn-bg); color: var(--warn); }
.badge.sev-info { background: var(--info-bg); color: var(--info); }
.quote { color: var(--muted); font-size: 13px; }
a.jump { text-decoration: none; color: inherit; display: block; }
a.jump:hover .msg, a.jump:focus .msg { text-decoration: underline; }
ul.missing li { padding: 6px 0; border-bottom: 1px solid #eceff3; }
ul.missing .box { font-weight: 700; margin-right: 4px; }
ul.rules li { padding: 2px 0; }
.st { font-weight: 700; }
.st-pass { color: var(--ev); } .st-partial { color: #a86b00; } .st-fail { color: var(--err); }
.st-not_applicable, .st-unevaluated { color: var(--muted); }
table.matrix { border-collapse: collapse; background: #fff; font-size: 13px; }
table.matrix th, table.matrix td { border: 1px solid var(--line); padding: 3px 6px; text-align: center;
  white-space: nowrap; }
table.matrix td.name, table.matrix th.name { text-align: left; max-width: 320px; white-space: normal; }
table.matrix td.st-pass { background: #eef8ef; } table.matrix td.st-partial { background: #fff6dc; }
table.matrix td.st-fail { background: #fdecea; }
.matrix-wrap { overflow: auto; }
button.sort { font: inherit; font-weight: 700; border: 0; background: none; cursor: pointer; color: #174ea6; }
.legend span { margin-right: 14px; }
@media (max-width: 860px) {
  .layout { grid-template-columns: 1fr; }
  .side, .doc { max-height: none; position: static; }
}
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .filters, .noprint, button.sort::after { display: none !important; }
  .card { border: 0; padding: 0; margin: 6pt 0; }
  .layout { display: block; }
  .doc, .side { max-height: none; overflow: visible; position: static; }
  mark, .badge, table.matrix td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  mark.flash { outline: none; }
  ol.findings li, ul.missing li { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
  .report + .report { break-before: page; }
}
"""

JS = """
(function () {
  "use strict";
  var SEV_RANK = { error: 3, warning: 2, info: 1 };
  function words(value) { return value ? value.split(" ").filter(Boolean) : []; }
  function setupReport(report) {
    var findings = {};
    report.querySelectorAll("li.finding").forEach(function (li) {
      findings[li.dataset.f] = { li: li, sev: li.dataset.sev, grp: li.dataset.grp, code: li.dataset.code };
    });
    var marks = report.querySelectorAll("mark.m");
    function checked(kind) {
      var on = {};
      report.querySelectorAll('input[data-filter="' + kind + '"]').forEach(function (box) {
        on[box.value] = box.checked;
      });
      return on;
    }
    function apply() {
      var sevOn = checked("sev"), grpOn = checked("grp");
      function shown(f) { return sevOn[f.sev] !== false && grpOn[f.grp] !== false; }
      Object.keys(findings).forEach(function (id) { findings[id].li.hidden = !shown(findings[id]); });
      report.querySelectorAll("[data-rule-grp]").forEach(function (el) {
        el.hidden = grpOn[el.dataset.ruleGrp] === false;
      });
      marks.forEach(function (mark) {
        var worst = "", rank = 0;
        words(mark.dataset.f).forEach(function (id) {
          var f = findings[id];
          if (f && shown(f) && SEV_RANK[f.sev] > rank) { rank = SEV_RANK[f.sev]; worst = f.sev; }
        });
        if (!worst && words(mark.dataset.eg).some(function (g) { return grpOn[g] !== false; })) { worst = "ev"; }
        mark.dataset.show = worst || "none";
        mark.dataset.codes = words(mark.dataset.fend).filter(function (id) {
          return findings[id] && shown(findings[id]);
        }).map(function (id) { return findings[id].code; }).join(" ");
      });
    }
    report.querySelectorAll("input[data-filter]").forEach(function (box) {
      box.addEventListener("change", apply);
    });
    report.querySelectorAll("a.jump, a.to-mark").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var id = link.getAttribute("href").slice(1);
        var target = document.getElementById(id);
        if (!target) { return; }
        event.preventDefault();
        target.scrollIntoView({ block: "center" });
        var key = link.dataset.key, attr = link.dataset.attr;
        report.querySelectorAll("mark.m").forEach(function (mark) {
          var hit = words(mark.dataset[attr]).indexOf(key) >= 0;
          mark.classList.toggle("flash", hit);
        });
      });
    });
  }
  function setupMatrix(table) {
    var button = table.querySelector("button.sort");
    if (!button) { return; }
    var descending = true;
    button.addEventListener("click", function () {
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.dataset.score === "" ? null : parseFloat(a.dataset.score);
        var y = b.dataset.score === "" ? null : parseFloat(b.dataset.score);
        if (x === null && y === null) { return 0; }
        if (x === null) { return 1; }
        if (y === null) { return -1; }
        return descending ? y - x : x - y;
      });
      rows.forEach(function (row) { body.appendChild(row); });
      button.dataset.order = descending ? "desc" : "asc";
      button.textContent = descending ? "得分 ▼" : "得分 ▲";
      descending = !descending;
    });
  }
  document.querySelectorAll("section.report").forEach(setupReport);
  document.querySelectorAll("table.matrix").forEach(setupMatrix);
})();
"""
