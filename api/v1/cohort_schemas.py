"""Schemas of cohort scoring: the shape of each profile, and the documented request and response.

A cohort request is never rejected for one bad profile: the request schema checks
only the envelope (``profiles`` is a list, ``steps`` a whole number), and each
profile's shape is checked on its own by :func:`validate_profiles`, which turns its
problems into that row's errors. The shape is that of ``POST /v1/recommendations``
(same limits, same coercions such as ``"8"`` hours), so a profile scores the same in
both. Values (the skill entries, hours, roles, ids and groups, unknown fields) are
:mod:`recommender.cohort`'s and the engine's to judge, with messages naming the field
(``skills.3.level``); their errors join the row's.
"""

from __future__ import annotations

from marshmallow import INCLUDE, Schema, ValidationError, fields, validate

from api.field_errors import flatten_errors
from api.v1.catalog_docs import FromCatalog, level_error_example
from api.v1.schemas import (
    MAX_SKILLS,
    ROLES_ORDER,
    CatalogRefSchema,
    ConcernSchema,
    GoalSchema,
    InferredSchema,
    MatchedSchema,
    MergedSchema,
    ModelRefSchema,
    PlanSchema,
    RoleFitSchema,
    SkillRatingSchema,
    best_fit_field,
    goals_field,
    hours_per_week_field,
    target_role_field,
)
from recommender.cohort import DEFAULT_STEPS, MAX_ID_LENGTH
from recommender.engine import MAX_LIMIT


class SkillList(fields.Field):
    """A list of at most MAX_SKILLS entries, passed on as is: the engine checks each entry
    (with messages naming ``skills.3.level``), and loading thousands of entries through
    nested schemas here would cost more than scoring them."""

    default_error_messages = {"invalid": "Not a valid list.", "long": "Longer than maximum length {max}."}

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, list):
            raise self.make_error("invalid")
        if len(value) > MAX_SKILLS:
            raise self.make_error("long", max=MAX_SKILLS)
        return value


class CohortProfileSchema(Schema):
    """The shape of one member; ``id``, ``group`` and any other field pass through to
    :func:`recommender.cohort.records_to_batch`, which checks them."""

    class Meta:
        unknown = INCLUDE

    skills = SkillList(required=True)
    goals = goals_field()
    target_role = target_role_field()
    hours_per_week = hours_per_week_field()


class CohortProfileDocSchema(Schema):
    """One member, as documented."""

    id = fields.String(
        required=True,
        metadata={
            "description": f"Your id for the member, at most {MAX_ID_LENGTH} characters (an integer is taken as text).",
            "example": "m-001",
        },
    )
    skills = fields.List(
        fields.Nested(SkillRatingSchema),
        required=True,
        validate=validate.Length(max=MAX_SKILLS),
        metadata={"description": "As in POST /v1/recommendations: {name, level} entries; [] is a beginner."},
    )
    goals = goals_field()
    target_role = target_role_field()
    hours_per_week = hours_per_week_field()
    group = fields.String(
        allow_none=True,
        validate=validate.Length(max=MAX_ID_LENGTH),
        metadata={"description": "Class, team or site, for the summary's breakdown by group."},
    )


class CohortRequestSchema(Schema):
    profiles = fields.List(
        fields.Nested(CohortProfileDocSchema),
        required=True,
        metadata={"description": "The cohort; each profile is checked on its own and reported in results or errors."},
    )
    steps = fields.Integer(
        load_default=DEFAULT_STEPS,
        strict=True,  # as limit in POST /v1/recommendations: 2.5 steps is an error, not 2
        metadata={
            "description": "Plan steps to return per member; totals still cover the whole plan.",
            "minimum": 0,
            "maximum": MAX_LIMIT,
        },
    )


