"""``careerpath batch``: formats, chunking, the errors file, atomic outputs, the report."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from api.cli import main
from recommender import cohort
from recommender.batch import files
from recommender.batch import pipeline as batch_module

RESERVED = ("id", "target_role", "hours_per_week", "group", "goals")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner, *args) -> object:
    result = runner.invoke(main, ["batch", *map(str, args)], catch_exceptions=False)
    return result


def read(path: Path) -> pd.DataFrame:
    """An output file as a plain frame (strings as objects, empty steps as None)."""
    suffix = path.suffix
    if suffix == ".parquet":
        frame = pd.read_parquet(path)
    elif suffix == ".jsonl":
        frame = pd.read_json(path, lines=True, dtype=False)
    else:
        frame = pd.read_csv(path, dtype={"id": str, "group": str}, keep_default_na=False, na_values=[""])
    frame = frame.astype({c: object for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])})
    return frame.where(frame.notna(), None)


def csv_rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def as_record(row: dict) -> dict:
    """A wide CSV row as a JSON Lines profile of the API."""
    skills = [
        {"name": k, "level": int(v) if v.isdigit() else v} for k, v in row.items() if k not in RESERVED and v != ""
    ]
    record = {"id": row["id"], "skills": skills, "group": row["group"] or None}
    if row["target_role"]:
        record["target_role"] = row["target_role"]
    if row["hours_per_week"]:
        record["hours_per_week"] = float(row["hours_per_week"])
    if row.get("goals"):
        record["goals"] = [g.strip() for g in row["goals"].split(";") if g.strip()]
    return record


def synthetic_csv(path: Path, engine, n: int, seed: int = 1) -> Path:
    rng = np.random.default_rng(seed)
    words = np.array(["none", "aware", "beginner", "intermediate", "advanced", "expert"])
    others = np.array(["None", "familiar", "Basic", "competent", "proficient", "master"])  # what people also write
    data = {"id": [f"s{i}" for i in range(n)], "target_role": rng.choice(["", *engine.arrays.role_ids], n)}
    data["hours_per_week"] = rng.choice(["", "5", "10"], n)
    for s in engine.arrays.skill_ids[:25]:
        level = rng.integers(0, 6, n)
        named = np.where(rng.random(n) < 0.5, words[level], others[level])
        data[s] = np.where(rng.random(n) < 0.4, np.where(rng.random(n) < 0.3, named, level.astype(str)), "")
    frame = pd.DataFrame(data)
    frame.loc[rng.choice(n, max(1, n // 50), replace=False), "python"] = "lots"
    frame.to_csv(path, index=False)
    return path


# ---------------------------------------------------------------------------
# Every row accounted for
# ---------------------------------------------------------------------------


def test_example_cohort_every_row_in_results_or_errors(runner, example_cohort, tmp_path):
    out = tmp_path / "scored.csv"
    result = run(runner, example_cohort, "--out", out)
    assert result.exit_code == 0, result.output
    results, errors = read(out), read(tmp_path / "scored.errors.csv")
    assert len(results) + len(errors) == len(csv_rows(example_cohort)) == 40
    assert sorted([*results["index"], *errors["index"]]) == list(range(40))
    assert list(results["index"]) == sorted(results["index"])
    assert list(errors.columns) == ["index", "id", "fields", "message"]
    assert list(errors["fields"]) == ["rag", "target_role", "id"]
    assert "40 rows: 37 scored" in result.stderr
    assert "scoring" not in result.stderr, "no progress bar when stderr is not a terminal"


def test_output_columns(runner, example_cohort, tmp_path, engine):
    out = tmp_path / "scored.parquet"
    assert run(runner, example_cohort, "--out", out, "--steps", 3).exit_code == 0
    frame = read(out)
    fits = [cohort.column_name("fit", r) for r in engine.arrays.role_ids]
    assert list(frame.columns) == [
        "index", "id", "group", "target_role", "best_role", "target_fit", *fits,
        "total_steps", "total_hours", "hours_per_week", "weeks", "inferred_skills", "step_1", "step_2", "step_3",
    ]  # fmt: skip
    row = frame.iloc[0]
    assert row["best_role"] in engine.arrays.role_ids
    assert row["target_fit"] == row[cohort.column_name("fit", row["target_role"])]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_output_formats_hold_the_same_rows(runner, example_cohort, tmp_path, fmt):
    reference = tmp_path / "ref.parquet"
    run(runner, example_cohort, "--out", reference)
    out = tmp_path / f"scored.{fmt}"
    assert run(runner, example_cohort, "--out", out).exit_code == 0
    pd.testing.assert_frame_equal(read(out), read(reference), check_dtype=False)


def test_csv_json_lines_and_parquet_inputs_give_the_same_results(runner, example_cohort, tmp_path):
    rows = csv_rows(example_cohort)
    jsonl = tmp_path / "cohort.jsonl"
    jsonl.write_text("".join(json.dumps(as_record(r)) + "\n" for r in rows), encoding="utf-8")
    parquet = tmp_path / "cohort.parquet"
    pd.read_csv(example_cohort, dtype=str).to_parquet(parquet)
    outputs = {}
    for source in (example_cohort, jsonl, parquet):
        out = tmp_path / f"from-{source.suffix[1:]}.csv"
        assert run(runner, source, "--out", out).exit_code == 0
        outputs[source.suffix] = (read(out), read(tmp_path / f"from-{source.suffix[1:]}.errors.csv"))
    results, errors = outputs[".csv"]
    for suffix in (".jsonl", ".parquet"):
        other_results, other_errors = outputs[suffix]
        pd.testing.assert_frame_equal(other_results, results, check_dtype=False)
        assert list(other_errors["index"]) == list(errors["index"])  # JSON names fields by path instead


def test_chunking_changes_nothing(runner, engine, tmp_path):
    source = synthetic_csv(tmp_path / "big.csv", engine, 2500)
    one, many = tmp_path / "one.parquet", tmp_path / "many.parquet"
    assert run(runner, source, "--out", one, "--chunk-rows", 100_000, "--threads", 1).exit_code == 0
    assert run(runner, source, "--out", many, "--chunk-rows", 300, "--threads", 2).exit_code == 0
    pd.testing.assert_frame_equal(read(many), read(one))
    assert (
        read(many.with_name("many.errors.csv"))["index"].tolist()
        == read(one.with_name("one.errors.csv"))["index"].tolist()
    )
    assert len(read(many)) + len(read(many.with_name("many.errors.csv"))) == 2500


def test_a_level_by_another_word_scores_as_its_number(runner, tmp_path):
    """Spreadsheets say "Basic" or "proficient": read as the levels they name, not sent to the errors file."""
    source = tmp_path / "words.csv"
    source.write_text("id,python,rag\nwords,Basic,proficient\nnumbers,2,4\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert run(runner, source, "--out", out).exit_code == 0
    results = read(out).set_index("id")
    assert len(results) == 2 and read(tmp_path / "out.errors.csv").empty
    assert results.loc["words"].drop("index").equals(results.loc["numbers"].drop("index"))


def test_unknown_column_warns_and_strict_fails_before_writing(runner, tmp_path):
    source = tmp_path / "typo.csv"
    source.write_text("id,python,pytroch,email\na,3,2,a@example.org\nb,,,\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = run(runner, source, "--out", out)
    assert result.exit_code == 0
    assert (
        "warning: ignoring 2 columns that are not skills or modules: 'pytroch' (did you mean pytorch" in result.stderr
    )
    assert len(read(out)) == 2
    out.unlink()
    result = run(runner, source, "--out", out, "--strict")
    assert result.exit_code == 1
    assert "(--strict)" in result.stderr
    assert not out.exists() and not list(tmp_path.glob(".*.part"))


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_an_ignored_name_the_catalog_explains_is_warned_with_its_reason(runner, engine, tmp_path, fmt):
    """A "Prometheus" column, or entry, names no skill for a reason the catalog gives: the warning and the
    summary say it, as the API does for a single profile, rather than a "did you mean"."""
    (rule,) = [r for r in engine.catalog.name_rules if r.name == "Prometheus"]
    source = tmp_path / f"ops.{fmt}"
    if fmt == "csv":
        source.write_text("id,python,Prometheus\na,3,4\n", encoding="utf-8")
    else:
        entries = [{"name": "python", "level": 3}, {"name": "Prometheus", "level": 4}]
        source.write_text(json.dumps({"id": "a", "skills": entries}) + "\n", encoding="utf-8")
    summary = tmp_path / "summary.json"
    result = run(runner, source, "--out", tmp_path / "out.csv", "--summary", summary)
    assert result.exit_code == 0, result.stderr
    assert f"'Prometheus'{' in 1 rows' if fmt == 'jsonl' else ''} ({rule.reason})" in result.stderr
    (ignored,) = json.loads(summary.read_text())["ignored"]
    assert ignored["reason"] == rule.reason


def test_file_level_problems_are_one_line_errors(runner, tmp_path):
    no_id = tmp_path / "no-id.csv"
    no_id.write_text("name,python\nAda,3\n", encoding="utf-8")
    result = run(runner, no_id, "--out", tmp_path / "out.csv")
    assert result.exit_code == 1
    assert "no 'id' column" in result.stderr and "Traceback" not in result.output
    result = run(runner, tmp_path / "missing.csv", "--out", tmp_path / "out.csv")
    assert result.exit_code == 1 and "no such file" in result.stderr
    result = run(runner, no_id, "--out", tmp_path / "out.xlsx")
    assert result.exit_code == 1 and "cannot tell the format" in result.stderr
    assert not (tmp_path / "out.csv").exists()
    (tmp_path / "spark-output.csv").mkdir()
    good = tmp_path / "good.csv"
    good.write_text("id,python\na,3\n", encoding="utf-8")
    result = run(runner, good, "--out", tmp_path / "spark-output.csv")
    assert result.exit_code == 1 and "is a directory" in result.stderr
    assert not list(tmp_path.glob(".*.part"))


def test_spark_runs_check_file_names_before_any_work(runner, example_cohort, tmp_path, monkeypatch):
    def no_engine(*args, **kwargs):
        raise AssertionError("the engine was loaded before the names were checked")

    monkeypatch.setattr("api.cli.batch.open_engine", no_engine)
    for out in (tmp_path / "results", tmp_path / "results.xlsx"):
        result = run(runner, example_cohort, "--out", out, "--engine", "spark")
        assert result.exit_code == 1, result.output
        assert f"{out}: cannot tell the format" in result.stderr and "Traceback" not in result.output
    result = run(runner, tmp_path / "cohort.txt", "--out", tmp_path / "r.csv", "--engine", "spark")
    assert result.exit_code == 1 and "cohort.txt: cannot tell the format" in result.stderr


def test_a_report_for_a_cohort_with_nothing_scored(runner, tmp_path):
    source = tmp_path / "bad.csv"
    source.write_text("id,python,group\n,3,a\nb,guru,a\n", encoding="utf-8")
    result = run(runner, source, "--out", tmp_path / "out.csv", "--report", tmp_path / "r.html")
    assert result.exit_code == 0, result.output
    assert "2 rows: 0 scored" in result.stderr
    assert "members in the file" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_header_only_file_gives_empty_outputs_with_columns(runner, tmp_path):
    source = tmp_path / "empty.csv"
    source.write_text("id,python,group\n", encoding="utf-8")
    out = tmp_path / "out.parquet"
    assert run(runner, source, "--out", out).exit_code == 0
    frame = pd.read_parquet(out)
    assert len(frame) == 0 and "step_10" in frame.columns and "group" in frame.columns


def test_json_lines_lines_that_are_not_json_are_row_errors(runner, tmp_path):
    source = tmp_path / "profiles.jsonl"
    source.write_text(
        '{"id": "a", "skills": [{"name": "Python", "level": 3}]}\n{oops\n\n{"id": "c", "skills": []}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    assert run(runner, source, "--out", out).exit_code == 0
    errors = read(tmp_path / "out.errors.csv")
    assert list(errors["index"]) == [1] and "not valid JSON" in errors["message"][0]
    assert list(read(out)["id"]) == ["a", "c"]


# ---------------------------------------------------------------------------
# All or nothing
# ---------------------------------------------------------------------------


def test_a_failure_mid_stream_leaves_no_output(runner, engine, tmp_path, monkeypatch):
    source = synthetic_csv(tmp_path / "big.csv", engine, 3000)
    out = tmp_path / "out.csv"
    out.write_text("the previous run's output\n", encoding="utf-8")
    real = cohort.results_table
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 4:
            raise RuntimeError("disk on fire")
        return real(*args, **kwargs)

    monkeypatch.setattr(cohort, "results_table", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        run(runner, source, "--out", out, "--chunk-rows", 200, "--report", tmp_path / "r.html")
    assert len(calls) >= 4
    assert out.read_text(encoding="utf-8") == "the previous run's output\n", "the old output is untouched"
    assert not (tmp_path / "out.errors.csv").exists()
    assert not (tmp_path / "r.html").exists()
    assert not list(tmp_path.glob(".*.part")), "temporary files are removed"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_an_interrupted_process_leaves_no_output(engine, tmp_path, sig):
    source = synthetic_csv(tmp_path / "big.csv", engine, 40_000)
    out = tmp_path / "out.parquet"
    command = [sys.executable, "-m", "api.cli", "batch", str(source), "--out", str(out), "--chunk-rows", "500"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # As a context manager, so its pipes are closed when it is done.
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as process:
        try:
            deadline = time.monotonic() + 120
            # Wait until the run is writing (its temporary file has data), then stop it.
            while not [p for p in tmp_path.glob(".out.parquet.*.part") if p.stat().st_size > 0]:
                assert process.poll() is None, process.communicate()
                assert time.monotonic() < deadline, "the run never started writing"
                time.sleep(0.05)
            process.send_signal(sig)
            process.wait(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
    assert process.returncode != 0
    assert not out.exists()
    assert not (tmp_path / "out.errors.csv").exists()
    if sig == signal.SIGTERM:
        assert not list(tmp_path.glob(".*.part")), "SIGTERM cleans up its temporary files"


# ---------------------------------------------------------------------------
# Summary and report
# ---------------------------------------------------------------------------


def test_summary_and_report(runner, example_cohort, tmp_path):
    out, summary, report = tmp_path / "out.csv", tmp_path / "summary.json", tmp_path / "report.html"
    result = run(runner, example_cohort, "--out", out, "--summary", summary, "--report", report)
    assert result.exit_code == 0, result.output
    data = json.loads(summary.read_text(encoding="utf-8"))
    assert data["rows"] == 40 and data["errors"] == 3 and data["scored"] == 37
    groups = {g["group"]: g for g in data["groups"]}
    assert groups["evening"] == {"group": "evening", "rows": 3, "suppressed": True}
    assert groups["class-a"]["suppressed"] is False
    assert data["ignored"] == []
    page = report.read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") == 4
    assert "fewer than 5 scored members: count only" in page
    assert "<script" not in page and "http" not in page.split("</style>")[0]


def test_min_group_option(runner, example_cohort, tmp_path):
    summary = tmp_path / "summary.json"
    run(runner, example_cohort, "--out", tmp_path / "out.csv", "--summary", summary, "--min-group", 3)
    groups = {g["group"]: g for g in json.loads(summary.read_text(encoding="utf-8"))["groups"]}
    assert groups["evening"]["suppressed"] is False


def test_score_file_is_usable_without_click(engine, example_cohort, tmp_path):
    done = batch_module.score_file(engine, example_cohort, tmp_path / "out.jsonl", steps=2)
    assert (done.rows, done.results, done.errors) == (40, 37, 3)
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 37 and set(json.loads(lines[0])) >= {"id", "step_1", "step_2"}
    # Where the time went, by stage (bench_batch.py --breakdown prints it); no summary was asked for.
    assert set(done.cpu) == {"split", "parse", "levels", "score", "build", "write"}


FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\t=1+1", "=1", "plain"]


def test_csv_outputs_neutralise_formulas(runner, engine, tmp_path):
    """Issue 17 §6: ids and groups that a spreadsheet would run come out with a ' in front."""
    path = tmp_path / "c.csv"
    rows = [{"id": f, "group": f, "python": "3" if i % 2 else "lots"} for i, f in enumerate(FORMULAS)]
    pd.DataFrame(rows).to_csv(path, index=False)
    out = tmp_path / "o.csv"
    assert run(runner, path, "--out", out).exit_code == 0
    cells = [(r["id"], r["group"]) for r in csv_rows(out)] + [
        (r["id"], None) for r in csv_rows(tmp_path / "o.errors.csv")
    ]
    assert len(cells) == len(FORMULAS)
    for cell in (c for pair in cells for c in pair if c is not None):
        assert cell[0] not in "=+-@\t\r", cell
    # Only the quote was added (ids and groups are read with surrounding space stripped).
    assert sorted(c.removeprefix("'") for c, _ in cells) == sorted(f.strip() for f in FORMULAS)
    assert all(g is None or g == c for c, g in cells)


