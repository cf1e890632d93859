"""Marshmallow schemas: the shape of requests, and every response, as the OpenAPI document gives them.

Request schemas check shape: which fields, their JSON types, and how long strings and
lists may be (input limits, so an oversized body is refused before any work). Values
are the engine's to judge (levels on the catalog's scale and its level words, hours per week,
``limit``, role ids, duplicate skills): it owns those rules and their messages, and its
:class:`~recommender.engine.InputError` is reported under the same field paths
(``skills.3.level``), so the form and the command line, which call the engine
directly, accept and refuse exactly what the API does. The documented minimum and
maximum come from the engine's own constants. A body with shape errors is refused
with those alone; the engine judges the values of a body of the right shape.

What the documentation says about the domain (level words, tracks, examples) is the
served catalog's: such metadata is a :class:`~api.v1.catalog_docs.FromCatalog`.

Response schemas mark every field the engine always returns as ``required`` so the
generated document is a complete contract that tests can validate real responses with.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from api.v1 import catalog_docs as words
from api.v1.catalog_docs import FromCatalog
from recommender.engine import DEFAULT_HOURS_PER_WEEK, MAX_HOURS_PER_WEEK, MAX_LIMIT
from recommender.profiles import MAX_GOALS
from recommender.render import MAX_RESOURCES

# Input limits: how much a request may carry.
MAX_SKILLS = 200
MAX_NAME_LENGTH = 200
MAX_LEVEL_WORD_LENGTH = 40


# ---------------------------------------------------------------------------
# Requests
# ---------------------------------------------------------------------------


class Level(fields.Field):
    """A proficiency level as sent: a number or a level word (at most 40 characters).

    Passed on as sent: the engine decides whether it is a level (a number on the catalog's
    scale, or one of its words) and says why not.
    """

    default_error_messages = {
        "invalid": "Not a level: send a number such as 3 or one of the catalog's level words (GET /v1/skills)."
    }

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool):  # bool is an int subclass; true is not "level 1"
            raise self.make_error("invalid")
        if isinstance(value, int | float) or (isinstance(value, str) and len(value) <= MAX_LEVEL_WORD_LENGTH):
            return value
        raise self.make_error("invalid")


def level_options(catalog) -> list[dict]:
    low, high = words.level_bounds(catalog)
    return [
        {"type": "integer", "minimum": low, "maximum": high},
        {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_LEVEL_WORD_LENGTH,
            "example": words.middle_level(catalog).word,
        },
    ]


LEVEL_DOC = {"description": FromCatalog(words.level_hint), "oneOf": FromCatalog(level_options)}


class SkillRatingSchema(Schema):
    name = fields.String(
        required=True,
        validate=validate.Length(max=MAX_NAME_LENGTH),
        metadata={
            "description": "Skill id, module id, alias or free text.",
            "example": FromCatalog(lambda catalog: words.example_skills(catalog, 1)[0]),
            "minLength": 1,
        },
    )
    level = Level(required=True, metadata=LEVEL_DOC)


class SkillRatings(fields.Nested):
    """The profile's ``{name, level}`` entries, as one nested load (``many=True``: a third
    cheaper than a ``List`` of ``Nested``, which loads each entry on its own).

    The list's length is checked before any entry is loaded, so a 1 MiB body of 250,000
    entries is an immediate 422, not half a minute of loading.
    """

    default_error_messages = {"type": "Not a valid list."}

    def __init__(self, **kwargs):
        super().__init__(lambda: SkillRatingSchema, many=True, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, list | tuple):
            raise self.make_error("type")
        for validator in self.validators:
            validator(value)
        return super()._deserialize(value, attr, data, **kwargs)


def goals_field() -> fields.List:
    """What the person wants to build or get better at next: read as skill names are; the engine judges them."""
    return fields.List(
        fields.String(validate=validate.Length(max=MAX_NAME_LENGTH)),
        validate=validate.Length(max=MAX_GOALS),
        metadata={
            "description": f"Optional: at most {MAX_GOALS} names of what you want to build or get better at next, "
            "read as skill names are. The plan takes the way to them first: each named skill to beginner level "
            "(2 of 0-5) and what it waits for. A module (an area such as 'fine-tuning') or a skill outside the "
            "planned role plans nothing first; profile.goals says how each was read.",
            "example": ["RAG over our docs", "LLM evaluation"],
        },
    )


def target_role_field() -> fields.String:
    return fields.String(
        allow_none=True,
        validate=validate.Length(max=MAX_NAME_LENGTH),
        metadata={
            "description": "Role id to plan for (see GET /v1/roles); omitted or null: the best fit.",
            "example": FromCatalog(words.example_role),
        },
    )


class Number(fields.Float):
    """A number, passed on as sent (so the engine's messages quote it as sent); numeric text
    such as ``"8"`` is read as the number it spells."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        return super()._deserialize(value, attr, data, **kwargs)


def hours_per_week_field() -> Number:
    """1 to 80 is the engine's rule, documented here."""
    return Number(
        metadata={
            "description": "Study hours per week, used to schedule the plan in weeks.",
            "minimum": 1,
            "maximum": MAX_HOURS_PER_WEEK,
            "default": DEFAULT_HOURS_PER_WEEK,
        },
    )


class RecommendationRequestSchema(Schema):
    skills = SkillRatings(
        required=True,
        validate=validate.Length(max=MAX_SKILLS),
        metadata={"description": f"The profile, at most {MAX_SKILLS} entries; [] is a beginner."},
    )
    goals = goals_field()
    target_role = target_role_field()
    hours_per_week = hours_per_week_field()
    limit = fields.Integer(
        strict=True,  # non-strict Integer would truncate 2.5 to 2 without a word
        metadata={
            "description": "Most plan steps to return (all by default); totals still cover the whole plan.",
            "minimum": 0,
            "maximum": MAX_LIMIT,
        },
    )


# ---------------------------------------------------------------------------
# Catalog resources
# ---------------------------------------------------------------------------


class LevelSchema(Schema):
    value = fields.Integer(required=True)
    word = fields.String(required=True)
    description = fields.String(required=True)
    also = fields.List(
        fields.String(), required=True, metadata={"description": "Other words a profile may give this level by."}
    )


def track_field() -> fields.String:
    return fields.String(
        required=True,
        allow_none=True,
        metadata={"enum": FromCatalog(words.track_ids), "description": FromCatalog(words.track_description)},
    )


class TrackSchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    description = fields.String(required=True)
    shared = fields.Boolean(
        required=True, metadata={"description": "The ground every track stands on: it serves every role."}
    )


class ModuleSchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    track = track_field()
    description = fields.String(required=True)


class ResourceSchema(Schema):
    title = fields.String(required=True)
    kind = fields.String(required=True, metadata={"example": "paper"})


class FasterWithSchema(Schema):
    skill = fields.String(required=True, metadata={"description": "The skill held."})
    level = fields.Integer(required=True, metadata={"description": "From this level of it on."})
    share = fields.Float(required=True, metadata={"description": "The share of the hours needed, above 0, below 1."})


def _level_by_skill(description: str) -> fields.Dict:
    """A ``{skill id: level}`` field of a skill's prerequisites."""
    return fields.Dict(
        keys=fields.String(), values=fields.Integer(), required=True, metadata={"description": description}
    )


class SkillSchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    module = fields.String(required=True)
    description = fields.String(required=True)
    prerequisites = fields.List(fields.String(), required=True, metadata={"description": "Skill ids."})
    prerequisite_levels = _level_by_skill(
        "The level this skill needs of each prerequisite given with one; a prerequisite absent here is needed in "
        "full (the role's level of it)."
    )
    prerequisites_beyond = _level_by_skill(
        "The level of this skill past which it needs a prerequisite, for those needed only past a level (RAG "
        "needs vector databases past 2: a first RAG app needs none); absent: from the start."
    )
    hours = fields.List(
        fields.Float(),
        required=True,
        metadata={"description": FromCatalog(lambda catalog: f"Hours from level {words.level_steps(catalog)}.")},
    )
    faster_with = fields.List(
        fields.Nested(FasterWithSchema),
        required=True,
        metadata={
            "description": "Skills whose holders, at a level or more, learn this one in a share of its hours: a "
            "plan's hours of it for such a person are that share. [] for none."
        },
    )
    aliases = fields.List(fields.String(), required=True)
    resources = fields.List(fields.Nested(ResourceSchema), required=True)


class SkillListSchema(Schema):
    skills = fields.List(fields.Nested(SkillSchema), required=True, metadata={"description": "In learning order."})
    modules = fields.List(fields.Nested(ModuleSchema), required=True, metadata={"description": "In learning order."})
    levels = fields.List(fields.Nested(LevelSchema), required=True, metadata={"description": "The level scale."})
    tracks = fields.List(
        fields.Nested(TrackSchema), required=True, metadata={"description": "The catalog's tracks; [] if it has none."}
    )


class RoleSkillSchema(Schema):
    level = fields.Integer(required=True, metadata={"description": "Target level."})
    weight = fields.Float(required=True, metadata={"description": "Weight in (0, 1] in the role fit."})
    tier = fields.String(required=True, metadata={"enum": ["core", "optional"]})


class RoleSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    track = track_field()
    summary = fields.String(required=True)
    skills = fields.Dict(
        keys=fields.String(),
        values=fields.Nested(RoleSkillSchema),
        required=True,
        metadata={"description": "Skill id to target level, weight and tier."},
    )


class RoleListSchema(Schema):
    roles = fields.List(fields.Nested(RoleSchema), required=True)


# ---------------------------------------------------------------------------
# Health and recommendations
# ---------------------------------------------------------------------------


class CatalogRefSchema(Schema):
    name = fields.String(required=True)
    version = fields.String(required=True, metadata={"description": "A hash of the catalog files."})


class ModelRefSchema(Schema):
    version = fields.String(required=True)


class HealthSchema(Schema):
    status = fields.String(required=True, metadata={"example": "ok"})
    catalog = fields.Nested(CatalogRefSchema, required=True)
    model = fields.Nested(ModelRefSchema, required=True)


class MatchedSchema(Schema):
    input = fields.String(required=True, metadata={"description": "The name as read (one part of a compound entry)."})
    level = fields.Integer(required=True)
    match = fields.String(
        required=True,
        metadata={
            "description": "How the name was matched: the exact id, name or alias, a known name inside a phrase "
            "('used the OpenAI API'), or a fuzzy match (a typo).",
            "enum": ["id", "name", "alias", "phrase", "fuzzy"],
        },
    )
    confidence = fields.Float(required=True, metadata={"description": "1.0 for an exact id, name or alias."})
    reason = fields.String(
        metadata={
            "description": "Why the name is read this way, from the catalog's matching rules: it is a restricted "
            "form of the skill, credited up to a level lower than the one given, or a product read by what it was "
            "used for."
        }
    )
    skill = fields.String(metadata={"description": "The skill it rates (absent for a module)."})
    module = fields.String(metadata={"description": "The module it rates (absent for a skill)."})
    skills = fields.List(fields.String(), metadata={"description": "The module's skills it rates."})


class UnmatchedSchema(Schema):
    input = fields.String(required=True)
    suggestions = fields.List(fields.String(), required=True, metadata={"description": "Close skill ids."})
    reason = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": 'Why a name the catalog knows rates nothing ("ChatGPT"); null otherwise.'},
    )


