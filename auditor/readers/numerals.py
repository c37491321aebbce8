"""Numbers as Word's list formats show them (``w:numFmt``): 一 / 十一 / 1 / ① / 甲 / iv …"""

from __future__ import annotations

from ..numbering import HAN_DIGITS as _DIGITS  # (the one heading-marker grammar's digits)

_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TRAD_LEGAL = "零壹貳參肆伍陸柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def chinese_counting(n: int, digits: str = _DIGITS, units: str = "十百千万") -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (the 一、/（一） of Chinese documents)."""
    if n <= 0:
        return digits[0]
    if n >= 100000:
        return str(n)
    zero = "零" if digits is _DIGITS else digits[0]
    out: list[str] = []
    powers = ((10000, units[3]), (1000, units[2]), (100, units[1]), (10, units[0]), (1, ""))
    pending_zero = False
    for value, unit in powers:
        d = n // value % 10
        if d == 0:
            if out:
                pending_zero = True
            continue
        if pending_zero:
            out.append(zero)
            pending_zero = False
        out.append(digits[d] + unit)
    text = "".join(out)
    if 10 <= n < 20 and digits is _DIGITS:
        text = text[1:]  # 十一, not 一十一
    return text


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: a … z, aa … zz, aaa …
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _enclosed(n: int, first: int, last: int) -> str:
    return chr(first + n - 1) if 1 <= n <= last else str(n)


# Past these, a list number is written in decimal: a lettered list repeats its letter once per 26
# (aaaa… at 780 already), and a hostile .docx asking for letter 214,748 made 8,000 letters per
# paragraph, a quarter of a billion characters in all. Roman numerals stop at 3999 in the usual form.
MAX_LETTERED = 780
MAX_ROMAN = 3999


def format_number(n: int, fmt: str) -> str:
    """The text Word shows for the value ``n`` in list format ``fmt`` (decimal when unknown)."""
    if fmt in ("none", "bullet"):
        return ""
    if (fmt.endswith("Letter") and not 1 <= n <= MAX_LETTERED) or (fmt.endswith("Roman") and not 1 <= n <= MAX_ROMAN):
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting"):
        return chinese_counting(n)
    if fmt == "chineseLegalSimplified":
        return chinese_counting(n, _LEGAL, "拾佰仟万")
    if fmt == "ideographLegalTraditional":
        return chinese_counting(n, _TRAD_LEGAL, "拾佰仟萬")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_DIGITS[int(d)] for d in str(max(n, 0)))
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10] if n >= 1 else str(n)
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12] if n >= 1 else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _enclosed(n, 0x2460, 20)  # ①…⑳
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, 0x2474, 20)  # ⑴…⒇
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, 0x2488, 20)  # ⒈…⒛
    if fmt == "ideographEnclosedCircle":
        return _enclosed(n, 0x3280, 10)  # ㊀…㊉
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    return str(n)
