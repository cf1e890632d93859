"""The form's routes that run the engine: a rate limit per address and caps on the skill names they carry.

The form's pages are public (no key): ``POST /``, ``GET /plan``, ``/plan.json``, ``/plan.md``
and ``/plan.ics`` each score the answers in their form or query string. A URL with 250
made-up names cost 450 ms of CPU (each name that is not a catalog id, name or alias is
matched by similarity), and only the POST was rate-limited. :func:`limit_engine_routes`
counts every such route against ``FORM_RATE_LIMIT`` per address and refuses, before the
engine runs:

* a skill field whose name is longer than the API's limit for a skill name, or whose
  level is longer than a level word may be (400);
* more than ``FORM_MAX_FREE_TEXT_NAMES`` different names that are not catalog keys (400):
  the form itself only ever sends catalog ids.
"""

from __future__ import annotations

from flask import current_app, request
from werkzeug.exceptions import BadRequest

from api.security.ratelimit import limit_blueprint
from skills import normalize_key

# The JSON API's limits for one skill entry (api/v1/schemas.py): a name and a level word.
MAX_NAME_LENGTH = 200
MAX_LEVEL_LENGTH = 40


def limit_engine_routes(blueprint, *, exempt: tuple[str, ...], name_prefixes: tuple[str, ...]) -> None:
    """Rate-limit and cap every route of ``blueprint`` but the endpoints in ``exempt`` (which do not
    run the engine). Fields named ``<prefix><skill name>`` for a prefix in ``name_prefixes`` are the
    skill names the caps count."""
    limit_blueprint(blueprint, "FORM_RATE_LIMIT", "form requests", exempt=exempt)

    def check() -> None:
        if request.endpoint and request.endpoint.rpartition(".")[2] not in exempt:
            _check_names(name_prefixes)

    blueprint.before_request(check)


def _check_names(prefixes: tuple[str, ...]) -> None:
    values = request.form if request.method == "POST" else request.args
    catalog_keys = current_app.extensions["careerpath"].catalog.keys()
    limit = current_app.config["FORM_MAX_FREE_TEXT_NAMES"]
    free_text = set()
    for field in values:
        prefix = next((p for p in prefixes if field.startswith(p)), None)
        if prefix is None:
            continue
        name = field[len(prefix) :]
        if len(name) > MAX_NAME_LENGTH:
            raise BadRequest(f"The field {field[:40]!r}… names a skill in more than {MAX_NAME_LENGTH} characters.")
        if len(values[field]) > MAX_LEVEL_LENGTH:
            raise BadRequest(f"The field {field!r} has a level longer than {MAX_LEVEL_LENGTH} characters.")
        if normalize_key(name) not in catalog_keys:
            free_text.add(normalize_key(name))
    if len(free_text) > limit:
        raise BadRequest(
            f"The answers name {len(free_text)} skills that are not in the catalog (at most {limit}); "
            "the form only offers catalog skills: start again from the form."
        )
