"""Rules for LiteLLM configs only (RC6xx). Each rule sets ``dialects = ("litellm",)``."""

from __future__ import annotations

from ..base import Rule
from .chained_alias import ChainedAlias
from .fallback_chain_too_long import FallbackChainTooLong
from .misspelled_master_key import MisspelledMasterKey
from .shadowed_setting import ShadowedSetting
from .shared_deployment import SharedDeployment
from .unresolved_env_ref import UnresolvedEnvRef

RULES: tuple[Rule, ...] = (
    MisspelledMasterKey(),
    FallbackChainTooLong(),
    SharedDeployment(),
    ChainedAlias(),
    UnresolvedEnvRef(),
    ShadowedSetting(),
)
