"""Load a catalog directory, validate it as a whole, and give it a version."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from importlib import resources
from pathlib import Path

import yaml
from marshmallow import ValidationError

from skills.catalog import MAX_LEVEL, MIN_LEVEL, Catalog, iter_keys, normalize_key
from skills.schemas import CATALOG_INFO, MATCHING, MODULES, RESOURCES, ROLES, SKILLS

FILES = ("catalog.yaml", "modules.yaml", "skills.yaml", "roles.yaml")
RESOURCES_FILE = "resources.yaml"
"""Optional: skill id -> list of resources, added after each skill's inline ``resources:``."""
MATCHING_FILE = "matching.yaml"
"""Optional: rules for names whose ids, names and aliases would be read wrongly (see recommender.matching)."""
OPTIONAL_FILES = (RESOURCES_FILE, MATCHING_FILE)
ENV_VAR = "CAREERPATH_CATALOG"


class CatalogError(ValueError):
    """A catalog that cannot be used. ``str()`` names the file, the item and the problem."""

    def __init__(self, file: str, problem: str, item: str | None = None):
        self.file, self.item, self.problem = file, item, problem
        where = f"{file}: {item}: " if item else f"{file}: "
        super().__init__(where + problem)


def default_catalog_dir() -> Path:
    """The catalog shipped with the package."""
    return Path(str(resources.files("skills") / "data"))


def resolve_catalog_dir(path: str | os.PathLike | None = None) -> Path:
    """An explicit path, else ``$CAREERPATH_CATALOG``, else the shipped catalog."""
    chosen = path or os.environ.get(ENV_VAR)
    return Path(chosen) if chosen else default_catalog_dir()


def load_catalog(path: str | os.PathLike | None = None) -> Catalog:
    """Load and validate the catalog in directory ``path``.

    Raises
    ------
    CatalogError
        If a file is missing or malformed, or the files disagree with each other.
    """
    directory = resolve_catalog_dir(path)
    if not directory.is_dir():
        raise CatalogError(str(directory), "not a catalog directory")
    raw = {name: _read(directory / name) for name in FILES}
    for name in OPTIONAL_FILES:
        if (directory / name).is_file():
            raw[name] = _read(directory / name)
    docs = {name: _parse(name, text) for name, text in raw.items()}
    info = _load(CATALOG_INFO, "catalog.yaml", docs["catalog.yaml"], "catalog")
    modules = _load(MODULES, "modules.yaml", docs["modules.yaml"], "module")
    skills = _load(SKILLS, "skills.yaml", docs["skills.yaml"], "skill")
    roles = _load(ROLES, "roles.yaml", docs["roles.yaml"], "role")
    _check_levels(info["levels"])
    _check_unique("modules.yaml", "module", [m.id for m in modules])
    _check_unique("skills.yaml", "skill", [s.id for s in skills])
    _check_unique("roles.yaml", "role", [r.id for r in roles])
    _check_skills(skills, {m.id for m in modules})
    for skill in skills:
        _check_urls("skills.yaml", skill.id, skill.resources)
    if RESOURCES_FILE in docs:
        skills = _add_resources(skills, docs[RESOURCES_FILE])
    _check_cycles(skills)
    _check_roles(roles, {s.id for s in skills})
    catalog = Catalog(
        name=info["name"],
        title=info["title"],
        description=info["description"],
        version=_version(raw),
        levels=tuple(sorted(info["levels"], key=lambda lv: lv.value)),
        modules=tuple(modules),
        skills=tuple(skills),
        roles=tuple(roles),
        name_rules=_name_rules(docs[MATCHING_FILE], skills, modules) if MATCHING_FILE in docs else (),
    )
    _check_keys(catalog)
    return catalog


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise CatalogError(path.name, f"missing from {path.parent}") from None


def _parse(name: str, text: bytes):
    try:
        # libyaml's parser when PyYAML has it: the catalog's YAML loads ~8x faster (start-up).
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise CatalogError(name, f"not valid YAML: {exc}") from None


def _load(schema, file: str, doc, kind: str):
    try:
        return schema.load(doc)
    except ValidationError as exc:
        raise CatalogError(file, _first_error(exc.messages), _entry(kind, doc, exc.messages)) from None


def _entry(kind: str, doc, messages) -> str | None:
    """Name the list entry an error is in by its id where it has one."""
    if not (isinstance(messages, dict) and isinstance(doc, list)):
        return None
    index = next(iter(messages))
    if not isinstance(index, int) or index >= len(doc):
        return None
    entry = doc[index]
    ident = entry.get("id") if isinstance(entry, dict) else None
    return f"{kind} '{ident}'" if ident else f"{kind} #{index + 1}"


def _first_error(messages, path=()) -> str:
    """Flatten marshmallow's nested messages to ``field.sub: message``."""
    if isinstance(messages, dict):
        key, value = next(iter(messages.items()))
        # The list index is already named by _entry, so only deeper keys go in the path.
        return _first_error(value, path if (not path and isinstance(key, int)) else (*path, str(key)))
    if isinstance(messages, list):
        text = messages[0] if messages else "invalid"
        if not isinstance(text, str):
            return _first_error(text, path)
        dotted = ".".join(path)
        return f"{dotted}: {text}" if dotted else text
    return str(messages)


