"""The routing graph, drawn from a resolved routing table as Mermaid or Graphviz DOT.

Left to right: what picks a route (agents and the defaults, rules,
preferences), aliases, routes, models. Edges:

* an agent, the defaults, a rule or a preference to the name it gives (an
  agent that says nothing to the defaults it inherits);
* an alias to the name it points at (or the model it names);
* a route to its model; to its other models, labelled with its strategy
  (cascade steps numbered, parallel, loadbalance) or, for LiteLLM, `deployment` (a model
  group shares the load); then its fallbacks, dashed and numbered in the
  order they are tried: model fallbacks first (TokenPak, MultiRoute), then
  the routes and aliases it falls back to, as written;
* a model to its cheaper replacement while the budget degrades, dashed.

Marked: edges on a cycle (fallbacks, aliases or degradations that loop) are
red and thick with "cycle" in their label, and their nodes red; a route
nothing leads to is dashed and labelled unreachable (only when the config
picks routes itself, with agents, defaults, rules or preferences: where
clients name routes directly, as in a LiteLLM proxy, every route is reached);
a name that is not defined is a red dashed node. A legend explains the marks
that appear.

Node ids are the kind and the name with every character other than an ASCII
letter or digit written as `_hex_`, so they are valid Mermaid and DOT ids,
never keywords, and never collide. The table's order fixes the output's, so
the same table always gives the same text.
"""

from __future__ import annotations

from typing import Any, NamedTuple

Table = dict[str, Any]

# Kinds of node, in the order they are written.
KINDS = ("defaults", "agent", "rule", "preference", "alias", "route", "model", "missing")
SELECTORS = ("defaults", "agent", "rule", "preference")
# Edge kinds drawn dashed: the steps taken only when something fails, degrades or is inherited.
DASHED = ("fallback", "degrade", "inherit")
# Dialects whose routes' other models are deployments sharing the load, not fallbacks.
DEPLOYMENT_DIALECTS = frozenset({"litellm"})
RED = "#d62728"


class Node(NamedTuple):
    id: str
    kind: str
    name: str


class Edge(NamedTuple):
    source: str
    target: str
    kind: str  # pick, inherit, alias, model, member, fallback, degrade
    label: str


class Graph(NamedTuple):
    nodes: dict[str, Node]  # by id, in drawing order
    edges: list[Edge]
    looping: set[int]  # indices of the edges on a cycle
    unreachable: set[str]  # ids of the routes nothing leads to


def mermaid(table: Table, *, focus: set[str] | None = None) -> str:
    return _mermaid(_focused(build_graph(table), focus))


def dot(table: Table, *, focus: set[str] | None = None) -> str:
    return _dot(_focused(build_graph(table), focus))


def node_id(kind: str, name: str) -> str:
    """`route` and `fast-backup` -> `route_fast_2d_backup`: one id per kind and name, safe everywhere."""
    return kind + "_" + "".join(ch if ch.isascii() and ch.isalnum() else f"_{ord(ch):x}_" for ch in name)


# Building


def build_graph(table: Table) -> Graph:
    builder = _Builder(table)
    builder.selectors()
    builder.aliases()
    builder.routes()
    builder.degradations()
    nodes = builder.nodes
    order = {kind: position for position, kind in enumerate(KINDS)}
    ordered = dict(sorted(nodes.items(), key=lambda item: order[item[1].kind]))  # stable: table order within a kind
    return Graph(ordered, builder.edges, _looping(builder.edges), _unreachable(ordered, builder.edges))


