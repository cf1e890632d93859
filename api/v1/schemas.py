"""Marshmallow schemas: they validate requests and document every response in OpenAPI.

Request schemas check shape, types and ranges. What only the catalog knows (level
words, role ids) is left to the engine, whose :class:`~recommender.engine.InputError`
is reported under the same field paths (``skills.3.level``, ``target_role``).

Response schemas mark every field the engine always returns as ``required`` so the
generated document is a complete contract that tests can validate real responses with.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from recommender.render import MAX_RESOURCES

MIN_LEVEL, MAX_LEVEL = 0, 5
MAX_SKILLS = 200
MAX_NAME_LENGTH = 200
MAX_LEVEL_WORD_LENGTH = 40
MAX_HOURS_PER_WEEK = 80
MAX_LIMIT = 1000


# ---------------------------------------------------------------------------
# Requests
# ---------------------------------------------------------------------------


class Level(fields.Field):
    """A proficiency level: an integer 0-5 or one of the catalog's level words.

    Integers (and integral floats such as ``3.0``) are range-checked here. Words pass
    through stripped and lower-cased: a deployment's catalog defines its own words,
    so the engine, which holds the catalog, decides whether a word exists.
    """

    default_error_messages = {
        "invalid": "Not a level: use {min}-{max} or a level word such as 'intermediate'.",
        "range": "{input} is out of range; use {min}-{max} or a level word.",
    }

    def _deserialize(self, value, attr, data, **kwargs):
        bounds = {"min": MIN_LEVEL, "max": MAX_LEVEL}
        if isinstance(value, bool):  # bool is an int subclass; True is not "level 1"
            raise self.make_error("invalid", **bounds)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int):
            if not MIN_LEVEL <= value <= MAX_LEVEL:
                raise self.make_error("range", input=value, **bounds)
            return value
        if isinstance(value, str) and 0 < len(value.strip()) <= MAX_LEVEL_WORD_LENGTH:
            return value.strip().lower()
        raise self.make_error("invalid", **bounds)


class SkillRatings(fields.Nested):
    """The profile's ``{name, level}`` entries: a list checked for length before any item is loaded.

    One nested load over the whole list (``many=True``) costs a third less than a
    ``List`` of ``Nested`` fields, which loads each entry on its own (~18 µs a skill).
    Checking the length first makes a 1 MiB body of 250,000 entries an immediate 422
    instead of half a minute of loading before it is refused.
    """

    default_error_messages = {"type": "Not a valid list."}

    def __init__(self, **kwargs):
        super().__init__(lambda: SkillRatingSchema, many=True, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, list | tuple):
            raise self.make_error("type")
        for validator in self.validators:
            if isinstance(validator, validate.Length):
                validator(value)
        plain = plain_ratings(value)
        if plain is not None:
            return plain
        return super()._deserialize(value, attr, data, **kwargs)


def plain_ratings(entries) -> list[dict] | None:
    """What loading ``entries`` with :class:`SkillRatingSchema` gives, when every entry is plain.

    Plain: an object of exactly ``name`` (a string of 1-200 characters) and ``level``
    (an int 0-5, or a word of 1-40 characters once stripped), as nearly every request's
    entries are. The nested schema spends ~20 µs an entry on them, this ~0.5 µs; it
    stays the one validator, since anything else, and every error, goes through it
    (``None`` here). tests/test_schemas.py checks on generated lists that both agree.
    """
    out = []
    for entry in entries:
        if type(entry) is not dict or len(entry) != 2:
            return None
        name, level = entry.get("name"), entry.get("level")
        if type(name) is not str or not 1 <= len(name) <= MAX_NAME_LENGTH:
            return None
        if type(level) is int:
            if not MIN_LEVEL <= level <= MAX_LEVEL:
                return None
        elif type(level) is str:
            level = level.strip()
            if not 0 < len(level) <= MAX_LEVEL_WORD_LENGTH:
                return None
            level = level.lower()
        else:
            return None
        out.append({"name": name, "level": level})
    return out


LEVEL_DOC = {
    "description": "0-5 or a level word (shipped catalog: none, aware, beginner, intermediate, advanced, expert).",
    "oneOf": [
        {"type": "integer", "minimum": MIN_LEVEL, "maximum": MAX_LEVEL},
        {"type": "string", "minLength": 1, "maxLength": MAX_LEVEL_WORD_LENGTH, "example": "intermediate"},
    ],
}


class SkillRatingSchema(Schema):
    name = fields.String(
        required=True,
        validate=validate.Length(min=1, max=MAX_NAME_LENGTH),
        metadata={"description": "Skill id, module id, alias or free text.", "example": "PyTorch"},
    )
    level = Level(required=True, metadata=LEVEL_DOC)


class RecommendationRequestSchema(Schema):
    skills = SkillRatings(
        required=True,
        validate=validate.Length(max=MAX_SKILLS),
        metadata={"description": f"The profile, at most {MAX_SKILLS} entries; [] is a beginner."},
    )
    target_role = fields.String(
        allow_none=True,
        validate=validate.Length(max=MAX_NAME_LENGTH),
        metadata={"description": "Role id to plan for (see GET /v1/roles); omitted or null: the best fit."},
    )
    hours_per_week = fields.Float(
        load_default=10.0,
        validate=validate.Range(min=1, max=MAX_HOURS_PER_WEEK),
        metadata={"description": "Study hours per week, used to schedule the plan in weeks."},
    )
    limit = fields.Integer(
        strict=True,  # non-strict Integer would truncate 2.5 to 2 without a word
        validate=validate.Range(min=0, max=MAX_LIMIT),
        metadata={"description": "Most plan steps to return (all by default); totals still cover the whole plan."},
    )


# ---------------------------------------------------------------------------
# Catalog resources
# ---------------------------------------------------------------------------


class LevelSchema(Schema):
    value = fields.Integer(required=True)
    word = fields.String(required=True)
    description = fields.String(required=True)


class ModuleSchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    track = fields.String(required=True, metadata={"enum": ["builder", "user", "both"]})
    description = fields.String(required=True)


class ResourceSchema(Schema):
    title = fields.String(required=True)
    kind = fields.String(required=True, metadata={"example": "paper"})


class SkillSchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    module = fields.String(required=True)
    description = fields.String(required=True)
    prerequisites = fields.List(fields.String(), required=True, metadata={"description": "Skill ids."})
    hours = fields.List(
        fields.Float(), required=True, metadata={"description": "Hours from level 0→1, 1→2, 2→3, 3→4, 4→5."}
    )
    aliases = fields.List(fields.String(), required=True)
    resources = fields.List(fields.Nested(ResourceSchema), required=True)


class SkillListSchema(Schema):
    skills = fields.List(fields.Nested(SkillSchema), required=True, metadata={"description": "In learning order."})
    modules = fields.List(fields.Nested(ModuleSchema), required=True, metadata={"description": "In learning order."})
    levels = fields.List(fields.Nested(LevelSchema), required=True, metadata={"description": "The level scale."})


class RoleSkillSchema(Schema):
    level = fields.Integer(required=True, metadata={"description": "Target level."})
    weight = fields.Float(required=True, metadata={"description": "Weight in (0, 1] in the role fit."})
    tier = fields.String(required=True, metadata={"enum": ["core", "optional"]})


class RoleSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    track = fields.String(required=True, metadata={"enum": ["builder", "user", "both"]})
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
    name = fields.String(required=True, metadata={"description": "The name as read (one part of a compound entry)."})
    level = fields.Integer(required=True)
    match = fields.String(
        required=True,
        metadata={
            "description": "How the name was matched: the exact id, name or alias, or a fuzzy match.",
            "enum": ["id", "name", "alias", "fuzzy"],
        },
    )
    confidence = fields.Float(required=True, metadata={"description": "1.0 for an exact id, name or alias."})
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
    name = fields.String(required=True)
    level = fields.Integer(required=True)


class MergedSchema(Schema):
    skill = fields.String(metadata={"description": "The skill rated more than once (absent for a module)."})
    module = fields.String(metadata={"description": "The module rated more than once (absent for a skill)."})
    level = fields.Integer(required=True, metadata={"description": "The level used: the highest given."})
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


class RoleFitSchema(Schema):
    role = fields.String(required=True)
    title = fields.String(required=True)
    track = fields.String(required=True)
    fit = fields.Float(required=True, metadata={"description": "Weighted fit in [0, 1]."})
    missing = fields.Integer(required=True, metadata={"description": "Skills below the role's target level."})


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


class PlanSchema(Schema):
    hours_per_week = fields.Float(required=True)
    total_hours = fields.Float(required=True)
    weeks = fields.Integer(required=True)
    total_steps = fields.Integer(required=True, metadata={"description": "Steps in the whole plan, before limit."})
    steps = fields.List(fields.Nested(StepSchema), required=True, metadata={"description": "In learning order."})


class RecommendationSchema(Schema):
    catalog = fields.Nested(CatalogRefSchema, required=True)
    model = fields.Nested(ModelRefSchema, required=True)
    profile = fields.Nested(ProfileSchema, required=True)
    roles = fields.List(fields.Nested(RoleFitSchema), required=True, metadata={"description": "Best fit first."})
    best_fit = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "The role that fits best; null when none stands out (nothing rated, or a tie)."},
    )
    target_role = fields.String(required=True, metadata={"description": "The role the plan is for."})
    plan = fields.Nested(PlanSchema, required=True)
