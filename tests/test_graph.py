"""`routec graph`: the routing graph as Mermaid and DOT.

Every example's graph (all six dialects) is parsed by mermaid's own parser and
laid out by Graphviz's dot (compiled to WebAssembly), both from the npm
registry (tests/node), in one node process; the parsers must also reject a
broken diagram, so the check is real. What they read back (ids, labels,
edges) must be what routec meant to draw. Goldens pin a few graphs; a config
with every kind of loop pins the exact marking.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from routec.check import check_bytes
from routec.cli import main
from routec.emit.graph import LEGEND, build_graph, dot, mermaid, node_id
from routec.resolve import resolve
from routec.resolve.lenient import lenient_table

from .conftest import EXAMPLE_CONFIGS, NODE_TOOLS, ROOT, compare_golden

GOLDEN = ROOT / "tests" / "golden" / "graph"
CYCLE = GOLDEN / "cycle.yaml"
GOLDEN_EXAMPLES = ["routec/full.json5", "routec/strategies.yaml", "litellm/proxy.yaml", "tokenpak/model-catalog.yaml"]
README_EXAMPLE = "examples/routec/full.json5"
# Names that mean something to Mermaid or DOT: keywords, arrow letters, entity codes, comments, quotes.
AWKWARD = ["end", "graph", "subgraph", "style", "class", "default", "o", "x", "node", "edge", "strict", "a.b", "a-b",
           "openai/gpt-4o:eu", "sp ace", "ünï-cødé", "#35;", "#quot;", "a%%b", 'q"uote', "back\\slash\\n", "<b>bold</b>",
           "a&amp;b", "`tick`", "[br]", "{x}", "(p)", "|p|", "semi;colon", "-->", "a_5f_b", "a_b"]


@cache
def table_of(path: Path) -> dict[str, Any]:
    data = path.read_bytes()
    report = check_bytes(data, str(path))
    assert report.config is not None
    return resolve(report.config, path.name, data)


def cycle_table() -> dict[str, Any]:
    report = check_bytes(CYCLE.read_bytes(), str(CYCLE))
    assert report.config is not None
    return lenient_table(report.config, CYCLE.name)


def awkward_table() -> dict[str, Any]:
    """A table (as the schema allows) whose every name is awkward for Mermaid or DOT."""
    routes = {
        name: {"target": f"p:{name}", "fallbacks": [AWKWARD[(i + 1) % len(AWKWARD)]], "chain": [], "strategy": {"kind": "single"}}
        for i, name in enumerate(AWKWARD)
    }
    routes["empty"] = {"target": "", "fallbacks": [""], "chain": [], "strategy": {"kind": "single"}}  # a model and a name ''
    return {
        "source": {"file": "awkward.yaml", "dialect": "routec"},
        "routes": routes,
        "aliases": {f"alias {name}": {"route": name, "path": [f"alias {name}", name]} for name in AWKWARD},
        "defaults": {"route": "end", "reason": "defaults route", "path": ["end"], "target": "p:end"},
        "agents": {name: {"route": name, "reason": "agent route", "path": [name], "target": None} for name in AWKWARD},
        "rules": {"match": [{"name": name, "route": name} for name in AWKWARD], "default": "o"},
        "preferences": [{"name": name, "description": None, "route": name} for name in AWKWARD],
        "budget": {"degrade_above_budget_pct": 50, "degrade": {"p:end": "p:o", "p:o": "p:end"}},
    }


@cache
def graph_inputs() -> dict[str, dict[str, Any]]:
    """Name -> table for every graph the node check reads back."""
    tables = {str(path.relative_to(ROOT / "examples")): table_of(path) for path in EXAMPLE_CONFIGS}
    tables["cycle"] = cycle_table()
    tables["awkward"] = awkward_table()
    return tables


@pytest.fixture(scope="module")
def parsed(node_bin: Path) -> dict[str, dict[str, Any]]:
    """Every graph through mermaid's parser and Graphviz, plus two broken diagrams, in one node run."""
    tables = graph_inputs()
    items = [{"name": name, "mermaid": mermaid(table), "dot": dot(table)} for name, table in tables.items()]
    full = tables["routec/full.json5"]
    items.append({"name": "focus", "mermaid": mermaid(full, focus={"strong"}), "dot": dot(full, focus={"strong"})})
    items.append({"name": "empty", "mermaid": mermaid(full, focus=set()), "dot": dot(full, focus=set())})
    # Broken on purpose: an unclosed label, an unknown arrow, a link style for an edge that does not exist, a dangling edge.
    items.append({"name": "broken-label", "mermaid": 'flowchart LR\n  a["x] --> b\n', "dot": "digraph { a -> }\n"})
    items.append({"name": "broken-link", "mermaid": "flowchart LR\n  a -->> b\n", "dot": 'digraph { a [label="x] }\n'})
    items.append({"name": "broken-style", "mermaid": "flowchart LR\n  a --> b\n  linkStyle 3 stroke:red\n"})
    node = subprocess.run(
        ["node", str(NODE_TOOLS / "check_graphs.mjs")],
        input=json.dumps(items),
        capture_output=True,
        text=True,
        cwd=NODE_TOOLS,
        timeout=120,
    )
    assert node.returncode == 0, node.stderr
    return {result["name"]: result for result in json.loads(node.stdout)}


