"""Every fenced shell example in README.md and docs/*.md runs, verbatim, against a real ``careerpath serve``.

The docs reach the server at ``$CAREERPATH_URL``, written ``${CAREERPATH_URL:-http://127.0.0.1:8000}`` so that a
copied command works as it is against ``careerpath serve``'s default address. This test points the examples at its
own server through that variable alone and runs each block with bash in a fresh directory that looks like a clone
(a copy of ``examples/``, links to the rest), so examples write only there. A block that cannot run in a test carries ``<!-- not run: reason -->`` just before it; it is reported
as skipped with that reason (``pytest -ra`` lists them). When a ``json`` block follows an example right away, it is
the answer the doc shows: the example must print an answer with the same fields, nested ones too (lists are
compared by their first object; ``"..."`` stands for elements left out), and the same ``code`` for an error; an
example without one must not print an error.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml
from markdown_it import MarkdownIt
from server_helpers import kill, start_server

import skills
from api.settings import SETTINGS
from recommender.modelio import default_model_path, load_model

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHELL_LANGUAGES = {"sh", "bash", "console"}
NOT_RUN = re.compile(r"<!--\s*not run:\s*(?P<reason>.+?)\s*-->", re.S)
DOCUMENTED_URL = "http://127.0.0.1:8000"
URL_VARIABLE = "${CAREERPATH_URL:-" + DOCUMENTED_URL + "}"
TIMEOUT_S = 300  # a cold `careerpath` start compiles the engine's loop once; nothing documented takes minutes


class Example(NamedTuple):
    doc: str  # path relative to the repository
    line: int  # 1-based line of the opening fence
    script: str  # the commands, as bash runs them
    not_run: str | None  # why the doc says it cannot run in a test; None if it runs
    answer: str | None  # the JSON block right after it: the answer the doc shows

    @property
    def name(self) -> str:
        return f"{self.doc}:{self.line}"


def console_commands(text: str) -> str:
    """The commands of a ``console`` block: ``$ `` lines and their ``\\`` continuations, without the output."""
    commands, continued = [], False
    for line in text.splitlines():
        if line.startswith("$ ") or continued:
            commands.append(line.removeprefix("$ ") if not continued else line)
            continued = line.endswith("\\")
    return "\n".join(commands) + "\n"


def fence_language(token) -> str | None:
    return token.info.split()[0] if token is not None and token.type == "fence" and token.info.strip() else None


def read_examples(path: Path, root: Path = ROOT) -> list[Example]:
    """The shell blocks of one Markdown file, each with the not-run reason of an HTML comment just before it and the
    JSON block just after it, if any."""
    doc = str(path.relative_to(root))
    tokens = MarkdownIt("commonmark").parse(path.read_text(encoding="utf-8"))
    examples = []
    for at, token in enumerate(tokens):
        language = fence_language(token)
        if language not in SHELL_LANGUAGES:
            continue
        before, after = tokens[at - 1] if at else None, tokens[at + 1] if at + 1 < len(tokens) else None
        marker = NOT_RUN.fullmatch(before.content.strip()) if before and before.type == "html_block" else None
        script = console_commands(token.content) if language == "console" else token.content
        answer = after.content if fence_language(after) == "json" else None
        examples.append(Example(doc, token.map[0] + 1, script, marker and marker["reason"], answer))
    return examples


EXAMPLES = [example for path in DOCS for example in read_examples(path)]


def as_params(examples: list[Example]) -> list:
    """Not-run examples are skipped before the server starts, with the doc's reason."""
    return [
        pytest.param(
            example,
            id=example.name,
            marks=[pytest.mark.skip(reason=f"{example.name} not run: {example.not_run}")] if example.not_run else [],
        )
        for example in examples
    ]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One ``careerpath serve`` for every example, open (no keys), as the docs' examples expect by default."""
    server = start_server(tmp_path_factory.mktemp("server"), workers=1)
    yield server
    kill(server)