class MergeSourceSchema(Schema):
    index = fields.Integer(required=True, metadata={"description": "The entry's position in the request's skills."})
    name = fields.String(required=True, metadata={"description": "The entry as written (the whole of a joined one)."})
    level = fields.Integer(required=True)


class MergedSchema(Schema):
    skill = fields.String(metadata={"description": "The skill rated more than once (absent for a module)."})
    module = fields.String(metadata={"description": "The module rated more than once (absent for a skill)."})
    level = fields.Integer(
        required=True,
        metadata={
            "description": "The level used: the highest of the entries that name it alone, else the highest given "
            "('Python' 2 beside 'Rasa (custom actions in Python)' 3 is 2)."
        },
    )
    from_ = fields.List(
        fields.Nested(MergeSourceSchema),
        data_key="from",
        required=True,
        metadata={"description": "The entries merged."},
    )


class InferredSchema(Schema):
    skill = fields.String(required=True)
    level = fields.Integer(required=True, metadata={"description": "The level implied; never lowers a given one."})
    from_skill = fields.String(required=True, metadata={"description": "The held skill that implies it."})


class GoalSchema(Schema):
    input = fields.String(required=True, metadata={"description": "The goal as written."})
    skills = fields.List(
        fields.String(), required=True, metadata={"description": "The skills it was read as; [] when none."}
    )
    modules = fields.List(
        fields.String(), metadata={"description": "An area it names, which is too broad to plan first."}
    )
    suggestions = fields.List(
        fields.String(), metadata={"description": "When it was read as no skill: close skill ids to name instead."}
    )
    role = fields.String(
        metadata={
            "description": 'The role it wishes to become, by a job title ("become an ML engineer"): with no '
            "target_role, that role is the best fit and planned for when it fits within 0.75 of the best."
        }
    )


