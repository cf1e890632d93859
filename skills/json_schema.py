"""JSON Schemas of the catalog files, generated from the marshmallow schemas of :mod:`skills.schemas`.

One source: the marshmallow schemas build the catalog's objects, and apispec turns them into
a JSON Schema per file (with the few rules apispec leaves out added here). The loader checks
each entry against them first, so a shape mistake reads the same in an editor, in ``careerpath
validate`` and at start-up; ``python -m skills.json_schema docs/schemas`` writes the published
copies, and a test keeps them current.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import marshmallow
from apispec.ext.marshmallow import OpenAPIConverter
from jsonschema import Draft202012Validator
from marshmallow import fields, validate

from skills import schemas

DIALECT = "https://json-schema.org/draft/2020-12/schema"


class FileSchema(NamedTuple):
    """How a catalog file is laid out: one entry schema, held as a list, a mapping of lists, or the file itself."""

    schema: type[marshmallow.Schema]
    layout: str
    """``"list"`` (modules, skills, roles), ``"lists by skill"`` (resources) or ``"mapping"``."""
    description: str


FILES = {
    "catalog.yaml": FileSchema(schemas.CatalogInfoSchema, "mapping", "The catalog's name, title, levels and tracks."),
    "modules.yaml": FileSchema(schemas.ModuleSchema, "list", "Modules in learning order."),
    "skills.yaml": FileSchema(schemas.SkillSchema, "list", "Skills in learning order."),
    "roles.yaml": FileSchema(schemas.RoleSchema, "list", "Roles and the level each needs of its skills."),
    "resources.yaml": FileSchema(schemas.ResourceSchema, "lists by skill", "Learning resources: skill id -> list."),
    "matching.yaml": FileSchema(schemas.MatchingSchema, "mapping", "Rules for names ids and aliases would misread."),
}


_KEBAB_STRING = {"type": "string", "pattern": schemas.KEBAB_ID.pattern, "errorMessage": schemas.KEBAB.error}


def _extras(self, field: fields.Field, ret: dict, **kwargs) -> dict:
    """What apispec leaves out of a field's JSON Schema: exclusive bounds, mapping sizes and keys, tuples, URLs,
    the prerequisite's two forms, and the catalog's own message for a broken rule (``errorMessage``, which
    editors show)."""
    extra: dict = {}
    for validator in field.validators:
        if isinstance(validator, validate.Range):
            if not validator.min_inclusive and "minimum" in ret:
                extra["exclusiveMinimum"], ret["minimum"] = ret["minimum"], None
            if not validator.max_inclusive and "maximum" in ret:
                extra["exclusiveMaximum"], ret["maximum"] = ret["maximum"], None
        if isinstance(validator, validate.Length) and isinstance(field, fields.Dict):
            extra["minProperties"], ret["minLength"] = validator.min, None
        if getattr(validator, "error", None) in schemas.FIXES:
            extra["errorMessage"] = validator.error
    if isinstance(field, fields.Dict) and field.key_field is not None:
        extra["propertyNames"] = self.field2property(field.key_field)
    if isinstance(field, fields.Tuple):
        items = [self.field2property(f) for f in field.tuple_fields]
        kind = ["array", "null"] if field.allow_none else "array"
        extra |= {"type": kind, "prefixItems": items, "minItems": len(items), "maxItems": len(items)}
    if isinstance(field, fields.Url):
        extra["format"] = "uri"
    if isinstance(field, schemas.PrerequisiteField):
        extra["oneOf"] = [_KEBAB_STRING, self.schema2jsonschema(schemas.PrerequisiteSchema)]
    if isinstance(field, fields.Nested) and isinstance(field.schema, schemas.NameRuleSchema):
        extra |= _NONE_NEEDS_A_REASON
    return extra


_NONE_NEEDS_A_REASON = {
    "if": {"properties": {"means": {"const": "none"}}, "required": ["means"]},
    "then": {
        "required": ["reason"],
        "properties": {"reason": {"minLength": 1, "errorMessage": "a name that means none needs a reason"}},
    },
}
"""matching.yaml's rule across two fields (skills.schemas.NameRuleSchema.make), for editors."""


@functools.cache
def _converter() -> OpenAPIConverter:
    # OpenAPI 3.1 schemas are JSON Schema 2020-12; no resolver name: nested schemas are written in place.
    converter = OpenAPIConverter("3.1.0", lambda schema: None, spec=None)
    converter.add_attribute_function(_extras)
    return converter


def _clean(node):
    """Drop the ``None`` that :func:`_extras` left where apispec had put a keyword that does not apply."""
    if isinstance(node, dict):
        return {k: _clean(v) for k, v in node.items() if v is not None}
    if isinstance(node, list):
        return [_clean(v) for v in node]
    return node


