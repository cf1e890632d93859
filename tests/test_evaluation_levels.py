"""How much single entries credit, against the labelled levels set (recommender/evaluation/levels.py)."""

from __future__ import annotations

import csv
import json
from collections import Counter

import pytest
from click.testing import CliRunner

from api.cli import main
from recommender.evaluation.levels import (
    COLUMNS,
    Example,
    Figures,
    LabelError,
    LevelRange,
    evaluate,
    evaluate_levels,
    format_report,
    load_examples,
)
from recommender.evaluation.matching import SPLITS, split_of
from recommender.profiles import ProfileParser


@pytest.fixture(scope="module")
def report():
    return evaluate_levels()


def test_the_shipped_set_loads_is_varied_and_a_fifth_held_out(catalog):
    examples = load_examples(catalog)
    assert len(examples) >= 300
    splits = Counter(e.split for e in examples)
    assert 0.15 < splits["holdout"] / len(examples) < 0.3
    assert {e.level for e in examples} >= {1, 2, 3, 4, 5}
    names = Counter(e.name for e in examples)
    assert sum(n >= 3 for n in names.values()) >= 5  # the same name at several stated levels
    assert len({e.source for e in examples}) >= 4


def test_a_range_tells_over_from_under_credit():
    assert [LevelRange(1, 3).miss(level) for level in range(6)] == [-1, 0, 0, 0, 1, 2]
    assert str(LevelRange(2, 2)) == "2" and str(LevelRange(0, 1)) == "0-1"


def test_figures_count_rows_pairs_distance_and_direction():
    figures = Figures()
    figures.add([0, 0])  # right
    figures.add([2, 0, -1])  # one over by 2, one under by 1
    figures.add([])  # nothing listed: right
    assert (figures.rows, figures.rows_right, figures.pairs, figures.pairs_right) == (3, 2, 5, 3)
    assert figures.row_accuracy == pytest.approx(2 / 3)
    assert figures.pair_accuracy == pytest.approx(3 / 5)
    assert figures.mean_error == pytest.approx(3 / 5)
    assert (figures.over, figures.under) == (1, 1)
    assert Figures().row_accuracy == 1.0 and Figures().mean_error == 0.0


def test_each_entry_is_read_alone_in_one_batch(catalog):
    """Two rows of one tiny set: the levels each one-entry profile is read at, judged per listed skill."""
    parser = ProfileParser(catalog)
    examples = [
        Example("Python", 4, {"python": LevelRange(4, 4), "pytorch": LevelRange(0, 0)}, "form", "dev"),
        Example("Python", 2, {"python": LevelRange(4, 5)}, "form", "holdout"),  # read at 2: under by 2
    ]
    report = evaluate(parser, examples)
    assert report.figures["dev"].as_dict()["row_accuracy"] == 1.0
    holdout = report.figures["holdout"]
    assert (holdout.rows_right, holdout.under, holdout.over, holdout.distance) == (0, 1, 0, 2)
    (failure,) = report.failures["holdout"]
    assert failure.name == "Python" and failure.level == 2 and str(failure.misses[0]) == "python 4-5 read 2"
    assert "holdout" not in format_report(report, show_failures=True).split("read wrongly")[1]


def write_set(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(rows)


OTHER = "holdout" if split_of("PyTorch") == "dev" else "dev"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (["PyTorch", "3", "no-such-skill:3", "form", split_of("PyTorch")], "unknown skill no-such-skill"),
        (["PyTorch", "3", "pytorch:3-2", "form", split_of("PyTorch")], "not a range of levels 0-5 in order"),
        (["PyTorch", "3", "pytorch:2-6", "form", split_of("PyTorch")], "not a range of levels 0-5 in order"),
        (["PyTorch", "3", "pytorch=3", "form", split_of("PyTorch")], "expected 'pytorch=3' is not skill:level"),
        (["PyTorch", "3", "pytorch:3;pytorch:2", "form", split_of("PyTorch")], "lists pytorch twice"),
        (["PyTorch", "7", "pytorch:3", "form", split_of("PyTorch")], "level '7' is not a level 0-5"),
        (["PyTorch", "3", "pytorch:3", "form", OTHER], f"split must be {split_of('PyTorch')}"),
    ],
)
def test_a_bad_row_is_named(catalog, tmp_path, row, problem):
    write_set(tmp_path / "set.csv", [row])
    with pytest.raises(LabelError, match=problem) as info:
        load_examples(catalog, tmp_path / "set.csv")
    assert "line 2 ('PyTorch')" in str(info.value)


def test_wrong_columns_are_named(catalog, tmp_path):
    (tmp_path / "set.csv").write_text("name,label,kind,source,split\n")
    with pytest.raises(LabelError, match="columns must be name, level, expected, source, split"):
        load_examples(catalog, tmp_path / "set.csv")


def test_careerpath_evaluate_levels_prints_both_splits_and_json(report):
    result = CliRunner().invoke(main, ["evaluate", "--levels"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split() for line in result.output.splitlines()[1:] if line.strip()}
    assert set(rows) == set(SPLITS)
    assert float(rows["holdout"][2]) == pytest.approx(report.figures["holdout"].row_accuracy, abs=1e-3)
    as_json = json.loads(CliRunner().invoke(main, ["evaluate", "--levels", "--json"]).output)
    assert as_json["dev"] == report.figures["dev"].as_dict()


def test_failures_lists_the_dev_entries_read_wrongly_and_never_the_holdouts(report):
    result = CliRunner().invoke(main, ["evaluate", "--levels", "--failures"])
    assert result.exit_code == 0, result.output
    listed = result.output.split("dev entries read wrongly (skill expected read level):\n", 1)[1].splitlines()
    assert len(listed) == len(report.failures["dev"]) > 0
    for failure, line in zip(report.failures["dev"], listed, strict=True):
        assert line.startswith(f"  {failure.name!r} at {failure.level}: ")
    assert not any(f"{f.name!r} at" in result.output for f in report.failures["holdout"])