@pytest.fixture
def workdir(tmp_path) -> Path:
    """A fresh directory where the docs' paths resolve as in a clone: a copy of examples/, links to the rest.

    Examples write their outputs into this directory, never into the repository.
    """
    for entry in ROOT.iterdir():
        if entry.name == "examples":
            shutil.copytree(entry, tmp_path / entry.name)
        elif not entry.name.startswith("."):  # not .git, .venv, caches
            (tmp_path / entry.name).symlink_to(entry)
    return tmp_path


def example_env(url: str) -> dict[str, str]:
    """This process's environment without any CAREERPATH_* setting, so each example sees the documented defaults."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("CAREERPATH_")}
    return {**env, "CAREERPATH_URL": url}


def json_documents(text: str) -> list[object]:
    """The JSON values printed one after another on stdout (curl prints its answer without a newline)."""
    decoder, values, rest = json.JSONDecoder(), [], text.lstrip()
    while rest:
        try:
            value, end = decoder.raw_decode(rest)
        except json.JSONDecodeError:
            break  # the rest is not JSON (a table, a progress line): nothing more to check
        values.append(value)
        rest = rest[end:].lstrip()
    return values


def is_error(value: object) -> bool:
    """Whether ``value`` has the API's error shape."""
    return isinstance(value, dict) and {"code", "status", "message", "errors"} <= set(value)


def field_differences(documented: object, actual: object, path: str = "") -> list[str]:
    """Where the fields of ``actual`` differ from those the doc shows (values are examples, so only names count)."""
    if isinstance(documented, dict):
        if not isinstance(actual, dict):
            return [f"{path or 'the answer'} is not an object"]
        differences = [f"{path}.{name} is in the doc only" for name in documented.keys() - actual.keys()]
        differences += [f"{path}.{name} is not in the doc" for name in actual.keys() - documented.keys()]
        for name in documented.keys() & actual.keys():
            differences += field_differences(documented[name], actual[name], f"{path}.{name}")
        return differences
    if isinstance(documented, list) and isinstance(actual, list) and actual:
        shown = [item for item in documented if item != "..."]
        return field_differences(shown[0], actual[0], f"{path}[0]") if shown else []
    return []


def assert_the_documented_answer(example: Example, printed: list[object]) -> None:
    answers = [value for value in printed if isinstance(value, dict)]
    if example.answer is None:
        errors = [value for value in answers if is_error(value)]
        assert not errors, f"{example.name} got an error its doc does not show: {errors}"
        return
    documented = json.loads(example.answer)
    assert answers, f"{example.name}: the doc shows an answer, the example printed none"
    differences = sorted(field_differences(documented, answers[-1]))
    assert not differences, f"{example.name}: the answer differs from the doc's: {differences}"
    assert answers[-1].get("code") == documented.get("code"), f"{example.name} answered {answers[-1]}"


@pytest.mark.server
@pytest.mark.parametrize("example", as_params(EXAMPLES))
def test_the_example_runs_verbatim(example, server, workdir):
    logged = len(server.stderr.read_text(errors="replace"))  # tracebacks go to stderr
    done = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", example.script],
        cwd=workdir,
        env=example_env(server.base),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    context = f"{example.name} exited {done.returncode}\n--- script\n{example.script}--- stderr\n{done.stderr}"
    assert done.returncode == 0, context
    assert "Traceback" not in done.stderr, context
    assert_the_documented_answer(example, json_documents(done.stdout))
    new_errors = server.stderr.read_text(errors="replace")[logged:]
    assert "Traceback" not in new_errors, f"{example.name} made the server fail:\n{new_errors}"


def test_examples_reach_the_server_only_through_careerpath_url():
    """A hard-coded address would send the example past this test's server to whatever listens on port 8000."""
    runnable = [example for example in EXAMPLES if not example.not_run]
    hard_coded = [e.name for e in runnable if DOCUMENTED_URL in e.script.replace(URL_VARIABLE, "")]
    assert not hard_coded, f"use {URL_VARIABLE} instead of {DOCUMENTED_URL} in {hard_coded}"


def test_every_setting_is_documented():
    text = "".join(path.read_text(encoding="utf-8") for path in DOCS)
    missing = [setting.variable for setting in SETTINGS if setting.variable not in text]
    assert not missing, f"no page of the docs names {missing}"


