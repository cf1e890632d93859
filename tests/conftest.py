"""Shared fixtures for the careerpath tests.

Catalog fixtures
----------------
``catalog``
    The shipped catalog, loaded once per session.
``catalog_copy``
    A fresh copy of the shipped catalog directory in ``tmp_path``; edit it freely.
``broken_catalog``
    A factory ``broken_catalog(file, mutate)`` that copies the shipped catalog into
    ``tmp_path`` and breaks one file in it (see :func:`make_broken_catalog`).
``broken_case``
    Parametrised over :data:`BROKEN_CASES`: one broken catalog per loader error, with
    the file and the fragments its error message must contain.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

import skills

# ---------------------------------------------------------------------------
# The shipped catalog
# ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def catalog() -> skills.Catalog:
    return skills.load_catalog(skills.default_catalog_dir())


@pytest.fixture
def catalog_copy(tmp_path) -> Path:
    return copy_shipped_catalog(tmp_path / "catalog")


def copy_shipped_catalog(target: Path) -> Path:
    shutil.copytree(skills.default_catalog_dir(), target)
    return target


# ---------------------------------------------------------------------------
# Broken catalogs
# ---------------------------------------------------------------------------

Mutate = Callable[[Any], Any]


def make_broken_catalog(
    tmp_path: Path,
    file: str,
    mutate: Mutate | None = None,
    *,
    text: str | None = None,
    remove: bool = False,
) -> Path:
    """Copy the shipped catalog into ``tmp_path`` and break ``file`` in it.

    ``mutate`` gets the file's parsed YAML; it edits it in place (returning ``None``)
    or returns a replacement document, which is written back. ``text`` replaces the
    file with raw text instead; ``remove`` deletes it. Returns the catalog directory.
    """
    directory = copy_shipped_catalog(tmp_path / f"catalog-{len(list(tmp_path.iterdir()))}")
    path = directory / file
    if remove:
        path.unlink()
    elif text is not None:
        path.write_text(text, encoding="utf-8")
    elif mutate is not None:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        replaced = mutate(doc)
        doc = doc if replaced is None else replaced
        path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return directory


@pytest.fixture
def broken_catalog(tmp_path) -> Callable[..., Path]:
    """``broken_catalog(file, mutate=None, *, text=None, remove=False)`` -> catalog dir."""

    def make(file: str, mutate: Mutate | None = None, **kwargs) -> Path:
        return make_broken_catalog(tmp_path, file, mutate, **kwargs)

    return make


def entry(doc: list[dict], ident: str) -> dict:
    """The list entry with ``id == ident`` in a parsed modules/skills/roles file."""
    return next(e for e in doc if e.get("id") == ident)


def set_field(ident: str, field: str, value) -> Mutate:
    def mutate(doc):
        entry(doc, ident)[field] = value

    return mutate


def extend(ident: str, field: str, *values) -> Mutate:
    def mutate(doc):
        entry(doc, ident)[field] = [*entry(doc, ident).get(field, []), *values]

    return mutate


def role_skill(role: str, skill: str, **changes) -> Mutate:
    def mutate(doc):
        entry(doc, role)["skills"].setdefault(skill, {}).update(changes)

    return mutate


# RAG needing Python at 3 past level 1, or another language at 3 (``beyond`` with ``or``), whatever the shipped
# catalog says of it: a staged prerequisite with an alternative.
STAGED_ALTERNATIVE = {
    "skill": "python",
    "level": 3,
    "beyond": 1,
    "or": [{"skill": "programming-languages", "level": 3}],
}


def staged_alternative(doc):
    rag = entry(doc, "rag")
    rag["prerequisites"] = [p for p in rag["prerequisites"] if (p["skill"] if isinstance(p, dict) else p) != "python"]
    rag["prerequisites"].append(STAGED_ALTERNATIVE)


@pytest.fixture(scope="session")
def staged_engine(tmp_path_factory):
    """The engine, with the shipped model, on the shipped catalog whose RAG needs Python as
    :data:`STAGED_ALTERNATIVE` says."""
    from recommender.engine import Engine
    from recommender.modelio import default_model_path, load_model

    directory = make_broken_catalog(tmp_path_factory.mktemp("staged"), "skills.yaml", staged_alternative)
    return Engine(skills.load_catalog(directory), load_model(default_model_path()))


def duplicate(ident: str) -> Mutate:
    def mutate(doc):
        doc.append(copy.deepcopy(entry(doc, ident)))

    return mutate


def drop_level(value: int) -> Mutate:
    def mutate(doc):
        doc["levels"] = [lv for lv in doc["levels"] if lv["value"] != value]

    return mutate


def drop_field(index: int, field: str) -> Mutate:
    def mutate(doc):
        del doc[index][field]

    return mutate


def append(item: dict) -> Mutate:
    def mutate(doc):
        doc.append(item)

    return mutate


@dataclass(frozen=True)
class BrokenCase:
    """One way to break the catalog and what the loader must say about it.

    The message must start with ``file`` and contain every fragment of ``expect``
    (between them: the item and the problem).
    """

    name: str
    file: str
    expect: tuple[str, ...]
    mutate: Mutate | None = None
    text: str | None = None
    remove: bool = False

    def build(self, tmp_path: Path) -> Path:
        return make_broken_catalog(tmp_path, self.file, self.mutate, text=self.text, remove=self.remove)


BROKEN_CASES = (
    BrokenCase(
        "unknown-prerequisite",
        "skills.yaml",
        ("skill 'rag'", "unknown prerequisite 'quantum-computing'"),
        extend("rag", "prerequisites", "quantum-computing"),
    ),
    BrokenCase(
        "prerequisite-cycle",
        "skills.yaml",
        ("skill 'python'", "prerequisite cycle: python -> ml-fundamentals -> python"),
        set_field("python", "prerequisites", ["ml-fundamentals"]),
    ),
    BrokenCase(
        "self-prerequisite",
        "skills.yaml",
        ("skill 'rag'", "prerequisite cycle: rag -> rag"),
        extend("rag", "prerequisites", "rag"),
    ),
    BrokenCase("duplicate-skill-id", "skills.yaml", ("skill 'rag'", "duplicate id"), duplicate("rag")),
    BrokenCase("duplicate-module-id", "modules.yaml", ("module 'agents'", "duplicate id"), duplicate("agents")),
    BrokenCase("duplicate-role-id", "roles.yaml", ("role 'ai-engineer'", "duplicate id"), duplicate("ai-engineer")),
    BrokenCase(
        "alias-claimed-by-two-skills",
        "skills.yaml",
        ("skill 'rag'", "'vector db'", "skill vector-databases", "skill rag"),
        extend("rag", "aliases", "Vector-DB"),
    ),
    BrokenCase(
        "alias-is-a-module-name",
        "skills.yaml",
        ("skill 'rag'", "'agents'", "module agents"),
        extend("rag", "aliases", "Agents"),
    ),
    BrokenCase(
        "role-target-level-7",
        "roles.yaml",
        ("role 'data-scientist'", "python", "target level 7 is above the top of the catalog's scale, 0..5"),
        role_skill("data-scientist", "python", level=7),
    ),
    BrokenCase(
        "role-target-level-0",
        "roles.yaml",
        ("role 'software-developer'", "rag", "target level must be 1 or more"),
        role_skill("software-developer", "rag", level=0),
    ),
    BrokenCase(
        "role-weight-0",
        "roles.yaml",
        ("role 'ai-engineer'", "llmops", "weight must be above 0"),
        role_skill("ai-engineer", "llmops", weight=0),
    ),
    BrokenCase("levels-missing-3", "catalog.yaml", ("levels", "must run 0, 1, 2, ...", "missing 3"), drop_level(3)),
    BrokenCase(
        "level-value-repeated",
        "catalog.yaml",
        ("levels", "each level once", "repeated 3"),
        lambda doc: doc["levels"].append({"value": 3, "word": "capable", "description": "Gets by."}),
    ),
    BrokenCase(
        "level-word-repeated",
        "catalog.yaml",
        ("level word 'aware'", "duplicate"),
        lambda doc: doc["levels"][2].update(word="aware"),
    ),
    BrokenCase(
        "level-value-11",
        "catalog.yaml",
        ("levels", "a top of 1 to 10", "this scale has 7", "missing 6, 7, 8, 9, 10", "above 10: 11"),
        lambda doc: doc["levels"].append({"value": 11, "word": "legend", "description": "Beyond expert."}),
    ),
    BrokenCase(
        "hours-negative",
        "skills.yaml",
        ("skill 'rag'", "hours", "hours must be above 0"),
        set_field("rag", "hours", [-2, 6, 15, 30, 60]),
    ),
    BrokenCase(
        "hours-wrong-count",
        "skills.yaml",
        ("skill 'pytorch'", "hours: 3 figures for the 5 level steps of the catalog's scale, 0..5"),
        set_field("pytorch", "hours", [3, 12, 30]),
    ),
    BrokenCase(
        "role-unknown-skill",
        "roles.yaml",
        ("role 'ai-engineer'", "unknown skill 'quantum-computing'"),
        role_skill("ai-engineer", "quantum-computing", level=2, weight=0.5, tier="core"),
    ),
    BrokenCase(
        "hand-over-unknown-role",
        "roles.yaml",
        ("role 'data-scientist'", "unknown role 'prompt-wizard'"),
        set_field(
            "data-scientist",
            "hand_over",
            {"to": "prompt-wizard", "holding": "ml-fundamentals", "at": 4, "lacking": "dl-fundamentals", "below": 2},
        ),
    ),
    BrokenCase(
        "hand-over-unknown-skill",
        "roles.yaml",
        ("role 'data-scientist'", "unknown skill 'kaggle'"),
        set_field(
            "data-scientist",
            "hand_over",
            {"to": "ai-engineer", "holding": "kaggle", "at": 4, "lacking": "dl-fundamentals", "below": 2},
        ),
    ),
    BrokenCase(
        "unknown-module",
        "skills.yaml",
        ("skill 'rag'", "unknown module 'quantum'"),
        set_field("rag", "module", "quantum"),
    ),
    BrokenCase(
        "module-without-skills",
        "modules.yaml",
        ("module 'quantum'", "module has no skills"),
        append({"id": "quantum", "name": "Quantum", "track": "builder", "description": "Qubits."}),
    ),
    BrokenCase(
        "skill-id-is-a-module-id",
        "skills.yaml",
        ("skill 'generative-media'", "also a module id"),
        set_field("stable-diffusion", "id", "generative-media"),
    ),
    BrokenCase(
        "bad-track",
        "modules.yaml",
        ("module 'agents'", "unknown track 'researcher'", "use a track catalog.yaml declares (builder, user, both)"),
        set_field("agents", "track", "researcher"),
    ),
    BrokenCase(
        "skill-without-id",
        "skills.yaml",
        ("skill #1", "id", "Missing data for required field"),
        drop_field(0, "id"),
    ),
    BrokenCase("missing-file", "roles.yaml", ("missing",), remove=True),
    BrokenCase(
        "invalid-yaml",
        "skills.yaml",
        ("not valid YAML", "line 2"),
        text="- id: rag\n  name: [unclosed\n",
    ),
    BrokenCase(
        "unknown-field-skill",
        "skills.yaml",
        ("skill 'rag'", "url", "Unknown field"),
        set_field("rag", "url", "https://example.org"),
    ),
    BrokenCase(
        "unknown-field-role-skill",
        "roles.yaml",
        ("role 'data-scientist'", "python", "priority", "Unknown field"),
        role_skill("data-scientist", "python", priority=1),
    ),
    BrokenCase(
        "unknown-field-catalog",
        "catalog.yaml",
        ("owner", "Unknown field"),
        lambda doc: doc.update(owner="someone"),
    ),
)


@pytest.fixture(params=BROKEN_CASES, ids=lambda case: case.name)
def broken_case(request, tmp_path) -> tuple[Path, BrokenCase]:
    """``(catalog directory, case)`` for every case in :data:`BROKEN_CASES`."""
    case = request.param
    return case.build(tmp_path), case


# ---------------------------------------------------------------------------
# The recommender engine
# ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def engine(catalog):
    """The engine on the shipped catalog and shipped model (ignores CAREERPATH_* env)."""
    from recommender.engine import Engine
    from recommender.modelio import default_model_path, load_model

    return Engine(catalog, load_model(default_model_path()))


# ---------------------------------------------------------------------------
# The HTTP API
# ---------------------------------------------------------------------------


@pytest.fixture
def app(engine):
    """The Flask app in testing mode, sharing the session's engine (no reload per test)."""
    from api.app import create_app

    return create_app({"TESTING": True, "ENGINE": engine})


