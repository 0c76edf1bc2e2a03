"""TokenPak configs. (Scaffolding: the TokenPak front-end is being written; until then nothing is detected as TokenPak.)"""

from __future__ import annotations

from ..catalog import PROVIDERS
from ..ir import Config, Conventions
from ..syntax import Document, Mapping
from .base import Dialect
from .schema import Obj


class TokenPak(Dialect):
    name = "tokenpak"
    summary = "TokenPak keyword routing config"
    schema = Obj(what="a TokenPak config (a mapping)", unknown="allow", doc="TokenPak keyword routing config")
    conventions = Conventions(known_providers=frozenset(PROVIDERS), model_separator=":", yaml_version="1.2")

    def looks_like(self, document: Document, path: str) -> bool:
        return False

    def lower_mapping(self, root: Mapping, config: Config) -> None:
        return None