@given(st.lists(st.text(max_size=6) | st.none(), max_size=8))
def test_neutralise_formulas_rule(cells):
    table = files.neutralise_formulas(pa.table({"t": pa.array(cells, pa.string()), "n": list(range(len(cells)))}))
    for before, after in zip(cells, table.column("t").to_pylist(), strict=True):
        risky = before is not None and before[:1] in tuple("=+-@\t\r")
        assert after == ("'" + before if risky else before)
    assert table.column("n").to_pylist() == list(range(len(cells)))  # numbers are left alone


def test_rows_that_cannot_be_read_are_row_errors_with_their_line(runner, tmp_path):
    """Issue 17 §5: each of these ended the run with a traceback and no output."""
    lines = ['{"id": "a", "skills": [{"name": "python", "level": 3}]}'] * 3
    lines[1] = '{"id": "big", "skills": [], "x": ' + "9" * 4301 + "}"
    lines.insert(2, "")  # a blank line is no row, but it is a line
    lines += ['{"id": "\\ud800", "skills": []}', '{"id": "s", "skills": [], "group": "x\\udc00"}', '{"id": "ok"}']
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run(runner, path, "--out", tmp_path / "o.csv").exit_code == 0
    errors = {int(r["index"]): r["message"] for r in csv_rows(tmp_path / "o.errors.csv")}
    assert "line 2: not valid JSON" in errors[1] and "4301 digits" in errors[1]
    assert "line 5: a lone UTF-16 surrogate" in errors[3] and "line 6: a lone UTF-16 surrogate" in errors[4]
    assert sorted([*errors, *(int(r["index"]) for r in csv_rows(tmp_path / "o.csv"))]) == list(range(6))