class CohortEnvelopeSchema(Schema):
    """What is checked of the body as a whole: profiles are checked one by one later."""

    profiles = fields.List(fields.Raw(allow_none=True), required=True)
    steps = fields.Integer(load_default=DEFAULT_STEPS, strict=True)


_PROFILE = CohortProfileSchema()


def validate_profiles(profiles: list) -> tuple[list, dict[int, dict[str, list[str]]]]:
    """Each profile's shape checked on its own: ``(profiles as loaded, {row: field errors})``.

    A row with errors keeps its raw value in the list, and so does a row that is not an
    object (the engine reports it), so the engine can add what it finds.
    """
    loaded: list = []
    errors: dict[int, dict[str, list[str]]] = {}
    for row, profile in enumerate(profiles):
        if not isinstance(profile, dict):
            loaded.append(profile)
            continue
        try:
            loaded.append(_PROFILE.load(profile))
        except ValidationError as exc:
            errors[row] = flatten_errors(exc.messages)
            loaded.append(profile)
    return loaded, errors


# ---------------------------------------------------------------------------
# The response, as documented
# ---------------------------------------------------------------------------


class CohortResultSchema(Schema):
    index = fields.Integer(required=True, metadata={"description": "Row number in the input, from 0."})
    id = fields.String(required=True)
    group = fields.String(required=True, allow_none=True)
    roles = fields.List(fields.Nested(RoleFitSchema), required=True, metadata={"description": ROLES_ORDER})
    best_fit = best_fit_field()
    target_role = fields.String(required=True, metadata={"description": "The role the plan is for."})
    plan = fields.Nested(PlanSchema, required=True)
    profile = fields.Nested(
        "CohortReadingSchema",
        required=True,
        metadata={"description": "How the row was read, as a single profile's answer shows it."},
    )


class CohortReadingSchema(Schema):
    matched = fields.List(
        fields.Nested(MatchedSchema),
        required=True,
        metadata={
            "description": "Profile objects: how each name was matched. Empty for CSV rows, whose columns are read once."
        },
    )
    merged = fields.List(fields.Nested(MergedSchema), required=True)
    inferred = fields.List(fields.Nested(InferredSchema), required=True)
    goals = fields.List(
        fields.Nested(GoalSchema),
        metadata={"description": "Profile objects: how each goal was read. Absent for CSV rows."},
    )
    concerns = fields.List(
        fields.Nested(ConcernSchema),
        metadata={
            "description": "What the member's work calls for first though no goal names it (the catalog's concerns: "
            "an entry, or a CSV column rated above 0, naming a kind of work or data), planned as goals."
        },
    )


class CohortErrorSchema(Schema):
    index = fields.Integer(required=True)
    id = fields.String(required=True, allow_none=True)
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        required=True,
        metadata={"example": FromCatalog(level_error_example)},
    )


class IgnoredSchema(Schema):
    name = fields.String(required=True, metadata={"description": "A CSV column or skill name that matched nothing."})
    rows = fields.Integer(required=True, metadata={"description": "Rows that gave it a value (it was ignored)."})
    suggestions = fields.List(fields.String(), required=True)
    reason = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "Why the catalog reads the name as naming no skill ('Prometheus'), else null."},
    )


class FitStatsSchema(Schema):
    mean = fields.Float(required=True, allow_none=True)
    median = fields.Float(required=True, allow_none=True)


class ReadinessSchema(Schema):
    edges = fields.List(fields.Float(), required=True)
    counts = fields.List(fields.Integer(), required=True)
    mean = fields.Float(required=True, allow_none=True)
    median = fields.Float(required=True, allow_none=True)
    ready = fields.Integer(required=True, metadata={"description": "Members already at 100% for their target."})


class RoleHistogramSchema(Schema):
    edges = fields.List(fields.Float(), required=True)
    counts = fields.Dict(keys=fields.String(), values=fields.List(fields.Integer()), required=True)


