"""`routec graph --format svg` with Graphviz's own `dot`.

routec runs whatever `dot` is on PATH as `dot -Tsvg`, the DOT on standard
input. These tests need Graphviz installed; on a Debian machine where they run
as root (CI), they install it from Debian's packages when it is missing, as
the other tests install their tools from the npm registry. Every example is
drawn: the SVG must be well-formed, have a node for every route and alias
(labelled with its name) and every edge; a config with cycles must show them
red and thick, and nothing else so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from routec.cli import main
from routec.emit.graph import LEGEND, RED, build_graph, node_id

from .conftest import EXAMPLE_CONFIGS, ROOT
from .test_graph import CYCLE, cycle_table, table_of

SVG = "{http://www.w3.org/2000/svg}"
CYCLE_FILL = "#fdecea"
INSTALL_GRAPHVIZ = ["apt-get", "install", "-y", "-q", "--no-install-recommends", "graphviz"]


def install_graphviz() -> None:
    """Graphviz from Debian's packages; the package lists are refreshed only if the install fails without."""
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run = {"env": environment, "capture_output": True, "text": True, "timeout": 600, "check": False}
    if subprocess.run(INSTALL_GRAPHVIZ, **run).returncode != 0:  # type: ignore[call-overload]
        subprocess.run(["apt-get", "update", "-q"], **run)  # type: ignore[call-overload]
        result = subprocess.run(INSTALL_GRAPHVIZ, **run)  # type: ignore[call-overload]
        assert result.returncode == 0, f"apt-get could not install graphviz:\n{result.stdout}{result.stderr}"


@pytest.fixture(scope="module")
def graphviz_dot() -> Path:
    """Graphviz's `dot` from PATH, installed first where that is this machine's to do."""
    if shutil.which("dot") is None and shutil.which("apt-get") and os.geteuid() == 0:
        install_graphviz()
    found = shutil.which("dot")
    if found is None:
        pytest.fail(
            "Graphviz's `dot` is needed for the `routec graph --format svg` tests: "
            "install Graphviz (apt-get install graphviz, brew install graphviz, ...) and run them again"
        )
    version = subprocess.run([found, "-V"], capture_output=True, text=True, timeout=60, check=False)
    assert version.returncode == 0 and "graphviz version" in version.stderr, version.stderr
    return Path(found)


@pytest.fixture(scope="module")
def graphviz_path(graphviz_dot: Path) -> str:
    """PATH with that `dot`'s directory first."""
    return f"{graphviz_dot.parent}{os.pathsep}{os.environ['PATH']}"


def svg_of(text: str) -> ET.Element:
    root = ET.fromstring(text)  # well-formed, or this raises
    assert root.tag == f"{SVG}svg"
    return root


def groups(root: ET.Element, kind: str) -> dict[str, ET.Element]:
    """Graphviz's `<g class="node">` (or edge) groups by their title: the node id, or `tail->head`."""
    found: dict[str, ET.Element] = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == kind:
            title = group.find(f"{SVG}title")
            assert title is not None and title.text is not None
            found[title.text] = group
    return found


def texts(group: ET.Element) -> list[str]:
    return [text.text or "" for text in group.iter(f"{SVG}text")]


def shapes(group: ET.Element) -> list[ET.Element]:
    """What Graphviz drew for a node or an edge: its outline (or line and arrowhead)."""
    return [shape for shape in group if shape.tag in (f"{SVG}path", f"{SVG}polygon", f"{SVG}ellipse")]


def is_marked_as_cycle(group: ET.Element) -> bool:
    """Red and thick: an edge's line and arrowhead, a node's outline."""
    drawn = shapes(group)
    return bool(drawn) and all(shape.get("stroke") == RED and shape.get("stroke-width") == "3" for shape in drawn)


def assert_draws(root: ET.Element, table: dict[str, Any]) -> None:
    graph = build_graph(table)
    nodes = groups(root, "node")
    assert {id for id in nodes if not id.startswith("legend_")} == set(graph.nodes)
    for kind, entries in (("route", "routes"), ("alias", "aliases")):
        for name in table[entries]:
            assert texts(nodes[node_id(kind, name)])[0] == name, f"the {kind} {name!r} is drawn with its name"
    edges = groups(root, "edge")
    assert set(edges) == {f"{edge.source}->{edge.target}" for edge in graph.edges}


@pytest.mark.parametrize("path", EXAMPLE_CONFIGS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_example_renders_to_svg(
    graphviz_path: str, path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", graphviz_path)
    target = tmp_path / "graph.svg"
    assert main(["graph", str(path), "--format", "svg", "-o", str(target)]) == 0
    assert capsys.readouterr() == ("", "")
    root = svg_of(target.read_text(encoding="utf-8"))
    assert_draws(root, table_of(path))
    assert not [id for id, group in groups(root, "edge").items() if is_marked_as_cycle(group)], "no cycle in an example"


def test_a_cycle_is_red_and_thick_in_the_svg(graphviz_path: str) -> None:
    environment = {**os.environ, "PATH": graphviz_path}
    result = subprocess.run(
        [sys.executable, "-m", "routec", "graph", "--format", "svg", str(CYCLE.relative_to(ROOT))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stderr  # drawn, and the config's errors reported
    assert "error[RC104]: fallback cycle" in result.stderr
    root = svg_of(result.stdout)
    table = cycle_table()
    assert_draws(root, table)
    graph = build_graph(table)
    edges = groups(root, "edge")
    looping = {f"{graph.edges[i].source}->{graph.edges[i].target}" for i in graph.looping}
    assert len(looping) == 7
    assert {id for id, group in edges.items() if is_marked_as_cycle(group)} == looping
    for id in looping:
        assert "cycle" in " ".join(texts(edges[id])), f"{id}: the label says cycle"
        assert {text.get("fill") for text in edges[id].iter(f"{SVG}text")} == {RED}
    nodes = groups(root, "node")
    on_cycle = {end for id in looping for end in id.split("->")} | {"legend_cycle"}
    red_filled = on_cycle | {"missing_nowhere", "legend_missing"}  # an undefined name is red too, but dashed, not thick
    for id, group in nodes.items():
        assert is_marked_as_cycle(group) == (id in on_cycle), id
        assert (shapes(group)[0].get("fill") == CYCLE_FILL) == (id in red_filled), id
    assert texts(nodes["legend_cycle"]) == [LEGEND["cycle"]]
