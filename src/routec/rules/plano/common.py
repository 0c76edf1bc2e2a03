"""What several Plano rules share: the dialect's data and how to point back at an earlier definition."""

from __future__ import annotations

from ...diagnostics import Fix, Related
from ...dialects.base import string_at
from ...dialects.plano import PlanoData, plano_data
from ...suggest import suggest
from ...syntax import Node, Scalar
from ..base import Context, advice, did_you_mean, quoted_list, replacement


def data(ctx: Context) -> PlanoData:
    assert ctx.config is not None
    return plano_data(ctx.config)


def line_of(ctx: Context, node: Node) -> int:
    return ctx.source.position(node.start).line


def earlier(node: Node, message: str) -> tuple[Related, ...]:
    return (Related(node.start, node.end, message),)


def unknown_id_fix(ctx: Context, written: Scalar, known: list[str], what: str, section: str) -> tuple[str, Fix]:
    """A note naming the closest known id (with a fix to it), else the known ids.

    ``what`` names the kind in the plural ("agents and filters"); ``section`` is where to declare one.
    """
    close = suggest(str(written.value), known)
    if close:
        edit = ctx.replace_value(written, close[0])
        return did_you_mean(close), replacement(f"replace with '{close[0]}'", edit, safe=False)
    if not known:
        return f"no {what} are declared", advice(f"declare it under `{section}`")
    return f"declared {what}: {quoted_list(sorted(known))}", advice(
        f"use a declared id, or declare this one under `{section}`"
    )


def served_ids(plano: PlanoData) -> list[str]:
    """Agents and filters with a URL Plano can turn into a cluster (scheme and host)."""
    from urllib.parse import urlparse  # only when a prompt target or the orchestrator needs it

    found: list[str] = []
    for named in plano.named:
        url = string_at(named.node, "url")
        if url is None:
            continue
        try:
            parsed = urlparse(str(url.value))
            usable = bool(parsed.scheme and parsed.hostname)
        except ValueError:
            usable = False
        if usable:
            found.append(str(named.id.value))
    return found
