"""The catalog loader: every problem names the file, the item, the problem and its line; versions;
immutability; where the catalog is loaded from. (A catalog with many mistakes at once: test_validate.py.)"""

from __future__ import annotations

import dataclasses
import gc
import re
import shutil

import pytest
import yaml
from conftest import set_field
from hypothesis import given, settings
from hypothesis import strategies as st
from marshmallow import ValidationError

import skills
from skills import CatalogError, Problem, load_catalog
from skills.catalog import FasterWith
from skills.loader import _Loader
from skills.schemas import _PREREQUISITE, RESOURCE, Prerequisite, PrerequisiteField, RoleSkillField, RoleSkillSchema

# ---------------------------------------------------------------------------
# Broken catalogs: one per error (see BROKEN_CASES in conftest.py)
# ---------------------------------------------------------------------------


def _problems(directory) -> tuple[Problem, ...]:
    with pytest.raises(CatalogError) as excinfo:
        load_catalog(directory)
    error = excinfo.value
    assert (error.file, error.problem, error.item) == error.problems[0][:3]
    return error.problems


def _only_problem(directory) -> Problem:
    """The one problem of a catalog with one mistake; it is on a line of its file."""
    (problem,) = _problems(directory)
    assert isinstance(problem.line, int) and problem.line >= 1, problem
    return problem


def test_broken_catalog_is_rejected_with_file_item_problem_and_line(broken_case):
    directory, case = broken_case
    problems = _problems(directory)
    # A mistake may have consequences elsewhere (a skill renamed is unknown to its roles); its own problem is there.
    (problem,) = [p for p in problems if all(fragment in str(p) for fragment in case.expect)]
    assert problem.file == case.file
    assert str(problem).startswith(f"{problem.file}: {problem.item}: " if problem.item else f"{problem.file}: ")
    assert (problem.line is None) == case.remove, problem  # every problem but a missing file has its line


def test_catalog_error_report_lists_every_problem():
    problems = [
        Problem("roles.yaml", "unknown skill 'x'", "role 'r'", 4, "name a skill"),
        Problem("skills.yaml", "unknown module 'm'", "skill 's'", 9, "use a module id"),
        Problem("catalog.yaml", "levels: missing 5", None, 2),
    ]
    error = CatalogError.of(problems, "my-catalog")
    assert [p.file for p in error.problems] == ["catalog.yaml", "skills.yaml", "roles.yaml"]  # file order
    assert (error.file, error.item, error.problem) == ("catalog.yaml", None, "levels: missing 5")
    assert str(error).splitlines() == [
        "3 problems in catalog my-catalog:",
        "- catalog.yaml: levels: missing 5 (line 2)",
        "- skills.yaml: skill 's': unknown module 'm' (line 9)",
        "  fix: use a module id",
        "- roles.yaml: role 'r': unknown skill 'x' (line 4)",
        "  fix: name a skill",
    ]


def test_catalog_error_is_a_value_error():
    assert issubclass(CatalogError, ValueError)
    error = CatalogError("skills.yaml", "unknown module 'x'", "skill 'rag'")
    assert str(error) == "skills.yaml: skill 'rag': unknown module 'x'"
    assert error.problems == (Problem("skills.yaml", "unknown module 'x'", "skill 'rag'"),)
    assert str(CatalogError("roles.yaml", "missing")) == "roles.yaml: missing"
    located = CatalogError("roles.yaml", "lists no roles", line=1, fix="add a role")
    assert str(located) == "roles.yaml: lists no roles (line 1)\n  fix: add a role"


def test_round_tripped_copy_loads(catalog, broken_catalog):
    """Control for the broken cases: re-dumping every file unchanged breaks nothing."""
    for file in ("catalog.yaml", "modules.yaml", "skills.yaml", "roles.yaml"):
        loaded = load_catalog(broken_catalog(file, lambda doc: None))
        assert loaded.skills == catalog.skills
        assert loaded.modules == catalog.modules
        assert loaded.levels == catalog.levels
        assert [dict(r.skills) for r in loaded.roles] == [dict(r.skills) for r in catalog.roles]


def _edges(directory) -> dict[str, list[str]]:
    doc = yaml.safe_load((directory / "skills.yaml").read_text())
    return {s["id"]: [p["skill"] if isinstance(p, dict) else p for p in s.get("prerequisites", [])] for s in doc}


def _cycle_in(problem: Problem) -> list[str]:
    match = re.fullmatch(r"prerequisite cycle: (.+)", problem.problem)
    assert match, problem
    return match.group(1).split(" -> ")


@pytest.mark.parametrize(
    "edits",
    [
        {"python": ["ml-fundamentals"]},  # a -> b -> a
        {"python": ["pytorch"]},  # python -> pytorch -> dl-fundamentals -> ... -> python
        {"rag": ["vector-databases", "prompt-engineering", "ai-agents"]},
        {"embeddings": ["multimodal"]},
        {"llm-apis": ["llm-apis"]},  # a -> a
        # Reached from math-for-ml, which is not in the cycle itself.
        {"math-for-ml": ["ai-agents"], "rag": ["vector-databases", "prompt-engineering", "ai-agents"]},
    ],
    ids=["a-b-a", "long", "rag-agents", "embeddings-multimodal", "self", "entered-from-outside"],
)
def test_cycle_message_is_a_real_cycle(broken_catalog, edits):
    """One edit may close several cycles (python -> pytorch -> python and python -> pytorch -> ... -> python):
    each is reported, along real prerequisites, at a line and with the link that closes it."""
    directory = broken_catalog("skills.yaml", _set_prereqs(edits))
    problems = _problems(directory)
    edges = _edges(directory)
    for problem in problems:
        cycle = _cycle_in(problem)
        assert len(cycle) >= 2 and cycle[0] == cycle[-1], cycle
        assert len(set(cycle[:-1])) == len(cycle) - 1, "each skill appears once in the cycle"
        for node, prerequisite in zip(cycle, cycle[1:], strict=False):
            assert prerequisite in edges[node], f"{node} does not require {prerequisite}"
        assert set(cycle) & set(edits), "the cycle goes through an edited skill"
        assert problem.item == f"skill '{cycle[0]}'" and problem.line
        assert f"'{cycle[0]}' from the prerequisites of {cycle[-2]} (line " in problem.fix


def test_two_skill_cycle_is_reported_as_a_b_a(broken_catalog):
    directory = broken_catalog("skills.yaml", _set_prereqs({"python": ["ml-fundamentals"]}))
    assert _only_problem(directory).problem == "prerequisite cycle: python -> ml-fundamentals -> python"


def _set_prereqs(edits: dict[str, list[str]]):
    def mutate(doc):
        for skill in doc:
            if skill["id"] in edits:
                skill["prerequisites"] = edits[skill["id"]]

    return mutate


def test_alias_clash_ignores_case_and_punctuation(broken_catalog):
    def mutate(doc):
        next(s for s in doc if s["id"] == "rag")["aliases"].append("  LANG_chain ")

    message = str(_only_problem(broken_catalog("skills.yaml", mutate)))
    assert message.startswith("skills.yaml: skill 'rag': ")
    assert "'lang chain'" in message and "skill langchain" in message


def test_an_alias_repeating_its_own_skill_name_is_fine(broken_catalog, catalog):
    def mutate(doc):
        rag = next(s for s in doc if s["id"] == "rag")
        rag["aliases"] += ["RAG", rag["name"].upper()]

    loaded = load_catalog(broken_catalog("skills.yaml", mutate))
    assert loaded.keys()["rag"] == "skill:rag"


def test_missing_file_names_the_directory(broken_catalog):
    directory = broken_catalog("modules.yaml", remove=True)
    (problem,) = _problems(directory)
    assert problem[:4] == ("modules.yaml", f"missing from {directory}", None, None)
    assert "add modules.yaml" in problem.fix