@functools.cache
def entry_schema(file: str) -> dict:
    """The JSON Schema of one entry of ``file`` (a module, a skill, a resource) or of the whole mapping file."""
    return _clean(_converter().schema2jsonschema(FILES[file].schema))


def file_schema(file: str) -> dict:
    """The published JSON Schema of a whole catalog file."""
    spec = FILES[file]
    entry = entry_schema(file)
    if spec.layout == "list":
        body = {"type": "array", "minItems": 1, "items": entry}
    elif spec.layout == "lists by skill":
        kebab = {"type": "string", "pattern": schemas.KEBAB_ID.pattern}
        body = {"type": "object", "propertyNames": kebab, "additionalProperties": {"type": "array", "items": entry}}
    else:
        body = entry
    name = file.removesuffix(".yaml")
    head = {"$schema": DIALECT, "$id": f"{name}.schema.json", "title": f"careerpath catalog: {file}"}
    return head | {"description": f"{spec.description} The format: docs/catalog.md."} | body


def write_all(directory: Path) -> list[Path]:
    """Write each file's schema as ``<name>.schema.json`` in ``directory``; the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for file in FILES:
        path = directory / f"{file.removesuffix('.yaml')}.schema.json"
        path.write_text(json.dumps(file_schema(file), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


# -- checking entries ------------------------------------------------------------------------------------------


class Mistake(NamedTuple):
    """One rule an entry breaks: where in the entry, as the document has it and as the report shows it."""

    path: tuple
    shown: tuple[str, ...]
    message: str


@functools.cache
def _validator(file: str) -> Draft202012Validator:
    return Draft202012Validator(entry_schema(file))


def mistakes(file: str, entry) -> list[Mistake]:
    """Every rule of its JSON Schema that ``entry`` breaks, in marshmallow's words (the fixes are keyed by them)."""
    found: dict[tuple, Mistake] = {}
    for error in _validator(file).iter_errors(entry):
        for mistake in _explain(error):
            found.setdefault((mistake.path, mistake.message), mistake)
    return list(found.values())


_TYPES = {
    "string": "Not a valid string.",
    "integer": "Not a valid integer.",
    "number": "Not a valid number.",
    "boolean": "Not a valid boolean.",
    "array": "Not a valid list.",
    "object": "Not a valid mapping type.",
}


def _explain(error) -> Iterator[Mistake]:
    path = tuple(error.absolute_path)
    shown = tuple(str(p) for p in path)
    keyword, schema, instance = error.validator, error.schema, error.instance
    if keyword == "required":
        for name in schema["required"]:
            if name not in instance:
                yield Mistake((*path, name), (*shown, name), "Missing data for required field.")
    elif keyword == "additionalProperties" and schema.get("properties") is not None:
        for name in instance:
            if name not in schema["properties"]:
                yield Mistake((*path, name), (*shown, str(name)), "Unknown field.")
    elif keyword == "oneOf":
        yield from _explain_branch(error)
    elif keyword == "type":
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        # marshmallow's words: an entry or nested entry that is not a mapping is an "input type" mistake.
        message = "Invalid input type." if types == ["object"] and "properties" in schema else _TYPES[types[0]]
        yield Mistake(path, shown, "Field may not be null." if instance is None else message)
    else:
        yield Mistake(path, shown, schema.get("errorMessage") or _default_message(keyword, error))


def _explain_branch(error) -> Iterator[Mistake]:
    """A prerequisite is an id or a mapping (the two branches of its ``oneOf``): what is wrong with the form it
    was written in."""
    written = {str: 0, dict: 1}.get(type(error.instance))
    branch = [e for e in error.context if e.relative_schema_path[0] == written]
    if branch:
        for sub in branch:
            yield from _explain(sub)
    else:
        path = tuple(error.absolute_path)
        yield Mistake(path, tuple(map(str, path)), "must be a skill id or {skill: ID, level: N}")


_MESSAGES = {
    "pattern": "String does not match expected pattern.",
    "minLength": "Shorter than minimum length {value}.",
    "maxLength": "Longer than maximum length {value}.",
    "minItems": "Length must be {value}.",
    "maxItems": "Length must be {value}.",
    "minProperties": "Shorter than minimum length {value}.",
    "minimum": "Must be greater than or equal to {value}.",
    "maximum": "Must be less than or equal to {value}.",
    "exclusiveMinimum": "Must be greater than {value}.",
    "exclusiveMaximum": "Must be less than {value}.",
}
"""marshmallow's message for each rule, so that the fixes of :mod:`skills.parts` apply."""


def _default_message(keyword: str, error) -> str:
    if keyword == "enum":
        return f"Must be one of: {', '.join(map(str, error.validator_value))}."
    template = _MESSAGES.get(keyword)
    return template.format(value=error.validator_value) if template else error.message


if __name__ == "__main__":
    for written in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/schemas")):
        print(written)