class _Builder:
    def __init__(self, table: Table) -> None:
        self.table = table
        self.route_entries: dict[str, Any] = table["routes"]
        self.alias_entries: dict[str, Any] = table["aliases"]
        self.nodes: dict[str, Node] = {}
        self.edges: list[Edge] = []

    def node(self, kind: str, name: str, id: str | None = None) -> str:
        id = id or node_id(kind, name)
        self.nodes.setdefault(id, Node(id, kind, name))
        return id

    def named(self, name: str) -> str:
        """The node a name lands on: a route before an alias, as the resolver decides."""
        if name in self.route_entries:
            return self.node("route", name)
        if name in self.alias_entries:
            return self.node("alias", name)
        return self.node("missing", name)

    def edge(self, source: str, target: str, kind: str, label: str = "") -> None:
        self.edges.append(Edge(source, target, kind, label))

    def selectors(self) -> None:
        # Declared first so that routes and aliases keep the table's order, not the order they are named in.
        for name in self.alias_entries:
            self.node("alias", name)
        for name in self.route_entries:
            self.node("route", name)
        defaults = self.table.get("defaults")
        defaults_id = None
        if defaults is not None and defaults["reason"] != "none":
            defaults_id = self.node("defaults", "defaults", "agents_defaults")
            self.choice(defaults_id, defaults)
        for name, agent in self.table["agents"].items():
            source = self.node("agent", name)
            if agent["reason"].startswith("defaults (") and defaults_id is not None:
                self.edge(source, defaults_id, "inherit", "defaults")
            elif agent["reason"] != "none":
                self.choice(source, agent)
        rules = self.table.get("rules")
        if rules is not None:
            for rule in rules["match"]:
                self.edge(self.node("rule", rule["name"]), self.named(rule["route"]), "pick")
            if rules["default"] is not None:
                self.edge(self.node("rule", "no rule matches", "rules_default"), self.named(rules["default"]), "pick", "default")
        for preference in self.table.get("preferences") or ():
            source = self.node("preference", preference["name"])
            if preference["route"] is not None:
                self.edge(source, self.named(preference["route"]), "pick")

    def choice(self, source: str, entry: dict[str, Any]) -> None:
        """An agent's or the defaults' own choice: the name it gives, else its model."""
        path = entry.get("path")
        if path:
            self.edge(source, self.named(path[0]), "pick")
        elif entry.get("target") is not None:
            self.edge(source, self.node("model", entry["target"]), "pick")

    def aliases(self) -> None:
        for name, entry in self.alias_entries.items():
            path = entry["path"]
            if len(path) < 2:
                continue
            names_model = entry["route"] is None and len(path) == 2 and entry.get("target") == path[1]
            target = self.node("model", path[1]) if names_model else self.named(path[1])
            self.edge(node_id("alias", name), target, "alias")

    def routes(self) -> None:
        deployments = self.table["source"]["dialect"] in DEPLOYMENT_DIALECTS
        for name, route in self.route_entries.items():
            source = node_id("route", name)
            if route.get("target") is not None:
                self.edge(source, self.node("model", route["target"]), "model")
            strategy = route.get("strategy") or {}
            members: list[str] = strategy.get("models", [])
            step = 0
            for model in _own_models(name, route):
                if model in members:
                    self.edge(source, self.node("model", model), "member", _member_label(strategy["kind"], members, model))
                elif deployments:
                    self.edge(source, self.node("model", model), "member", "deployment")
                else:
                    step += 1
                    self.edge(source, self.node("model", model), "fallback", str(step))
            for fallback in route["fallbacks"]:
                step += 1
                self.edge(source, self.named(fallback), "fallback", str(step))

    def degradations(self) -> None:
        budget = self.table.get("budget")
        if budget is None:
            return
        threshold = budget["degrade_above_budget_pct"]
        label = "degrade" if threshold is None else f"degrade at {threshold}%"
        for before, after in budget["degrade"].items():
            self.edge(self.node("model", before), self.node("model", after), "degrade", label)


def _member_label(kind: str, members: list[str], model: str) -> str:
    """A cascade escalates in order, so its steps are numbered; parallel and loadbalance models are peers."""
    return f"cascade {members.index(model) + 1}" if kind == "cascade" else kind


def _own_models(name: str, route: dict[str, Any]) -> list[str]:
    """The route's models after its first, in the order it tries them, each once."""
    seen = {route.get("target")}
    models: list[str] = []
    for step in route["chain"]:
        if step.get("route") == name and step["target"] not in seen:
            seen.add(step["target"])
            models.append(step["target"])
    return models


def _looping(edges: list[Edge]) -> set[int]:
    """The edges inside a strongly connected component that loops."""
    component, sizes = _components(edges)
    return {
        index
        for index, edge in enumerate(edges)
        if component[edge.source] == component[edge.target]
        and (edge.source == edge.target or sizes[component[edge.source]] > 1)
    }


