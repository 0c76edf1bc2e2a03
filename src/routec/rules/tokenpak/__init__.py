"""Rules for TokenPak configs only (RC7xx). Each rule sets ``dialects = ("tokenpak",)``."""

from __future__ import annotations

from ..base import Rule
from .broad_keyword import BroadKeyword
from .default_route import NoDefaultRoute, ShadowedDefaultRoute
from .degradation import DegradationCycle, EarlyDegradation, UnusedDegradation
from .duplicate_keyword import DuplicateKeyword
from .fallback import FallbackIsPreferred, NoFallbackModel
from .inferred_provider import InferredProvider
from .route_name_reused import RouteNameReused

RULES: tuple[Rule, ...] = (
    BroadKeyword(),
    DuplicateKeyword(),
    NoDefaultRoute(),
    ShadowedDefaultRoute(),
    RouteNameReused(),
    NoFallbackModel(),
    FallbackIsPreferred(),
    InferredProvider(),
    DegradationCycle(),
    EarlyDegradation(),
    UnusedDegradation(),
)