def _add_resources(skills: list, doc) -> list:
    """Each skill with the resources ``resources.yaml`` lists for it after its inline ones."""
    if not isinstance(doc, dict):
        raise CatalogError(RESOURCES_FILE, "must map skill ids to lists of resources")
    known = {s.id for s in skills}
    extra = {}
    for skill_id, entries in doc.items():
        item = f"skill '{skill_id}'"
        if skill_id not in known:
            raise CatalogError(RESOURCES_FILE, f"unknown skill '{skill_id}'", item)
        if not isinstance(entries, list):
            raise CatalogError(RESOURCES_FILE, "must be a list of resources", item)
        try:
            extra[skill_id] = tuple(RESOURCES.load(entries))
        except ValidationError as exc:
            index, messages = next(iter(exc.messages.items()))
            raise CatalogError(RESOURCES_FILE, f"resource #{index + 1}: {_first_error(messages)}", item) from None
    merged = []
    for skill in skills:
        added = extra.get(skill.id, ())
        _check_urls(RESOURCES_FILE, skill.id, added, seen={r.url for r in skill.resources})
        merged.append(dataclasses.replace(skill, resources=skill.resources + added) if added else skill)
    return merged


def _name_rules(doc, skills, modules) -> tuple:
    """The rules of ``matching.yaml``, each naming a known skill or module (or none) and each name once."""
    rules = _load(MATCHING, MATCHING_FILE, doc, "rule")["rules"]
    known = {s.id for s in skills} | {m.id for m in modules} | {"none"}
    seen: dict[str, str] = {}
    for rule in rules:
        item = f"rule '{rule.name}'"
        if rule.means not in known:
            raise CatalogError(MATCHING_FILE, f"means unknown skill or module '{rule.means}'", item)
        key = normalize_key(rule.name)
        if key in seen:
            raise CatalogError(MATCHING_FILE, f"the same name as rule '{seen[key]}'", item)
        seen[key] = rule.name
    return tuple(rules)


def _check_urls(file: str, skill_id: str, resources, seen=frozenset()) -> None:
    """A skill lists a URL once (trailing slashes aside), whichever file lists it."""
    seen = {url.rstrip("/") for url in seen if url}
    for resource in resources:
        if not resource.url:
            continue
        url = resource.url.rstrip("/")
        if url in seen:
            raise CatalogError(file, f"resource URL listed twice: {resource.url}", f"skill '{skill_id}'")
        seen.add(url)


def _check_levels(levels) -> None:
    values = sorted(lv.value for lv in levels)
    expected = list(range(MIN_LEVEL, MAX_LEVEL + 1))
    if values != expected:
        # The schema already rejects values outside the range, so it is a gap or a repeat.
        missing = [v for v in expected if v not in values]
        repeated = sorted({v for v in values if values.count(v) > 1})
        details = [
            f"{label} {', '.join(map(str, vs))}" for label, vs in (("missing", missing), ("repeated", repeated)) if vs
        ]
        problem = f"must be exactly {MIN_LEVEL}..{MAX_LEVEL}, got {values} ({'; '.join(details)})"
        raise CatalogError("catalog.yaml", problem, "levels")
    _check_unique("catalog.yaml", "level word", [lv.word for lv in levels])


def _check_unique(file: str, kind: str, ids: list[str]) -> None:
    seen = set()
    for ident in ids:
        if ident in seen:
            raise CatalogError(file, "duplicate id", f"{kind} '{ident}'")
        seen.add(ident)


def _check_skills(skills, module_ids: set[str]) -> None:
    known = {s.id for s in skills}
    for skill in skills:
        item = f"skill '{skill.id}'"
        if skill.module not in module_ids:
            raise CatalogError("skills.yaml", f"unknown module '{skill.module}'", item)
        if skill.id in module_ids:
            raise CatalogError("skills.yaml", "id is also a module id", item)
        for n, prereq in enumerate(skill.prerequisites):
            if prereq not in known:
                raise CatalogError("skills.yaml", f"unknown prerequisite '{prereq}'", item)
            if prereq in skill.prerequisites[:n]:
                raise CatalogError("skills.yaml", f"prerequisite '{prereq}' listed twice", item)
    empty = module_ids - {s.module for s in skills}
    if empty:
        raise CatalogError("modules.yaml", "module has no skills", f"module '{sorted(empty)[0]}'")


def _check_cycles(skills) -> None:
    """Depth-first search; a back edge is a cycle, reported as the path round it."""
    prereqs = {s.id: s.prerequisites for s in skills}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in prereqs[node]:
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt) :] + [nxt]
                raise CatalogError("skills.yaml", "prerequisite cycle: " + " -> ".join(cycle), f"skill '{nxt}'")
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for skill in skills:
        if skill.id not in state:
            visit(skill.id)


def _check_roles(roles, skill_ids: set[str]) -> None:
    for role in roles:
        for skill_id in role.skills:
            if skill_id not in skill_ids:
                raise CatalogError("roles.yaml", f"unknown skill '{skill_id}'", f"role '{role.id}'")


def _check_keys(catalog: Catalog) -> None:
    """Every id, name and alias must point at one skill or module only."""
    owner: dict[str, str] = {}
    for key, target in iter_keys(catalog):
        if not key:
            continue
        if owner.setdefault(key, target) != target:
            kind, ident = target.split(":")
            raise CatalogError(
                "skills.yaml",
                f"alias or name '{key}' is claimed by both {owner[key].replace(':', ' ')} and {kind} {ident}",
                f"{kind} '{ident}'",
            )


def _version(raw: dict[str, bytes]) -> str:
    """A hash of the files read; a catalog without the optional files keeps the version it always had."""
    digest = hashlib.sha256()
    for name in (*FILES, *OPTIONAL_FILES):
        if name in raw:
            digest.update(name.encode() + b"\0" + raw[name] + b"\0")
    return digest.hexdigest()[:8]