def test_not_a_directory(tmp_path):
    with pytest.raises(CatalogError, match="not a catalog directory"):
        load_catalog(tmp_path / "nowhere")
    (tmp_path / "file.yaml").write_text("name: x\n")
    with pytest.raises(CatalogError, match="not a catalog directory"):
        load_catalog(tmp_path / "file.yaml")


@pytest.mark.parametrize("text", ["", "[]\n", "# no roles yet\n"], ids=["empty", "empty-list", "comment"])
def test_no_roles_is_a_clear_error(broken_catalog, text):
    (problem,) = _problems(broken_catalog("roles.yaml", text=text))
    assert (problem.file, problem.item) == ("roles.yaml", None)
    assert problem.problem.startswith("lists no roles")
    assert "one '- id: ...' entry per role" in problem.fix


@pytest.mark.parametrize(
    ("file", "text", "problem"),
    [
        ("skills.yaml", "", "lists no skills (the file is empty)"),
        ("modules.yaml", "id: agents\n", "must be a list of modules"),
        ("catalog.yaml", "", "is empty"),
        ("catalog.yaml", "- name: genai\n", "must be a mapping"),
    ],
)
def test_a_file_of_the_wrong_shape_is_one_clear_problem(broken_catalog, file, text, problem):
    """Not one complaint per entry that refers to it: the others' references are not checked against it."""
    (found,) = _problems(broken_catalog(file, text=text))
    assert (found.file, found.problem) == (file, problem) and found.fix


def test_role_entry_that_is_not_a_mapping(broken_catalog):
    directory = broken_catalog("roles.yaml", lambda doc: doc + ["just a string"])
    problem = _only_problem(directory)
    assert str(problem).startswith("roles.yaml: role #4: Invalid input type.")
    assert "write a mapping" in problem.fix


def test_every_broken_entry_is_reported_under_its_own_name_and_line(broken_catalog):
    """Two broken skills: both are reported, in file order, each at its own line."""

    def mutate(doc):
        next(s for s in doc if s["id"] == "pytorch")["hours"] = [1, 2]
        next(s for s in doc if s["id"] == "rag")["hours"] = [1, -2, 3, 4, 5]

    directory = broken_catalog("skills.yaml", mutate)
    problems = _problems(directory)
    assert [(p.item, p.problem) for p in problems] == [
        ("skill 'pytorch'", "hours: 2 figures for the 5 level steps of the catalog's scale, 0..5 (none to expert)"),
        ("skill 'rag'", "hours.1: hours must be above 0 and at most 10000"),
    ]
    lines = (directory / "skills.yaml").read_text().splitlines()
    assert lines[problems[0].line - 1] == "  hours:"
    assert lines[problems[1].line - 1] == "  - -2"


# ---------------------------------------------------------------------------
# Version
# ---------------------------------------------------------------------------


def test_version_is_stable_across_loads(catalog):
    assert re.fullmatch(r"[0-9a-f]{8}", catalog.version)
    assert load_catalog().version == catalog.version
    assert load_catalog(skills.default_catalog_dir()).version == catalog.version


def test_version_depends_on_content_not_location(catalog, catalog_copy):
    assert load_catalog(catalog_copy).version == catalog.version


@pytest.mark.parametrize("file", ["catalog.yaml", "modules.yaml", "skills.yaml", "roles.yaml"])
def test_version_changes_when_a_file_changes(catalog, catalog_copy, file):
    path = catalog_copy / file
    path.write_text(path.read_text() + "\n# edited\n")
    edited = load_catalog(catalog_copy)
    assert edited.version != catalog.version
    assert edited.skill_ids == catalog.skill_ids  # a comment changes the bytes, not the content
    assert load_catalog(catalog_copy).version == edited.version


# ---------------------------------------------------------------------------
# Immutability
# ---------------------------------------------------------------------------


def test_catalog_objects_are_frozen(catalog):
    skill = catalog.skill("rag")
    role = catalog.role("ai-engineer")
    for obj, attr, value in [
        (catalog, "name", "other"),
        (catalog, "version", "00000000"),
        (catalog, "skills", ()),
        (skill, "hours", (1, 1, 1, 1, 1)),
        (skill, "prerequisites", ()),
        (catalog.module("retrieval"), "track", "builder"),
        (catalog.levels[0], "word", "zero"),
        (role, "skills", {}),
        (role.skills["rag"], "level", 1),
        (skills.Resource("t", "docs", "https://example.org/t", True, skills.LevelBand(1, 2)), "url", "x"),
    ]:
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, attr, value)


def test_catalog_collections_are_read_only(catalog):
    role = catalog.role("ai-engineer")
    assert isinstance(catalog.skills, tuple) and isinstance(catalog.roles, tuple)
    assert isinstance(catalog.skill("rag").aliases, tuple)
    with pytest.raises(TypeError):
        role.skills["rag"] = role.skills["python"]
    with pytest.raises(TypeError):
        del role.skills["rag"]
    with pytest.raises(TypeError):
        catalog.keys()["something"] = "skill:rag"
    with pytest.raises(TypeError):
        catalog.skill("rag").prerequisite_levels["rag"] = 1
    # A copy handed out cannot change the catalog.
    words = catalog.level_words
    words["legend"] = 6
    assert "legend" not in catalog.level_words


# ---------------------------------------------------------------------------
# Where the catalog comes from
# ---------------------------------------------------------------------------


def _retitled_copy(tmp_path, title):
    directory = tmp_path / "custom"
    shutil.copytree(skills.default_catalog_dir(), directory)
    info = directory / "catalog.yaml"
    info.write_text(info.read_text().replace("title: Gen AI career paths", f"title: {title}"))
    return directory


def test_env_var_points_load_catalog_elsewhere(monkeypatch, tmp_path, catalog):
    directory = _retitled_copy(tmp_path, "Custom paths")
    monkeypatch.setenv(skills.ENV_VAR, str(directory))
    assert skills.ENV_VAR == "CAREERPATH_CATALOG"
    assert skills.resolve_catalog_dir() == directory
    loaded = load_catalog()
    assert loaded.title == "Custom paths"
    assert loaded.version != catalog.version


def test_explicit_path_beats_env_var(monkeypatch, tmp_path, catalog):
    monkeypatch.setenv(skills.ENV_VAR, str(_retitled_copy(tmp_path, "Custom paths")))
    assert load_catalog(skills.default_catalog_dir()).title == catalog.title


def test_env_var_pointing_at_broken_catalog_raises(monkeypatch, broken_catalog):
    directory = broken_catalog("skills.yaml", _set_prereqs({"rag": ["rag"]}))
    monkeypatch.setenv(skills.ENV_VAR, str(directory))
    with pytest.raises(CatalogError, match="rag -> rag"):
        load_catalog()


def test_without_env_var_the_shipped_catalog_loads(monkeypatch, catalog):
    monkeypatch.delenv(skills.ENV_VAR, raising=False)
    assert skills.resolve_catalog_dir() == skills.default_catalog_dir()
    assert (skills.default_catalog_dir() / "skills.yaml").is_file()
    assert load_catalog().version == catalog.version


# ---------------------------------------------------------------------------
# Prerequisites with levels
# ---------------------------------------------------------------------------


def _skill_doc(doc, ident):
    return next(s for s in doc if s["id"] == ident)


def _with_prereqs(ident, prerequisites):
    def mutate(doc):
        _skill_doc(doc, ident)["prerequisites"] = prerequisites

    return mutate


