"""``audit rules new CODE --check TYPE``: a rule skeleton that loads as printed, with Chinese TODO
text where a person must write and one passing and one failing example; ``--into`` appends it to
a pack file (refused when the file already has the code)."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from ..errors import AuditorError, RulePackError, UsageError

# Each built-in check type's parameters and examples, as a working illustration to adapt.
# (YAML text, not data: the comments tell the author what to change.)
_PARAMS: dict[str, str] = {
    "require": """\
    within: paragraph                # 在同一段内查找（scope / paragraph / section）
    anchor: {label: 规范性文件, any: [规范性文件]}          # TODO：换成本条要求的主题词
    items:                           # TODO：换成须与主题同时写到的事项
      - {label: 合法性审核, any: [合法性审核]}
      - {label: 备案, any: [备案]}
""",
    "forbid": """\
    terms:                           # TODO：不应出现的写法: 建议写法
      法制宣传: 法治宣传
""",
    "count": """\
    pattern:                         # TODO：要计数的内容（省略则计汉字数）
      label: 数据
      any: [{re: '\\d+\\s*(?:件|次|场|人次)'}]
    min: 2                           # TODO：至少出现的次数
""",
    "near": """\
    within: sentence                 # 各组须写在同一句（sentence）或同一段（paragraph）
    groups:                          # TODO：换成须写在一处的几组词
      - {label: 行政复议, any: [行政复议]}
      - {label: 案件数, any: [{re: '\\d+\\s*件'}]}
""",
    "section": """\
    role: plan                       # TODO：报告的哪一部分（见 rules/roles.yaml 的 roles）
    min_han: 20                      # 该部分至少的汉字数
""",
    "metadata": """\
    field: title_organisation        # TODO：要检查的元数据字段
""",
    "consistency": """\
    relation: signature_matches_title   # TODO：plan_year 或 signature_matches_title
""",
    "dates": """\
    field: signature_date            # TODO：signature_date 或 publication_date
    format: true                     # 检查日期写法（年月日写全，月日不编虚位）
""",
    "balanced_pairs": """\
    pairs: ["《》", "“”", "（）"]     # TODO：须成对出现的标点
""",
    "either": """\
    label: 行政复议情况               # TODO：要素名称（用于提示）
    routes:                          # 满足任一途径即可
      - {check: section, role: other, min_han: 10}
      - check: near
        within: sentence
        groups:
          - {label: 行政复议, any: [行政复议]}
          - {label: 案件数, any: [{re: '\\d+\\s*件'}]}
""",
    "canon": """\
    canon: names                     # TODO：词表名称或词表文件路径
    kinds: [regulation]              # 只查这些类别的词条
""",
}

_EXAMPLES: dict[str, tuple[str, str]] = {
    "require": ("全年制定规范性文件3件，均经合法性审核，并报市司法局备案。", "全年制定规范性文件3件。"),
    "forbid": ("深入开展法治宣传教育。", "深入开展法制宣传教育。"),
    "count": ("全年办理行政复议案件12件，开展普法活动8场。", "全年依法办理行政复议案件。"),
    "near": ("全年办理行政复议案件12件。", "依法做好行政复议工作。"),
    "section": ("一、主要举措和成效\n全年制定规范性文件3件，开展执法案卷评查2次。\n"
                "二、2026年工作打算\n一是加强执法队伍建设，全年组织执法培训4次；二是开展规范性文件清理。\n",
                "一、主要举措和成效\n全年制定规范性文件3件，开展执法案卷评查2次。\n"),
    "metadata": ("青禾市生态环境局关于2025年度法治政府建设情况的报告\n2025年，我局深入推进法治政府建设。\n",
                 "2025年度法治政府建设情况报告\n2025年，我局深入推进法治政府建设。\n"),
    "consistency": ("青禾市生态环境局关于2025年度法治政府建设情况的报告\n2025年，我局深入推进法治政府建设。\n"
                    "青禾市生态环境局\n2026年2月10日\n",
                    "青禾市生态环境局关于2025年度法治政府建设情况的报告\n2025年，我局深入推进法治政府建设。\n"
                    "青禾市生态环境\n2026年2月10日\n"),
    "dates": ("2025年，我局深入推进法治政府建设。\n青禾市生态环境局\n2026年2月10日\n",
              "2025年，我局深入推进法治政府建设。\n青禾市生态环境局\n2026年02月10日\n"),
    "balanced_pairs": ("制定了《行政执法公示办法（试行）》。", "制定了行政执法公示办法（试行）》。"),
    "either": ("全年办理行政复议案件12件。", "依法做好行政复议工作。"),
    "canon": ("青禾县人民政府关于2025年度法治政府建设情况的报告\n严格执行《信访工作条例》，依法办理信访事项。\n",
              "青禾县人民政府关于2025年度法治政府建设情况的报告\n依照《信访条例》办理信访事项41件。\n"),
}

_HEADER = """\
  - code: {code}
    title: {title}
    description: TODO：用一两句话说明这条要求：报告应写什么、怎样才算写到。
    basis:
      - title: TODO：依据文件名称，如《法治政府建设与责任落实督察工作规定》
        article: TODO：条款，如第四章
    severity: warning                # error（不通过）| warning | info
    weight: 1                        # 计分权重
    suggestion: TODO：告诉起草人怎样修改，如“增加……部分，写明……”。
    check: {check}
