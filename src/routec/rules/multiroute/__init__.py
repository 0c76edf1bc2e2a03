"""Rules for MultiRoute configs only (RC8xx). Each rule sets ``dialects = ("multiroute",)``."""

from __future__ import annotations

from ..base import Rule
from .disabled_provider import DisabledProvider
from .repeated_fallback import RepeatedFallbackModel
from .undeclared_provider import UndeclaredProvider
from .unserved_model import UnservedModel

RULES: tuple[Rule, ...] = (
    DisabledProvider(),
    UndeclaredProvider(),
    UnservedModel(),
    RepeatedFallbackModel(),
)