@pytest.fixture
def client(app):
    return app.test_client()


# ---------------------------------------------------------------------------
# The self-assessment form
# ---------------------------------------------------------------------------


@pytest.fixture
def form_token(client) -> str:
    """A CSRF token for ``client``'s session, taken from the form as a browser would."""
    from web_helpers import csrf_token

    return csrf_token(client.get("/").data)


@pytest.fixture(scope="session")
def web_server(engine):
    """The whole app served over real HTTP on a free 127.0.0.1 port: its base URL.

    werkzeug's threaded server in a daemon thread, so a browser can load the pages,
    their assets and the form's POST like from any server.
    """
    import threading

    from werkzeug.serving import make_server

    from api.app import create_app

    server = make_server("127.0.0.1", 0, create_app({"ENGINE": engine}), threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="web-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


# ---------------------------------------------------------------------------
# Cohort scoring
# ---------------------------------------------------------------------------

EXAMPLE_COHORT = Path(__file__).resolve().parent.parent / "examples" / "cohort.csv"


@pytest.fixture(scope="session")
def example_cohort() -> Path:
    """The README's example cohort: 40 rows, groups, a module column, three rows that cannot be scored."""
    return EXAMPLE_COHORT


@pytest.fixture(scope="session")
def spark():
    """A local Spark session with two cores, shared by every Spark test (starting one takes seconds)."""
    pytest.importorskip("pyspark")
    if not shutil.which("java"):
        pytest.skip("Spark needs a Java runtime (apt-get install default-jre-headless)")
    from recommender.spark import default_session

    conf = {"spark.ui.enabled": "false", "spark.sql.shuffle.partitions": "2", "spark.default.parallelism": "2"}
    session = default_session("local[2]", "careerpath-tests", conf)
    yield session
    session.stop()
