"""The routing-pattern rules (RC4xx) beyond their cases: soundness against the router, portability against node."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import time

import pytest

from routec.check import check_bytes, check_text
from routec.ir import Config
from routec.routing import compile_rules, select
from routec.rules.patterns.common import unique_preferences
from routec.rules.patterns.failover_revisit import Chains
from routec.rules.patterns.invalid_regex import compile_error
from routec.rules.patterns.portability import problems
from routec.rules.patterns.shadowing import analyse, runs
from routec.rules.patterns.words import name_words, related_stems, stem

from .conftest import ROOT

VOCABULARY = ["python", "rust", "java", "machine", "learning", "deep", "data", "go"]


def lowered(text: str) -> Config:
    config = check_text(text, "rules.yaml").config
    assert config is not None
    return config


def random_rules(rng: random.Random, count: int) -> str:
    lines = ["routes:", "  a: {model: 'ollama:llama3'}", "rules:", "  default: a", "  match:"]
    for index in range(count):
        kind = rng.random()
        priority = rng.choice([0, 0, 0, 1, 2])
        if kind < 0.8:
            keywords = [" ".join(rng.sample(VOCABULARY, rng.choice([1, 1, 2]))) for _ in range(rng.randint(1, 3))]
            matcher = f"keywords: [{', '.join(keywords)}]"
        elif kind < 0.9:
            matcher = f"regex: '{rng.choice(['py', 'ja(va)?', 'rust'])}'"
        else:
            matcher = f"intent: {rng.choice(['code', 'ml'])}"
        lines.append(f"    - {{name: r{index}, {matcher}, route: a, priority: {priority}}}")
    return "\n".join(lines) + "\n"


def test_a_shadowed_rule_is_never_selected() -> None:
    """RC401 is sound: over random rule sets and texts, the router never picks a rule it calls shadowed."""
    rng = random.Random(401)
    reported = 0
    for _ in range(150):
        config = lowered(random_rules(rng, rng.randint(2, 8)))
        shadowed = analyse(config).shadowed
        reported += len(shadowed)
        names = {config.matchers[order].name for order in shadowed}
        rules = compile_rules(config)
        for _ in range(60):
            text = " ".join(rng.choices(VOCABULARY + ["x"], k=rng.randint(1, 5)))
            for intent in (None, "code", "ml"):
                chosen = select(rules, text, intent).match
                assert chosen is None or chosen.rule.name not in names, (text, intent, chosen.rule.name)
    assert reported > 50  # the fuzz does find shadowed rules


def test_shadowing_of_the_routing_vectors() -> None:
    """The shared vectors' shadow set: 'narrow' loses every tie to 'broad'; nothing else is shadowed."""
    config = check_bytes((ROOT / "tests" / "routing" / "shadow.yaml").read_bytes(), "shadow.yaml").config
    assert config is not None
    assert [config.matchers[order].name for order in analyse(config).shadowed] == ["narrow"]


def test_runs_are_whole_word_phrases_longest_first() -> None:
    assert runs("deep learning networks") == [
        "deep learning networks",
        "deep learning",
        "learning networks",
        "deep",
        "learning",
        "networks",
    ]


def test_shadowing_is_fast_on_thousands_of_rules() -> None:
    head = "routes:\n  a: {model: 'ollama:llama3'}\nrules:\n  default: a\n  match:\n"
    body = "".join(
        f"    - {{name: r{i}, keywords: [shared, kw{i}, common thing], route: a, priority: {i}}}\n" for i in range(5000)
    )
    config = lowered(head + body)
    started = time.perf_counter()
    analyse(config)
    assert time.perf_counter() - started < 5


def test_failover_chain_diamond_is_not_a_repeat_but_a_second_copy_is() -> None:
    diamond = "routes:\n  a: {model: 'ollama:m1', fallbacks: [b, c]}\n  b: {model: 'ollama:m2', fallbacks: [c]}\n  c: {model: 'ollama:m3'}\n"
    assert Chains(lowered(diamond)).revisits() == []
    copy = diamond + "  d: {model: 'ollama:m3', fallbacks: [a]}\n  e: {model: 'ollama:m4', fallbacks: [d]}\n"
    found = Chains(lowered(copy)).revisits()
    assert [(revisit.route, revisit.where.value) for revisit in found] == [
        ("d", "a")
    ]  # reported once, where the paths meet