def test_levelled_and_bare_prerequisites_load_side_by_side(broken_catalog):
    directory = broken_catalog(
        "skills.yaml", _with_prereqs("rag", [{"skill": "vector-databases", "level": 3}, "python"])
    )
    rag = load_catalog(directory).skill("rag")
    assert rag.prerequisites == ("vector-databases", "python")
    assert dict(rag.prerequisite_levels) == {"vector-databases": 3}
    assert rag.prerequisites_in_use == frozenset()


def test_a_prerequisite_in_use_loads_beside_the_others(broken_catalog):
    directory = broken_catalog(
        "skills.yaml",
        _with_prereqs("rag", [{"skill": "vector-databases", "level": 2, "in_use": True}, "prompt-engineering"]),
    )
    rag = load_catalog(directory).skill("rag")
    assert rag.prerequisites == ("vector-databases", "prompt-engineering")
    assert rag.prerequisites_in_use == frozenset({"vector-databases"})


def test_a_prerequisite_needed_past_a_level_loads_with_it(broken_catalog):
    directory = broken_catalog(
        "skills.yaml",
        _with_prereqs("rag", [{"skill": "vector-databases", "level": 2, "beyond": 2}, "prompt-engineering"]),
    )
    rag = load_catalog(directory).skill("rag")
    assert rag.prerequisites == ("vector-databases", "prompt-engineering")
    assert dict(rag.prerequisite_levels) == {"vector-databases": 2}
    assert dict(rag.prerequisites_beyond) == {"vector-databases": 2}


def test_a_prerequisite_needed_past_a_level_may_have_alternatives(broken_catalog):
    # Python at 3 past RAG 1, or another language at 3: a profile holding one meets it, so no stage waits for it.
    needed = {"skill": "python", "level": 3, "beyond": 1, "or": [{"skill": "programming-languages", "level": 3}]}
    rag = load_catalog(broken_catalog("skills.yaml", _with_prereqs("rag", ["embeddings", needed]))).skill("rag")
    assert rag.prerequisites == ("embeddings", "python")
    assert dict(rag.prerequisite_levels) == {"python": 3}
    assert dict(rag.prerequisites_beyond) == {"python": 1}
    assert dict(rag.prerequisite_alternatives) == {"python": (("programming-languages", 3),)}


def _with_faster(ident, rules):
    def mutate(doc):
        _skill_doc(doc, ident)["faster_with"] = rules

    return mutate


def test_faster_with_loads_and_is_optional(catalog, broken_catalog):
    python = catalog.skill("python")
    assert python.faster_with == (
        FasterWith("programming-languages", 5, 0.25),
        FasterWith("programming-languages", 4, 0.33),
        FasterWith("programming-languages", 3, 0.5),
    )
    assert catalog.skill("rag").faster_with == ()  # absent: a beginner's hours for everyone
    directory = broken_catalog("skills.yaml", _with_faster("rag", [{"skill": "llm-apis", "level": 3, "share": 0.8}]))
    assert load_catalog(directory).skill("rag").faster_with == (FasterWith("llm-apis", 3, 0.8),)


@pytest.mark.parametrize(
    ("rule", "fragments"),
    [
        ({"skill": "nope", "level": 3, "share": 0.5}, ("faster_with.0: unknown skill 'nope'", "name a skill")),
        ({"skill": "rag", "level": 3, "share": 0.5}, ("faster_with.0", "cannot make itself faster")),
        ({"skill": "llm-apis", "level": 3, "share": 1}, ("faster_with.0.share", "share must be above 0 and below 1")),
        ({"skill": "llm-apis", "level": 3, "share": 0}, ("faster_with.0.share", "share must be above 0 and below 1")),
        ({"skill": "llm-apis", "level": 0, "share": 0.5}, ("faster_with.0.level", "level must be 1 or more")),
        ({"skill": "llm-apis", "level": 6, "share": 0.5}, ("faster_with.0.level: level 6 is above the top", "1 to 5")),
        ({"skill": "llm-apis", "share": 0.5}, ("faster_with.0.level", "Missing data for required field")),
        ({"skill": "llm-apis", "level": 3, "share": 0.5, "by": 1}, ("faster_with.0.by", "Unknown field")),
    ],
    ids=["unknown", "itself", "share-1", "share-0", "level-0", "level-6", "no-level", "unknown-key"],
)
def test_bad_faster_with_names_skill_and_problem(broken_catalog, rule, fragments):
    directory = broken_catalog("skills.yaml", _with_faster("rag", [rule]))
    message = str(_only_problem(directory))
    assert message.startswith("skills.yaml: skill 'rag': faster_with.0"), message
    for fragment in fragments:
        assert fragment in message, message


@pytest.mark.parametrize(
    ("prerequisite", "fragments"),
    [
        ({"skill": "python", "level": 0}, ("prerequisites.1.level", "prerequisite level must be 1 or more")),
        ({"skill": "python", "level": 2, "beyond": 0}, ("prerequisites.1.beyond", "beyond must be 1 or more")),
        ({"skill": "python", "level": 2, "beyond": 5}, ("prerequisites.1.beyond: 5 is not below the top", "1 to 4")),
        ({"skill": "python", "level": 2, "beyond": "2"}, ("beyond", "Not a valid integer")),
        (
            {"skill": "python", "level": 2, "beyond": 2, "in_use": True},
            ("prerequisites.1.beyond", "beyond cannot be given with 'in_use'"),
        ),
        ({"skill": "python", "level": 6}, ("prerequisites.1.level: prerequisite level 6 is above the top", "0..5")),
        ({"skill": "python", "level": 2.5}, ("level", "Not a valid integer")),
        ({"skill": "python"}, ("level", "Missing data for required field")),
        ({"level": 2}, ("skill", "Missing data for required field")),
        ({"skill": "python", "level": 2, "min": 1}, ("min", "Unknown field")),
        ({"skill": "python", "level": 2, "in_use": "often"}, ("in_use", "Not a valid boolean")),
        ({"skill": "Python", "level": 2}, ("skill", "kebab-case")),
        (["python", 2], ("must be a skill id or {skill: ID, level: N}",)),
        (7, ("must be a skill id or {skill: ID, level: N}",)),
    ],
    ids=[
        "level-0",
        "beyond-0",
        "beyond-top",
        "beyond-text",
        "beyond-in-use",
        "level-6",
        "level-float",
        "no-level",
        "no-skill",
        "unknown-key",
        "in-use-not-bool",
        "not-kebab",
        "list",
        "number",
    ],  # fmt: skip
)
def test_bad_prerequisite_entry_names_skill_and_problem(broken_catalog, prerequisite, fragments):
    directory = broken_catalog("skills.yaml", _with_prereqs("rag", ["prompt-engineering", prerequisite]))
    message = str(_only_problem(directory))
    assert message.startswith("skills.yaml: skill 'rag': prerequisites.1"), message
    for fragment in fragments:
        assert fragment in message, message


def test_levelled_prerequisite_must_be_a_known_skill(broken_catalog):
    directory = broken_catalog("skills.yaml", _with_prereqs("rag", [{"skill": "quantum-computing", "level": 2}]))
    problem = _only_problem(directory)
    assert str(problem).startswith("skills.yaml: skill 'rag': unknown prerequisite 'quantum-computing' (line ")
    assert "add a skill 'quantum-computing'" in problem.fix


@pytest.mark.parametrize(
    "prerequisites",
    [["python", "python"], ["python", {"skill": "python", "level": 2}], [{"skill": "python", "level": 1}] * 2],
    ids=["bare-twice", "bare-and-levelled", "levelled-twice"],
)
def test_prerequisite_listed_twice_is_an_error(broken_catalog, prerequisites):
    problem = _only_problem(broken_catalog("skills.yaml", _with_prereqs("rag", prerequisites)))
    assert problem[:3] == ("skills.yaml", "prerequisite 'python' listed twice", "skill 'rag'")


