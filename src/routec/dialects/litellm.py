"""LiteLLM configs. (Scaffolding: the LiteLLM front-end is being written; until then nothing is detected as LiteLLM.)"""

from __future__ import annotations

from ..catalog import PROVIDERS
from ..ir import Config, Conventions
from ..syntax import Document, Mapping
from .base import Dialect
from .schema import Obj


class LiteLLM(Dialect):
    name = "litellm"
    summary = "LiteLLM proxy config.yaml"
    schema = Obj(what="a LiteLLM config (a mapping)", unknown="allow", doc="LiteLLM proxy config.yaml")
    conventions = Conventions(known_providers=frozenset(PROVIDERS), model_separator="/", yaml_version="1.1")

    def looks_like(self, document: Document, path: str) -> bool:
        return False

    def lower_mapping(self, root: Mapping, config: Config) -> None:
        return None
