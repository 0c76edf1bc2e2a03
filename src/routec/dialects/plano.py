"""Plano configs. (Scaffolding: the Plano front-end is being written; until then nothing is detected as Plano.)"""

from __future__ import annotations

from ..catalog import PROVIDERS
from ..ir import Config, Conventions
from ..syntax import Document, Mapping
from .base import Dialect
from .schema import Obj


class Plano(Dialect):
    name = "plano"
    summary = "Plano (katanemo) gateway config"
    schema = Obj(what="a Plano config (a mapping)", unknown="allow", doc="Plano (katanemo) gateway config")
    conventions = Conventions(known_providers=frozenset(PROVIDERS), model_separator="/", yaml_version="1.1")

    def looks_like(self, document: Document, path: str) -> bool:
        return False

    def lower_mapping(self, root: Mapping, config: Config) -> None:
        return None
