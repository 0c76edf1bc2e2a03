"""Rules for Plano configs only (RC5xx). Each rule sets ``dialects = ("plano",)``."""

from __future__ import annotations

from ..base import Rule
from .access_key_braces import AccessKeyBraces
from .alias_target_not_model import AliasTargetNotModel
from .deprecated_syntax import DeprecatedSyntax
from .duplicate_agent_id import DuplicateAgentId
from .duplicate_model import DuplicateModel
from .duplicate_preference import DuplicatePreference
from .extra_provider_interface import ExtraProviderInterface
from .legacy_listeners_empty import LegacyListenersEmpty
from .missing_provider_setting import MissingProviderSetting
from .multiple_defaults import MultipleDefaults
from .multiple_model_listeners import MultipleModelListeners
from .no_default import NoDefault
from .orchestrator_endpoint import OrchestratorEndpoint
from .passthrough_with_key import PassthroughWithKey
from .providers_twice import ProvidersTwice
from .unknown_agent import UnknownAgent
from .unknown_endpoint import UnknownEndpoint
from .unknown_filter import UnknownFilter
from .wildcard_misuse import WildcardMisuse

RULES: tuple[Rule, ...] = (
    ProvidersTwice(),
    DeprecatedSyntax(),
    DuplicateModel(),
    WildcardMisuse(),
    MultipleDefaults(),
    NoDefault(),
    MissingProviderSetting(),
    ExtraProviderInterface(),
    DuplicatePreference(),
    AliasTargetNotModel(),
    UnknownFilter(),
    UnknownAgent(),
    DuplicateAgentId(),
    UnknownEndpoint(),
    MultipleModelListeners(),
    LegacyListenersEmpty(),
    AccessKeyBraces(),
    PassthroughWithKey(),
    OrchestratorEndpoint(),
)