"""


def skeleton(code: str, check: str, check_types: dict, title: str | None = None) -> str:
    """The rule as a YAML list item (indented to sit under a pack's ``rules:``)."""
    from ..models.pack import CODE

    code = code.upper()
    if not CODE.match(code):
        raise UsageError(f"'{code}' is not a rule code: 2–4 capital letters and 3 digits, e.g. CX001")
    if check not in check_types:
        raise UsageError(f"unknown check type '{check}' (known: {', '.join(sorted(check_types))})")
    text = _HEADER.format(code=code, title=_scalar(title) if title else "TODO：这条规则检查的要求（一句话）",
                          check=check)
    if check in _PARAMS:
        text += _PARAMS[check]
        good, bad = _EXAMPLES[check]
        text += "    examples:                        # TODO：换成本条规则的例子（pass 须判符合，fail 须判不符合）\n"
        text += "      pass:\n" + _block(good) + "      fail:\n" + _block(bad)
    else:  # a plugin's check type: its parameters as its model declares them
        text += _params_of(check_types[check].Params)
    return text


def _scalar(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False) if any(c in text for c in ":#{}[]&*!|>'\"%@`,") else text


def _block(text: str) -> str:
    if "\n" not in text.strip():
        return f"        - {text}\n"
    return "        - |\n" + "".join(f"          {line}\n" for line in text.strip("\n").split("\n"))


def _params_of(model: type[BaseModel]) -> str:
    lines = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        if info.is_required():
            lines.append(f"    {key}:                          # TODO：必填（{_type_name(info.annotation)}）")
        elif info.default is not PydanticUndefined and info.default is not None:
            lines.append(f"    # {key}: {info.default!r}  # 可选，默认值")
        else:
            lines.append(f"    # {key}:  # 可选")
    lines.append("    examples:                        # TODO：至少一条 pass 和一条 fail 的例子")
    lines.append("      pass: []")
    lines.append("      fail: []")
    return "\n".join(lines) + "\n"


def _type_name(annotation) -> str:
    return getattr(annotation, "__name__", None) or str(annotation).replace("typing.", "")


def append_to_pack(pack_file: Path, rule: str, code: str, load) -> None:
    """Append ``rule`` (a ``skeleton``) under the pack's ``rules:``. Refused, with the file as it
    was, when the file already defines ``code``, when ``rules`` is not the file's last key in block
    style, or when the pack with the new rule does not load (``load(path)`` raises)."""
    from ..yamlpos import load_located

    doc = load_located(pack_file)
    if not isinstance(doc.data, dict) or "pack" not in doc.data:
        raise RulePackError("is not a rule pack (no 'pack:' key)", path=pack_file, line=1)
    rules = doc.data.get("rules")
    for i, existing in enumerate(rules if isinstance(rules, list) else []):
        if isinstance(existing, dict) and str(existing.get("code", "")).upper() == code.upper():
            raise doc.error(("rules", i, "code"), f"the pack already has a rule {code.upper()}")
    text = pack_file.read_text(encoding="utf-8")
    if rules is None and "rules" not in doc.data:
        addition = "\nrules:\n" + rule
    elif list(doc.data)[-1] != "rules" or not rules or not isinstance(rules, list):
        raise doc.error(("rules",), "cannot append: 'rules' must be the pack's last key, a list written "
                                    "one item per '-' line; paste the rule yourself")
    else:
        addition = "\n" + _reindented(rule, _item_indent(text, doc.line_of(("rules", 0))))
    new_text = text + ("" if text.endswith("\n") else "\n") + addition
    trial = pack_file.with_name(f".{pack_file.stem}.{os.getpid()}.new{pack_file.suffix}")
    try:
        trial.write_text(new_text, encoding="utf-8")
        try:
            load(trial)
        except AuditorError as exc:  # (named after the pack: the trial copy is gone when this is read)
            where = f"line {exc.line} of the result: " if exc.path == str(trial) and exc.line else ""
            raise RulePackError(f"not changed: with {code.upper()} added the pack does not load ({where}{exc.message})",
                                path=pack_file) from None
        os.replace(trial, pack_file)
    finally:
        trial.unlink(missing_ok=True)


def _item_indent(text: str, line: int | None) -> int:
    if line is None:
        return 2
    row = text.splitlines()[line - 1]
    return len(row) - len(row.lstrip(" "))


def _reindented(rule: str, indent: int) -> str:
    shift = indent - 2  # the skeleton's items start at column 2
    if shift == 0:
        return rule
    lines = rule.splitlines(keepends=True)
    return "".join(" " * shift + line if shift > 0 else line[-shift:] for line in lines)
