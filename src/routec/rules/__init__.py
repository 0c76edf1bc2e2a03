"""The rule registry: every rule routec runs, in one place.

Adding a rule means writing its module and listing it here; the CLI, the
reporters and the language server find it through this registry.
"""

from __future__ import annotations

from .alias_cycle import AliasCycle
from .alias_shadows_route import AliasShadowsRoute
from .blanket_suppression import BlanketSuppression
from .bare_model_name import BareModelName
from .base import Context, Options, Rule
from .duplicate_key import DuplicateKey
from .env_not_set import EnvNotSet
from .fallback_cycle import FallbackCycle
from .invalid_value import InvalidValue
from .literal_secret import LiteralSecret
from .long_alias_chain import LongAliasChain
from .malformed_env_ref import MalformedEnvRef
from .malformed_model import MalformedModel
from .missing_key import MissingKey
from .provider_not_configured import ProviderNotConfigured
from .route_and_model import RouteAndModel
from .syntax_error import SyntaxError_
from .unknown_alias_target import UnknownAliasTarget
from .unknown_key import UnknownKey
from .unknown_provider import UnknownProvider
from .unknown_route import UnknownRoute
from .unused_suppression import UnusedSuppression
from .wrong_type import WrongType
from .yaml_11_scalar import Yaml11Scalar
from .litellm import RULES as LITELLM_RULES
from .patterns import RULES as PATTERN_RULES
from .multiroute import RULES as MULTIROUTE_RULES
from .plano import RULES as PLANO_RULES
from .tokenpak import RULES as TOKENPAK_RULES

RULES: tuple[Rule, ...] = (
    SyntaxError_(),
    DuplicateKey(),
    UnknownKey(),
    WrongType(),
    MissingKey(),
    InvalidValue(),
    Yaml11Scalar(),
    UnknownRoute(),
    UnknownAliasTarget(),
    AliasCycle(),
    FallbackCycle(),
    AliasShadowsRoute(),
    RouteAndModel(),
    LongAliasChain(),
    BareModelName(),
    UnknownProvider(),
    MalformedModel(),
    ProviderNotConfigured(),
    LiteralSecret(),
    EnvNotSet(),
    MalformedEnvRef(),
    *PATTERN_RULES,
    *PLANO_RULES,
    *LITELLM_RULES,
    *TOKENPAK_RULES,
    *MULTIROUTE_RULES,
    UnusedSuppression(),
    BlanketSuppression(),
)
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}

__all__ = ["BY_CODE", "RULES", "Context", "Options", "Rule"]