# --- every example parses, and reads back as meant -------------------------


@pytest.mark.parametrize("name", sorted(graph_inputs()))
@pytest.mark.parametrize("output", ["mermaid", "dot"])
def test_graph_parses_and_reads_back_as_drawn(parsed: dict[str, dict[str, Any]], name: str, output: str) -> None:
    result = parsed[name][output]
    assert "error" not in result, result.get("error")
    graph = build_graph(graph_inputs()[name])
    nodes = {id: lines for id, lines in result["nodes"]}
    legends = {id for id in nodes if id.startswith("legend_")}
    assert set(nodes) - legends == set(graph.nodes), "every node, and no other, with its id intact"
    for id, node in graph.nodes.items():
        assert nodes[id][0] == (node.name or '""'), f"{id}: the label shows the name exactly"
    for id in legends:
        assert nodes[id] == [LEGEND[id.removeprefix("legend_")]]
    assert [(source, target) for source, target, _ in result["edges"]] == [(e.source, e.target) for e in graph.edges]
    for (_, _, label), edge in zip(result["edges"], graph.edges):
        assert label.startswith(edge.label)


def test_every_test_config_is_drawn_however_broken() -> None:
    """The lenient table and the graph take whatever a config lowers to: cycles, unknown names, bad models."""
    drawn = 0
    for path in sorted((ROOT / "tests" / "cases").rglob("*")):
        if path.suffix not in (".yaml", ".yml", ".json5", ".json"):
            continue
        report = check_bytes(path.read_bytes(), str(path))
        if report.config is None or not report.config.lowered:
            continue
        table = lenient_table(report.config, path.name)
        assert mermaid(table).startswith("flowchart LR\n") and dot(table).endswith("}\n")
        drawn += 1
    assert drawn > 150


def test_the_examples_cover_every_dialect() -> None:
    assert {path.parent.name for path in EXAMPLE_CONFIGS} == {"routec", "carapace", "plano", "litellm", "tokenpak", "multiroute"}


def test_a_focused_graph_parses(parsed: dict[str, dict[str, Any]]) -> None:
    for output in ("mermaid", "dot"):
        assert "error" not in parsed["focus"][output]
        assert "error" not in parsed["empty"][output]
        assert parsed["empty"][output]["nodes"] == []