def test_malformed_csv_rows_are_row_errors_with_their_true_line(runner, tmp_path):
    """An extra field at line 250,002 was 'Row #54539' (its row in the block) and the end of the run."""
    path = tmp_path / "c.csv"
    body = "".join(f"r{i},3\n" for i in range(250_000))
    path.write_bytes(b"id,python\n" + body.encode() + b"bad,3,4\nr\xff,2\n\nlast,1\n")
    assert run(runner, path, "--out", tmp_path / "o.csv", "--chunk-rows", 7000).exit_code == 0
    errors = csv_rows(tmp_path / "o.errors.csv")
    assert [(e["index"], e["id"]) for e in errors] == [("250000", "bad"), ("250001", "r\ufffd")]
    assert "line 250002: 3 fields where the header has 2" in errors[0]["message"]
    assert "line 250003: not UTF-8" in errors[1]["message"]
    results = read(tmp_path / "o.csv")
    assert len(results) == 250_001 and results["index"].tolist() == [*range(250_000), 250_002]
    assert results["id"].iloc[-1] == "last"


def test_memory_stays_bounded_whatever_the_row_sizes(runner, tmp_path, monkeypatch):
    """A 2 MB cell was a 200 GB block (MemoryError); a line past the limit is skipped, never held whole."""
    path = tmp_path / "c.csv"
    path.write_text("id,python\n" + "x" * (2 << 20) + ",3\nok,2\n" + "y" * 5000 + ",1\nend,1\n", encoding="utf-8")
    monkeypatch.setattr(files, "MAX_LINE_BYTES", 4096)
    assert run(runner, path, "--out", tmp_path / "o.csv").exit_code == 0
    errors = csv_rows(tmp_path / "o.errors.csv")
    assert [(e["index"], e["fields"]) for e in errors] == [("0", "_schema"), ("2", "id")]
    assert "line 2: longer than 4,096 bytes" in errors[0]["message"]  # the 5,000-byte id came in a block: read
    assert read(tmp_path / "o.csv")["id"].tolist() == ["ok", "end"]
    assert files.Source(path, chunk_rows=100_000)._block_bytes <= files.MAX_BLOCK_BYTES
    monkeypatch.undo()  # within the limit, the long row is read and its id is the error
    assert run(runner, path, "--out", tmp_path / "o.csv").exit_code == 0
    assert pd.read_csv(tmp_path / "o.errors.csv")["fields"].tolist() == ["id", "id"]  # both ids are too long


