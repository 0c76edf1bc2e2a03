"""How a model string splits into provider and model, under a dialect's conventions."""

from __future__ import annotations

from typing import NamedTuple
from enum import Enum

from ..catalog import infer_providers
from . import Conventions


class ModelForm(str, Enum):
    QUALIFIED = "qualified"  # provider:model
    BARE = "bare"  # no provider at all
    MALFORMED = "malformed"


class ParsedModel(NamedTuple):
    form: ModelForm
    text: str
    provider: str | None = None
    model: str = ""
    # Where the provider prefix sits inside ``text``.
    provider_start: int = 0
    provider_end: int = 0
    problem: str | None = None  # why a malformed string is malformed
    corrected: str | None = None  # the evident correct spelling, if any
    # For a bare name: the providers whose model families match it.
    candidates: tuple[str, ...] = ()


def parse_model(text: str, conventions: Conventions) -> ParsedModel:
    separator = conventions.model_separator
    if not text.strip():
        return ParsedModel(ModelForm.MALFORMED, text, problem="the model string is empty")
    if separator in text:
        return _split_qualified(text, conventions)
    if separator == ":" and "/" in text:
        return _slash_form(text, conventions)
    return _bare(text, conventions)


def _split_qualified(text: str, conventions: Conventions) -> ParsedModel:
    separator = conventions.model_separator
    prefix, _, model = text.partition(separator)
    if conventions.dotted_ids_are_bedrock and "." in prefix:
        return ParsedModel(ModelForm.QUALIFIED, text, "bedrock", text)
    provider = prefix.strip()
    start = len(prefix) - len(prefix.lstrip())
    if prefix != provider or model != model.strip():
        return ParsedModel(
            ModelForm.MALFORMED,
            text,
            provider or None,
            model.strip(),
            start,
            start + len(provider),
            problem=f"whitespace around '{separator}'",
            corrected=f"{provider}{separator}{model.strip()}" if provider and model.strip() else None,
        )
    if not provider:
        candidates = infer_providers(model, conventions.known_providers)
        corrected = f"{candidates[0]}{separator}{model}" if len(candidates) == 1 else None
        return ParsedModel(
            ModelForm.MALFORMED, text, None, model, problem=f"no provider before '{separator}'", corrected=corrected
        )
    if not model:
        return ParsedModel(
            ModelForm.MALFORMED, text, provider, "", 0, len(provider), problem=f"no model after '{provider}{separator}'"
        )
    if any(ch.isspace() for ch in model):
        return ParsedModel(
            ModelForm.MALFORMED, text, provider, model, 0, len(provider), problem="the model id contains whitespace"
        )
    return ParsedModel(ModelForm.QUALIFIED, text, provider, model, 0, len(provider))


def _slash_form(text: str, conventions: Conventions) -> ParsedModel:
    head, _, rest = text.strip().partition("/")
    if head.lower() in conventions.known_providers and rest:
        return ParsedModel(
            ModelForm.MALFORMED,
            text,
            head.lower(),
            rest,
            problem=f"slash syntax: this format writes '{head.lower()}:{rest}'",
            corrected=f"{head.lower()}:{rest}",
        )
    candidates = infer_providers(rest, conventions.known_providers)
    corrected = f"{candidates[0]}:{rest}" if len(candidates) == 1 and rest else None
    return ParsedModel(
        ModelForm.MALFORMED,
        text,
        None,
        rest,
        problem="slash syntax: this format writes models as 'provider:model'",
        corrected=corrected,
    )


def _bare(text: str, conventions: Conventions) -> ParsedModel:
    name = text.strip()
    candidates = tuple(infer_providers(name, conventions.known_providers))
    return ParsedModel(ModelForm.BARE, text, None, name, candidates=candidates)