def test_the_pre_commit_ruff_is_the_locked_ruff():
    """development.md says the hooks run the ruff of the lock file; ./scripts/lock may move that pin."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (ruff,) = [repo for repo in hooks["repos"] if repo["repo"].endswith("/ruff-pre-commit")]
    locked = re.search(r"^ruff==(\S+)$", (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8"), re.M)
    assert ruff["rev"] == f"v{locked[1]}"


def test_the_readme_stays_an_introduction():
    """Issue 14: the README says what careerpath is and how to start; details belong in docs/."""
    assert len((ROOT / "README.md").read_bytes()) < 12 * 1024


def test_the_readme_has_a_runnable_curl_example_and_the_quick_start_is_marked():
    readme = [example for example in EXAMPLES if example.doc == "README.md"]
    assert any(e.script.startswith("curl") and not e.not_run for e in readme)
    assert {e.script.strip() for e in readme if e.not_run} == {"./scripts/serve", "./scripts/test"}


def test_field_differences_name_each_field_by_its_path():
    documented = {"plan": {"steps": [{"rank": 1, "why": []}, "..."]}, "code": 200}
    assert field_differences(documented, {"plan": {"steps": [{"rank": 2, "why": ["x"]}]}, "code": 422}) == []
    assert field_differences(documented, {"plan": {"steps": []}, "code": 1}) == []  # nothing to compare with
    assert sorted(field_differences(documented, {"plan": {"steps": [{"rank": 1, "reasons": []}]}, "extra": 1})) == [
        ".code is in the doc only",
        ".extra is not in the doc",
        ".plan.steps[0].reasons is not in the doc",
        ".plan.steps[0].why is in the doc only",
    ]
    assert field_differences(documented, {"plan": [], "code": 200}) == [".plan is not an object"]


def relative_links(path: Path) -> list[str]:
    """The targets of the links and images in one Markdown file that point inside the repository."""
    targets = []
    for token in MarkdownIt("commonmark").parse(path.read_text(encoding="utf-8")):
        for child in token.children or []:
            target = child.attrGet("href") or child.attrGet("src")
            if child.type in ("link_open", "image") and target and not re.match(r"[a-z]+:|#", target):
                targets.append(target.split("#", 1)[0])
    return targets


@pytest.mark.parametrize("path", DOCS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_relative_link_leads_to_a_file(path):
    broken = [target for target in relative_links(path) if not (path.parent / target).exists()]
    assert not broken, f"{path.relative_to(ROOT)} links to missing files: {broken}"


def test_console_blocks_run_their_commands_only():
    text = "$ careerpath skills \\\n    --json\n[...]\n$ echo done\ndone\n"
    assert console_commands(text) == "careerpath skills \\\n    --json\necho done\n"


def test_not_run_markers_apply_to_the_block_right_after_them(tmp_path):
    doc = tmp_path / "doc.md"
    doc.write_text(
        "<!-- not run: installs packages -->\n```sh\npip install x\n```\n\ntext\n\n```bash\necho hi\n```\n"
        "\n```json\n{}\n```\n<!-- a plain comment -->\n```console\n$ echo there\nthere\n```\n",
        encoding="utf-8",
    )
    found = read_examples(doc, root=tmp_path)
    assert [(e.line, e.script, e.not_run, e.answer) for e in found] == [
        (2, "pip install x\n", "installs packages", None),
        (8, "echo hi\n", None, "{}\n"),
        (16, "echo there\n", None, None),
    ]


def test_the_api_docs_pin_the_shipped_catalog_and_model():
    """docs/api.md's example answer names the catalog and model versions a reader's server returns: both pins follow
    the shipped data (a merge once left the catalog's empty, and no example compares that part of the answer)."""
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    pins = re.findall(
        r'\{"catalog": \{"name": "genai", "version": "([^"]*)"\}, "model": \{"version": "([^"]*)"\}', text
    )
    catalog = skills.load_catalog(skills.default_catalog_dir())
    model = load_model(default_model_path())
    assert pins, "docs/api.md shows no example answer with catalog and model versions"
    assert set(pins) == {(catalog.version, model.version)}
