"""``careerpath evaluate``, ``careerpath fit`` and ``--model`` (api/cli/ on the engine)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from api.cli import main
from recommender.engine import Engine
from recommender.modelio import load_model
from recommender.reference import default_reference_path

CLEAN_ENV = {"CAREERPATH_MODEL": None, "CAREERPATH_CATALOG": None}
REQUEST = {"skills": [{"name": "python", "level": 2}, {"name": "Prompt engineering", "level": 1}], "limit": 5}


def run(*args, env=None, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], env={**CLEAN_ENV, **(env or {})}, input=input)


def ok(result):
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def portal_data(tmp_path_factory):
    """A portal's own labelled plans: the software-developer lines of the shipped set."""
    lines = [
        line
        for line in default_reference_path().read_text(encoding="utf-8").splitlines()
        if line.strip() and json.loads(line)["role"] == "software-developer"
    ]
    assert len(lines) >= 10
    path = tmp_path_factory.mktemp("portal") / "plans.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def portal_model(portal_data, tmp_path_factory):
    out = tmp_path_factory.mktemp("models") / "portal.skops"
    output = ok(run("fit", portal_data, "--out", out, "-C", "0.3"))
    return out, output


@pytest.fixture
def request_file(tmp_path):
    path = tmp_path / "request.json"
    path.write_text(json.dumps(REQUEST), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------
# evaluate
# ---------------------------------------------------------------------------


def test_evaluate_json_model_beats_baseline_without_violations():
    report = json.loads(ok(run("evaluate", "--json")))
    assert report["profiles"] >= 60 and report["folds"] == 5 and report["k"] == 10
    assert report["model"]["ndcg"] > report["baseline"]["ndcg"]
    assert report["model"]["violations"] == report["baseline"]["violations"] == 0


def test_evaluate_prints_a_table_of_both_rankers():
    output = ok(run("evaluate", "--folds", "3"))
    assert re.search(r"\d+ reference plans, 3-fold cross-validation", output)
    assert "NDCG@10" in output and "prerequisite violations" in output
    rows = {}
    for label in ("fitted model", "catalog order"):
        match = re.search(rf"^{label}\s+([\d.]+)\s+([\d.]+)\s+(\d+)$", output, re.MULTILINE)
        assert match, output
        rows[label] = float(match[1]), int(match[3])
    assert rows["fitted model"][0] > rows["catalog order"][0]
    assert rows["fitted model"][1] == rows["catalog order"][1] == 0


def test_evaluate_on_a_portals_own_data(portal_data):
    report = json.loads(ok(run("evaluate", "--data", portal_data, "--folds", "3", "--json")))
    assert report["profiles"] == len(portal_data.read_text().splitlines())
    assert report["model"]["violations"] == 0


def test_evaluate_rejects_a_bad_line_naming_it(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps({"id": "a", "role": "software-developer", "skills": [], "ordering": ["python"]})
        + "\n"
        + json.dumps({"id": "b", "role": "software-developer", "skills": [], "ordering": ["llm-apis", "python"]})
        + "\n"
    )
    result = run("evaluate", "--data", bad)
    assert result.exit_code == 1
    assert "bad.jsonl line 2: llm-apis comes before its prerequisite " in result.output
    assert "Traceback" not in result.output


# ---------------------------------------------------------------------------
# fit
# ---------------------------------------------------------------------------


def test_fit_on_the_shipped_set_reproduces_the_shipped_model(engine, tmp_path):
    out = tmp_path / "model.skops"
    output = ok(run("fit", default_reference_path(), "--out", out))
    model = load_model(out)
    assert f"model {model.version} fitted on {model.trained_on} reference plans" in output
    assert f"saved to {out}" in output
    np.testing.assert_allclose(model.ranker.coef_, engine.model.ranker.coef_, rtol=1e-4, atol=1e-6)


def test_fit_on_a_portals_data_writes_a_model_that_loads(portal_model, engine):
    path, output = portal_model
    model = load_model(path)
    assert model.trained_on >= 10
    assert model.ranker.C == 0.3
    assert model.version != engine.model.version
    assert re.search(rf"model {model.version} fitted on {model.trained_on} reference plans \(\d+ pairs\)", output)
    assert output.count("weights: ") == 1 and "importance" in output


def test_a_fitted_model_is_used_by_the_engine(portal_model, engine):
    path, _ = portal_model
    portal = Engine.load(model_path=path)
    assert portal.model.version == load_model(path).version
    response = portal.recommend(REQUEST)
    assert response["model"]["version"] == portal.model.version
    assert engine.recommend(REQUEST)["model"]["version"] == engine.model.version


def test_recommend_uses_the_model_given_by_option_or_environment(portal_model, request_file, engine):
    path, _ = portal_model
    version = load_model(path).version
    by_option = json.loads(ok(run("recommend", request_file, "--model", path)))
    assert by_option["model"] == {"version": version}
    by_env = json.loads(ok(run("recommend", request_file, env={"CAREERPATH_MODEL": str(path)})))
    assert by_env == by_option
    default = json.loads(ok(run("recommend", request_file)))
    assert default["model"] == {"version": engine.model.version}
    # Another model may order differently, but it is the same plan with the same totals (its steps
    # may split into stages at other places: a skill done before its dependent needs part of it is one stage).
    for key in ("total_hours", "weeks"):
        assert default["plan"][key] == by_option["plan"][key]
    assert default["roles"] == by_option["roles"]


def test_recommend_from_stdin_with_a_model(portal_model):
    path, _ = portal_model
    response = json.loads(ok(run("recommend", "-", "--model", path, input=json.dumps(REQUEST))))
    assert len(response["plan"]["steps"]) == 5


def test_recommend_as_markdown_lists_the_steps_with_their_reasons(request_file, engine):
    response = engine.recommend(REQUEST)
    text = ok(run("recommend", request_file, "--markdown"))
    assert text.startswith("# Your plan: ")
    for step in response["plan"]["steps"]:
        assert f"{step['rank']}. **{step['name']}**" in text and step["reasons"][0] in text


def test_markdown_says_one_hour_not_one_hours():
    """At one hour a week, with one-hour steps (a 0 to 1 overview), every count reads as English."""
    request = {"skills": [{"name": "python", "level": 3}], "target_role": "software-developer", "hours_per_week": 1}
    text = ok(run("recommend", "-", "--markdown", input=json.dumps(request)))
    assert "at 1 hour a week" in text and "at your 1 hour a week" in text
    assert re.search(r": 1 hour, weeks? \d", text), "a one-hour step"
    assert not re.search(r"\b1 (hours|weeks|steps)\b", text)


def test_fit_rejects_a_bad_line_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "x", "role": "data-scientist", "skills": [], "ordering": ["basket-weaving"]}))
    out = tmp_path / "model.skops"
    result = run("fit", bad, "--out", out)
    assert result.exit_code == 1
    assert "bad.jsonl line 1" in result.output and "basket-weaving" in result.output
    assert not out.exists()


