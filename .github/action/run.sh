#!/usr/bin/env bash
# The GitHub Action's audit step (see action.yml). Inputs arrive as INPUT_* environment variables.
set -uo pipefail

args=(--format github)
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
[ -n "${INPUT_FAIL_ON:-}" ] && args+=(--fail-on "$INPUT_FAIL_ON")
[ -n "${INPUT_FAIL_UNDER:-}" ] && args+=(--fail-under "$INPUT_FAIL_UNDER")
[ -n "${INPUT_SARIF_FILE:-}" ] && args+=(--output "sarif=$INPUT_SARIF_FILE")
result_json=$(mktemp)
args+=(--output "json=$result_json")
if [ "${INPUT_SUMMARY:-true}" != "true" ]; then
  unset GITHUB_STEP_SUMMARY
fi
read -r -a paths <<< "${INPUT_PATHS:-.}"

audit "${args[@]}" -- "${paths[@]}"
code=$?

python3 - "$result_json" "$code" >> "${GITHUB_OUTPUT:-/dev/null}" <<'PY'
import json, sys
path, code = sys.argv[1], int(sys.argv[2])
try:
    reports = json.load(open(path, encoding="utf-8"))["reports"]
except (OSError, ValueError, KeyError):
    reports = []
reports = [r for r in reports if r.get("status") != "not_a_report"]  # skipped, with a warning
scores = [r["score"] for r in reports if r.get("score") is not None]
verdicts = {r["verdict"] for r in reports}
verdict = ("unevaluated" if code == 2 or "unevaluated" in verdicts or not reports
           else "fail" if "fail" in verdicts else "pass")
print(f"score={min(scores):g}" if scores else "score=")
print(f"verdict={verdict}")
PY
exit "$code"
