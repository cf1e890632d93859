"""The second example catalog (examples/web-development) end to end: validate, the CLI, the API, the form and
batch with its report, each in the catalog's own words and none of the shipped Gen AI catalog's (issue 19 §2)."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from web_helpers import csrf_token

import skills
from api.cli import main
from api.web.answers import tick_level

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "web-development"
REQUEST = json.loads((EXAMPLE / "request.json").read_text())


@pytest.fixture(scope="module")
def example() -> skills.Catalog:
    return skills.load_catalog(EXAMPLE)


@pytest.fixture(scope="module")
def shipped() -> skills.Catalog:
    return skills.load_catalog()


def foreign_words(shipped: skills.Catalog, example: skills.Catalog) -> list[str]:
    """Patterns of the shipped catalog's domain that a page about the example must not show: its subject, title,
    track names, and its level words where a level is named (``2 (beginner)``; plain English may say 'advanced')."""
    own = {lv.word for lv in example.levels}
    levels = [rf"\d \({re.escape(lv.word)}\)" for lv in shipped.levels if lv.word not in own]
    names = [re.escape(name) for name in (shipped.title, *(t.name for t in shipped.tracks))]
    return [r"\bgen(erative)? AI\b", *names, *levels]


def assert_speaks_the_example(text: str, shipped: skills.Catalog, example: skills.Catalog) -> None:
    found = [m.group() for w in foreign_words(shipped, example) if (m := re.search(w, text, re.I))]
    assert not found, f"words of the shipped catalog: {found}"


# ---------------------------------------------------------------------------
# The catalog itself
# ---------------------------------------------------------------------------


def test_the_example_is_a_catalog_of_its_own(example, shipped):
    assert len(example.skills) >= 40 and len(example.roles) >= 3
    assert example.title != shipped.title and example.name != shipped.name
    assert [lv.word for lv in example.levels] != [lv.word for lv in shipped.levels]
    assert {t.id for t in example.tracks} == {m.track for m in example.modules} | {r.track for r in example.roles}
    assert [t.id for t in example.tracks if t.shared] == ["full-stack"]


def test_every_role_holds_the_prerequisites_of_its_skills_at_the_level_they_need(example):
    for role in example.roles:
        for skill_id, target in role.skills.items():
            skill = example.skill(skill_id)
            for prereq in skill.prerequisites:
                needed = skill.prerequisite_levels.get(prereq, target.level)
                assert prereq in role.skills, f"{role.id}: {skill_id} needs {prereq}"
                assert role.skills[prereq].level >= needed, f"{role.id}: {skill_id} needs {prereq} at {needed}"


def test_it_declares_a_level_scale_of_its_own_and_every_level_in_it_fits(example, shipped):
    """Four levels, 0..3, against the shipped six: hours, role targets and prerequisite levels on that scale."""
    assert [(lv.value, lv.word) for lv in example.levels] == [(0, "none"), (1, "basics"), (2, "working"), (3, "expert")]
    assert example.max_level == 3 != shipped.max_level and all(lv.description for lv in example.levels)
    assert all(len(skill.hours) == example.max_level for skill in example.skills)
    targets = {target.level for role in example.roles for target in role.skills.values()}
    needs = {level for skill in example.skills for level in skill.prerequisite_levels.values()}
    assert targets == {1, 2, 3} and needs <= {1, 2}


def test_every_skill_has_linked_resources_that_cover_every_level_of_its_scale(example):
    for skill in example.skills:
        assert skill.resources, skill.id
        assert all(r.url and r.url.startswith("https://") and r.free is not None for r in skill.resources), skill.id
        covered = {level for r in skill.resources for level in range(r.levels.lo, r.levels.hi + 1)}
        assert covered == set(range(1, example.max_level + 1)), skill.id


# ---------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------


def test_validate_passes_it(example):
    result = CliRunner().invoke(main, ["validate", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    counts = f"{len(example.modules)} modules, {len(example.skills)} skills, {len(example.roles)} roles"
    assert result.stdout.strip() == f"ok: catalog web-development {example.version}: {counts}"


def test_it_measures_its_own_matching_and_personas(example):
    """The workflow for a catalog of one's own: its eval/ sets, its ids, its tracks and its level scale."""
    matching = CliRunner().invoke(main, ["evaluate", "--matching", "--catalog", str(EXAMPLE), "--json"])
    assert matching.exit_code == 0, matching.output
    with (EXAMPLE / "eval" / "matching.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    figures = json.loads(matching.stdout)
    for split in ("dev", "holdout"):
        assert figures[split]["overall"]["names"] == sum(r["split"] == split for r in rows)
    personas = CliRunner().invoke(main, ["evaluate", "--personas", "--catalog", str(EXAMPLE), "--json"])
    assert personas.exit_code == 0, personas.output
    report = json.loads(personas.stdout)
    written = yaml.safe_load((EXAMPLE / "eval" / "personas.yaml").read_text(encoding="utf-8"))["personas"]
    assert [p["id"] for p in report["personas"]] == [p["id"] for p in written]
    assert {s: r["total"] for s, r in report["pass_rates"].items()} == {"dev": 4, "holdout": 1}
    assert all(v["checks"] >= 4 for v in report["personas"])


def test_the_help_names_the_catalog_set_in_the_environment(example, shipped):
    result = CliRunner().invoke(main, ["--help"], env={skills.ENV_VAR: str(EXAMPLE)})
    assert result.exit_code == 0, result.output
    assert example.title in " ".join(result.stdout.split())
    assert_speaks_the_example(result.stdout, shipped, example)


def test_skills_lists_its_levels_and_tracks(example):
    result = CliRunner().invoke(main, ["skills", "--catalog", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert f"Levels: {', '.join(f'{lv.value} {lv.word}' for lv in example.levels)}" in result.stdout
    assert all(t.name in result.stdout for t in example.tracks)


def test_recommend_plans_in_its_skills(example):
    result = CliRunner().invoke(main, ["recommend", str(EXAMPLE / "request.json"), "--catalog", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["catalog"] == {"name": example.name, "version": example.version}
    assert {r["role"] for r in answer["roles"]} == set(example.role_ids)
    assert answer["plan"]["steps"] and all(example.has_skill(s["skill"]) for s in answer["plan"]["steps"])


# ---------------------------------------------------------------------------
# The HTTP API and the form, started on the example as a deployment would
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client():
    from api.app import create_app

    return create_app({"TESTING": True, "CATALOG": str(EXAMPLE)}).test_client()


def test_the_api_recommends_in_its_roles_skills_and_level_words(client, example):
    response = client.post("/v1/recommendations", json=REQUEST)
    assert response.status_code == 200, response.get_data(as_text=True)
    answer = response.get_json()
    assert [m["skill"] for m in answer["profile"]["matched"]] == [
        "html",
        "css",
        "javascript",
        "react",
        "git",
        "css-layout",
    ]
    assert {r["role"] for r in answer["roles"]} == set(example.role_ids)
    steps = answer["plan"]["steps"]
    assert len(steps) == REQUEST["limit"] and all(example.has_skill(s["skill"]) for s in steps)
    reasons = " ".join(r for s in steps for r in s["reasons"])
    assert any(f"({lv.word})" in reasons for lv in example.levels[1:]), reasons


def test_the_api_refuses_a_level_beyond_its_scale_naming_the_field_and_the_scale(client):
    response = client.post(
        "/v1/recommendations", json={"skills": [{"name": "html", "level": 2}, {"name": "css", "level": 4}]}
    )
    assert response.status_code == 422, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == {"code", "status", "message", "errors"} and list(body["errors"]) == ["skills.1.level"]
    (message,) = body["errors"]["skills.1.level"]
    assert message.startswith("4 is out of range for the scale 0..3 (none to expert)"), message


def test_the_api_reads_its_level_words_and_none_of_the_shipped_catalogs(client, shipped, example):
    words = [lv.word for lv in example.levels]
    rated = [{"name": "html", "level": word} for word in words]
    for entry in rated:
        response = client.post("/v1/recommendations", json={"skills": [entry]})
        assert response.status_code == 200, response.get_data(as_text=True)
        (matched,) = response.get_json()["profile"]["matched"]
        assert matched["level"] == words.index(entry["level"])
    foreign = next(lv.word for lv in shipped.levels if lv.word not in words)
    response = client.post("/v1/recommendations", json={"skills": [{"name": "html", "level": foreign}]})
    assert response.status_code == 422 and "use 0-3 or one of none, basics, working, expert" in response.get_data(
        as_text=True
    )


def test_the_api_lists_its_skills(client, example):
    response = client.get("/v1/skills")
    assert response.status_code == 200
    body = response.get_json()
    listed = body["skills"] if isinstance(body, dict) else body
    assert [s["id"] for s in listed] == list(example.skill_ids)


def test_the_openapi_document_says_nothing_of_gen_ai(client, shipped, example):
    spec = client.get("/openapi.json").get_data(as_text=True)
    assert_speaks_the_example(spec, shipped, example)


def test_the_openapi_document_speaks_the_catalogs_words(client, example):
    spec = client.get("/openapi.json").get_json()
    assert example.title in json.dumps(spec["info"])
    text = json.dumps(spec)
    assert all(lv.word in text for lv in example.levels)
    assert all(f'"{t.id}"' in text for t in example.tracks) and '"builder"' not in text


def test_the_openapi_document_states_its_level_range_and_words(client):
    level = client.get("/openapi.json").get_json()["components"]["schemas"]["SkillRating"]["properties"]["level"]
    number = next(option for option in level["oneOf"] if option["type"] == "integer")
    assert (number["minimum"], number["maximum"]) == (0, 3)
    assert level["description"] == "0-3 or a level word (none, basics, working, expert)"


def test_the_form_speaks_the_catalogs_words(client, shipped, example):
    page = client.get("/").get_data(as_text=True)
    assert example.title in page
    assert all(lv.word in page for lv in example.levels)
    assert_speaks_the_example(page, shipped, example)


def test_the_forms_scales_are_its_four_levels_and_a_tick_counts_as_its_basics(client, example):
    page = client.get("/").get_data(as_text=True)
    for skill in example.skills:
        values = re.findall(rf'<input type="radio" id="f-skill-{skill.id}-(\d+)"', page)
        assert values == ["0", "1", "2", "3"], skill.id
    tick = tick_level(example.max_level)
    assert example.levels[tick].word == "basics"
    assert f"A tick counts as <strong>{example.levels[tick].word}</strong>" in page


def test_a_form_answer_beyond_its_scale_is_refused_in_its_words(client):
    token = csrf_token(client.get("/").data)
    response = client.post("/", data={"csrf_token": token, "skill.html": "4", "role": "frontend-developer"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "4 is out of range for the scale 0..3 (none to expert)" in page


def test_the_form_names_the_catalogs_tracks(client, example):
    page = client.get("/").get_data(as_text=True)
    assert all(t.name in page for t in example.tracks)


def test_a_form_answer_gets_a_plan_in_the_catalogs_words(client, shipped, example):
    token = csrf_token(client.get("/").data)
    data = {"csrf_token": token, "skill.html": "2", "skill.javascript": "1", "done": "frontend-basics", "hours": "8"}
    data["role"] = "frontend-developer"
    response = client.post("/", data=data, follow_redirects=True)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    page = response.get_data(as_text=True)
    assert example.role("frontend-developer").title in page
    assert example.skill("react").name in page or example.skill("dom").name in page
    assert_speaks_the_example(page, shipped, example)


# ---------------------------------------------------------------------------
# Batch scoring and the cohort report
# ---------------------------------------------------------------------------


def test_batch_scores_a_cohort_and_reports_it_in_the_catalogs_words(tmp_path, shipped, example):
    out, report = tmp_path / "scored.csv", tmp_path / "report.html"
    command = ["batch", str(EXAMPLE / "cohort.csv"), "--catalog", str(EXAMPLE), "--out", str(out)]
    result = CliRunner().invoke(main, [*command, "--report", str(report)])
    assert result.exit_code == 0, result.output
    with (EXAMPLE / "cohort.csv").open() as f:
        members = list(csv.DictReader(f))
    with out.open() as f:
        scored = list(csv.DictReader(f))
    assert [r["id"] for r in scored] == [m["id"] for m in members]
    assert all(example.has_role(r["best_role"]) for r in scored)
    html = report.read_text()
    assert example.title in html and all(r.title in html for r in example.roles)
    assert_speaks_the_example(html, shipped, example)


def test_batch_sets_a_row_with_a_level_beyond_its_scale_aside_with_its_words(tmp_path):
    cohort, out = tmp_path / "cohort.csv", tmp_path / "scored.csv"
    cohort.write_text("id,html,css\nfine,working,basics\nbeyond,4,1\n")
    result = CliRunner().invoke(main, ["batch", str(cohort), "--catalog", str(EXAMPLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    with out.open() as f:
        assert [row["id"] for row in csv.DictReader(f)] == ["fine"]
    with (tmp_path / "scored.errors.csv").open() as f:
        (error,) = csv.DictReader(f)
    assert (error["id"], error["fields"]) == ("beyond", "html")
    assert error["message"].startswith("html: 4 is out of range for the scale 0..3 (none to expert)")


# ---------------------------------------------------------------------------
# The same catalog without tracks
# ---------------------------------------------------------------------------


def without_tracks(directory: Path) -> Path:
    """A copy of the example that declares no tracks and whose modules and roles name none."""
    shutil.copytree(EXAMPLE, directory)
    info = yaml.safe_load((directory / "catalog.yaml").read_text())
    (directory / "catalog.yaml").write_text(yaml.safe_dump(info | {"tracks": []}, sort_keys=False))
    for name in ("modules.yaml", "roles.yaml"):
        entries = [{k: v for k, v in e.items() if k != "track"} for e in yaml.safe_load((directory / name).read_text())]
        (directory / name).write_text(yaml.safe_dump(entries, sort_keys=False))
    return directory


def test_a_catalog_without_tracks_works_end_to_end(tmp_path, example):
    from api.app import create_app

    directory = without_tracks(tmp_path / "no-tracks")
    assert CliRunner().invoke(main, ["validate", str(directory)]).exit_code == 0
    plain = skills.load_catalog(directory)
    assert plain.tracks == () and plain.skills == example.skills
    client = create_app({"TESTING": True, "CATALOG": str(directory)}).test_client()
    assert client.get("/").status_code == 200
    response = client.post("/v1/recommendations", json=REQUEST)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert {r["role"] for r in response.get_json()["roles"]} == set(example.role_ids)