def test_levelled_prerequisites_still_form_cycles(broken_catalog):
    directory = broken_catalog("skills.yaml", _with_prereqs("python", [{"skill": "rag", "level": 1}]))
    problems = _problems(directory)
    assert all(re.fullmatch(r"prerequisite cycle: python -> rag -> .*python", p.problem) for p in problems)


# ---------------------------------------------------------------------------
# Resources: inline and in resources.yaml
# ---------------------------------------------------------------------------

GOOD = {"title": "A guide", "kind": "tutorial", "url": "https://example.org/guide", "free": True, "levels": [1, 2]}


def _write_resources(directory, doc) -> None:
    (directory / "resources.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")


def test_resources_file_adds_after_inline_resources(catalog_copy):
    def mutate_skills(doc):
        _skill_doc(doc, "rag")["resources"] = [{"title": "Inline", "kind": "paper"}]

    path = catalog_copy / "skills.yaml"
    doc = yaml.safe_load(path.read_text())
    mutate_skills(doc)
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    _write_resources(catalog_copy, {"rag": [GOOD, {"title": "A video", "kind": "video"}]})
    rag = load_catalog(catalog_copy).skill("rag")
    assert [r.title for r in rag.resources] == ["Inline", "A guide", "A video"]
    guide = rag.resources[1]
    assert (guide.url, guide.free, guide.levels) == ("https://example.org/guide", True, skills.LevelBand(1, 2))
    assert (rag.resources[2].url, rag.resources[2].free, rag.resources[2].levels) == (None, None, None)


@pytest.mark.parametrize("kind", ["video", "tutorial", "paper", "docs", "course", "book", "project"])
def test_every_resource_kind_loads(catalog_copy, kind):
    _write_resources(catalog_copy, {"rag": [dict(GOOD, kind=kind)]})
    assert load_catalog(catalog_copy).skill("rag").resources[-1].kind == kind


def test_resources_file_unknown_skill_names_file_and_id(catalog_copy):
    _write_resources(catalog_copy, {"rag": [GOOD], "quantum-computing": [GOOD]})
    problem = _only_problem(catalog_copy)
    assert problem[:3] == ("resources.yaml", "unknown skill 'quantum-computing'", "skill 'quantum-computing'")
    lines = (catalog_copy / "resources.yaml").read_text().splitlines()
    assert lines[problem.line - 1] == "quantum-computing:"


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ([GOOD], "resources.yaml: must map skill ids to lists of resources (line 1)"),
        ({"rag": GOOD}, "resources.yaml: skill 'rag': must be a list of resources (line 1)"),
    ],
    ids=["list", "entry-not-a-list"],
)
def test_resources_file_shape(catalog_copy, doc, expected):
    _write_resources(catalog_copy, doc)
    problem = _only_problem(catalog_copy)
    assert str(problem).split("\n")[0] == expected and problem.fix


def test_empty_resources_file(catalog_copy):
    (catalog_copy / "resources.yaml").write_text("")
    (problem,) = _problems(catalog_copy)
    assert problem[:4] == ("resources.yaml", "must map skill ids to lists of resources", None, None)


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        ({"url": "ftp://example.org/file"}, ("url", "well-formed http or https URL")),
        ({"url": "example.org/guide"}, ("url", "well-formed http or https URL")),
        ({"url": "https://"}, ("url", "well-formed http or https URL")),
        ({"url": "https://exa mple.org/"}, ("url", "well-formed http or https URL")),
        ({"free": "yes"}, ("free", "Not a valid boolean")),
        ({"levels": [3, 1]}, ("levels", "lo <= hi", "[3, 1]")),
        ({"levels": [0, 2]}, ("levels", "levels must be 1 or more")),
        ({"levels": [4, 6]}, ("levels: [4, 6] goes above the top of the catalog's scale, 0..5", "hi <= 5 (expert)")),
        ({"levels": [2]}, ("levels", "Length must be 2")),
        ({"kind": "podcast"}, ("kind", "Must be one of")),
        ({"author": "me"}, ("author", "Unknown field")),
    ],
    ids=[
        "ftp",
        "no-scheme",
        "no-host",
        "space",
        "free-string",
        "band-reversed",
        "band-0",
        "band-6",
        "band-short",
        "kind",
        "field",
    ],
)
def test_bad_resource_in_resources_file_names_skill_entry_and_field(catalog_copy, change, fragments):
    _write_resources(catalog_copy, {"rag": [GOOD, {**GOOD, "url": "https://example.org/other", **change}]})
    message = str(_only_problem(catalog_copy))
    assert message.startswith("resources.yaml: skill 'rag': resource #2: "), message
    for fragment in fragments:
        assert fragment in message, message


def test_bad_inline_resource_url_names_skills_file(broken_catalog):
    def mutate(doc):
        _skill_doc(doc, "rag")["resources"] = [dict(GOOD, url="mailto:someone@example.org")]

    message = str(_only_problem(broken_catalog("skills.yaml", mutate)))
    assert message.startswith("skills.yaml: skill 'rag': resources.0.url: must be a well-formed http or https URL")


def test_url_unique_per_skill_in_resources_file(catalog_copy):
    _write_resources(catalog_copy, {"rag": [GOOD, dict(GOOD, title="Same page", url=GOOD["url"] + "/")]})
    problem = _only_problem(catalog_copy)
    assert problem[:3] == ("resources.yaml", f"resource URL listed twice: {GOOD['url']}/", "skill 'rag'")


def test_url_unique_across_inline_and_file(catalog_copy):
    path = catalog_copy / "skills.yaml"
    doc = yaml.safe_load(path.read_text())
    _skill_doc(doc, "rag")["resources"] = [GOOD]
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    _write_resources(catalog_copy, {"rag": [dict(GOOD, title="Again")]})
    problem = _only_problem(catalog_copy)
    assert problem[:3] == ("resources.yaml", f"resource URL listed twice: {GOOD['url']}", "skill 'rag'")


def test_url_unique_inline(broken_catalog):
    def mutate(doc):
        _skill_doc(doc, "rag")["resources"] = [GOOD, dict(GOOD, title="Again")]

    problem = _only_problem(broken_catalog("skills.yaml", mutate))
    assert problem[:3] == ("skills.yaml", f"resource URL listed twice: {GOOD['url']}", "skill 'rag'")


def test_same_url_for_two_skills_is_fine(catalog_copy):
    _write_resources(catalog_copy, {"rag": [GOOD], "vector-databases": [GOOD]})
    loaded = load_catalog(catalog_copy)
    assert loaded.skill("rag").resources[-1] == loaded.skill("vector-databases").resources[-1]


@given(lo=st.integers(1, 5), hi=st.integers(1, 5))
def test_level_band_loads_exactly_when_ordered(lo, hi):
    resource = {"title": "t", "kind": "docs", "levels": [lo, hi]}
    if lo <= hi:
        assert RESOURCE.load(resource).levels == skills.LevelBand(lo, hi)
    else:
        with pytest.raises(ValidationError):
            RESOURCE.load(resource)


def test_resources_file_changes_the_version_and_its_absence_keeps_it(catalog, catalog_copy):
    (catalog_copy / "resources.yaml").unlink()
    without = load_catalog(catalog_copy).version
    _write_resources(catalog_copy, {"rag": [GOOD]})
    with_file = load_catalog(catalog_copy).version
    assert with_file not in (without, catalog.version)
    (catalog_copy / "resources.yaml").unlink()
    assert load_catalog(catalog_copy).version == without


# ---------------------------------------------------------------------------
# A custom catalog in the old format: bare prerequisites, titles only, no resources.yaml
# ---------------------------------------------------------------------------


