"""Each catalog file loaded entry by entry through its schema: a broken entry becomes problems, the rest load."""

from __future__ import annotations

from typing import Any, NamedTuple

from marshmallow import Schema, ValidationError

from skills.problems import Findings
from skills.schemas import CATALOG_INFO, FIXES, MATCHING, MODULE, RESOURCE, ROLE, SKILL

RESOURCES_FILE = "resources.yaml"
MATCHING_FILE = "matching.yaml"

# What to write instead, for marshmallow's own messages and the catalog's rules.
_FIXES = FIXES | {
    "Missing data for required field.": "add '{field}'",
    "Unknown field.": "remove '{field}' or correct its spelling",
    "Field may not be null.": "give '{field}' a value",
    "Not a valid integer.": "write a whole number",
    "Not a valid number.": "write a number",
    "Not a valid string.": "write text; quote it if YAML reads it as a number, date or true/false",
    "Not a valid boolean.": "write true or false",
    "Not a valid list.": "write a list: [a, b] or one '- ' line per item",
    "Not a valid mapping type.": "write a mapping: one 'key: value' line per entry",
    "Invalid input type.": "write a mapping: one 'key: value' line per field",
    "Not a valid tuple.": "write a list of two numbers: [lo, hi]",
    "Special numeric values (nan or infinity) are not permitted.": "write a finite number",
}


class Entry(NamedTuple):
    """A loaded list entry and its place in the file (for line numbers)."""

    index: int
    value: Any


class Parts(NamedTuple):
    """What loaded of each file; ``None`` where the file is missing or not the right shape."""

    info: dict | None
    modules: list[Entry] | None
    skills: list[Entry] | None
    roles: list[Entry] | None
    resources: dict[str, list[Entry]] | None
    """``resources.yaml``: skill id -> its resources that loaded."""
    matching: dict | None


def load_parts(docs: dict, found: Findings) -> Parts:
    info = _load_mapping(CATALOG_INFO, "catalog.yaml", docs, found, "name, title, description and levels")
    matching = _load_mapping(MATCHING, MATCHING_FILE, docs, found, "rules") if MATCHING_FILE in docs else None
    return Parts(
        info=info,
        modules=_load_list(MODULE, "modules.yaml", "module", docs, found),
        skills=_load_list(SKILL, "skills.yaml", "skill", docs, found),
        roles=_load_list(ROLE, "roles.yaml", "role", docs, found),
        resources=_load_resources(docs[RESOURCES_FILE], found) if RESOURCES_FILE in docs else None,
        matching=matching,
    )


def entries(docs: dict, file: str) -> list[tuple[int, dict]] | None:
    """``(index, entry)`` for each mapping in a list file, as written; ``None`` if it is missing or not a list."""
    doc = docs.get(file)
    if not isinstance(doc, list) or not doc:
        return None
    return [(n, e) for n, e in enumerate(doc) if isinstance(e, dict)]


def item_name(kind: str, entry, index: int) -> str:
    """An entry by its id where it has one (``skill 'rag'``), else by its place (``skill #3``)."""
    ident = entry.get("id") if isinstance(entry, dict) else None
    return f"{kind} '{ident}'" if isinstance(ident, str) and ident else f"{kind} #{index + 1}"


def _load_mapping(schema: Schema, file: str, docs: dict, found: Findings, fields: str) -> dict | None:
    if file not in docs:
        return None
    doc = docs[file]
    if not isinstance(doc, dict):
        problem = "is empty" if doc is None else "must be a mapping"
        found.add(file, problem, path=(), fix=f"write one 'key: value' line for each of {fields}")
        return None
    return _checked_load(schema, file, doc, found, None, ())


def _load_list(schema: Schema, file: str, kind: str, docs: dict, found: Findings) -> list[Entry] | None:
    if file not in docs:
        return None
    doc = docs[file]
    fix = f"write one '- id: ...' entry per {kind}, with the fields docs/catalog.md lists"
    if doc is None or doc == []:
        found.add(file, f"lists no {kind}s" + (" (the file is empty)" if doc is None else ""), path=(), fix=fix)
        return None
    if not isinstance(doc, list):
        found.add(file, f"must be a list of {kind}s", path=(), fix=fix)
        return None
    loaded = []
    for index, raw in enumerate(doc):
        value = _checked_load(schema, file, raw, found, item_name(kind, raw, index), (index,))
        if value is not None:
            loaded.append(Entry(index, value))
    return loaded


def _checked_load(schema: Schema, file: str, raw, found: Findings, item, at: tuple, prefix: str = ""):
    """An entry loaded by its marshmallow schema; ``None`` with its problems if it breaks a rule.

    A broken entry is reported by the rules of its file's JSON Schema it breaks (what an editor shows), or, where
    it breaks none, by marshmallow's rules that JSON Schema cannot say (URLs, ordered bands, whole numbers). A
    valid entry is checked once: JSON Schema's checks would triple the time to load a large catalog.
    """
    try:
        return schema.load(raw)
    except ValidationError as exc:
        # Here only: building the JSON Schemas (apispec, jsonschema) would add a third to a valid catalog's start-up.
        from skills.json_schema import mistakes

        broken = mistakes(file, raw) or list(_flatten(exc.messages))
    report_mistakes(found, file, item, at, broken, prefix)
    return None


def _load_resources(doc, found: Findings) -> dict[str, list[Entry]] | None:
    if not isinstance(doc, dict):
        fix = "write one 'skill-id:' line per skill, each followed by its list of resources"
        found.add(RESOURCES_FILE, "must map skill ids to lists of resources", path=(), fix=fix)
        return None
    loaded = {}
    for skill_id, listed in doc.items():
        item = f"skill '{skill_id}'"
        if not isinstance(listed, list):
            fix = "write the skill's resources as a list, one '- {title: ..., kind: ...}' line each"
            found.add(RESOURCES_FILE, "must be a list of resources", item, (skill_id,), fix)
            continue
        item = f"skill '{skill_id}'"
        loaded[skill_id] = [
            Entry(n, resource)
            for n, raw in enumerate(listed)
            if (
                resource := _checked_load(
                    RESOURCE, RESOURCES_FILE, raw, found, item, (skill_id, n), f"resource #{n + 1}"
                )
            )
        ]
    return loaded


def report_mistakes(found: Findings, file: str, item, at: tuple, broken: list, prefix: str = "") -> None:
    """One problem per rule broken (``(path in the document, path shown, message)``), at its field's line, with
    the fix for its message."""
    for path, shown, message in broken:
        where = ": ".join(part for part in (prefix, ".".join(shown)) if part)
        fix = _FIXES.get(message, "").format(field=shown[-1] if shown else "")
        found.add(file, f"{where}: {message}" if where else message, item, (*at, *path), fix)


def _flatten(messages, path=(), shown=()):
    """``(path in the document, path to show, message)`` for each message in marshmallow's nested dict.

    A mapping field's errors come as ``{key: {"key": [...], "value": {...}}}``: those two
    words are not in the document, so they are not shown.
    """
    if isinstance(messages, dict):
        for key, value in messages.items():
            hidden = key == "_schema" or (key == "value" and isinstance(value, dict))
            hidden = hidden or (key == "key" and isinstance(value, list) and set(messages) <= {"key", "value"})
            yield from _flatten(value, (*path, key), shown if hidden else (*shown, str(key)))
    elif isinstance(messages, list):
        for message in messages:
            if isinstance(message, str):
                yield path, shown, message
            else:
                yield from _flatten(message, path, shown)
    else:
        yield path, shown, str(messages)