class ConcernSchema(Schema):
    input = fields.String(required=True, metadata={"description": "The skill entry, as written, that says so."})
    skill = fields.String(required=True, metadata={"description": "The skill the plan takes first, as a goal."})
    reason = fields.String(required=True, metadata={"description": "Why the person's work calls for it first."})


class ProfileSchema(Schema):
    matched = fields.List(fields.Nested(MatchedSchema), required=True)
    unmatched = fields.List(fields.Nested(UnmatchedSchema), required=True)
    merged = fields.List(
        fields.Nested(MergedSchema),
        required=True,
        metadata={"description": "Skills or modules rated by several entries, merged into one level."},
    )
    inferred = fields.List(
        fields.Nested(InferredSchema),
        required=True,
        metadata={"description": "Levels implied by held skills (prerequisites); the plan starts from them."},
    )
    goals = fields.List(
        fields.Nested(GoalSchema),
        required=True,
        metadata={"description": "How each goal of the request was read; [] when it names none."},
    )
    concerns = fields.List(
        fields.Nested(ConcernSchema),
        metadata={
            "description": "Skills the person's work calls for first though no goal names them (the catalog's "
            "concerns: an entry naming a kind of work or data), planned as goals; [] when none."
        },
    )


class RoleFitSchema(Schema):
    role = fields.String(required=True)
    title = fields.String(required=True)
    track = track_field()
    fit = fields.Float(required=True, metadata={"description": "Weighted fit in [0, 1]."})
    missing = fields.Integer(required=True, metadata={"description": "Skills below the role's target level."})