def _old_format_copy(directory):
    (directory / "resources.yaml").unlink()
    path = directory / "skills.yaml"
    doc = yaml.safe_load(path.read_text())
    for skill in doc:
        skill["prerequisites"] = [p["skill"] if isinstance(p, dict) else p for p in skill.get("prerequisites", [])]
        skill["resources"] = [{"title": f"{skill['name']} handbook", "kind": "book"}]
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return directory


def test_old_format_catalog_loads_as_before(catalog, catalog_copy):
    old = load_catalog(_old_format_copy(catalog_copy))
    assert old.skill_ids == catalog.skill_ids
    for skill, shipped in zip(old.skills, catalog.skills, strict=True):
        assert skill.prerequisites == shipped.prerequisites
        assert dict(skill.prerequisite_levels) == {}
        assert [(r.title, r.kind, r.url, r.free, r.levels) for r in skill.resources] == [
            (f"{skill.name} handbook", "book", None, None, None)
        ]


# ---------------------------------------------------------------------------
# Tracks: declared in catalog.yaml, or none; the legacy three where a catalog declares none
# ---------------------------------------------------------------------------


def _set_tracks(directory, tracks) -> None:
    """Declare ``tracks`` in catalog.yaml (``None``: take the ``tracks`` key out)."""
    path = directory / "catalog.yaml"
    info = yaml.safe_load(path.read_text())
    info.pop("tracks", None)
    if tracks is not None:
        info["tracks"] = tracks
    path.write_text(yaml.safe_dump(info, sort_keys=False))


def _drop_tracks(directory) -> None:
    for name in ("modules.yaml", "roles.yaml"):
        doc = yaml.safe_load((directory / name).read_text())
        for item in doc:
            item.pop("track", None)
        (directory / name).write_text(yaml.safe_dump(doc, sort_keys=False))


def test_the_shipped_catalog_declares_the_three_tracks_it_always_had(catalog):
    assert [(t.id, t.shared) for t in catalog.tracks] == [("builder", False), ("user", False), ("both", True)]
    assert [t.id for t in catalog.tracks if t.breadth_first] == ["user"]  # the application skills: breadth first
    assert all(t.name and t.description for t in catalog.tracks)


def test_without_a_tracks_list_the_legacy_tracks_hold(catalog, catalog_copy):
    _set_tracks(catalog_copy, None)
    legacy = load_catalog(catalog_copy)
    assert [t.id for t in legacy.tracks] == [t.id for t in catalog.tracks]
    assert not any(t.breadth_first for t in legacy.tracks)  # planned as before breadth_first existed
    assert legacy.modules == catalog.modules and legacy.roles == catalog.roles


def test_a_catalog_with_no_tracks_loads_and_every_role_takes_every_module(catalog_copy):
    _set_tracks(catalog_copy, [])
    _drop_tracks(catalog_copy)
    loaded = load_catalog(catalog_copy)
    assert loaded.tracks == () and {m.track for m in loaded.modules} == {None} == {r.track for r in loaded.roles}
    assert loaded.in_track(None, None)


def test_a_legacy_catalog_without_track_fields_has_no_tracks(catalog_copy):
    _set_tracks(catalog_copy, None)
    _drop_tracks(catalog_copy)
    assert load_catalog(catalog_copy).tracks == ()


TRACKS = [
    {"id": "front", "name": "Frontend"},
    {"id": "back", "name": "Backend", "description": "Servers."},
    {"id": "all", "name": "Everything", "shared": True},
]


@given(role=st.sampled_from(["front", "back", "all", None]), module=st.sampled_from(["front", "back", "all", None]))
def test_a_role_takes_a_module_of_its_own_track_a_shared_one_or_any_when_either_has_none(role, module):
    catalog = skills.Catalog("c", "C", "", "v", (), (), (), (), tracks=tuple(skills.Track(**t) for t in TRACKS))
    expected = role is None or module is None or role == module or "all" in (role, module)
    assert catalog.in_track(role, module) == expected


def test_declared_tracks_replace_the_legacy_ones(catalog_copy):
    _set_tracks(catalog_copy, TRACKS)
    with pytest.raises(CatalogError) as excinfo:
        load_catalog(catalog_copy)
    problems = excinfo.value.problems
    assert {p.file for p in problems} == {"modules.yaml", "roles.yaml"}
    assert all(re.fullmatch(r"unknown track '(builder|user|both)'", p.problem) and p.line for p in problems)
    assert all("use a track catalog.yaml declares (front, back, all)" in p.fix for p in problems)


@pytest.mark.parametrize(
    ("tracks", "fragment"),
    [
        ([{"id": "a", "name": "A"}, {"id": "a", "name": "B"}], "track 'a': duplicate track id"),
        ([{"id": "a"}], "tracks.0.name: Missing data for required field."),
        ([{"id": "a", "name": "A", "shared": "yes"}], "tracks.0.shared: Not a valid boolean."),
        ([{"id": "a", "name": "A", "breadth_first": "yes"}], "tracks.0.breadth_first: Not a valid boolean."),
        ("builder", "tracks: Not a valid list."),
    ],
)
def test_a_bad_track_list_is_reported_in_catalog_yaml(catalog_copy, tracks, fragment):
    _set_tracks(catalog_copy, tracks)
    with pytest.raises(CatalogError) as excinfo:
        load_catalog(catalog_copy)
    assert any(p.file == "catalog.yaml" and fragment in str(p) for p in excinfo.value.problems), excinfo.value


# ---------------------------------------------------------------------------
# Descriptions of any length; the level scale the engine needs
# ---------------------------------------------------------------------------


def test_descriptions_may_be_of_any_length(broken_catalog):
    long = "A sentence that goes on. " * 400
    directory = broken_catalog("skills.yaml", set_field("rag", "description", long))
    _set_tracks(directory, [{"id": t, "name": t.title(), "description": long} for t in ("builder", "user", "both")])
    for name, field in (("modules.yaml", "description"), ("roles.yaml", "summary")):
        doc = yaml.safe_load((directory / name).read_text())
        doc[0][field] = long
        (directory / name).write_text(yaml.safe_dump(doc, sort_keys=False))
    loaded = load_catalog(directory)
    assert loaded.skill("rag").description == long and loaded.modules[0].description == long
    assert loaded.roles[0].summary == long and loaded.tracks[0].description == long


@pytest.mark.parametrize(
    ("values", "wrong"),
    [
        (range(1, 7), "missing 0"),
        ([0, 1, 2, 3, 4, 5, 5], "repeated 5"),
        ([0, 1, 3, 4, 5], "missing 2"),
        ([0], "no level above 0"),
        (range(12), "above 10: 11"),
    ],
    ids=["no-0", "repeated", "gap", "one-level", "too-long"],
)
def test_a_level_scale_that_is_not_0_to_a_top_is_one_problem_that_says_what_to_write(catalog_copy, values, wrong):
    """Only the scale is reported: the other files' levels are not held against a scale that is not one."""
    path = catalog_copy / "catalog.yaml"
    info = yaml.safe_load(path.read_text())
    info["levels"] = [{"value": v, "word": f"w{'x' * n}", "description": "A level."} for n, v in enumerate(values)]
    path.write_text(yaml.safe_dump(info, sort_keys=False))
    with pytest.raises(CatalogError) as excinfo:
        load_catalog(catalog_copy)
    (problem,) = excinfo.value.problems
    assert (problem.file, problem.item) == ("catalog.yaml", "levels") and problem.line
    assert problem.problem.startswith("must run 0, 1, 2, ... up to a top of 1 to 10, each level once")
    assert f"this scale has {len(values)}" in problem.problem and wrong in problem.problem
    assert problem.fix.startswith("number your levels 0, 1, 2, ... up to your top level")


