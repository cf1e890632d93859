"""The catalog loader: every error names the file, the item and the problem; versions;
immutability; where the catalog is loaded from."""

from __future__ import annotations

import dataclasses
import re
import shutil

import pytest
import yaml

import skills
from skills import CatalogError, load_catalog

# ---------------------------------------------------------------------------
# Broken catalogs: one per error (see BROKEN_CASES in conftest.py)
# ---------------------------------------------------------------------------


def test_broken_catalog_is_rejected_with_file_item_and_problem(broken_case):
    directory, case = broken_case
    with pytest.raises(CatalogError) as excinfo:
        load_catalog(directory)
    error = excinfo.value
    message = str(error)
    assert error.file == case.file
    assert message.startswith(f"{case.file}: "), message
    for fragment in case.expect:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    assert error.problem and error.problem in message
    if error.item is not None:
        assert message.startswith(f"{case.file}: {error.item}: "), message


def test_catalog_error_is_a_value_error():
    assert issubclass(CatalogError, ValueError)
    error = CatalogError("skills.yaml", "unknown module 'x'", "skill 'rag'")
    assert str(error) == "skills.yaml: skill 'rag': unknown module 'x'"
    assert str(CatalogError("roles.yaml", "missing")) == "roles.yaml: missing"


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
    return {s["id"]: s.get("prerequisites", []) for s in doc}


def _cycle_in(message: str) -> list[str]:
    match = re.search(r"prerequisite cycle: (.+)$", message)
    assert match, message
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
    directory = broken_catalog("skills.yaml", _set_prereqs(edits))
    with pytest.raises(CatalogError) as excinfo:
        load_catalog(directory)
    cycle = _cycle_in(str(excinfo.value))
    edges = _edges(directory)
    assert len(cycle) >= 2 and cycle[0] == cycle[-1], cycle
    assert len(set(cycle[:-1])) == len(cycle) - 1, "each skill appears once in the cycle"
    for node, prerequisite in zip(cycle, cycle[1:], strict=False):
        assert prerequisite in edges[node], f"{node} does not require {prerequisite}"
    assert set(cycle) & set(edits), "the cycle goes through an edited skill"
    assert excinfo.value.item == f"skill '{cycle[0]}'"


def test_two_skill_cycle_is_reported_as_a_b_a(broken_catalog):
    directory = broken_catalog("skills.yaml", _set_prereqs({"python": ["ml-fundamentals"]}))
    with pytest.raises(CatalogError, match=r"python -> ml-fundamentals -> python$"):
        load_catalog(directory)


def _set_prereqs(edits: dict[str, list[str]]):
    def mutate(doc):
        for skill in doc:
            if skill["id"] in edits:
                skill["prerequisites"] = edits[skill["id"]]

    return mutate


def test_alias_clash_ignores_case_and_punctuation(broken_catalog):
    def mutate(doc):
        next(s for s in doc if s["id"] == "rag")["aliases"].append("  LANG_chain ")

    with pytest.raises(CatalogError) as excinfo:
        load_catalog(broken_catalog("skills.yaml", mutate))
    message = str(excinfo.value)
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
    with pytest.raises(CatalogError) as excinfo:
        load_catalog(directory)
    assert str(excinfo.value) == f"modules.yaml: missing from {directory}"


def test_not_a_directory(tmp_path):
    with pytest.raises(CatalogError, match="not a catalog directory"):
        load_catalog(tmp_path / "nowhere")
    (tmp_path / "file.yaml").write_text("name: x\n")
    with pytest.raises(CatalogError, match="not a catalog directory"):
        load_catalog(tmp_path / "file.yaml")


def test_empty_file_is_an_error_not_a_crash(broken_catalog):
    with pytest.raises(CatalogError) as excinfo:
        load_catalog(broken_catalog("roles.yaml", text=""))
    assert str(excinfo.value).startswith("roles.yaml: ")


def test_role_entry_that_is_not_a_mapping(broken_catalog):
    directory = broken_catalog("roles.yaml", lambda doc: doc + ["just a string"])
    with pytest.raises(CatalogError) as excinfo:
        load_catalog(directory)
    assert str(excinfo.value).startswith("roles.yaml: role #4: ")


def test_first_error_wins_and_names_its_own_entry(broken_catalog):
    """Two broken skills: the message names the first one in file order, not the other."""

    def mutate(doc):
        next(s for s in doc if s["id"] == "pytorch")["hours"] = [1, 2]
        next(s for s in doc if s["id"] == "rag")["hours"] = [1, 2]

    with pytest.raises(CatalogError) as excinfo:
        load_catalog(broken_catalog("skills.yaml", mutate))
    assert excinfo.value.item == "skill 'pytorch'"
    assert "rag" not in str(excinfo.value)


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
        (skill.resources[0], "title", "x"),
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
