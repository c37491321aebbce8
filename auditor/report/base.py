"""The interface every output format implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from ..models import AuditRun


class Formatter(ABC):
    name: ClassVar[str]
    description: ClassVar[str] = ""

    def __init__(self, *, color: bool = False):
        self.color = color

    @abstractmethod
    def render(self, run: AuditRun) -> str:
        """The whole output as text (UTF-8 when written)."""