@pytest.mark.parametrize(
    ("also", "problem"),
    [
        ({2: ["basic"], 3: ["basic"]}, "level word 'basic'"),  # two levels
        ({2: ["expert"]}, "level word 'expert'"),  # another level's own word
    ],
)
def test_a_word_naming_two_levels_is_refused_by_name(catalog_copy, also, problem):
    path = catalog_copy / "catalog.yaml"
    info = yaml.safe_load(path.read_text())
    for level in info["levels"]:
        level["also"] = also.get(level["value"], [])
    path.write_text(yaml.safe_dump(info, sort_keys=False))
    with pytest.raises(CatalogError) as excinfo:
        load_catalog(catalog_copy)
    (found,) = excinfo.value.problems
    assert (found.file, found.item, found.problem) == ("catalog.yaml", problem, "duplicate level word")
    assert "profiles may name a level by any of them" in found.fix


@pytest.mark.parametrize("word", ["Basic", "basic!", "", "  basic"])
def test_a_levels_other_words_are_lower_case_words(catalog_copy, word):
    path = catalog_copy / "catalog.yaml"
    info = yaml.safe_load(path.read_text())
    info["levels"][2]["also"] = [word]
    path.write_text(yaml.safe_dump(info, sort_keys=False))
    with pytest.raises(CatalogError) as excinfo:
        load_catalog(catalog_copy)
    assert any(p.file == "catalog.yaml" and "also" in str(p) for p in excinfo.value.problems)


WORDS = ("none", "aware", "basics", "working", "able", "skilled", "strong", "senior", "expert", "leading", "master")


def scaled_catalog(directory, top: int, mistake: str | None = None):
    """A small catalog on the scale 0..top, its hours, targets, prerequisite levels and bands at the top; with
    ``mistake``, that one of them goes a level past the top (``hours``: one figure too many)."""
    directory.mkdir(parents=True, exist_ok=True)
    levels = [{"value": v, "word": WORDS[v], "description": f"Level {v}."} for v in range(top + 1)]
    info = {"name": "scaled", "title": "Scaled", "levels": levels, "tracks": []}
    past = top + 1
    band = [1, past if mistake == "band" else top]
    first = {"id": "a", "name": "A", "module": "m", "description": "A.", "hours": [1.0] * top}
    first["resources"] = [{"title": "Guide", "kind": "docs", "levels": band}]
    second = {"id": "b", "name": "B", "module": "m", "description": "B.", "hours": [2.0] * top}
    second["prerequisites"] = [{"skill": "a", "level": past if mistake == "prerequisite" else top}]
    if mistake == "hours":
        first["hours"].append(1.0)
    targets = {"a": past if mistake == "target" else top, "b": top}
    role = {
        "id": "r",
        "title": "R",
        "skills": {s: {"level": v, "weight": 1.0, "tier": "core"} for s, v in targets.items()},
    }
    files = {
        "catalog.yaml": info,
        "modules.yaml": [{"id": "m", "name": "M", "description": "M."}],
        "skills.yaml": [first, second],
        "roles.yaml": [role],
    }
    for name, doc in files.items():
        (directory / name).write_text(yaml.safe_dump(doc, sort_keys=False))
    return directory


@settings(max_examples=30, deadline=None)
@given(top=st.integers(1, 10))
def test_a_catalog_may_declare_any_scale_from_0_1_to_0_10(tmp_path_factory, top):
    catalog = load_catalog(scaled_catalog(tmp_path_factory.mktemp("scale"), top))
    assert (catalog.max_level, catalog.n_levels) == (top, top + 1)
    assert [lv.word for lv in catalog.levels] == list(WORDS[: top + 1])
    assert catalog.scale == f"0..{top} (none to {WORDS[top]})"
    assert catalog.skill("a").hours == (1.0,) * top and catalog.skill("b").prerequisite_levels == {"a": top}


MISTAKES = {
    "hours": ("skills.yaml", "skill 'a'", "hours: {n} figures for the {top} level steps of the catalog's scale"),
    "band": ("skills.yaml", "skill 'a'", "resources.0.levels: [1, {past}] goes above the top of the catalog's scale"),
    "prerequisite": ("skills.yaml", "skill 'b'", "prerequisites.0.level: prerequisite level {past} is above the top"),
    "target": ("roles.yaml", "role 'r'", "skills.a.level: target level {past} is above the top"),
}


@settings(max_examples=40, deadline=None)
@given(top=st.integers(1, 10), mistake=st.sampled_from(sorted(MISTAKES)))
def test_a_level_past_the_catalogs_top_is_reported_once_in_the_catalogs_own_scale(tmp_path_factory, top, mistake):
    directory = scaled_catalog(tmp_path_factory.mktemp("scale"), top, mistake)
    with pytest.raises(CatalogError) as excinfo:
        load_catalog(directory)
    (problem,) = excinfo.value.problems
    file, item, text = MISTAKES[mistake]
    assert (problem.file, problem.item) == (file, item) and problem.line
    assert problem.problem.startswith(text.format(n=top + 1, top=top, past=top + 1))
    assert problem.problem.endswith(f"0..{top} (none to {WORDS[top]})")
    named = f"{top - 1} to {top}" if mistake == "hours" else f"{top} ({WORDS[top]})"
    assert problem.fix.endswith(named) or f"{named}," in problem.fix, problem.fix


def test_a_matching_rule_that_means_none_without_a_reason_is_one_problem_with_its_fix(catalog_copy):
    path = catalog_copy / "matching.yaml"
    doc = yaml.safe_load(path.read_text())
    n = next(n for n, rule in enumerate(doc["rules"]) if rule["means"] == "none")
    doc["rules"][n].pop("reason")
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    with pytest.raises(CatalogError) as excinfo:
        load_catalog(catalog_copy)
    (problem,) = excinfo.value.problems
    assert (problem.file, problem.problem) == ("matching.yaml", f"rules.{n}.reason: Missing data for required field.")
    assert problem.fix == "add 'reason'"
    assert f"name: {doc['rules'][n]['name']}" in path.read_text().splitlines()[problem.line - 1]


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        (
            {"name": "HiveQL", "means": "sql-and-data", "up_to": 9, "reason": "SQL-like"},
            "up_to: level 9 is above the top",
        ),
        (
            {"name": "HiveQL", "means": "sql-and-data", "up_to": 2},
            "up_to needs a skill or module in means and a reason",
        ),
        ({"name": "HiveQL", "means": "none", "up_to": 2, "reason": "no"}, "up_to needs a skill or module in means"),
        ({"name": "HiveQL", "means": "sql-and-data", "up_to": 0, "reason": "SQL-like"}, "up_to: Must be greater than"),
    ],
)
def test_a_rules_cap_must_be_a_level_of_the_scale_with_a_skill_and_a_reason(catalog_copy, rule, problem):
    found = _the_problem_with(catalog_copy, "rules", rule)
    assert found.file == "matching.yaml" and problem in found.problem, found.problem


def _the_problem_with(catalog_copy, section: str, entry: dict):
    """The one problem loading the catalog finds once ``entry`` is added to ``section`` of its matching.yaml."""
    path = catalog_copy / "matching.yaml"
    doc = yaml.safe_load(path.read_text())
    doc[section].append(entry)
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    with pytest.raises(CatalogError) as excinfo:
        load_catalog(catalog_copy)
    (found,) = excinfo.value.problems
    return found


def test_catalog_title_reads_only_catalog_yaml_and_never_fails(catalog, tmp_path, monkeypatch):
    monkeypatch.delenv(skills.ENV_VAR, raising=False)
    assert skills.catalog_title() == catalog.title
    (tmp_path / "catalog.yaml").write_text("title: [unclosed\n")
    for directory in (tmp_path, tmp_path / "missing"):
        assert skills.catalog_title(directory) is None
    (tmp_path / "catalog.yaml").write_text("title: Only a title\n")  # the rest of the catalog may be missing
    assert skills.catalog_title(tmp_path) == "Only a title"


