"""``POST /v1/cohorts/recommendations``: a whole cohort in one request, JSON or CSV.

Every profile comes back, in input order, either in ``results`` (exactly what
``POST /v1/recommendations`` gives for it, cut to ``steps`` steps) or in ``errors``
(its field messages), with a ``summary`` of the cohort. Cohorts beyond the row
limit are for ``careerpath batch``, which streams files of any size.

Its settings (:mod:`api.settings`): ``COHORT_MAX_ROWS``, ``COHORT_MAX_ROW_STEPS``, ``COHORT_MAX_CONTENT_LENGTH``
(this endpoint's body limit instead of the API-wide one), ``COHORT_MAX_FREE_TEXT_NAMES``
and ``COHORT_MIN_GROUP`` (a server setting on purpose: it protects members, so callers
cannot lower it).
"""

from __future__ import annotations

import json

from flask import current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import ValidationError

from api.field_errors import flatten_errors
from api.security.ratelimit import limit_blueprint
from api.v1 import catalog_docs as words
from api.v1.catalog_docs import FromCatalog
from api.v1.cohort_schemas import CohortEnvelopeSchema, CohortRequestSchema, CohortResponseSchema, validate_profiles
from recommender import cohort
from recommender.batch.files import CohortIOError, read_csv_bytes
from recommender.engine import MAX_LIMIT
from recommender.summary import CohortSummary
from skills import normalize_key

blp = Blueprint(
    "cohorts",
    __name__,
    url_prefix="/v1/cohorts",
    description="Whole cohorts: every member's fit and plan, and what the cohort lacks.",
)
# One cohort request can be thousands of profiles: a lower limit on top of the API-wide one.
limit_blueprint(blp, "COHORT_RATE_LIMIT", "cohort requests")

ENVELOPE = CohortEnvelopeSchema()


def example(catalog) -> dict:
    """Two members in the served catalog's words: one rated by a level word, one by a number with a target role."""
    first, *rest = words.example_skills(catalog)
    middle = words.middle_level(catalog)
    return {
        "profiles": [
            {"id": "m-001", "skills": [{"name": first, "level": middle.word}], "group": "class-a"},
            {
                "id": "m-002",
                "skills": [{"name": name, "level": middle.value} for name in rest or [first]],
                "target_role": words.example_role(catalog),
                "hours_per_week": 6,
            },
        ],
        "steps": 5,
    }


def csv_example(catalog) -> str:
    """A CSV cohort of one in the served catalog's words: a column per skill id, the first rated."""
    ids = [skill.id for skill in catalog.skills[:3]]
    levels = [str(words.middle_level(catalog).value)] + [""] * (len(ids) - 1)
    return f"id,target_role,hours_per_week,group,{','.join(ids)}\nm-001,,8,class-a,{','.join(levels)}\n"


def body_description(catalog) -> str:
    return (
        "JSON: {profiles, steps}. CSV: columns id, optional target_role, hours_per_week and group, then "
        f"one column per skill or module id holding a level ({words.level_hint(catalog)}); an empty cell is not "
        "rated; plan steps come from the query parameter steps."
    )


@blp.before_request
def _cohort_body_limit():
    # A 10,000-member cohort is several MiB of JSON: far above the API-wide limit for one profile.
    request.max_content_length = current_app.config["COHORT_MAX_CONTENT_LENGTH"]


@blp.route("/recommendations")
class CohortRecommendations(MethodView):
    @blp.doc(
        requestBody={
            "required": True,
            "description": FromCatalog(body_description),
            "content": {
                "application/json": {"schema": CohortRequestSchema, "example": FromCatalog(example)},
                "text/csv": {
                    "schema": {"type": "string"},
                    "example": FromCatalog(csv_example),
                },
            },
        },
        parameters=[
            {
                "in": "query",
                "name": "steps",
                "schema": {"type": "integer", "minimum": 0, "maximum": MAX_LIMIT, "default": cohort.DEFAULT_STEPS},
                "description": "Plan steps per member, for CSV uploads (JSON bodies carry steps in the body).",
            }
        ],
    )
    @blp.response(200, CohortResponseSchema)
    @blp.alt_response(400, response="BAD_REQUEST")
    @blp.alt_response(413, response="REQUEST_ENTITY_TOO_LARGE")
    @blp.alt_response(415, response="UNSUPPORTED_MEDIA_TYPE")
    @blp.alt_response(422, response="UNPROCESSABLE_ENTITY")
    def post(self):
        """Fit and plans for every member of a cohort, with a cohort summary"""
        engine = current_app.extensions["careerpath"]
        query_steps = _query_steps()  # checked for JSON bodies too: a documented parameter is never silently wrong
        if request.mimetype == "text/csv":
            batch, steps = _csv_batch(engine, query_steps)
        elif request.is_json:
            batch, steps = _json_batch(engine)
        else:
            abort(
                415,
                message="Send the cohort as JSON ('Content-Type: application/json') or CSV ('Content-Type: text/csv'), "
                f"not {request.mimetype or 'no content type'!r}.",
            )
        _check_row_steps(len(batch), steps)
        scores = cohort.score_batch(engine, batch, steps)
        summary = CohortSummary(engine.arrays, engine.catalog, min_group=current_app.config["COHORT_MIN_GROUP"])
        summary.add(batch, scores)
        body = {
            "catalog": {"name": engine.catalog.name, "version": engine.catalog.version},
            "model": {"version": engine.model.version},
            "steps": steps,
            "results": cohort.results(engine, batch, scores, steps),
            "errors": batch.error_records(),
            "ignored": cohort.ignored_report(batch.ignored, batch.suggestions, batch.reasons),
            "summary": summary.to_dict(),
        }
        # Sent as built, like POST /v1/recommendations: dumping thousands of plans
        # through the schema again would double the time; tests check the shape.
        return current_app.json.response(body)