@pytest.mark.parametrize("c", ["0", "-1", "many"])
def test_fit_rejects_a_bad_regularisation(tmp_path, c):
    result = run("fit", default_reference_path(), "--out", tmp_path / "m.skops", "-C", c)
    assert result.exit_code == 2
    assert not (tmp_path / "m.skops").exists()


def test_fit_needs_an_output_path():
    result = run("fit", default_reference_path())
    assert result.exit_code == 2 and "--out" in result.output


def test_a_corrupt_or_missing_model_is_a_clean_error(tmp_path, request_file):
    corrupt = tmp_path / "corrupt.skops"
    corrupt.write_bytes(b"not a model")
    result = run("recommend", request_file, "--model", corrupt)
    assert result.exit_code == 1
    assert "not a careerpath model" in result.output and "Traceback" not in result.output
    missing = run("recommend", request_file, "--model", tmp_path / "nowhere.skops")
    assert missing.exit_code == 2


def test_recommend_and_batch_rank_as_the_service_does_when_the_model_fits_the_catalog_worse(tmp_path):
    """A model that orders the catalog's plans worse than catalog order: the commands warn on stderr and
    follow catalog order, as the service does (CAREERPATH_RANKING), unless told to keep the model."""
    from tests.test_reference import reversed_order_weights, saved_model, small_catalog

    small = small_catalog(tmp_path / "small")
    worse = saved_model(tmp_path / "worse.skops", reversed_order_weights())
    request = tmp_path / "request.json"
    request.write_text(json.dumps({"skills": [], "target_role": "maker"}), encoding="utf-8")

    auto = run("recommend", request, "--catalog", small, "--model", worse)
    assert auto.exit_code == 0, auto.output
    assert "worse than catalog order" in auto.stderr
    assert json.loads(auto.stdout)["model"] == {"version": "catalog-order"}

    kept = run("recommend", request, "--catalog", small, "--model", worse, env={"CAREERPATH_RANKING": "model"})
    assert kept.exit_code == 0, kept.output
    assert "worse than catalog order" not in kept.stderr
    assert json.loads(kept.stdout)["model"]["version"] == load_model(worse).version

    cohort = tmp_path / "cohort.csv"
    cohort.write_text("id,target_role\na,maker\nb,\n", encoding="utf-8")
    batch = run("batch", cohort, "--out", tmp_path / "out.csv", "--catalog", small, "--model", worse)
    assert batch.exit_code == 0, batch.output
    assert "worse than catalog order" in batch.stderr


