"""Where a few characters occur in a text, found by ``str.find`` instead of the regex engine.

``re.finditer("[。;!?\\n]", text)`` tests every character of the text against the class on the
engine's slow path: ~110 instructions a character, 0.29-0.36 M per corpus report for each of the
sentence-end and paired-punctuation scans (callgrind). ``str.find`` skips to the next occurrence
at memchr speed, so the cost is per occurrence (~1,000 instructions: the call parses its
arguments each time), a few hundred of them in a report. Measured and slower: ``str.split`` with
the pieces' lengths summed, and a one-character pattern's ``finditer`` per character.
"""

from __future__ import annotations


def offsets_of(text: str, chars: str) -> list[int]:
    """The offsets of every occurrence of any of ``chars`` (single characters) in ``text``,
    ascending: what ``[m.start() for m in re.finditer("[" + re.escape(chars) + "]", text)]`` gives."""
    found: list[int] = []
    add, find = found.append, text.find
    for ch in dict.fromkeys(chars):  # (a character given twice is found once)
        at = find(ch)
        while at != -1:
            add(at)
            at = find(ch, at + 1)
    found.sort()  # (each character's offsets ascend: the sort merges runs)
    return found
