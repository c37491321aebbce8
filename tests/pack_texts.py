"""The smallest valid rule pack as text, for tests that write a pack and change one thing in it
(a header with one basis, and one require rule)."""

from __future__ import annotations

HEADER = """\
pack: t
title: 测试包
version: "1"
bases:
  b1: {title: 某规定}
rules:
"""

RULE = """\
  - code: TT001
    title: 测试规则
    basis: [b1]
    severity: error
    weight: 1
    suggestion: 补充备案情况。
    check: require
    items:
      - any: [备案]
"""