# How roles are ordered (recommender.kernels._before), said once for every answer that lists them.
ROLES_ORDER = (
    "Best fit first; with goals, the roles holding more of them come first among those that fit at least three "
    "quarters as well as the best."
)


def best_fit_field() -> fields.String:
    return fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "The first of roles: the role that fits best, or with goals the one holding them among "
            "those that fit nearly as well; null when none stands out (nothing rated, or a tie)."
        },
    )


class StepResourceSchema(Schema):
    title = fields.String(required=True)
    kind = fields.String(required=True, metadata={"example": "docs"})
    url = fields.String(required=True, allow_none=True, metadata={"description": "null when the catalog gives none."})
    free = fields.Boolean(
        required=True, allow_none=True, metadata={"description": "null when the catalog does not say."}
    )


class StepSchema(Schema):
    rank = fields.Integer(required=True)
    skill = fields.String(required=True)
    name = fields.String(required=True)
    module = fields.String(required=True)
    from_level = fields.Integer(required=True)
    to_level = fields.Integer(required=True)
    hours = fields.Float(required=True)
    start_week = fields.Integer(required=True)
    end_week = fields.Integer(required=True)
    score = fields.Float(required=True, metadata={"description": "The ranking model's score."})
    fit_after = fields.Float(required=True, metadata={"description": "Fit for the target role after this step."})
    tier = fields.String(required=True, metadata={"enum": ["core", "optional"]})
    prerequisites = fields.List(fields.String(), required=True)
    resources = fields.List(
        fields.Nested(StepResourceSchema),
        required=True,
        metadata={"description": f"Where to learn it: at most {MAX_RESOURCES}, for the step's levels, free first."},
    )
    reasons = fields.List(
        fields.String(),
        required=True,
        metadata={
            "description": "Why this step, now: what it unlocks, what it builds on that you have, "
            "where it takes you against the role, how long it takes at your pace, how it raises your fit."
        },
    )


class PlanGoalSchema(Schema):
    skill = fields.String(required=True, metadata={"description": "A skill the request names as a goal."})
    in_role = fields.Boolean(
        required=True, metadata={"description": "Whether the plan's role holds it (then its way comes first)."}
    )
    detour = fields.Boolean(
        metadata={
            "description": "When the plan's role does not hold it: whether it is near enough (at most 40 hours "
            "past what you hold and the role teaches) that the plan takes a detour to it first."
        }
    )
    roles = fields.List(
        fields.String(), metadata={"description": "When the plan's role does not hold it: the roles that do."}
    )


class PlanSchema(Schema):
    hours_per_week = fields.Float(required=True)
    total_hours = fields.Float(required=True)
    weeks = fields.Integer(required=True)
    total_steps = fields.Integer(required=True, metadata={"description": "Steps in the whole plan, before limit."})
    goals = fields.List(
        fields.Nested(PlanGoalSchema),
        required=True,
        metadata={"description": "The goals' skills against the plan's role; [] when the request names none."},
    )
    steps = fields.List(fields.Nested(StepSchema), required=True, metadata={"description": "In learning order."})


class RecommendationSchema(Schema):
    catalog = fields.Nested(CatalogRefSchema, required=True)
    model = fields.Nested(ModelRefSchema, required=True)
    profile = fields.Nested(ProfileSchema, required=True)
    roles = fields.List(fields.Nested(RoleFitSchema), required=True, metadata={"description": ROLES_ORDER})
    best_fit = best_fit_field()
    target_role = fields.String(required=True, metadata={"description": "The role the plan is for."})
    plan = fields.Nested(PlanSchema, required=True)