def test_every_output_path_is_checked_before_scoring(runner, example_cohort, tmp_path, monkeypatch):
    """Issue 17 §10: a missing --report directory was found only after scoring; equal names lost a file."""
    monkeypatch.setattr(cohort, "score_batch", lambda *a: pytest.fail("scored before the paths were checked"))
    out = tmp_path / "o.csv"
    cases = [
        (["--report", tmp_path / "missing" / "r.html"], "--report"),
        (["--summary", tmp_path / "missing" / "s.json"], "--summary"),
        (["--errors", out], "is also --out"),
        (["--report", out], "is also --out"),
        (["--report", tmp_path / "r.html", "--summary", tmp_path / "r.html"], "is also --report"),
        (["--errors", example_cohort], "is also INPUT"),
    ]
    for extra, fragment in cases:
        result = run(runner, example_cohort, "--out", out, *extra)
        assert result.exit_code == 1 and fragment in result.output, (extra, result.output)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_an_output_that_is_a_link_is_refused_not_replaced(runner, example_cohort, tmp_path):
    target = tmp_path / "target.csv"
    target.write_text("keep\n")
    (tmp_path / "link.csv").symlink_to(target)
    result = run(runner, example_cohort, "--out", tmp_path / "link.csv")
    assert result.exit_code == 1 and "symbolic link" in result.output
    assert (tmp_path / "link.csv").is_symlink() and target.read_text() == "keep\n"