@pytest.mark.parametrize("collecting", [True, False])
def test_loading_leaves_the_cycle_collector_as_it_found_it(tmp_path, collecting):
    """The loader pauses the collector while it builds (start-up at scale); it must not leave it paused, or on."""
    shutil.copytree(skills.default_catalog_dir(), tmp_path / "good")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "catalog.yaml").write_text("name: [unclosed\n")
    gc.enable() if collecting else gc.disable()
    try:
        load_catalog(tmp_path / "good")
        assert gc.isenabled() is collecting
        with pytest.raises(CatalogError):
            load_catalog(tmp_path / "broken")
        assert gc.isenabled() is collecting
    finally:
        gc.enable()


@given(
    st.dictionaries(
        st.sampled_from(["skill", "level", "note"]),
        st.one_of(
            st.integers(-1, 7),
            st.booleans(),
            st.none(),
            st.floats(0, 6),
            st.from_regex(r"[a-z0-9-]{0,6}\n?", fullmatch=True),
        ),
    )
)
def test_a_prerequisite_with_a_level_loads_as_its_schema_says(value):
    """The prerequisite field's quick path for well-formed ``{skill, level}`` keeps every rule of the schema."""
    try:
        loaded = _PREREQUISITE.load(value)
    except ValidationError:
        with pytest.raises(ValidationError):
            PrerequisiteField().deserialize(value)
    else:
        assert PrerequisiteField().deserialize(value) == Prerequisite(loaded["skill"], loaded["level"])


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


def _load_with(loader, text: str):
    reader = loader(text)
    try:
        return reader.get_single_data()
    finally:
        reader.dispose()


@given(YAML_VALUES)
def test_the_catalog_loader_reads_yaml_as_the_safe_loader_does(value):
    """Strings are taken as written (skills.loader._Loader); everything else as PyYAML's safe loader builds it."""
    text = (
        yaml.safe_dump({"value": value})
        + "tagged: [!!str 5, !!int '7', 010, 0x1f, 1_000, +3, -0, 0, &a {k: v}, *a, {<<: *a, w: x}]\n"
    )
    assert _load_with(_Loader, text) == _load_with(yaml.SafeLoader, text)


ODD_VALUES = (-1, 0, 1, 5, 6, 7, 0.0, 1.0, 1.5, -0.5, 1e-9, True, False, None, float("nan"), "0.5", "", "Core", "core")
CHANGES = [("replace", key, odd) for key in ("level", "weight", "tier") for odd in ODD_VALUES]
CHANGES += [("drop", key, None) for key in ("level", "weight", "tier")] + [("add", "note", None), ("none", None, None)]


@pytest.mark.parametrize(("change", "key", "odd"), CHANGES)
@given(
    entry=st.fixed_dictionaries(
        {
            "level": st.integers(1, 5),
            "weight": st.floats(0, 1, exclude_min=True) | st.just(1),
            "tier": st.sampled_from(["core", "optional"]),
        }
    )
)
@settings(max_examples=5)
def test_a_role_skill_loads_as_its_schema_says(entry, change, key, odd):
    """The role-skill field's quick path for well-formed ``{level, weight, tier}`` keeps every rule of the schema:
    a valid entry, and each with a field replaced by each odd value, dropped, or one too many."""
    value = dict(entry)
    if change == "replace":
        value[key] = odd
    elif change == "drop":
        del value[key]
    elif change == "add":
        value[key] = odd
    try:
        expected = RoleSkillSchema().load(value)
    except ValidationError:
        with pytest.raises(ValidationError):
            RoleSkillField().deserialize(value)
    else:
        assert RoleSkillField().deserialize(value) == expected


@pytest.mark.parametrize(
    ("use", "problem"),
    [
        ({"means": "no-such-skill", "products": ["ChatGPT"], "purposes": ["code"], "reason": "r"}, "means unknown"),
        (
            {"means": "ai-coding-assistants", "products": [], "purposes": ["code"], "reason": "r"},
            "products: list at least one product",
        ),
        ({"means": "ai-coding-assistants", "products": ["ChatGPT"], "purposes": ["code"]}, "reason: Missing data"),
        (
            {
                "means": "ai-coding-assistants",
                "products": ["ChatGPT"],
                "purposes": ["code"],
                "reason": "r",
                "about": ["x"],
            },
            "about unknown skill 'x'",
        ),
        (
            {
                "means": "ai-coding-assistants",
                "products": ["ChatGPT"],
                "purposes": ["code"],
                "reason": "r",
                "unless": "API",
            },
            "unless: Not a valid list",
        ),
        (
            {
                "means": "ai-coding-assistants",
                "products": ["ChatGPT"],
                "purposes": ["code"],
                "reason": "r",
                "unless": [""],
            },
            "unless",
        ),
    ],
)
def test_a_use_rule_reads_as_a_known_skill_with_products_purposes_and_a_reason(catalog_copy, use, problem):
    found = _the_problem_with(catalog_copy, "uses", use)
    assert found.file == "matching.yaml" and problem in found.problem, found.problem


@pytest.mark.parametrize(
    ("verb", "problem"),
    [
        ({"means": "no-such-skill", "words": ["distilled"]}, "means unknown skill or module 'no-such-skill'"),
        ({"means": "model-compression", "words": []}, "words: list at least one verb"),
        ({"means": "model-compression", "words": ["pruned"], "objects": ["no-such-skill"]}, "object unknown skill"),
    ],
)
def test_a_verb_rule_reads_as_a_known_skill_with_its_words(catalog_copy, verb, problem):
    found = _the_problem_with(catalog_copy, "verbs", verb)
    assert found.file == "matching.yaml" and problem in found.problem, found.problem


@pytest.mark.parametrize(
    ("head", "problem"),
    [
        ({"means": "no-such-skill", "words": ["API"], "reason": "r"}, "means unknown skill or module 'no-such-skill'"),
        ({"means": "web-apis", "words": [], "reason": "r"}, "words: list at least one word"),
        ({"means": "web-apis", "words": ["API"]}, "reason"),
        ({"means": "web-apis", "words": ["API"], "reason": "r", "up_to": 9}, "up_to: level 9 is above the top"),
    ],
)
def test_a_head_rule_reads_as_a_known_skill_with_its_words_a_reason_and_a_cap_on_the_scale(catalog_copy, head, problem):
    found = _the_problem_with(catalog_copy, "heads", head)
    assert found.file == "matching.yaml" and problem in found.problem, found.problem


def test_an_everyday_name_must_be_a_name_the_catalog_knows(catalog_copy):
    found = _the_problem_with(catalog_copy, "everyday", "Felixstowe")
    assert found.file == "matching.yaml" and "everyday name 'Felixstowe' is not a known name" in found.problem


NO_ALTERNATIVE = {"means": "programming-languages", "names": ["COBOL"], "skills": ["llm-apis"], "reason": "r"}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"means": "no-such-skill"}, "unknown skill 'no-such-skill'"),
        ({"skills": ["no-such-skill"]}, "unknown skill 'no-such-skill'"),
        ({"names": ["Felixstowe"]}, "name 'Felixstowe' is not read as 'programming-languages'"),
        ({"names": ["Python"]}, "name 'Python' is not read as 'programming-languages'"),  # another skill's name
        ({"names": []}, "names: list at least one name"),
        ({"skills": []}, "skills: list at least one skill"),
        ({"reason": ""}, "reason"),
    ],
)
def test_a_no_alternative_rule_lists_names_the_catalog_reads_as_its_skill(catalog_copy, change, problem):
    found = _the_problem_with(catalog_copy, "meets_no_alternative", {**NO_ALTERNATIVE, **change})
    assert found.file == "matching.yaml" and problem in found.problem, found.problem