def _components(edges: list[Edge]) -> tuple[dict[str, int], list[int]]:
    """Tarjan's strongly connected components, without recursion: each node's component, and their sizes."""
    graph: dict[str, list[str]] = {}
    for edge in edges:
        graph.setdefault(edge.source, []).append(edge.target)
        graph.setdefault(edge.target, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    component: dict[str, int] = {}
    sizes: list[int] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = graph[node]
            if position < len(targets):
                work.append((node, position + 1))
                target = targets[position]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                sizes.append(0)
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = len(sizes) - 1
                    sizes[-1] += 1
                    if member == node:
                        break
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return component, sizes


def _unreachable(nodes: dict[str, Node], edges: list[Edge]) -> set[str]:
    """Routes that no selector or alias leads to, through aliases and fallbacks; none when nothing selects."""
    starts = [id for id, node in nodes.items() if node.kind in SELECTORS]
    if not starts:
        return set()
    following: dict[str, list[str]] = {}
    for edge in edges:
        following.setdefault(edge.source, []).append(edge.target)
    seen = set(starts) | {id for id, node in nodes.items() if node.kind == "alias"}
    pending = list(seen)
    while pending:
        for target in following.get(pending.pop(), ()):
            if target not in seen:
                seen.add(target)
                pending.append(target)
    return {id for id, node in nodes.items() if node.kind == "route" and id not in seen}


class _View(NamedTuple):
    """What is drawn: the graph's nodes and edges, or the part around a focus."""

    graph: Graph
    nodes: list[Node]
    edges: list[int]  # indices into graph.edges


def _focused(graph: Graph, focus: set[str] | None) -> _View:
    """With a focus: the named routes, aliases and agents, their neighbours, and the edges that touch them."""
    if focus is None:
        return _View(graph, list(graph.nodes.values()), list(range(len(graph.edges))))
    centre = {id for id, node in graph.nodes.items() if node.kind in ("route", "alias", "agent") and node.name in focus}
    kept = [index for index, edge in enumerate(graph.edges) if edge.source in centre or edge.target in centre]
    ends = centre | {end for index in kept for end in graph.edges[index][:2]}
    return _View(graph, [node for id, node in graph.nodes.items() if id in ends], kept)


def _marks(view: _View) -> tuple[set[str], set[str], set[str]]:
    """The drawn nodes on a cycle, unreachable, and undefined."""
    graph = view.graph
    looping = {end for index in view.edges if index in graph.looping for end in graph.edges[index][:2]}
    drawn = {node.id for node in view.nodes}
    missing = {node.id for node in view.nodes if node.kind == "missing"}
    return looping & drawn, graph.unreachable & drawn, missing


def _label_lines(node: Node, unreachable: set[str]) -> list[str]:
    name = node.name or '""'  # an empty model string: Mermaid has no empty parallelogram
    if node.kind == "missing":
        return [name, "(undefined)"]
    if node.id in unreachable:
        return [name, "(unreachable)"]
    return [name]


def _edge_label(view: _View, index: int) -> str:
    edge = view.graph.edges[index]
    if index not in view.graph.looping:
        return edge.label
    return f"{edge.label} (cycle)" if edge.label else "cycle"


LEGEND = {
    "cycle": "red and thick: a cycle (fallbacks, aliases or degradations that loop)",
    "unreachable": "dashed: a route that no agent, alias, rule, default or fallback leads to",
    "missing": "red and dashed: a name that is not defined",
}


def _legend(looping: set[str], unreachable: set[str], missing: set[str]) -> list[str]:
    return [mark for mark, found in (("cycle", looping), ("unreachable", unreachable), ("missing", missing)) if found]


# Mermaid

MERMAID_SHAPES = {
    "defaults": ('(["', '"])'),
    "agent": ('(["', '"])'),
    "rule": ('{{"', '"}}'),
    "preference": ('{{"', '"}}'),
    "alias": ('("', '")'),
    "route": ('["', '"]'),
    "model": ('[/"', '"/]'),
    "missing": ('["', '"]'),
}
MERMAID_CLASSES = {
    "selector": "fill:#e8f1fb,stroke:#3b6ea5,color:#1d3557",
    "rule": "fill:#fdf3e1,stroke:#c98a1b,color:#5c3d00",
    "alias": "fill:#f3f3f3,stroke:#777777,color:#333333",
    "route": "fill:#e6f4ea,stroke:#2e7d32,color:#1b4d20",
    "model": "fill:#ffffff,stroke:#555555,color:#333333",
    "cycle": f"fill:#fdecea,stroke:{RED},stroke-width:3px,color:{RED}",
    "unreachable": "fill:#f5f5f5,stroke:#888888,stroke-dasharray:5 5,color:#777777",
    "missing": f"fill:#fdecea,stroke:{RED},stroke-dasharray:5 5,color:{RED}",
}
KIND_CLASSES = {"defaults": "selector", "agent": "selector", "rule": "rule", "preference": "rule", "alias": "alias", "route": "route", "model": "model"}
# Characters that mean something inside a quoted Mermaid label, as its entity codes.
MERMAID_ENTITIES = {'"': "#quot;", "#": "#35;", "&": "#amp;", "<": "#lt;", ">": "#gt;", "%": "#37;", "`": "#96;"}


def _mermaid_text(text: str) -> str:
    return "".join(MERMAID_ENTITIES.get(ch, " " if ch.isspace() else ch) for ch in text)


def _mermaid(view: _View) -> str:
    looping, unreachable, missing = _marks(view)
    lines = ["flowchart LR"]
    classes: dict[str, list[str]] = {}
    for node in view.nodes:
        opening, closing = MERMAID_SHAPES[node.kind]
        label = "<br/>".join(_mermaid_text(line) for line in _label_lines(node, unreachable))
        lines.append(f"  {node.id}{opening}{label}{closing}")
        mark = _node_mark(node.id, looping, unreachable, missing) or KIND_CLASSES[node.kind]
        classes.setdefault(mark, []).append(node.id)
    red: list[str] = []
    for position, index in enumerate(view.edges):
        edge = view.graph.edges[index]
        arrow = "-.->" if edge.kind in DASHED else "-->"
        label = _edge_label(view, index)
        lines.append(f"  {edge.source} {arrow}{f'|{_quoted(label)}|' if label else ''} {edge.target}")
        if index in view.graph.looping:
            red.append(str(position))
    marks = _legend(looping, unreachable, missing)
    if marks:
        lines.append('  subgraph legend ["legend"]')
        for mark in marks:
            lines.append(f"    legend_{mark}[{_quoted(LEGEND[mark])}]")
            classes.setdefault(mark, []).append(f"legend_{mark}")
        lines.append("  end")
    for name, members in sorted(classes.items(), key=lambda item: list(MERMAID_CLASSES).index(item[0])):
        lines.append(f"  classDef {name} {MERMAID_CLASSES[name]}")
        lines.append(f"  class {','.join(members)} {name}")
    if red:
        lines.append(f"  linkStyle {','.join(red)} stroke:{RED},stroke-width:3px,color:{RED}")
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return f'"{_mermaid_text(text)}"'


def _node_mark(id: str, looping: set[str], unreachable: set[str], missing: set[str]) -> str | None:
    for mark, found in (("missing", missing), ("cycle", looping), ("unreachable", unreachable)):
        if id in found:
            return mark
    return None


# Graphviz DOT

SELECTOR_LOOK = {"shape": "oval", "fillcolor": "#e8f1fb", "color": "#3b6ea5"}
RULE_LOOK = {"shape": "hexagon", "fillcolor": "#fdf3e1", "color": "#c98a1b"}
DOT_LOOKS = {
    "defaults": SELECTOR_LOOK,
    "agent": SELECTOR_LOOK,
    "rule": RULE_LOOK,
    "preference": RULE_LOOK,
    "alias": {"shape": "box", "style": "filled,rounded", "fillcolor": "#f3f3f3", "color": "#777777"},
    "route": {"shape": "box", "fillcolor": "#e6f4ea", "color": "#2e7d32"},
    "model": {"shape": "parallelogram", "fillcolor": "#ffffff", "color": "#555555"},
    "missing": {"shape": "box"},
}
DOT_MARKS = {
    "cycle": {"fillcolor": "#fdecea", "color": RED, "fontcolor": RED, "penwidth": "3"},
    "unreachable": {"style": "filled,dashed", "fillcolor": "#f5f5f5", "color": "#888888", "fontcolor": "#777777"},
    "missing": {"style": "filled,dashed", "fillcolor": "#fdecea", "color": RED, "fontcolor": RED},
}


def _dot_text(text: str) -> str:
    """A DOT string's content: backslashes and quotes escaped, so `\\n` and friends stay literal."""
    return "".join({"\\": "\\\\", '"': '\\"'}.get(ch, " " if ch.isspace() else ch) for ch in text)


def _dot(view: _View) -> str:
    looping, unreachable, missing = _marks(view)
    lines = [
        "digraph routing {",
        "  rankdir=LR;",
        '  node [fontname="Helvetica", fontsize=11, style=filled];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for node in view.nodes:
        label = "\\n".join(_dot_text(line) for line in _label_lines(node, unreachable))
        mark = _node_mark(node.id, looping, unreachable, missing)
        look = {**DOT_LOOKS[node.kind], **(DOT_MARKS[mark] if mark is not None else {})}
        lines.append(f"  {node.id} [{_dot_attributes({'label': label, **look})}];")
    for index in view.edges:
        edge = view.graph.edges[index]
        attributes = _dot_edge(view, index)
        lines.append(f"  {edge.source} -> {edge.target}{f' [{attributes}]' if attributes else ''};")
    marks = _legend(looping, unreachable, missing)
    if marks:
        lines += ["  subgraph cluster_legend {", '    label="legend";', '    color="#bbbbbb";']
        for mark in marks:
            look = {"label": _dot_text(LEGEND[mark]), "shape": "box", **DOT_MARKS[mark]}
            lines.append(f"    legend_{mark} [{_dot_attributes(look)}];")
        lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_edge(view: _View, index: int) -> str:
    edge = view.graph.edges[index]
    label = _edge_label(view, index)
    attributes = {"label": _dot_text(label)} if label else {}
    if edge.kind in DASHED:
        attributes["style"] = "dashed"
    if index in view.graph.looping:
        attributes.update(color=RED, fontcolor=RED, penwidth="3")
    return _dot_attributes(attributes)


def _dot_attributes(attributes: dict[str, str]) -> str:
    """`key="value", ...`: every value quoted (already escaped), so none needs thought."""
    return ", ".join(f'{key}="{value}"' for key, value in attributes.items())
