"""Precision and recall of name matching on the labelled set (recommender/evaluation/matching.py)."""

from __future__ import annotations

import csv
import json
from collections import Counter

import pytest
from click.testing import CliRunner

from api.cli import main
from recommender.evaluation.matching import (
    COLUMNS,
    SPLITS,
    Counts,
    Example,
    LabelError,
    evaluate,
    evaluate_matching,
    format_report,
    load_examples,
    split_of,
)
from recommender.matching import Match

# Measured on the shipped set (docs/matching.md): a change that lowers either fails here. Names on their own
# and names inside phrases ("used the OpenAI API", kind `phrase`, read far less often) are held apart.
FLOORS = {"dev": {"precision": 0.99, "recall": 0.96}, "holdout": {"precision": 0.98, "recall": 0.95}}
PHRASE_FLOORS = {"dev": {"precision": 0.89, "recall": 0.86}, "holdout": {"precision": 0.89, "recall": 0.86}}
GOAL = {"precision": 0.98, "recall": 0.90}  # issue 15, on the holdout's names
# What people type as their goals (kind "goal"), read as the planner reads them: measured when the set was added
# (dev lowered when the goal-posts rows, goals from forum posts and career questions, were added, and raised with
# the goal rules read from them: 0.9488 / 0.9758).
GOAL_ROW_FLOORS = {"dev": {"precision": 0.94, "recall": 0.97}, "holdout": {"precision": 0.81, "recall": 0.80}}


@pytest.fixture(scope="module")
def report():
    return evaluate_matching()


def names_alone(report, split) -> Counts:
    """The figures of every kind of name but phrases and goals."""
    total = Counts()
    for kind, counts in report.by_kind[split].items():
        if kind not in ("phrase", "goal"):
            for field in ("names", "tp", "fp", "fn"):
                setattr(total, field, getattr(total, field) + getattr(counts, field))
    return total


@pytest.mark.parametrize("split", SPLITS)
def test_matching_keeps_its_measured_figures(report, split):
    for counts, floors in ((names_alone(report, split), FLOORS), (report.by_kind[split]["phrase"], PHRASE_FLOORS)):
        assert counts.precision >= floors[split]["precision"], format_report(report)
        assert counts.recall >= floors[split]["recall"], format_report(report)


@pytest.mark.parametrize("split", SPLITS)
def test_goal_rows_keep_their_measured_figures(report, split):
    counts = report.by_kind[split]["goal"]
    assert counts.names >= 100
    assert counts.precision >= GOAL_ROW_FLOORS[split]["precision"], format_report(report)
    assert counts.recall >= GOAL_ROW_FLOORS[split]["recall"], format_report(report)


def test_a_goal_row_is_read_as_the_planner_reads_goals(catalog):
    """A module named as a goal plans nothing, so a goal row naming one finds nothing; a skill row finds it."""
    from recommender.evaluation.matching import Example, evaluate
    from recommender.matching import SkillMatcher

    rows = [
        Example("agents", frozenset({"ai-agents"}), "goal", "test", "dev"),
        Example("evals for our chatbot", frozenset({"app-evaluation"}), "goal", "test", "dev"),
    ]
    report = evaluate(SkillMatcher(catalog), rows)
    assert [(f.name, set(f.found)) for f in report.failures["dev"]] == [("agents", set())]


def test_the_holdout_meets_the_goal(report):
    counts = names_alone(report, "holdout")
    assert (counts.precision, counts.recall) >= (GOAL["precision"], GOAL["recall"])


def test_the_shipped_set_is_large_varied_and_a_fifth_held_out(catalog):
    examples = load_examples(catalog)
    assert len(examples) >= 500
    assert len({e.name.lower() for e in examples}) == len(examples)
    share = Counter(e.split for e in examples)["holdout"] / len(examples)
    assert 0.15 <= share <= 0.25
    kinds = Counter(e.kind for e in examples)
    kinds_wanted = {"tool", "product", "framework", "model", "concept", "misspelling", "abbreviation", "compound"}
    assert kinds_wanted | {"phrase"} <= set(kinds)
    assert sum(1 for e in examples if not e.targets) >= 50  # names that name nothing
    assert {"roadmap.sh", "job-postings", "course-titles", "misspellings"} <= {e.source for e in examples}


class FakeMatcher:
    """Reads each name as the ids listed for it."""

    def __init__(self, reads):
        self.reads = reads

    def resolve_many(self, names):
        return {n: tuple(Match("skill", t, 1.0) for t in self.reads[n]) for n in names}