def test_the_shipped_no_alternative_rule_loads_and_a_catalog_without_one_loads_as_before(catalog, catalog_copy):
    (rule,) = catalog.no_alternative_rules
    assert rule.means == "programming-languages" and {"VB6", "COBOL", "MATLAB"} <= set(rule.names)
    assert {"rag", "llm-apis"} <= set(rule.skills)  # since session 45 RAG too: no RAG library serves these languages
    path = catalog_copy / "matching.yaml"
    doc = yaml.safe_load(path.read_text())
    del doc["meets_no_alternative"]
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    assert load_catalog(catalog_copy).no_alternative_rules == ()


PRACTICE = {"means": "prompt-engineering", "from": 3, "up_to": 1, "products": ["ChatGPT"], "reason": "r"}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"means": "no-such-skill"}, "means unknown skill 'no-such-skill'"),
        ({"means": "llm-apps"}, "means unknown skill 'llm-apps'"),  # a module: the credit is one skill's
        ({"products": ["Felixstowe"]}, "product 'Felixstowe' is not the name of a rule reading a skill"),
        ({"products": []}, "products: list at least one product"),
        ({"from": 9}, "from: level 9 is above the top"),
        ({"up_to": 9}, "up_to: level 9 is above the top"),
        ({"from": 0}, "from"),
        ({"reason": ""}, "reason"),
    ],
)
def test_a_practice_rule_credits_a_skill_through_products_its_rules_read_on_the_scale(catalog_copy, change, problem):
    found = _the_problem_with(catalog_copy, "practice", {**PRACTICE, **change})
    assert found.file == "matching.yaml" and problem in found.problem, found.problem


def test_a_practice_rule_may_name_a_rule_meaning_none(catalog_copy):
    """A name of no skill ("MongoDB", "GPT-3") may still show one when used on real work (session 41): the check
    takes it, where a name no rule knows ("Felixstowe") is still refused."""
    path = catalog_copy / "matching.yaml"
    doc = yaml.safe_load(path.read_text())
    doc["practice"].append({**PRACTICE, "products": ["GPT-3"]})
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    loaded = load_catalog(catalog_copy)
    assert any(p.products == ("GPT-3",) for p in loaded.practice_rules)


SHOWS = {"means": "rag", "readings": ["semantic-search"], "words": ["cited answers"], "reason": "r"}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"means": "no-such-skill"}, "means unknown skill or module 'no-such-skill'"),
        ({"readings": ["semantic-search", "x"]}, "readings names unknown skill or module 'x'"),
        ({"instead": ["y"]}, "instead names unknown skill or module 'y'"),
        ({"readings": []}, "readings: list at least one reading"),
        ({"words": []}, "words: list at least one word"),
        ({"reason": ""}, "reason"),
    ],
)
def test_a_shows_rule_reads_known_skills_and_words_with_a_reason(catalog_copy, change, problem):
    found = _the_problem_with(catalog_copy, "shows", {**SHOWS, **change})
    assert found.file == "matching.yaml" and problem in found.problem, found.problem


def test_a_shows_rule_may_mean_none(catalog_copy):
    """A shows rule meaning none drops the readings of another field's term ("fine tuning of pianos")."""
    path = catalog_copy / "matching.yaml"
    doc = yaml.safe_load(path.read_text())
    doc["shows"].append({**SHOWS, "means": "none", "instead": ["semantic-search"]})
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    loaded = load_catalog(catalog_copy)
    assert loaded.shows_rules[-1].means == "none"


def test_a_shows_rule_may_name_words_that_keep_it_from_applying(catalog_copy):
    """``unless`` (session 40): words that, held as well, keep a shows rule from applying ("self-hosted alternative
    to Bedrock"); left out, a rule has none."""
    path = catalog_copy / "matching.yaml"
    doc = yaml.safe_load(path.read_text())
    plain = next(i for i, rule in enumerate(doc["shows"]) if "unless" not in rule)
    doc["shows"].append({**SHOWS, "unless": ["self-hosted", "instead of"]})
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    loaded = load_catalog(catalog_copy)
    assert loaded.shows_rules[-1].unless == ("self-hosted", "instead of")
    assert loaded.shows_rules[plain].unless == ()
    assert _the_problem_with(catalog_copy, "shows", {**SHOWS, "unless": [""]}).file == "matching.yaml"


WANT = {"means": "guardrails", "words": ["hallucinated"]}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"means": "no-such-skill"}, "means unknown skill 'no-such-skill'"),
        ({"means": "safety"}, "means unknown skill 'safety'"),  # a module: a goal plans toward one skill
        ({"words": []}, "words: list at least one word"),
        ({"reason": "r"}, "reason"),  # no such field
        ({"unless": ["a made up story"]}, "an unless phrase must hold one of the rule's words"),
    ],
)
def test_a_want_rule_names_one_skill_and_its_words(catalog_copy, change, problem):
    found = _the_problem_with(catalog_copy, "wants", {**WANT, **change})
    assert found.file == "matching.yaml" and problem in found.problem, found.problem


CONCERN = {"means": "responsible-ai", "words": ["PHI"], "reason": "patients' records come with rules"}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"means": "no-such-skill"}, "means unknown skill 'no-such-skill'"),
        ({"means": "safety"}, "means unknown skill 'safety'"),  # a module: a concern plans toward one skill
        ({"words": []}, "words: list at least one word"),
        ({"reason": ""}, "reason"),
    ],
)
def test_a_concern_rule_names_one_skill_its_words_and_why(catalog_copy, change, problem):
    found = _the_problem_with(catalog_copy, "concerns", {**CONCERN, **change})
    assert found.file == "matching.yaml" and problem in found.problem, found.problem


def test_a_catalog_without_use_rules_loads(catalog_copy):
    path = catalog_copy / "matching.yaml"
    doc = yaml.safe_load(path.read_text())
    del doc["uses"], doc["verbs"], doc["heads"], doc["everyday"], doc["practice"], doc["shows"], doc["wants"]
    del doc["concerns"]
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    loaded = load_catalog(catalog_copy)
    rules = (loaded.use_rules, loaded.verb_rules, loaded.head_rules, loaded.everyday_names, loaded.practice_rules)
    assert rules == ((), (), (), (), ()) and loaded.shows_rules == () and loaded.want_rules == ()
    assert loaded.concern_rules == ()


DESCRIBED = {"means": "tool-calling", "all_of": [["gave the model"], ["tool"]], "reason": "r"}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"means": "no-such-skill"}, "means unknown skill 'no-such-skill'"),
        ({"all_of": []}, "all_of: list at least one group"),
        ({"all_of": [[]]}, "list at least one phrase"),
        ({"reason": ""}, "reason"),
    ],
)
def test_a_described_rule_names_a_skill_and_groups_of_phrases(catalog_copy, change, problem):
    found = _the_problem_with(catalog_copy, "described", {**DESCRIBED, **change})
    assert found.file == "matching.yaml" and problem in found.problem, found.problem


def test_the_shipped_described_rules_load_and_a_catalog_without_them_reads_no_described_work(catalog, catalog_copy):
    means = {r.means for r in catalog.described_rules}
    assert {"tool-calling", "context-engineering", "ai-agents"} <= means
    assert all(r.all_of and all(r.all_of) and r.reason for r in catalog.described_rules)
    path = catalog_copy / "matching.yaml"
    doc = yaml.safe_load(path.read_text())
    del doc["described"]
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    bare = load_catalog(catalog_copy)
    assert bare.described_rules == ()
    from recommender.matching import SkillMatcher

    text = "gave the model a weather-lookup and a booking tool"
    assert any(m.target == "tool-calling" for m in SkillMatcher(catalog).resolve(text))
    assert not any(m.target for m in SkillMatcher(bare).resolve(text))