def test_outputs_differing_before_the_extension_have_their_own_errors_file(runner, example_cohort, tmp_path):
    for name in ("c.v1.csv", "c.v2.csv"):
        assert run(runner, example_cohort, "--out", tmp_path / name).exit_code == 0
    assert {p.name for p in tmp_path.iterdir()} == {"c.v1.csv", "c.v2.csv", "c.v1.errors.csv", "c.v2.errors.csv"}
    assert files.errors_path_for("out.parquet").name == "out.errors.csv"


def test_a_full_disk_leaves_no_part_files(runner, engine, tmp_path, monkeypatch):
    """Closing a file on a full disk fails too: each temporary file is still removed."""
    source = synthetic_csv(tmp_path / "in.csv", engine, 3000)
    full = OSError(28, "No space left on device")
    writes = []

    def write(self, table):
        writes.append(table.num_rows)
        if len(writes) > 2:
            raise full

    def close(self, empty=None):
        self._writer = None
        raise full

    monkeypatch.setattr(files.TableWriter, "write", write)
    monkeypatch.setattr(files.TableWriter, "close", close)
    result = run(runner, source, "--out", tmp_path / "o.parquet", "--chunk-rows", 1000)
    assert result.exit_code == 1 and "No space left" in result.output
    monkeypatch.undo()
    monkeypatch.setattr(batch_module.json, "dump", lambda *a, **k: (_ for _ in ()).throw(full))
    result = run(runner, source, "--out", tmp_path / "o.parquet", "--summary", tmp_path / "s.json")
    assert result.exit_code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "o.errors.csv", "o.parquet"]