def test_failover_chains_are_linear_for_long_chains() -> None:
    lines = ["routes:"] + [f"  r{i}: {{model: 'ollama:m{i % 50}', fallbacks: [r{i + 1}]}}" for i in range(20000)]
    lines.append("  r20000: {model: 'ollama:last'}")
    config = lowered("\n".join(lines) + "\n")
    started = time.perf_counter()
    found = Chains(config).revisits()
    assert time.perf_counter() - started < 10
    assert len(found) == 20000 - 50  # each route whose chain meets its own model again, 50 routes on


def test_stems_and_names() -> None:
    assert stem("equations") == stem("equation")
    assert stem("coding") == stem("code")
    assert stem("summarization") == stem("summarize") == stem("summary")
    assert stem("debugging") == "debug"
    assert related_stems(stem("math"), stem("mathematics"))
    assert not related_stems(stem("math"), stem("equations"))
    assert name_words("quadratic_equation") == ["quadratic", "equation"]
    assert name_words("codeReview-v2") == ["code", "review", "v2"]


def test_a_plano_preference_listed_per_model_counts_once() -> None:
    text = (
        "routes:\n  a: {model: 'ollama:m1'}\n  b: {model: 'ollama:m2'}\n"
        "preferences:\n  - {name: math, kind: domain, description: math problems and proofs, route: a}\n"
    )
    config = lowered(text)
    first = config.preferences[0]
    twin = type(first)(first.name, first.description, None, first.node)  # what Plano's lowering makes per model
    config.preferences.append(twin)
    assert [(preference.name.value, routes) for preference, routes in unique_preferences(config)] == [("math", {"a"})]


PORTABLE = [
    r"Traceback \(most recent call last\)|at [\w.$]+\(\w+\.java:\d+\)",
    r"(?:JIRA|GH)-\d{1,6}\b",
    r"[\w-]+\.(?:py|ts)\b|\{\{[a-z_]+\}\}|(?<=\s)\/usr\/",
    r"[\-\]\\^]",
    r"a{2,}?",
    r"\x41\u0042\0",
]
NOT_PORTABLE = [
    r"(?P<id>x)",
    r"(?i)x",
    r"\Ax\Z",
    r"a++",
    r"(?>a)",
    r"\-",
    r"\#",
    r"a{",
    r"a}",
    r"]",
    r"[]a]",
    r"a{,3}",
    r"\101",
    r"[\1]",
    r"(?=a)*",
    r"\U0001F600",
]


def node_rejects(patterns: list[str]) -> list[str | None]:
    """Each pattern's SyntaxError message from `new RegExp(pattern, "iu")`, or None when it compiles."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is needed to compare with JavaScript's RegExp")
    script = (
        "const ps = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(ps.map(p => { try { new RegExp(p, 'iu'); return null } catch (e) { return e.message } })))"
    )
    result = subprocess.run(
        [node, "-e", script], input=json.dumps(patterns), capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_portability_agrees_with_javascript() -> None:
    patterns = PORTABLE + NOT_PORTABLE
    assert all(compile_error(pattern) is None for pattern in patterns)
    for pattern, rejected in zip(patterns, node_rejects(patterns)):
        reported = any(problem.error for problem in problems(pattern))
        assert reported == (pattern in NOT_PORTABLE), pattern
        assert (rejected is not None) == reported, (pattern, rejected)


def test_portability_fuzz_finds_every_pattern_javascript_rejects() -> None:
    """Random patterns Python compiles: RC408 reports an error exactly when JavaScript (flag u) throws."""
    rng = random.Random(408)
    pieces = list("ab()[]{}^$.*+?|\\-,:#0123!<>=é ") + [
        "(?:",
        "(?=",
        "(?<=",
        "(?P<n>",
        "\\d",
        "\\w",
        "{2}",
        "{1,3}",
        "[^",
    ]
    patterns = sorted({"".join(rng.choice(pieces) for _ in range(rng.randint(1, 7))) for _ in range(6000)})
    compiled = [pattern for pattern in patterns if compile_error(pattern) is None]
    for pattern, rejected in zip(compiled, node_rejects(compiled)):
        assert any(problem.error for problem in problems(pattern)) == (rejected is not None), (pattern, rejected)


def test_every_rule_is_in_the_patterns_doc() -> None:
    from routec.rules.patterns import RULES

    doc = (ROOT / "docs" / "patterns.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"| {rule.code} | `{rule.name}` | {rule.severity} |" in doc, rule.code
