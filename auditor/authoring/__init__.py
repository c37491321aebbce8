"""The rule-authoring kit: ``audit rules test`` (packs against annotated reports), ``audit rules
new`` (a rule skeleton) and the pack format's JSON Schema (``audit schema --pack``).

Only those commands import these modules: an audit never does.
"""
