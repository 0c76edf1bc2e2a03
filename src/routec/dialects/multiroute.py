"""MultiRoute configs. (Scaffolding: the MultiRoute front-end is being written; until then nothing is detected as MultiRoute.)"""

from __future__ import annotations

from ..catalog import PROVIDERS
from ..ir import Config, Conventions
from ..syntax import Document, Mapping
from .base import Dialect
from .schema import Obj


class MultiRoute(Dialect):
    name = "multiroute"
    summary = "MultiRoute API routing config"
    schema = Obj(what="a MultiRoute config (a mapping)", unknown="allow", doc="MultiRoute API routing config")
    conventions = Conventions(known_providers=frozenset(PROVIDERS), model_separator=":", yaml_version="1.2")

    def looks_like(self, document: Document, path: str) -> bool:
        return False

    def lower_mapping(self, root: Mapping, config: Config) -> None:
        return None