@pytest.mark.parametrize("name", ["broken-label", "broken-link", "broken-style"])
def test_the_parsers_reject_broken_diagrams(parsed: dict[str, dict[str, Any]], name: str) -> None:
    for output, result in parsed[name].items():
        if output != "name":
            assert "error" in result, f"{output} accepted a broken diagram"


# --- what is drawn ------------------------------------------------------------


@pytest.mark.parametrize("example", GOLDEN_EXAMPLES)
def test_golden_graphs(example: str) -> None:
    table = table_of(ROOT / "examples" / example)
    stem = example.replace("/", "-").rsplit(".", 1)[0]
    compare_golden(GOLDEN / f"{stem}.mmd", mermaid(table))
    compare_golden(GOLDEN / f"{stem}.dot", dot(table))


@pytest.mark.parametrize("path", EXAMPLE_CONFIGS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_the_lenient_table_draws_a_clean_config_as_the_resolver_does(path: Path) -> None:
    report = check_bytes(path.read_bytes(), str(path))
    assert report.config is not None
    lenient = lenient_table(report.config, path.name)
    assert mermaid(lenient) == mermaid(table_of(path))
    assert dot(lenient) == dot(table_of(path))


def test_a_cycle_is_marked_exactly() -> None:
    table = cycle_table()
    compare_golden(GOLDEN / "cycle.mmd", mermaid(table))
    compare_golden(GOLDEN / "cycle.dot", dot(table))
    lines = mermaid(table).splitlines()
    edges = [line.strip() for line in lines if re.search(r" (-->|-\.->)", line)]
    looping = [
        'alias_via -->|"cycle"| route_primary',
        'alias_loop_2d_a -->|"cycle"| alias_loop_2d_b',
        'alias_loop_2d_b -->|"cycle"| alias_loop_2d_a',
        'route_primary -.->|"1 (cycle)"| route_backup',
        'route_backup -.->|"1 (cycle)"| alias_via',
        'model_openai_3a_gpt_2d_5 -.->|"degrade at 80% (cycle)"| model_openai_3a_gpt_2d_4o_2d_mini'.replace("%", "#37;"),
        'model_openai_3a_gpt_2d_4o_2d_mini -.->|"degrade at 80% (cycle)"| model_openai_3a_gpt_2d_5'.replace("%", "#37;"),
    ]
    assert [edge for edge in edges if "cycle" in edge] == looping
    red = [str(position) for position, edge in enumerate(edges) if "cycle" in edge]
    assert f"  linkStyle {','.join(red)} stroke:#d62728,stroke-width:3px,color:#d62728" in lines
    assert "  classDef cycle fill:#fdecea,stroke:#d62728,stroke-width:3px,color:#d62728" in lines
    assert (
        "  class alias_via,alias_loop_2d_a,alias_loop_2d_b,route_primary,route_backup,"
        "model_openai_3a_gpt_2d_5,model_openai_3a_gpt_2d_4o_2d_mini,legend_cycle cycle"
    ) in lines
    assert f'    legend_cycle["{LEGEND["cycle"]}"]' in lines
    graphviz = dot(table).splitlines()
    assert '  route_primary -> route_backup [label="1 (cycle)", style="dashed", color="#d62728", fontcolor="#d62728", penwidth="3"];' in graphviz
    assert '  route_primary -> model_anthropic_3a_claude_2d_opus_2d_4_2d_6;' in graphviz  # not on the cycle: unmarked
    assert sum('penwidth="3"];' in line and "->" in line for line in graphviz) == len(looping)


def test_unreachable_routes_are_marked_only_where_the_config_picks_routes() -> None:
    carapace = mermaid(table_of(ROOT / "examples" / "carapace" / "carapace.json5"))
    assert '  route_strong["strong<br/>(unreachable)"]' in carapace
    assert "  class route_strong,legend_unreachable unreachable" in carapace
    # No agents, defaults, rules or preferences: clients name routes directly, so every route is reached.
    for example in ("routec/strategies.yaml", "litellm/proxy.yaml"):
        assert "unreachable" not in mermaid(table_of(ROOT / "examples" / example))
    # Reached through a rule, the rules' default, an alias, a fallback or an inherited default.
    for example in ("routec/classifier.yaml", "tokenpak/model-catalog.yaml", "routec/full.json5", "carapace/per-agent-route.json5"):
        assert not build_graph(table_of(ROOT / "examples" / example)).unreachable, example


def test_fallbacks_are_numbered_in_the_order_they_are_tried() -> None:
    full = mermaid(table_of(ROOT / "examples" / "routec" / "full.json5"))
    assert '  route_strong -.->|"1"| route_strong_2d_backup' in full
    assert '  route_strong -.->|"2"| route_fast' in full
    # MultiRoute's model fallbacks, in order; LiteLLM's other deployments share the load.
    multiroute = mermaid(table_of(ROOT / "examples" / "multiroute" / "models-and-providers.yaml"))
    assert '  route_chat -.->|"1"| model_google_2f_gemini_2d_2_2e_5_2d_flash' in multiroute
    assert '  route_chat -.->|"2"| model_anthropic_2f_claude_2d_3_2d_5_2d_haiku' in multiroute
    litellm = mermaid(table_of(ROOT / "examples" / "litellm" / "proxy.yaml"))
    assert '  route_gpt_2d_4o -->|"deployment"| model_azure_2f_gpt_2d_4o_2d_eu' in litellm
    assert '  route_gpt_2d_4o -.->|"1"| route_claude_2d_sonnet' in litellm


def test_focus_draws_the_named_nodes_their_neighbours_and_the_edges_that_touch_them() -> None:
    text = mermaid(table_of(ROOT / "examples" / "routec" / "full.json5"), focus={"strong"})
    assert text == (
        "flowchart LR\n"
        '  alias_reasoning("reasoning")\n'
        '  route_fast["fast"]\n'
        '  route_strong["strong"]\n'
        '  route_strong_2d_backup["strong-backup"]\n'
        '  model_anthropic_3a_claude_2d_opus_2d_4_2d_6[/"anthropic:claude-opus-4-6"/]\n'
        "  alias_reasoning --> route_strong\n"
        "  route_strong --> model_anthropic_3a_claude_2d_opus_2d_4_2d_6\n"
        '  route_strong -.->|"1"| route_strong_2d_backup\n'
        '  route_strong -.->|"2"| route_fast\n'
        "  classDef alias fill:#f3f3f3,stroke:#777777,color:#333333\n"
        "  class alias_reasoning alias\n"
        "  classDef route fill:#e6f4ea,stroke:#2e7d32,color:#1b4d20\n"
        "  class route_fast,route_strong,route_strong_2d_backup route\n"
        "  classDef model fill:#ffffff,stroke:#555555,color:#333333\n"
        "  class model_anthropic_3a_claude_2d_opus_2d_4_2d_6 model\n"
    )


@given(st.lists(st.text(min_size=1, max_size=12), min_size=2, max_size=6, unique=True))
def test_node_ids_are_safe_and_never_collide(names: list[str]) -> None:
    ids = [node_id("route", name) for name in names]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"route_[A-Za-z0-9_]*", id) for id in ids)


