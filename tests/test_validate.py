"""`careerpath validate` and the loader on catalogs with many mistakes, no roles, long chains and random graphs.

A catalog author fixes everything from one report: every problem, each with its file, entry,
line and a fix. No catalog, however broken or large, ends in a traceback or a recursion limit.
"""

from __future__ import annotations

import copy
import json
import re
import tempfile
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from marshmallow import ValidationError

import skills
import skills.schemas
from api.cli import main
from skills import CatalogError, json_schema, load_catalog
from skills.graph import find_cycles

ROOT = Path(__file__).resolve().parents[1]
BROKEN = ROOT / "examples" / "broken-catalog"
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class Expected(NamedTuple):
    """A mistake of examples/broken-catalog: the report names its file and entry, says ``problem`` and points
    at the line holding ``on_line``."""

    file: str
    item: str | None
    problem: str
    on_line: str


EXPECTED = (
    Expected("skills.yaml", "skill 'sql'", "unknown module 'databases'", "module: databases"),
    Expected("skills.yaml", "skill 'sql'", "hours.2: hours must be above 0", "hours: [2, 6, 0, 30, 60]"),
    Expected("skills.yaml", "skill 'statistics'", "unknown prerequisite 'probability'", "[probability]"),
    Expected(
        "skills.yaml",
        "skill 'dashboards'",
        "prerequisite cycle: dashboards -> reporting -> forecasting -> dashboards",
        "{skill: reporting, level: 2}",
    ),
    Expected("skills.yaml", "skill 'dashboards'", "alias or name 'excel' is claimed by both", "aliases: [Excel]"),
    Expected(
        "skills.yaml",
        "skill 'forecasting'",
        "prerequisite level 9 is above the top of the catalog's scale, 0..5",
        "level: 9",
    ),
    Expected("skills.yaml", "skill 'sql'", "duplicate id, also used by skill #2 at line 8", "a second skill"),
    Expected("roles.yaml", "role 'analyst'", "skills.dashboards.level: target level 7 is above the top", "level: 7"),
    Expected("roles.yaml", "role 'analyst'", "unknown skill 'machine-learning'", "machine-learning:"),
    Expected("roles.yaml", "role 'manager'", "skills: a role needs at least one skill", "skills: {}"),
    Expected("resources.yaml", "skill 'powerpoint'", "unknown skill 'powerpoint'", "powerpoint:"),
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# ---------------------------------------------------------------------------
# One run reports every mistake
# ---------------------------------------------------------------------------


def test_one_validate_run_reports_every_mistake_with_file_line_and_fix(runner):
    result = runner.invoke(main, ["validate", str(BROKEN)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert result.stdout == "" and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == f"invalid catalog: {len(EXPECTED)} problems in catalog {BROKEN}:"
    reported = [n for n, line in enumerate(lines) if line.startswith("- ")]
    assert len(reported) == len(EXPECTED), result.stderr
    for expected in EXPECTED:
        head = f"- {expected.file}: {expected.item}: "
        (n,) = [n for n in reported if lines[n].startswith(head) and expected.problem in lines[n]]
        line = int(re.search(r"\(line (\d+)\)$", lines[n]).group(1))
        written = (BROKEN / expected.file).read_text().splitlines()[line - 1]
        assert expected.on_line in written, f"{lines[n]} points at {written!r}"
        assert lines[n + 1].startswith("  fix: ") and len(lines[n + 1]) > len("  fix: ") + 10, lines[n + 1]


def test_the_error_carries_the_same_problems_as_the_report():
    with pytest.raises(CatalogError) as excinfo:
        load_catalog(BROKEN)
    error = excinfo.value
    assert len(error.problems) == len(EXPECTED)
    assert str(error).splitlines()[1:] == [
        line for p in error.problems for line in (f"- {str(p).splitlines()[0]}", *str(p).splitlines()[1:])
    ]
    assert all(p.line and p.fix for p in error.problems)


def test_the_docs_show_the_report_validate_prints(runner, monkeypatch):
    """docs/catalog.md runs `careerpath validate examples/broken-catalog` and shows its output."""
    monkeypatch.chdir(ROOT)
    printed = runner.invoke(main, ["validate", "examples/broken-catalog"]).stderr
    doc = (ROOT / "docs" / "catalog.md").read_text()
    block = re.search(r"```sh\ncareerpath validate examples/broken-catalog[^\n]*\n```\n\n```text\n(.*?)```", doc, re.S)
    assert block, "docs/catalog.md shows the validate example and its output"
    assert block.group(1) == printed + "exit status 1\n"


REQUEST = str(ROOT / "examples" / "request.json")
COHORT = str(ROOT / "examples" / "cohort.csv")


@pytest.mark.parametrize(
    "command",
    [["recommend", REQUEST], ["batch", COHORT, "--out", "{tmp}/out.csv"], ["skills"], ["serve", "--port", "1"]],
    ids=["recommend", "batch", "skills", "serve"],
)
def test_commands_that_load_the_catalog_refuse_it_with_the_same_report(runner, tmp_path, command):
    command = [arg.format(tmp=tmp_path) for arg in command]
    result = runner.invoke(main, [*command, "--catalog", str(BROKEN)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    assert f"Error: {len(EXPECTED)} problems in catalog {BROKEN}:" in result.stderr
    for expected in EXPECTED:
        assert expected.problem in result.stderr


# ---------------------------------------------------------------------------
# No roles; long chains; cycles of any length
# ---------------------------------------------------------------------------


def write_catalog(directory: Path, prerequisites: dict[str, list[str]], roles: str | None = None) -> Path:
    """A small valid catalog in ``directory``: one module, the given skills in the given order, one role."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "catalog.yaml").write_bytes((skills.default_catalog_dir() / "catalog.yaml").read_bytes())
    (directory / "modules.yaml").write_text("- {id: core, name: Core, track: both, description: Everything.}\n")
    entries = [
        f"- {{id: {skill}, name: Skill {skill}, module: core, description: The skill {skill}., "
        f"hours: [1, 2, 3, 4, 5], prerequisites: [{', '.join(needs)}]}}\n"
        for skill, needs in prerequisites.items()
    ]
    (directory / "skills.yaml").write_text("".join(entries))
    first = next(iter(prerequisites))
    default = f"- {{id: r, title: R, track: both, skills: {{{first}: {{level: 3, weight: 1.0, tier: core}}}}}}\n"
    (directory / "roles.yaml").write_text(default if roles is None else roles)
    return directory


def chain(n: int) -> dict[str, list[str]]:
    """``s0 <- s1 <- ... <- s{n-1}``: each skill needs the one before it."""
    return {f"s{i}": [f"s{i - 1}"] if i else [] for i in range(n)}


def test_a_catalog_without_roles_is_refused_by_validate_and_recommend(runner, tmp_path):
    directory = write_catalog(tmp_path / "c", chain(3), roles="[]\n")
    for command in (["validate", str(directory)], ["recommend", REQUEST, "--catalog", str(directory)]):
        result = runner.invoke(main, command)
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
        assert "roles.yaml: lists no roles (line 1)" in result.stderr
        assert "fix: write one '- id: ...' entry per role" in result.stderr


@pytest.mark.parametrize("n", [1_000])  # 20,000: through `careerpath validate` below
def test_a_long_chain_loads(tmp_path, n):
    # No recursion limit on depth; how long big catalogs take is benchmarks/bench_scale.py's (docs/performance.md).
    catalog = load_catalog(write_catalog(tmp_path / "c", chain(n)))
    assert len(catalog.skills) == n
    assert catalog.skill(f"s{n - 1}").prerequisites == (f"s{n - 2}",)


def test_validate_passes_a_20000_skill_chain(runner, tmp_path):
    result = runner.invoke(main, ["validate", str(write_catalog(tmp_path / "c", chain(20_000)))])
    assert result.exit_code == 0, result.output
    assert "20000 skills, 1 roles" in result.stdout


def test_a_20000_skill_cycle_is_one_problem_naming_every_skill(tmp_path):
    edges = chain(20_000)
    edges["s0"] = ["s19999"]
    with pytest.raises(CatalogError) as excinfo:
        load_catalog(write_catalog(tmp_path / "c", edges))
    (problem,) = excinfo.value.problems
    cycle = problem.problem.removeprefix("prerequisite cycle: ").split(" -> ")
    assert cycle == ["s0", *(f"s{i}" for i in range(19_999, -1, -1))]
    assert problem.line == 1 and problem.item == "skill 's0'"


# ---------------------------------------------------------------------------
# Random graphs: against a plain reference, and through the loader
# ---------------------------------------------------------------------------


@st.composite
def graphs(draw, max_skills: int = 12, acyclic: bool = False) -> dict[str, list[str]]:
    """Skills in a random order, each needing a random set of others (only earlier ones in a shuffled
    topological order when ``acyclic``)."""
    n = draw(st.integers(1, max_skills))
    names = draw(st.permutations([f"k{i}" for i in range(n)]))
    order = draw(st.permutations(names))  # file order: not necessarily a learning order
    graph = {}
    for at, skill in enumerate(names):
        pool = names[:at] if acyclic else names
        graph[skill] = draw(st.lists(st.sampled_from(pool), unique=True, max_size=3)) if pool else []
    return {skill: graph[skill] for skill in order}


def reference_is_acyclic(graph: dict[str, list[str]]) -> bool:
    """Plain elimination: drop skills that need nothing left until none can go."""
    left = dict(graph)
    while True:
        free = [s for s, needs in left.items() if not any(p in left for p in needs)]
        if not free:
            return not left
        for skill in free:
            del left[skill]


def assert_real_cycles(cycles: list[list[str]], graph: dict[str, list[str]]) -> None:
    for cycle in cycles:
        assert len(cycle) >= 2 and cycle[0] == cycle[-1], cycle
        assert len(set(cycle[:-1])) == len(cycle) - 1, f"a skill twice in {cycle}"
        for skill, prereq in zip(cycle, cycle[1:], strict=False):
            assert prereq in graph[skill], f"{skill} does not need {prereq}"
    closing = [(c[-2], c[-1]) for c in cycles]
    assert len(set(closing)) == len(closing), "each cycle is reported once, by the link that closes it"


def without_links(graph: dict[str, list[str]], links) -> dict[str, list[str]]:
    return {skill: [p for p in needs if (skill, p) not in links] for skill, needs in graph.items()}


@settings(max_examples=300)
@given(graphs())
def test_find_cycles_agrees_with_the_reference_and_names_real_cycles(graph):
    cycles, more = find_cycles(graph)
    assert more == 0
    assert (cycles == []) == reference_is_acyclic(graph)
    assert_real_cycles(cycles, graph)
    # Dropping the last link of every cycle shown leaves none, as the report's fixes say.
    assert reference_is_acyclic(without_links(graph, {(c[-2], c[-1]) for c in cycles}))


@settings(max_examples=100)
@given(st.lists(st.integers(1, 6), min_size=1, max_size=5), st.randoms(use_true_random=False))
def test_cycles_that_share_no_skill_are_each_reported(lengths, rnd):
    graph, planted = {}, []
    for n, length in enumerate(lengths):
        names = [f"c{n}-{i}" for i in range(length)]
        graph.update({skill: [names[(i + 1) % length]] for i, skill in enumerate(names)})
        planted.append(set(names))
    order = list(graph)
    rnd.shuffle(order)
    cycles, more = find_cycles({skill: graph[skill] for skill in order})
    assert more == 0 and sorted(map(set, cycles), key=sorted) == sorted(planted, key=sorted)


def test_cycles_beyond_the_limit_are_counted():
    graph = {f"s{i}": [f"s{i}"] for i in range(7)}
    assert find_cycles(graph, limit=3) == ([["s0", "s0"], ["s1", "s1"], ["s2", "s2"]], 4)


def test_a_report_shows_100_cycles_and_counts_the_rest(tmp_path):
    with pytest.raises(CatalogError) as excinfo:
        load_catalog(write_catalog(tmp_path / "c", {f"s{i}": [f"s{i}"] for i in range(150)}))
    problems = excinfo.value.problems
    assert [p.problem for p in problems[:2]] == ["prerequisite cycle: s0 -> s0", "prerequisite cycle: s1 -> s1"]
    assert len(problems) == 101 and problems[-1][:4] == ("skills.yaml", "50 more prerequisite cycles", None, None)


@settings(max_examples=40, deadline=None)
@given(graphs(acyclic=True))
def test_random_acyclic_catalogs_load_in_file_order(graph):
    with tempfile.TemporaryDirectory() as tmp:
        catalog = load_catalog(write_catalog(Path(tmp), graph))
    assert catalog.skill_ids == tuple(graph)
    assert {s.id: list(s.prerequisites) for s in catalog.skills} == graph


@settings(max_examples=40, deadline=None)
@given(graphs(), st.data())
def test_random_catalogs_with_a_cycle_report_cycles_along_real_edges(graph, data):
    skill = data.draw(st.sampled_from(list(graph)))
    graph[skill] = [*graph[skill], skill] if skill not in graph[skill] else graph[skill]  # at least a self-loop
    with tempfile.TemporaryDirectory() as tmp, pytest.raises(CatalogError) as excinfo:
        load_catalog(write_catalog(Path(tmp), graph))
    problems = excinfo.value.problems
    assert all(p.file == "skills.yaml" and p.problem.startswith("prerequisite cycle: ") for p in problems), problems
    cycles = [p.problem.removeprefix("prerequisite cycle: ").split(" -> ") for p in problems]
    assert_real_cycles(cycles, graph)
    assert reference_is_acyclic(without_links(graph, {(c[-2], c[-1]) for c in cycles}))
    assert all(
        p.item == f"skill '{c[0]}'" and p.line == list(graph).index(c[0]) + 1
        for p, c in zip(problems, cycles, strict=True)
    )


# ---------------------------------------------------------------------------
# Any edit of any file: a report or a catalog, never a crash
# ---------------------------------------------------------------------------

SHIPPED = {
    name: yaml.safe_load((skills.default_catalog_dir() / name).read_text())
    for name in ("catalog.yaml", "modules.yaml", "skills.yaml", "roles.yaml", "resources.yaml", "matching.yaml")
}
YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12) | st.sampled_from(["rag", "x-y"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def edited_catalogs(draw) -> dict:
    """The shipped catalog's documents with a few values replaced, removed or repeated anywhere."""
    docs = copy.deepcopy(SHIPPED)
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(sorted(docs)))
        parent, key = None, None
        node = docs[name]
        while isinstance(node, (dict, list)) and node and draw(st.booleans()):
            parent, key = node, draw(st.sampled_from(list(node) if isinstance(node, dict) else range(len(node))))
            node = node[key]
        value = draw(YAML_VALUES)
        if parent is None:
            docs[name] = value
        elif isinstance(parent, dict) and draw(st.booleans()):
            del parent[key]
        else:
            parent[key] = value
    return docs


@settings(max_examples=40, deadline=None)
@given(edited_catalogs())
def test_any_edit_gives_a_report_or_a_catalog_never_a_crash(docs):
    with tempfile.TemporaryDirectory() as tmp:
        for name, doc in docs.items():
            (Path(tmp) / name).write_text(yaml.dump(doc, Dumper=DUMPER, sort_keys=False, allow_unicode=True))
        try:
            load_catalog(tmp)
        except CatalogError as error:
            assert error.problems and all(p.file and p.problem for p in error.problems)
            assert str(error)


# ---------------------------------------------------------------------------
# The JSON Schemas: published, current, and the validator's own rules
# ---------------------------------------------------------------------------

SCHEMAS = ROOT / "docs" / "schemas"
EXAMPLE = ROOT / "examples" / "web-development"


@pytest.mark.parametrize("file", sorted(json_schema.FILES))
def test_the_published_json_schemas_are_the_ones_the_loader_builds(file):
    published = SCHEMAS / f"{file.removesuffix('.yaml')}.schema.json"
    assert json.loads(published.read_text()) == json_schema.file_schema(file), (
        "regenerate with: python -m skills.json_schema docs/schemas"
    )
    Draft202012Validator.check_schema(json_schema.file_schema(file))


@pytest.mark.parametrize("directory", [skills.default_catalog_dir(), EXAMPLE], ids=["shipped", "web-development"])
def test_the_catalogs_files_pass_their_published_schemas(directory):
    for path in sorted(directory.glob("*.yaml")):
        schema = json.loads((SCHEMAS / f"{path.stem}.schema.json").read_text())
        errors = [e.message for e in Draft202012Validator(schema).iter_errors(yaml.safe_load(path.read_text()))]
        assert not errors, f"{path.name}: {errors[:3]}"


def test_the_example_files_name_their_schema_for_editors():
    for path in sorted(EXAMPLE.glob("*.yaml")):
        first = path.read_text().splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../docs/schemas/{path.stem}.schema.json", path.name
        assert (EXAMPLE / "../../docs/schemas" / f"{path.stem}.schema.json").resolve().is_file()


ENTRY_SCHEMAS = {
    "modules.yaml": skills.schemas.MODULE,
    "skills.yaml": skills.schemas.SKILL,
    "roles.yaml": skills.schemas.ROLE,
}


@st.composite
def edited_entries(draw) -> tuple[str, object]:
    """An entry of the shipped catalog with one value replaced, removed or added, anywhere in it."""
    file = draw(st.sampled_from(sorted(ENTRY_SCHEMAS)))
    entry = copy.deepcopy(draw(st.sampled_from(SHIPPED[file])))
    parent, key, node = None, None, entry
    while isinstance(node, (dict, list)) and node and draw(st.booleans()):
        parent, key = node, draw(st.sampled_from(list(node) if isinstance(node, dict) else range(len(node))))
        node = node[key]
    value = draw(YAML_VALUES | st.sampled_from(["x-y", 0, -1, 6, 2.5, [1, 2], {"skill": "rag"}, "Bad Id"]))
    if parent is None:
        return file, value
    if isinstance(parent, dict) and draw(st.booleans()):
        del parent[key]
    elif isinstance(parent, dict) and draw(st.booleans()):
        parent[draw(st.sampled_from(["extra", "track", "level", "tier", "aliases"]))] = value
    else:
        parent[key] = value
    return file, entry


@settings(max_examples=300, deadline=None)
@given(edited_entries())
def test_an_entry_the_json_schema_refuses_the_loader_refuses_and_one_it_loads_the_schema_passes(edited):
    """The JSON Schema an editor checks with is never stricter than the loader, and where it refuses an entry its
    rules are the ones the report gives."""
    file, entry = edited
    found = json_schema.mistakes(file, entry)
    try:
        ENTRY_SCHEMAS[file].load(entry)
    except ValidationError:
        loads = False
    else:
        loads = True
    assert not (loads and found), found
    # Said in marshmallow's words (the fixes are keyed by them), never in jsonschema's own.
    raw = ("is not of type", "is a required property", "is not valid under", "is too ", "Additional properties")
    assert not [m.message for m in found if any(phrase in m.message for phrase in raw)]


def test_schema_problems_and_cross_file_problems_come_out_in_one_report(tmp_path):
    directory = write_catalog(tmp_path / "c", {"a": [], "b": ["a", "missing"]})
    skills_doc = yaml.safe_load((directory / "skills.yaml").read_text())
    skills_doc[0].update(name=5, hours=[1, 2], resources=[{"title": "T", "kind": "podcast"}])
    (directory / "skills.yaml").write_text(yaml.safe_dump(skills_doc, sort_keys=False))
    modules = [{"id": "core", "name": "Core", "track": "robots", "description": "All.", "colour": "red"}]
    (directory / "modules.yaml").write_text(yaml.safe_dump(modules, sort_keys=False))
    with pytest.raises(CatalogError) as excinfo:
        load_catalog(directory)
    expected = [
        Expected("modules.yaml", "module 'core'", "colour: Unknown field.", "colour: red"),
        Expected("modules.yaml", "module 'core'", "unknown track 'robots'", "track: robots"),
        Expected("skills.yaml", "skill 'a'", "name: Not a valid string.", "name: 5"),
        Expected("skills.yaml", "skill 'a'", "hours: 2 figures for the 5 level steps", "hours:"),
        Expected("skills.yaml", "skill 'a'", "resources.0.kind: Must be one of: course, book,", "kind: podcast"),
        Expected("skills.yaml", "skill 'b'", "unknown prerequisite 'missing'", "- missing"),
    ]
    problems = excinfo.value.problems
    assert len(problems) == len(expected), excinfo.value
    for want in expected:
        (problem,) = [p for p in problems if (p.file, p.item) == want[:2] and want.problem in p.problem]
        assert problem.fix or "Must be one of" in problem.problem, problem  # a choice says its own fix
        written = (directory / problem.file).read_text().splitlines()[problem.line - 1]
        assert want.on_line in written, f"{problem} points at {written!r}"
