"""The OpenAPI document in the served catalog's words (issue 19 §2).

The schemas and blueprints are the same whatever the catalog; what their documentation
says about the domain (the title and description, the level scale, the tracks, the
examples) comes from the catalog the app serves. A deployment with a catalog of its own
(``CAREERPATH_CATALOG``) documents its own skills, roles, level words and tracks, and
nothing of the shipped Gen AI catalog.

Where a field's metadata, or anything in an operation's documentation, depends on the
catalog, it holds a :class:`FromCatalog`; :func:`init_api` has the app's document fill
each one in from the app's catalog (an attribute function of flask-smorest's marshmallow
converter for fields, an apispec plugin for operations), and :func:`openapi_settings`
gives the document's title and description.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from apispec import BasePlugin

from skills import Catalog
from skills.catalog import Level

# After the catalog's own description, what the API is and the one error shape.
ABOUT = (
    "Role fit and a prerequisite-aware learning plan for each profile, served by careerpath. "
    "Every error has the body {code, status, message, errors}, with errors keyed by field path "
    "such as skills.3.level."
)


@dataclass(frozen=True)
class FromCatalog:
    """Documentation made from the catalog: ``make(catalog)`` is the value the document shows."""

    make: Callable[[Catalog], Any]


def openapi_settings(catalog: Catalog) -> dict:
    """flask-smorest's settings for the document's title and description; set before the ``Api`` is made."""
    return {
        "API_TITLE": catalog.title,
        "API_SPEC_OPTIONS": {"info": {"description": f"{catalog.description.strip()}\n\n{ABOUT}"}},
    }


def init_api(api, catalog: Catalog) -> None:
    """Fill in every :class:`FromCatalog` of ``api``'s document from ``catalog``; call before any blueprint is
    registered."""

    def catalog_words(converter, field, ret, **kwargs) -> dict:  # apispec binds it to the converter by this name
        return {key: value.make(catalog) for key, value in field.metadata.items() if isinstance(value, FromCatalog)}

    api.ma_plugin.converter.add_attribute_function(catalog_words)
    plugin = CatalogWordsPlugin(catalog)
    plugin.init_spec(api.spec)
    api.spec.plugins.append(plugin)


class CatalogWordsPlugin(BasePlugin):
    """Fills in the :class:`FromCatalog` values of each operation (request examples, descriptions) as its path is
    registered."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog

    def operation_helper(self, path=None, operations=None, **kwargs):
        for method, operation in (operations or {}).items():
            operations[method] = self._fill(operation)

    def _fill(self, node):
        if isinstance(node, FromCatalog):
            return node.make(self.catalog)
        if isinstance(node, dict):
            return {key: self._fill(value) for key, value in node.items()}
        if isinstance(node, list):
            return [self._fill(value) for value in node]
        return node


# ---------------------------------------------------------------------------
# The catalog's words, as the schemas and blueprints use them
# ---------------------------------------------------------------------------


def level_bounds(catalog: Catalog) -> tuple[int, int]:
    """The levels a profile may give as numbers: the catalog's scale, 0 to its top (``catalog.max_level``)."""
    return 0, catalog.max_level


def level_words(catalog: Catalog) -> str:
    return ", ".join(lv.word for lv in catalog.levels)


def level_hint(catalog: Catalog) -> str:
    """``0-3 or a level word (none, basics, working, expert)``: what a level may be sent as, on the catalog's
    own scale."""
    low, high = level_bounds(catalog)
    return f"{low}-{high} or a level word ({level_words(catalog)})"


def middle_level(catalog: Catalog) -> Level:
    """A level for examples: the middle of the scale."""
    return catalog.levels[len(catalog.levels) // 2]


def level_steps(catalog: Catalog) -> str:
    """``0→1, 1→2, ...``: the steps between the catalog's levels."""
    values = [lv.value for lv in catalog.levels]
    return ", ".join(f"{a}→{b}" for a, b in zip(values, values[1:], strict=False))


def track_ids(catalog: Catalog) -> list[str | None]:
    """A track field's values: the catalog's track ids, or null (a module or role of every track)."""
    return [*(track.id for track in catalog.tracks), None]


def track_description(catalog: Catalog) -> str:
    named = "; ".join(f"{track.id}: {track.name}" for track in catalog.tracks)
    return f"The catalog's track ({named}), or null: all of them." if named else "null: the catalog has no tracks."


def example_skills(catalog: Catalog, count: int = 2) -> list[str]:
    """Names of the catalog's first skills, for examples."""
    return [skill.name for skill in catalog.skills[:count]]


def example_role(catalog: Catalog) -> str:
    return catalog.roles[0].id


def level_error_example(catalog: Catalog) -> dict:
    """An error body's ``errors`` as the engine words a level it cannot read."""
    low, high = level_bounds(catalog)
    return {"skills.2.level": [f"'guru' is not a level; use {low}-{high} or one of {level_words(catalog)}"]}