def test_output_is_deterministic() -> None:
    path = ROOT / "examples" / "plano" / "local-models.yaml"
    assert mermaid(table_of(path)) == mermaid(table_of(path))
    assert dot(table_of(path)) == dot(table_of(path))


# --- the command ------------------------------------------------------------------


def routec(*args: str, path: str | None = None) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ)
    if path is not None:
        environment["PATH"] = path
    return subprocess.run([sys.executable, "-m", "routec", *args], cwd=ROOT, capture_output=True, text=True, env=environment, timeout=60)


def test_graph_prints_mermaid_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", "examples/routec/basic.yaml"]) == 0
    out, err = capsys.readouterr()
    assert out == mermaid(table_of(ROOT / "examples" / "routec" / "basic.yaml"))
    assert err == ""


def test_a_config_with_a_cycle_is_drawn_and_fails() -> None:
    result = routec("graph", "--format", "dot", str(CYCLE.relative_to(ROOT)))
    assert result.returncode == 1
    assert result.stdout == (GOLDEN / "cycle.dot").read_text(encoding="utf-8")
    assert "error[RC104]: fallback cycle: primary -> backup -> primary" in result.stderr
    assert "error[RC103]: alias cycle" in result.stderr
    assert "the config has errors" in result.stderr


def test_a_config_that_does_not_parse_is_not_drawn(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("routes: [\n")
    assert main(["graph", str(broken)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "RC001" in err


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "graph.dot"
    assert main(["graph", "examples/routec/basic.yaml", "--format", "dot", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8") == dot(table_of(ROOT / "examples" / "routec" / "basic.yaml"))


def test_a_secret_in_a_model_never_reaches_the_graph(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = "sk-ant-api03-Zx8kQ2vLmN4pR7sT1uW3yA5bC6dE8fG9hJ0kL-4f2a"
    config = tmp_path / "leak.yaml"
    config.write_text(f"routes:\n  fast: {{model: 'anthropic:{secret}'}}\n")
    for output in ("mermaid", "dot"):
        main(["graph", str(config), "--format", output])
        out, _ = capsys.readouterr()
        assert "fast" in out
        # No 8 characters of it, not even in a node id (where '-' is written as _2d_).
        chunks = {secret[i : i + 8] for i in range(len(secret) - 7)}
        assert not any(chunk in out or chunk.replace("-", "_2d_") in out for chunk in chunks)


def fake_dot(directory: Path, script: str) -> str:
    program = directory / "dot"
    program.write_text("#!/bin/sh\n" + script)
    program.chmod(0o755)
    return f"{directory}{os.pathsep}{Path(sys.executable).parent}"


def test_svg_runs_graphviz_dot_on_the_path(tmp_path: Path) -> None:
    # The fake dot answers only when it is asked for SVG and given routec's DOT.
    # Shell builtins only: PATH holds nothing but the fake dot and Python.
    path = fake_dot(
        tmp_path,
        '[ "$1" = "-Tsvg" ] || exit 3\nread -r first\nwhile read -r line; do :; done\n'
        '[ "$first" = "digraph routing {" ] || exit 4\nprintf "<svg>drawn</svg>\\n"\n',
    )
    result = routec("graph", "examples/routec/basic.yaml", "--format", "svg", path=path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "<svg>drawn</svg>\n", "")
    failing = fake_dot(tmp_path, 'echo "Error: syntax error in line 1" >&2\nexit 1\n')
    result = routec("graph", "examples/routec/basic.yaml", "--format", "svg", path=failing)
    assert result.returncode == 2
    assert "routec: error: Graphviz's dot failed (exit 1): Error: syntax error in line 1" in result.stderr


def test_svg_without_graphviz_says_how_to_install_it(tmp_path: Path) -> None:
    result = routec("graph", "examples/routec/basic.yaml", "--format", "svg", path=str(Path(sys.executable).parent))
    assert result.returncode == 2
    assert result.stdout == ""
    message = result.stderr
    for advice in ("apt install graphviz", "brew install graphviz", "choco install graphviz", "--format dot"):
        assert advice in message


# --- the README's picture ---------------------------------------------------------


def test_the_readme_shows_the_current_graph_of_its_example(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Graph: `routec graph`", 1)[1].split("\n### ", 1)[0]
    assert f"routec graph {README_EXAMPLE}" in section
    block = re.findall(r"```mermaid\n(.*?)```", section, re.DOTALL)
    assert main(["graph", README_EXAMPLE]) == 0
    assert block == [capsys.readouterr().out], "regenerate the README's ```mermaid block with `routec graph`"
