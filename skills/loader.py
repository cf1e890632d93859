"""Load a catalog directory, validate it as a whole, and give it a version."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import os
import re
from importlib import resources
from pathlib import Path

import yaml

from skills.catalog import Catalog, Skill
from skills.checks import check_catalog, declared_tracks
from skills.parts import MATCHING_FILE, RESOURCES_FILE, Entry, load_parts
from skills.problems import CatalogError, Findings, Lines, Problem

FILES = ("catalog.yaml", "modules.yaml", "skills.yaml", "roles.yaml")
# Optional: resources.yaml (skill id -> list of resources, added after each skill's inline ``resources:``) and
# matching.yaml (rules for names whose ids, names and aliases would be read wrongly, see recommender.matching).
OPTIONAL_FILES = (RESOURCES_FILE, MATCHING_FILE)
ENV_VAR = "CAREERPATH_CATALOG"
__all__ = ["ENV_VAR", "CatalogError", "catalog_title", "default_catalog_dir", "load_catalog", "resolve_catalog_dir"]


def default_catalog_dir() -> Path:
    """The catalog shipped with the package."""
    return Path(str(resources.files("skills") / "data"))


def resolve_catalog_dir(path: str | os.PathLike | None = None) -> Path:
    """An explicit path, else ``$CAREERPATH_CATALOG``, else the shipped catalog."""
    chosen = path or os.environ.get(ENV_VAR)
    return Path(chosen) if chosen else default_catalog_dir()


def catalog_title(path: str | os.PathLike | None = None) -> str | None:
    """The title ``catalog.yaml`` gives, read without loading the catalog (for help texts); ``None`` if it has none."""
    try:
        info = yaml.load((resolve_catalog_dir(path) / "catalog.yaml").read_bytes(), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return None
    title = info.get("title") if isinstance(info, dict) else None
    return title if isinstance(title, str) else None


def load_catalog(path: str | os.PathLike | None = None) -> Catalog:
    """Load and validate the catalog in directory ``path``.

    Every file is read and checked in full before anything is refused, so one
    :class:`CatalogError` lists every problem, each with its file, line and fix.

    Raises
    ------
    CatalogError
        If files are missing or malformed, or disagree with each other.
    """
    directory = resolve_catalog_dir(path)
    if not directory.is_dir():
        raise CatalogError(
            str(directory), "not a catalog directory", fix=f"pass a directory holding {', '.join(FILES)}"
        )
    with _no_cycle_collection():
        return _load(directory)


@contextlib.contextmanager
def _no_cycle_collection():
    """Python's cycle collector paused while a catalog loads.

    Loading builds millions of objects that live on until it returns (YAML nodes,
    documents, entries), and every few hundred allocations set off a collection that
    walks them again: at 10,000 skills that was 1.5 of the 2.1 s composing the YAML nodes
    took. The few cycles a load leaves (a broken entry's exception and its traceback)
    are the collector's once it runs again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load(directory: Path) -> Catalog:
    texts = {
        name: (directory / name).read_bytes() for name in (*FILES, *OPTIONAL_FILES) if (directory / name).is_file()
    }
    roots: dict[str, yaml.Node | None] = {}
    found = Findings(Lines(roots))
    for name in FILES:
        if name not in texts:
            found.add(name, f"missing from {directory}", fix=f"add {name} (docs/catalog.md describes it)")
    docs = _parse_all(texts, roots, found)
    parts = load_parts(docs, found)
    check_catalog(docs, parts, found)
    if found.problems:
        raise CatalogError.of(found.problems, str(directory))
    info = parts.info
    modules, roles = tuple(e.value for e in parts.modules), tuple(e.value for e in parts.roles)
    return Catalog(
        name=info["name"],
        title=info["title"],
        description=info["description"],
        version=_version(texts),
        levels=tuple(sorted(info["levels"], key=lambda lv: lv.value)),
        modules=modules,
        skills=_with_resources(parts.skills, parts.resources or {}),
        roles=roles,
        name_rules=tuple(parts.matching["rules"]) if parts.matching else (),
        use_rules=tuple(parts.matching.get("uses", ())) if parts.matching else (),
        verb_rules=tuple(parts.matching.get("verbs", ())) if parts.matching else (),
        head_rules=tuple(parts.matching.get("heads", ())) if parts.matching else (),
        everyday_names=tuple(parts.matching.get("everyday", ())) if parts.matching else (),
        practice_rules=tuple(parts.matching.get("practice", ())) if parts.matching else (),
        shows_rules=tuple(parts.matching.get("shows", ())) if parts.matching else (),
        want_rules=tuple(parts.matching.get("wants", ())) if parts.matching else (),
        concern_rules=tuple(parts.matching.get("concerns", ())) if parts.matching else (),
        no_alternative_rules=tuple(parts.matching.get("meets_no_alternative", ())) if parts.matching else (),
        described_rules=tuple(parts.matching.get("described", ())) if parts.matching else (),
        tracks=_tracks(info, modules, roles),
    )


def _tracks(info: dict, modules, roles) -> tuple:
    """The declared tracks; for a catalog that declares none, the legacy ones its modules and roles name."""
    if info["tracks"] is not None:
        return tuple(info["tracks"])
    named = {entry.track for entry in (*modules, *roles)}
    return tuple(t for t in declared_tracks(info) if t.id in named)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's parser when PyYAML has it (the catalog's YAML loads ~8x faster), taking strings and plain
    decimal numbers as they are written.

    Most of a catalog's nodes are strings (ids, names, prerequisites: 380,000 of 600,000
    at 10,000 skills), whose value is the node's text; PyYAML's general path for them
    took a third of building the documents (0.24 of 0.7 s for skills.yaml), and for whole
    numbers a quarter of what was left (0.11 of 0.45 s).
    """

    def construct_object(self, node, deep=False):
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _STR_TAG:
                return node.value  # what SafeConstructor.construct_yaml_str gives
            if node.tag == _INT_TAG and _DECIMAL.fullmatch(node.value):  # hours, levels: 100,000 at 10,000 skills
                return int(node.value)  # what construct_yaml_int gives for plain decimals (not 010, 0x1f, 1_000)
        return super().construct_object(node, deep)


_STR_TAG, _INT_TAG = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int"
_DECIMAL = re.compile(r"0|[1-9][0-9]*")


def _parse_all(texts: dict[str, bytes], roots: dict, found: Findings) -> dict:
    """Each file's YAML document, and its node tree in ``roots`` for line numbers (what ``yaml.load`` builds
    and drops); a file that does not parse is left out, with its problem."""
    docs = {}
    for name, text in texts.items():
        loader = _Loader(text)
        try:
            roots[name] = loader.get_single_node()
            docs[name] = loader.construct_document(roots[name]) if roots[name] is not None else None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark else None
            found.problems.append(
                Problem(name, f"not valid YAML: {exc}", None, line, "correct the YAML syntax at that line")
            )
        finally:
            loader.dispose()
    return docs


def _with_resources(skills: list[Entry], extra: dict[str, list[Entry]]) -> tuple[Skill, ...]:
    """Each skill with the resources ``resources.yaml`` lists for it after its inline ones."""
    merged = []
    for _, skill in skills:
        added = tuple(e.value for e in extra.get(skill.id, ()))
        merged.append(dataclasses.replace(skill, resources=skill.resources + added) if added else skill)
    return tuple(merged)


def _version(raw: dict[str, bytes]) -> str:
    """A hash of the files read; a catalog without the optional files keeps the version it always had."""
    digest = hashlib.sha256()
    for name in (*FILES, *OPTIONAL_FILES):
        if name in raw:
            digest.update(name.encode() + b"\0" + raw[name] + b"\0")
    return digest.hexdigest()[:8]