def test_counting_is_per_target():
    examples = [
        Example("a", frozenset({"x"}), "tool", "s", "dev"),
        Example("b", frozenset(), "general", "s", "dev"),
        Example("c", frozenset({"x", "y"}), "compound", "s", "dev"),
        Example("d", frozenset({"z"}), "tool", "s", "holdout"),
    ]
    report = evaluate(FakeMatcher({"a": ["x"], "b": ["x"], "c": ["x"], "d": []}), examples)
    dev = report.overall["dev"]
    assert (dev.tp, dev.fp, dev.fn) == (2, 1, 1)
    assert dev.precision == pytest.approx(2 / 3) and dev.recall == pytest.approx(2 / 3)
    assert report.overall["holdout"].recall == 0.0
    assert report.by_kind["dev"]["tool"].names == 1
    assert [f.name for f in report.failures["dev"]] == ["b", "c"]
    text = format_report(report, show_failures=True)
    assert "'c': x;y -> x" in text and "'d'" not in text  # holdout failures are never shown


class SuggestingMatcher(FakeMatcher):
    """Reads nothing, and suggests the ids listed for each name."""

    def resolve_many(self, names):
        return {n: (Match(None, None, 0.0, tuple(self.reads[n])),) for n in names}


def test_suggestions_for_names_read_as_nothing_are_counted_right_or_wrong():
    examples = [
        Example("a", frozenset({"x"}), "tool", "s", "dev"),  # suggested its label: right
        Example("b", frozenset({"x"}), "tool", "s", "dev"),  # suggested another: wrong
        Example("c", frozenset({"x"}), "tool", "s", "dev"),  # suggested nothing: unread, neither
        Example("d", frozenset(), "general", "s", "dev"),  # names nothing, suggested something: wrong
        Example("e", frozenset(), "general", "s", "dev"),  # names nothing, suggested nothing: as it should be
    ]
    reads = {"a": ["y", "x"], "b": ["y"], "c": [], "d": ["x"], "e": []}
    counts = evaluate(SuggestingMatcher(reads), examples).suggestions["dev"]["names"]
    assert (counts.unread, counts.right, counts.wrong) == (3, 1, 2)
    assert counts.precision == pytest.approx(1 / 3)


def test_the_shipped_sets_goals_suggest_little_that_is_wrong(report):
    """docs/matching.md, Unmatched: no suggestion is better than a wrong one. Measured when the count was added:
    an everyday word a key holds beside what sets it apart suggested it, 68 dev goal rows wrongly, then 4. Now 5:
    "become a research assistant in an NLP lab", read as the API before (a reading wrong) and as nothing since a want
    rule's `unless`, suggests language models for its NLP lab (a suggestion wrong, right 1 -> 2 beside it)."""
    assert report.suggestions["dev"]["goals"].wrong <= 5, format_report(report)


def test_nothing_found_and_nothing_expected_counts_as_perfect():
    assert (Counts().precision, Counts().recall) == (1.0, 1.0)


def test_split_is_a_fixed_hash_of_the_name():
    assert split_of("PyTorch") == split_of("  pytorch ")
    names = [f"name {i}" for i in range(2000)]
    assert 0.15 < sum(split_of(n) == "holdout" for n in names) / len(names) < 0.25


def write_set(path, rows):
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(rows)


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (["PyTorch", "no-such-skill", "tool", "x", split_of("PyTorch")], "unknown label no-such-skill"),
        (["PyTorch", "", "tool", "x", split_of("PyTorch")], r"unknown label \(empty\)"),
        (["PyTorch", "pytorch", "tool", "x", "holdout" if split_of("PyTorch") == "dev" else "dev"], "split must be"),
    ],
)
def test_a_bad_row_is_named(catalog, tmp_path, row, problem):
    write_set(tmp_path / "set.csv", [row])
    with pytest.raises(LabelError, match=problem) as info:
        load_examples(catalog, tmp_path / "set.csv")
    assert "line 2 ('PyTorch')" in str(info.value)


def test_careerpath_evaluate_matching_prints_both_splits(report):
    result = CliRunner().invoke(main, ["evaluate", "--matching"])
    assert result.exit_code == 0, result.output
    lines = [line.split() for line in result.output.splitlines()]
    overall = {line[0]: line for line in lines if len(line) == 5 and line[1] == "all"}
    assert set(overall) == set(SPLITS)
    assert float(overall["holdout"][3]) == pytest.approx(report.overall["holdout"].precision, abs=1e-3)
    as_json = json.loads(CliRunner().invoke(main, ["evaluate", "--matching", "--json"]).output)
    assert as_json["dev"]["overall"] == report.overall["dev"].as_dict()


def test_failures_lists_the_dev_names_read_wrongly_and_never_the_holdouts(report):
    result = CliRunner().invoke(main, ["evaluate", "--matching", "--failures"])
    assert result.exit_code == 0, result.output
    listed = result.output.split("dev names read wrongly (expected -> found):\n", 1)[1].splitlines()
    assert len(listed) == len(report.failures["dev"]) > 0
    for failure, line in zip(report.failures["dev"], listed, strict=True):
        assert line.startswith(f"  {failure.name!r}: ")
    assert not any(f.name in result.output for f in report.failures["holdout"] if len(f.name) > 12)
