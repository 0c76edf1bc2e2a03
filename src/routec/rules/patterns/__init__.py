"""Rules about routing patterns (RC4xx): keyword/regex/intent rules, strategies, preferences, budgets.

They read the IR's matchers, strategies, preferences and budget, so they apply
to every dialect that has them (routec's own format, TokenPak's keyword routes,
Plano's routing preferences). docs/patterns.md describes them all.
"""

from __future__ import annotations

from ..base import Rule
from .bad_weights import BadWeights
from .broad_pattern import BroadPattern
from .degradation_cycle import DegradationCycle
from .description_nouns import DescriptionWithoutNouns
from .domain_preference import NoDomainPreference
from .failover_revisit import FailoverRevisitsModel
from .invalid_regex import InvalidRegex
from .no_default_route import NoDefaultRoute
from .overlapping_preferences import OverlappingPreferences
from .preference_name import PreferenceNameMismatch
from .rule_matcher import RuleMatcher
from .shadowed_rule import ShadowedRule
from .shared_keyword import SharedKeyword
from .strategy_incomplete import StrategyIncomplete
from .strategy_models import StrategyNeedsModels

RULES: tuple[Rule, ...] = (
    ShadowedRule(),
    SharedKeyword(),
    BroadPattern(),
    StrategyNeedsModels(),
    BadWeights(),
    FailoverRevisitsModel(),
    NoDefaultRoute(),
    InvalidRegex(),
    RuleMatcher(),
    PreferenceNameMismatch(),
    OverlappingPreferences(),
    DescriptionWithoutNouns(),
    NoDomainPreference(),
    DegradationCycle(),
    StrategyIncomplete(),
)