class LackingSchema(Schema):
    skill = fields.String(required=True)
    name = fields.String(required=True)
    module = fields.String(required=True)
    members_below = fields.Integer(required=True, metadata={"description": "Members below their target's level."})
    share_below = fields.Float(required=True, metadata={"description": "members_below over scored members."})
    mean_gap = fields.Float(required=True, metadata={"description": "Levels missing, over the members below."})
    mean_hours = fields.Float(required=True, metadata={"description": "Hours to close the gap, per member below."})
    total_hours = fields.Float(required=True, metadata={"description": "Hours to close the gap, whole cohort."})
    share_below_by_target = fields.Dict(
        keys=fields.String(),
        values=fields.Float(allow_none=True),
        required=True,
        metadata={"description": "Per target role: share of its members below; null if the role does not need it."},
    )


class WantedSchema(Schema):
    skill = fields.String(required=True)
    name = fields.String(required=True)
    members = fields.Integer(required=True, metadata={"description": "Members naming it as a goal."})
    share = fields.Float(required=True, metadata={"description": "members over scored members."})


class GoalsSummarySchema(Schema):
    members = fields.Integer(required=True, metadata={"description": "Members who name a goal the catalog reads."})
    skills = fields.List(
        fields.Nested(WantedSchema),
        required=True,
        metadata={"description": "The skills members name as goals most often, most first."},
    )


class _StatsSchema(Schema):
    scored = fields.Integer(required=True)
    best_fit = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    target_roles = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    fit = fields.Dict(keys=fields.String(), values=fields.Nested(FitStatsSchema), required=True)
    fit_histogram = fields.Nested(RoleHistogramSchema, required=True)
    readiness = fields.Nested(
        ReadinessSchema, required=True, metadata={"description": "Fit for each member's target role."}
    )
    lacking = fields.List(fields.Nested(LackingSchema), required=True)
    goals = fields.Nested(
        GoalsSummarySchema, required=True, metadata={"description": "What members want to learn next (goals)."}
    )


class GroupSummarySchema(Schema):
    group = fields.String(required=True, allow_none=True)
    rows = fields.Integer(required=True)
    suppressed = fields.Boolean(
        required=True, metadata={"description": "True for groups below min_group_size: only rows is given."}
    )
    errors = fields.Integer()
    scored = fields.Integer()
    best_fit = fields.Dict(keys=fields.String(), values=fields.Integer())
    target_roles = fields.Dict(keys=fields.String(), values=fields.Integer())
    fit = fields.Dict(keys=fields.String(), values=fields.Nested(FitStatsSchema))
    fit_histogram = fields.Nested(RoleHistogramSchema)
    readiness = fields.Nested(ReadinessSchema)
    lacking = fields.List(fields.Nested(LackingSchema))
    goals = fields.Nested(GoalsSummarySchema)


class CohortSummarySchema(_StatsSchema):
    rows = fields.Integer(required=True)
    errors = fields.Integer(required=True)
    min_group_size = fields.Integer(required=True)
    groups = fields.List(fields.Nested(GroupSummarySchema), metadata={"description": "When profiles have a group."})


class CohortResponseSchema(Schema):
    catalog = fields.Nested(CatalogRefSchema, required=True)
    model = fields.Nested(ModelRefSchema, required=True)
    steps = fields.Integer(required=True)
    results = fields.List(fields.Nested(CohortResultSchema), required=True, metadata={"description": "Input order."})
    errors = fields.List(fields.Nested(CohortErrorSchema), required=True, metadata={"description": "Input order."})
    ignored = fields.List(
        fields.Nested(IgnoredSchema),
        required=True,
        metadata={"description": "CSV columns or skill names that matched no skill or module, and were ignored."},
    )
    summary = fields.Nested(CohortSummarySchema, required=True)


__all__ = [
    "CohortEnvelopeSchema",
    "CohortProfileSchema",
    "CohortRequestSchema",
    "CohortResponseSchema",
    "validate_profiles",
]
