"""The ``careerpath`` command line, run in-process with click's CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from api.cli import COMMANDS, main
from skills import ENV_VAR, default_catalog_dir


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


# ===========================================================================
# The group
# ===========================================================================


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_listed_summary_is_the_command_s_own(runner, name):
    command = main.get_command(None, name)
    assert command.name == name
    assert COMMANDS[name].summary == command.get_short_help_str(limit=200)
    assert name in runner.invoke(main, ["--help"]).stdout


def test_listing_the_commands_imports_none_of_them():
    code = (
        "import sys; from api.cli import main; main(['--help'], standalone_mode=False); "
        "print(sorted(m for m in ('flask', 'numba', 'sklearn', 'pandas', 'api.cli.serve') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


# ===========================================================================
# Catalog commands: `careerpath validate` and `careerpath skills`
# ===========================================================================


def test_validate_shipped_catalog(runner, catalog):
    result = runner.invoke(main, ["validate", str(default_catalog_dir())])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        f"ok: catalog genai {catalog.version}: {len(catalog.modules)} modules, {len(catalog.skills)} skills, 3 roles"
    )
    assert result.stderr == ""


def test_validate_broken_catalog_fails_with_the_message(runner, broken_case):
    directory, case = broken_case
    result = runner.invoke(main, ["validate", str(directory)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), "a clean exit, not a traceback"
    assert result.stdout == ""
    assert result.stderr.startswith("invalid catalog: ") and f"{case.file}: " in result.stderr, result.stderr
    for fragment in case.expect:
        assert fragment in result.stderr


def test_validate_missing_directory(runner, tmp_path):
    result = runner.invoke(main, ["validate", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "not a catalog directory" in result.stderr


def test_validate_needs_a_directory(runner):
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 2
    assert "DIRECTORY" in result.stderr


def test_skills_table(runner, catalog):
    result = runner.invoke(main, ["skills"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"{catalog.title} (catalog genai {catalog.version})" in out
    assert "Levels: 0 none, 1 aware, 2 beginner, 3 intermediate, 4 advanced, 5 expert" in out
    for module in catalog.modules:
        assert f"{module.name} [{module.id}, {module.track}]" in out
    for skill in catalog.skills:
        assert f"  {skill.id} " in out
    assert "needs: embeddings, vector-databases (past 2), prompt-engineering" in out  # rag's prerequisites
    for role in catalog.roles:
        assert f"{role.title} [{role.id}, track {role.track}]" in out
    # Modules are listed in learning order, then the roles.
    positions = [out.index(f"[{m.id}, ") for m in catalog.modules]
    assert positions == sorted(positions)
    assert out.index("[generative-media, ") < out.index("[data-scientist, ")


def test_skills_role_counts(runner, catalog):
    out = runner.invoke(main, ["skills"]).stdout
    for role in catalog.roles:
        core = sum(rs.tier == "core" for rs in role.skills.values())
        assert f"  {len(role.skills)} skills ({core} core): {role.summary}" in out


def test_skills_json(runner, catalog):
    result = runner.invoke(main, ["skills", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["name"] == "genai"
    assert data["version"] == catalog.version
    assert len(data["skills"]) == len(catalog.skills)
    assert len(data["roles"]) == 3
    assert len(data["modules"]) == len(catalog.modules)
    assert [lv["word"] for lv in data["levels"]] == [lv.word for lv in catalog.levels]
    assert [s["id"] for s in data["skills"]] == list(catalog.skill_ids)
    assert [r["id"] for r in data["roles"]] == ["data-scientist", "software-developer", "ai-engineer"]
    rag = next(s for s in data["skills"] if s["id"] == "rag")
    assert rag["module"] == "retrieval"
    assert rag["prerequisites"] == ["embeddings", "vector-databases", "prompt-engineering", "llm-apis", "python"]
    assert rag["prerequisites_beyond"] == {"vector-databases": 2, "prompt-engineering": 2}
    assert rag["hours"] == list(catalog.skill("rag").hours)
    assert "retrieval augmented generation" in rag["aliases"]
    assert all({"title", "kind", "url", "free", "levels"} == set(r) for r in rag["resources"])
    engineer = next(r for r in data["roles"] if r["id"] == "ai-engineer")
    assert engineer["track"] == "both"
    rag_target = catalog.role("ai-engineer").skills["rag"]
    assert engineer["skills"]["rag"] == {"level": rag_target.level, "weight": rag_target.weight, "tier": "core"}


def _custom_catalog(broken_catalog):
    """A valid catalog that differs from the shipped one: one role and a new title."""

    def keep_one_role(doc):
        return [r for r in doc if r["id"] == "software-developer"]

    directory = broken_catalog("roles.yaml", keep_one_role)
    info = directory / "catalog.yaml"
    info.write_text(info.read_text().replace("title: Gen AI career paths", "title: Custom paths"))
    return directory


def test_skills_with_catalog_option(runner, broken_catalog, catalog):
    directory = _custom_catalog(broken_catalog)
    result = runner.invoke(main, ["skills", "--json", "--catalog", str(directory)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["id"] for r in data["roles"]] == ["software-developer"]
    assert data["version"] != catalog.version

    table = runner.invoke(main, ["skills", "--catalog", str(directory)])
    assert table.exit_code == 0, table.output
    assert "Custom paths (catalog genai" in table.stdout
    assert "[data-scientist," not in table.stdout


def test_skills_with_env_var(runner, broken_catalog):
    directory = _custom_catalog(broken_catalog)
    result = runner.invoke(main, ["skills", "--json"], env={ENV_VAR: str(directory)})
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in json.loads(result.stdout)["roles"]] == ["software-developer"]


def test_skills_catalog_option_beats_env_var(runner, broken_catalog):
    directory = _custom_catalog(broken_catalog)
    result = runner.invoke(
        main, ["skills", "--json", "--catalog", str(default_catalog_dir())], env={ENV_VAR: str(directory)}
    )
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["roles"]) == 3


def test_skills_with_broken_catalog_is_an_error_not_a_traceback(runner, broken_catalog):
    def cycle(doc):
        next(s for s in doc if s["id"] == "rag")["prerequisites"].append("ai-agents")

    directory = broken_catalog("skills.yaml", cycle)
    for args in (["skills"], ["skills", "--json"]):
        result = runner.invoke(main, [*args, "--catalog", str(directory)])
        assert result.exit_code == 1
        assert isinstance(result.exception, SystemExit)
        assert result.stdout == ""
        assert "Error: skills.yaml: skill 'rag': prerequisite cycle: rag -> ai-agents -> rag" in result.stderr


def test_skills_catalog_option_must_exist(runner, tmp_path):
    result = runner.invoke(main, ["skills", "--catalog", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


# ===========================================================================
# Other commands go below this line.
# ===========================================================================