def test_a_bad_ranking_is_named_with_its_variable():
    result = run("recommend", "-", env={"CAREERPATH_RANKING": "best"}, input=json.dumps(REQUEST))
    assert result.exit_code == 2
    assert "CAREERPATH_RANKING" in result.output and "best" in result.output


def test_a_catalogs_reference_plans_that_break_its_prerequisites_stop_every_command_with_one_line(tmp_path):
    """The service reads a catalog's own reference plans at start-up to judge the model: a plan that
    contradicts the catalog is named by line, by validate before anything starts and by every command
    that scores, never with a traceback; CAREERPATH_RANKING=model skips the check."""
    from tests.test_reference import small_catalog

    small = small_catalog(tmp_path / "small")
    bad = {"id": "bad", "role": "maker", "skills": [], "ordering": ["skill-b", "skill-a"]}  # b needs a
    (tmp_path / "small" / "reference_plans.jsonl").write_text(json.dumps(bad) + "\n", encoding="utf-8")
    problem = "reference_plans.jsonl line 1: skill-b comes before its prerequisite skill-a"
    request = tmp_path / "request.json"
    request.write_text(json.dumps({"skills": [], "target_role": "maker"}), encoding="utf-8")
    cohort = tmp_path / "cohort.csv"
    cohort.write_text("id,target_role\na,maker\n", encoding="utf-8")

    validate = run("validate", small)
    assert validate.exit_code == 1 and problem in validate.stderr
    for args in (
        ("recommend", request, "--catalog", small),
        ("batch", cohort, "--out", tmp_path / "out.csv", "--catalog", small),
        ("serve", "--catalog", small, "--port", "0"),
    ):
        result = run(*args)
        assert result.exit_code == 1, (args, result.output)
        assert problem in result.output and "CAREERPATH_RANKING" in result.output
        assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    assert not (tmp_path / "out.csv").exists()

    kept = run("recommend", request, "--catalog", small, env={"CAREERPATH_RANKING": "model"})
    assert kept.exit_code == 0, kept.output
    assert json.loads(kept.stdout)["plan"]["steps"][0]["skill"] == "skill-a"

    good = {"id": "good", "role": "maker", "skills": [], "ordering": ["skill-a", "skill-b"]}
    (tmp_path / "small" / "reference_plans.jsonl").write_text(json.dumps(good) + "\n", encoding="utf-8")
    assert ok(run("validate", small)).splitlines()[1] == "ok: 1 reference plan in reference_plans.jsonl"


def test_evaluate_and_fit_name_what_is_missing_instead_of_a_traceback(tmp_path):
    """A catalog without its own labelled names or personas, and a model path in no directory."""
    root = Path(__file__).resolve().parents[1]
    example = tmp_path / "web-development"  # the example catalog without its eval/ sets
    shutil.copytree(root / "examples" / "web-development", example, ignore=shutil.ignore_patterns("eval"))
    matching = run("evaluate", "--matching", "--catalog", example)
    assert matching.exit_code == 1 and isinstance(matching.exception, SystemExit)
    assert "eval/matching.csv: cannot read" in matching.output
    personas = run("evaluate", "--personas", "--catalog", example)
    assert personas.exit_code == 1 and isinstance(personas.exception, SystemExit)
    assert "eval/personas.yaml: cannot read" in personas.output
    broken = run("evaluate", "--matching", "--catalog", root / "examples" / "broken-catalog")
    assert broken.exit_code == 1 and "unknown module 'databases'" in broken.output
    nowhere = tmp_path / "missing" / "model.skops"
    fit = run("fit", "--catalog", example, "--out", nowhere)
    assert fit.exit_code == 2 and f"the directory {nowhere.parent} does not exist" in fit.output
