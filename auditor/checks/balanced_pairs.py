"""balanced_pairs: paired punctuation (《》 “” （） 【】) closes within each paragraph."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..matching.chars import offsets_of
from ..models import Span, Status
from ..normalize import fold_phrase
from .base import MAX_FINDINGS, Check, CheckContext, Draft, Outcome

# Marks open at once that a paragraph is checked for: a report nests 《“”》 two or three deep; past
# this the paragraph is reported once and left (a million “ in a row made a million findings).
MAX_DEPTH = 32
# Problems after which the check stops looking: only the first MAX_FINDINGS are listed anyway.
_ENOUGH = 10 * MAX_FINDINGS


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
        skip_to = -1  # a paragraph nested too deep is reported once and left
        gave_up = False
        # Only the marks themselves are visited (a C-speed scan skips the rest); a line end between
        # two marks closes the line (paragraph) for pairs still open.
        for at in offsets_of(text, self._marks):
            if at < skip_to:
                continue
            ch = text[at]
            if stack and text.find("\n", last, at) != -1:
                drafts.extend(_unclosed(o, opening[o], a) for o, a in stack)
                stack = []
                if len(drafts) >= _ENOUGH:
                    gave_up = True
                    break
            last = at
            if ch in opening:
                if len(stack) == MAX_DEPTH:
                    drafts.append(Draft(message=f"成对标点嵌套超过{MAX_DEPTH}层，本段其余标点未检查",
                                        span=Span(start=at, end=at + 1)))
                    stack = []
                    end = text.find("\n", at)
                    skip_to = len(text) if end == -1 else end
                else:
                    stack.append((ch, at))
                    continue
            elif stack and stack[-1][0] == closing[ch]:
                stack.pop()
                continue
            elif any(o == closing[ch] for o, _ in stack):
                # Close the matching opener; whatever was opened after it is unclosed.
                while stack and stack[-1][0] != closing[ch]:
                    o, a = stack.pop()
                    drafts.append(_unclosed(o, opening[o], a))
                stack.pop()
            else:
                drafts.append(Draft(message=f"“{ch}”没有对应的“{closing[ch]}”",
                                    span=Span(start=at, end=at + 1)))
            if len(drafts) >= _ENOUGH:  # (only after a problem: the count is then a lower bound)
                gave_up = True
                break
        if not gave_up:
            drafts.extend(_unclosed(o, self.opening[o], a) for o, a in stack)
        drafts.sort(key=lambda d: d.span.start if d.span else 0)
        if not drafts:
            return Outcome(status=Status.passed, credit=1, message="成对标点均已配对")
        count = f"至少{len(drafts)}" if gave_up else f"{len(drafts)}"
        return Outcome(status=Status.failed, credit=0, findings=drafts, message=f"{count}处成对标点未配对")


def _unclosed(opener: str, closer: str, at: int) -> Draft:
    return Draft(message=f"“{opener}”没有对应的“{closer}”", span=Span(start=at, end=at + 1))