def _check_rows(count: int) -> None:
    limit = current_app.config["COHORT_MAX_ROWS"]
    if count > limit:
        abort(
            413,
            message=f"The cohort has {count:,} rows; this endpoint takes at most {limit:,}. "
            "Score larger cohorts from a file with the command line: careerpath batch INPUT --out OUTPUT.",
        )


def _check_row_steps(rows: int, steps: int) -> None:
    limit = current_app.config["COHORT_MAX_ROW_STEPS"]
    if rows * steps > limit:
        abort(
            413,
            message=f"The cohort has {rows:,} rows and asks for {steps:,} steps each; this endpoint answers at most "
            f"{limit:,} rows x steps. Ask for fewer steps, send fewer rows, or use the command line: "
            "careerpath batch INPUT --out OUTPUT.",
            errors={"steps": [f"{rows:,} rows x {steps:,} steps is over {limit:,}"]},
        )


def _json_batch(engine):
    try:
        body = json.loads(request.get_data())
    except json.JSONDecodeError as exc:
        abort(400, message=f"The request body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}.")
    except UnicodeDecodeError:
        abort(400, message="The request body is not valid JSON: it is not UTF-8 text.")
    if not isinstance(body, dict):
        abort(422, message="The request has invalid fields; see errors.", errors={"_schema": ["Must be an object."]})
    # Only the envelope can fail the request; members are checked one by one below.
    profiles = body.get("profiles")
    if isinstance(profiles, list):
        _check_rows(len(profiles))
    try:
        envelope = ENVELOPE.load(body)
    except ValidationError as exc:
        abort(422, message="The request has invalid fields; see errors.", errors=flatten_errors(exc.messages))
    steps = _steps(envelope["steps"])
    loaded, known = validate_profiles(envelope["profiles"])
    _check_free_text(loaded, engine)
    return cohort.records_to_batch(engine, loaded, known=known), steps


def _check_free_text(profiles: list, engine) -> None:
    """At most ``COHORT_MAX_FREE_TEXT_NAMES`` distinct skill names that are not catalog keys.

    Each such name is matched by similarity, a few ms apiece: a 150 KB cohort of 4,000
    made-up names took 8 s, and 64 MiB of them would hold a worker for an hour.
    """
    limit = current_app.config["COHORT_MAX_FREE_TEXT_NAMES"]
    names = {
        entry["name"]
        for profile in profiles
        if isinstance(profile, dict) and isinstance(profile.get("skills"), list)
        for entry in profile["skills"]
        if isinstance(entry, dict) and isinstance(entry.get("name"), str)  # other names are row errors
    }
    catalog_keys, free_text = engine.catalog.keys(), set()
    for name in names:
        if normalize_key(name) not in catalog_keys:
            free_text.add(normalize_key(name))
            if len(free_text) > limit:
                abort(
                    422,
                    message=f"The cohort has more than {limit:,} different skill names that are not a catalog id, "
                    "name or alias; each is matched by similarity, which takes time. Use the names GET /v1/skills "
                    "lists, or score the cohort with the command line: careerpath batch INPUT --out OUTPUT.",
                    errors={"profiles": [f"more than {limit:,} different free-text skill names"]},
                )


def _query_steps() -> int:
    text = request.args.get("steps")
    if text is None:
        return cohort.DEFAULT_STEPS
    try:
        steps = int(text)
    except ValueError:
        steps = text  # not a number: check_steps says so, naming it
    return _steps(steps)


def _steps(value) -> int:
    """A plan step count, by the engine's rule (0 to MAX_LIMIT), or 422 naming ``steps``."""
    try:
        return cohort.check_steps(value)
    except ValueError as exc:
        abort(422, message="The request has invalid fields; see errors.", errors={"steps": [str(exc)]})


def _csv_batch(engine, steps: int):
    try:
        columns, frame = read_csv_bytes(request.get_data(), engine)
    except CohortIOError as exc:
        abort(400, message=f"The request body is {exc}" if str(exc).startswith("not") else f"The request body: {exc}.")
    except cohort.CohortFileError as exc:
        abort(422, message=f"The CSV header cannot be used: {exc}.", errors={"_schema": [str(exc)]})
    _check_rows(len(frame))
    return cohort.frame_to_batch(engine, frame, columns), steps
