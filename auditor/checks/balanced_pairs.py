"""balanced_pairs: paired punctuation (《》 “” （） 【】) closes within each paragraph."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..matching.chars import offsets_of
from ..models import Span, Status
from ..normalize import fold_phrase
from .base import Check, CheckContext, Draft, Outcome


class BalancedParams(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    # Written as in reports; ASCII and full-width brackets are folded to the same form.
    pairs: list[str] = Field(default_factory=lambda: ["《》", "“”", "（）", "【】", "‘’"])

    @field_validator("pairs")
    @classmethod
    def _two_chars(cls, value: list[str]) -> list[str]:
        for pair in value:
            if len(pair) != 2 or pair[0] == pair[1]:
                raise ValueError(f"a pair is two different characters, got {pair!r}")
        return value


class BalancedPairs(Check):
    name = "balanced_pairs"
    Params = BalancedParams
    description = "成对标点须在同一段内配对"
    params: BalancedParams

    def __init__(self, *args):
        super().__init__(*args)
        folded = [fold_phrase(p) for p in self.params.pairs]
        self.opening = {p[0]: p[1] for p in folded}
        self.closing = {p[1]: p[0] for p in folded}
        self._marks = ("".join(self.opening) + "".join(self.closing)).replace("\n", "")  # a line end only ends a line

    def run(self, ctx: CheckContext) -> Outcome:
        text = ctx.doc.text
        opening, closing = self.opening, self.closing
        drafts: list[Draft] = []
        stack: list[tuple[str, int]] = []
        last = 0
        # Only the marks themselves are visited (a C-speed scan skips the rest); a line end between
        # two marks closes the line (paragraph) for pairs still open.
        for at in offsets_of(text, self._marks):
            ch = text[at]
            if stack and text.find("\n", last, at) != -1:
                drafts.extend(_unclosed(o, opening[o], a) for o, a in stack)
                stack = []
            last = at
            if ch in opening:
                stack.append((ch, at))
            elif stack and stack[-1][0] == closing[ch]:
                stack.pop()
            elif any(o == closing[ch] for o, _ in stack):
                # Close the matching opener; whatever was opened after it is unclosed.
                while stack and stack[-1][0] != closing[ch]:
                    o, a = stack.pop()
                    drafts.append(_unclosed(o, opening[o], a))
                stack.pop()
            else:
                drafts.append(Draft(message=f"“{ch}”没有对应的“{closing[ch]}”",
                                    span=Span(start=at, end=at + 1)))
        drafts.extend(_unclosed(o, self.opening[o], a) for o, a in stack)
        drafts.sort(key=lambda d: d.span.start if d.span else 0)
        if not drafts:
            return Outcome(status=Status.passed, credit=1, message="成对标点均已配对")
        return Outcome(status=Status.failed, credit=0, findings=drafts, message=f"{len(drafts)}处成对标点未配对")


def _unclosed(opener: str, closer: str, at: int) -> Draft:
    return Draft(message=f"“{opener}”没有对应的“{closer}”", span=Span(start=at, end=at + 1))
