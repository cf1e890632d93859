"""Marshmallow schemas for the catalog's data files.

Each schema checks one file's shape and values and builds the immutable objects
of :mod:`skills.catalog`; cross-file rules (unknown ids, cycles) live in
:mod:`skills.loader`.
"""

import re
from types import MappingProxyType
from typing import NamedTuple

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate, validates_schema

from skills.catalog import (
    RESOURCE_KINDS,
    TIERS,
    TOP_LEVEL_LIMIT,
    ConcernRule,
    DescribedRule,
    FasterWith,
    HandOver,
    HeadRule,
    Level,
    LevelBand,
    Module,
    NameRule,
    NoAlternativeRule,
    PracticeRule,
    Resource,
    Role,
    RoleSkill,
    ShowsRule,
    Skill,
    Track,
    UseRule,
    VerbRule,
    WantRule,
)

FIXES: dict[str, str] = {}
"""What to write instead, for each rule's message: the loader shows it with the problem."""


def _says(message: str, fix: str) -> str:
    FIXES[message] = fix
    return message


KEBAB_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
KEBAB = validate.Regexp(
    KEBAB_ID,
    error=_says(
        "must be a kebab-case id such as 'vector-databases'", "write lower-case letters and digits joined by hyphens"
    ),
)
# The schemas state each level's shape; the top of the scale is the catalog's own (catalog.yaml's levels), so a
# level above it is the scale checks' to report, naming that scale (skills.checks).
LEVEL = validate.Range(
    0, error=_says("level must be 0 or more", "number the levels 0, 1, 2, ... up to the top of your scale")
)
TEXT = validate.Length(min=1, max=300)
"""A name or title: one line people read in a list."""
DESCRIPTION = validate.Length(min=1)
"""A description may be as long as it needs to be."""


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class LevelSchema(_Strict):
    value = fields.Integer(
        required=True,
        strict=True,
        validate=LEVEL,
        metadata={
            "description": f"0, 1, 2, ...: the scale's levels run from 0 to its top (1 to {TOP_LEVEL_LIMIT}), no gap."
        },
    )
    word = fields.String(
        required=True,
        validate=validate.Regexp(r"^[a-z]+$"),
        metadata={"description": "One lower-case word; profiles may give a level by it."},
    )
    description = fields.String(required=True, validate=DESCRIPTION, metadata={"description": "What the level means."})
    also = fields.List(
        fields.String(validate=validate.Regexp(r"^[a-z]+( [a-z]+)*$")),
        load_default=(),
        metadata={
            "description": "Other lower-case words or phrases people write for this level ('basic' for beginner): "
            "profiles may give the level by them too; answers and forms show `word`."
        },
    )

    @post_load
    def make(self, data, **kwargs):
        return Level(**{**data, "also": tuple(data["also"])})


class TrackSchema(_Strict):
    id = fields.String(required=True, validate=KEBAB, metadata={"description": "What modules and roles name."})
    name = fields.String(required=True, validate=TEXT, metadata={"description": "What people read."})
    description = fields.String(load_default="")
    # Only real booleans: marshmallow's default would also take "yes" or 1.
    shared = fields.Boolean(
        truthy={True},
        falsy={False},
        load_default=False,
        metadata={"description": "The ground every track stands on: its modules serve every role."},
    )
    breadth_first = fields.Boolean(
        truthy={True},
        falsy={False},
        load_default=False,
        metadata={
            "description": "Someone who already uses one of its skills at work learns its other skills before "
            "deepening that one; without it, the track is learnt in depth."
        },
    )

    @post_load
    def make(self, data, **kwargs):
        return Track(**data)


class CatalogInfoSchema(_Strict):
    name = fields.String(required=True, validate=KEBAB)
    title = fields.String(required=True, validate=TEXT)
    description = fields.String(load_default="")
    levels = fields.List(
        fields.Nested(LevelSchema),
        required=True,
        metadata={
            "description": f"The level scale: values 0 to a top of 1 to {TOP_LEVEL_LIMIT}, each once, with a word."
        },
    )
    # None when not declared: the legacy builder/user/both tracks (skills.catalog.LEGACY_TRACKS).
    tracks = fields.List(
        fields.Nested(TrackSchema),
        load_default=None,
        metadata={"description": "The tracks modules and roles name; [] for none; absent: builder, user, both."},
    )


def _track() -> fields.String:
    """A track id of catalog.yaml, or none; whether the catalog declares it is the cross-file checks' to say."""
    return fields.String(
        load_default=None, validate=KEBAB, metadata={"description": "A track of catalog.yaml; absent: every track."}
    )


class ModuleSchema(_Strict):
    id = fields.String(required=True, validate=KEBAB)
    name = fields.String(required=True, validate=TEXT)
    track = _track()
    description = fields.String(required=True, validate=DESCRIPTION)

    @post_load
    def make(self, data, **kwargs):
        return Module(**data)


BAND_LEVEL = validate.Range(
    1, error=_says("levels must be 1 or more", "write [lo, hi] with 1 <= lo <= hi <= the top of the catalog's scale")
)


def _ordered(band) -> None:
    if band[0] > band[1]:
        raise ValidationError(f"levels must be [lo, hi] with lo <= hi, got [{band[0]}, {band[1]}]")


class ResourceSchema(_Strict):
    title = fields.String(required=True, validate=TEXT)
    kind = fields.String(required=True, validate=validate.OneOf(RESOURCE_KINDS))
    url = fields.Url(
        schemes={"http", "https"},
        require_tld=True,
        load_default=None,
        error_messages={"invalid": "must be a well-formed http or https URL"},
    )
    # Only real booleans: marshmallow's default would also take "yes" or 1.
    free = fields.Boolean(
        truthy={True},
        falsy={False},
        load_default=None,
        metadata={"description": "Can the whole resource be used without paying?"},
    )
    levels = fields.Tuple(
        (fields.Integer(strict=True, validate=BAND_LEVEL), fields.Integer(strict=True, validate=BAND_LEVEL)),
        load_default=None,
        validate=_ordered,
        metadata={"description": "[lo, hi], 1 <= lo <= hi <= the scale's top: the levels the resource serves."},
    )

    @post_load
    def make(self, data, **kwargs):
        if data["levels"] is not None:
            data["levels"] = LevelBand(*data["levels"])
        return Resource(**data)


class Prerequisite(NamedTuple):
    skill: str
    level: int | None
    """``None`` for a bare id: the prerequisite's whole step comes first."""
    alternatives: tuple[tuple[str, int], ...] = ()
    """``(skill, level)`` pairs that meet it instead (``or``): held at that level, the prerequisite is not needed."""
    in_use: bool = False
    """Whether using the skill uses the prerequisite too (tool calling is done through a model's API)."""
    beyond: int | None = None
    """The level of the skill above which it is needed (``beyond: 2``: from the climb past level 2 on); ``None``:
    from the start."""


_PREREQUISITE_LEVEL = validate.Range(
    1,
    error=_says(
        "prerequisite level must be 1 or more",
        "give the level this skill needs of it (1 to the scale's top), or the bare id for all of its step",
    ),
)


def _prerequisite_level(description: str) -> fields.Integer:
    return fields.Integer(
        required=True, strict=True, validate=_PREREQUISITE_LEVEL, metadata={"description": description}
    )


class AlternativeSchema(_Strict):
    skill = fields.String(required=True, validate=KEBAB)
    level = _prerequisite_level("The level of it that meets the prerequisite: 1 to the top of catalog.yaml's scale.")


class PrerequisiteSchema(_Strict):
    skill = fields.String(required=True, validate=KEBAB)
    level = _prerequisite_level("The level this skill needs of it: 1 to the top of catalog.yaml's scale.")
    alternatives = fields.List(
        fields.Nested(AlternativeSchema),
        data_key="or",
        validate=validate.Length(
            min=1,
            error=_says(
                "or must name at least one skill",
                "list {skill: ID, level: N} for each skill that meets the prerequisite instead, or leave out 'or'",
            ),
        ),
        metadata={
            "description": "Skills that meet the prerequisite instead, each at a level ({skill, level}): someone "
            "holding one needs not learn the prerequisite first (another programming language before calling "
            "a model's API). A plan teaches the prerequisite itself when none is held."
        },
    )
    in_use = fields.Boolean(
        load_default=False,
        metadata={
            "description": "Whether using this skill uses the prerequisite too (tool calling is done through a "
            "model's API): someone who holds this skill at a level from 2 holds the prerequisite at that level, "
            "not only at the level needed to start."
        },
    )
    beyond = fields.Integer(
        strict=True,
        validate=validate.Range(
            1,
            error=_says(
                "beyond must be 1 or more",
                "give the level of this skill past which it needs the prerequisite, or leave out 'beyond'",
            ),
        ),
        metadata={
            "description": "The level of this skill past which it needs the prerequisite: the climb up to it "
            "does not wait (a first RAG app over an in-memory index needs no vector database; RAG in production "
            "does). Leave it out when the skill needs the prerequisite from the start."
        },
    )

    @validates_schema
    def _beyond_not_in_use(self, data, **kwargs):
        # A prerequisite used whenever the skill is, is needed from the start. One met another way ('or') may be
        # needed past a level: a profile holding an alternative meets it, so no stage of the skill waits for it.
        if "beyond" in data and data.get("in_use"):
            raise ValidationError(
                _says(
                    "beyond cannot be given with 'in_use'",
                    "give 'beyond' to a prerequisite that is not marked in_use",
                ),
                field_name="beyond",
            )


_PREREQUISITE = PrerequisiteSchema()


class PrerequisiteField(fields.Field):
    """A bare skill id, or ``{skill: ID, level: N}`` when the skill needs only level N of it."""

    default_error_messages = {"invalid": "must be a skill id or {{skill: ID, level: N}}"}

    def _deserialize(self, value, attr, data, **kwargs) -> Prerequisite:
        if isinstance(value, str):
            return Prerequisite(KEBAB(value), None)
        if isinstance(value, dict):
            if _well_formed(value):  # most of a large catalog's edges: its schema would take 5x as long
                return Prerequisite(value["skill"], value["level"])
            loaded = _PREREQUISITE.load(value)  # says what is wrong
            alternatives = tuple((a["skill"], a["level"]) for a in loaded.get("alternatives", ()))
            return Prerequisite(loaded["skill"], loaded["level"], alternatives, loaded["in_use"], loaded.get("beyond"))
        raise self.make_error("invalid")


def _well_formed(value: dict) -> bool:
    """Whether ``{skill, level}`` keeps every rule of :class:`PrerequisiteSchema`, checked without it."""
    skill, level = value.get("skill"), value.get("level")
    return (
        len(value) == 2
        and isinstance(skill, str)
        and KEBAB_ID.match(skill) is not None
        and type(level) is int
        and level >= 1
    )


class FasterWithSchema(_Strict):
    skill = fields.String(required=True, validate=KEBAB)
    level = _prerequisite_level("The level of it from which this skill comes faster: 1 to the top of the scale.")
    share = fields.Float(
        required=True,
        validate=validate.Range(
            min=0,
            max=1,
            min_inclusive=False,
            max_inclusive=False,
            error=_says(
                "share must be above 0 and below 1",
                "give the share of this skill's hours its holder needs, e.g. 0.33 for a third",
            ),
        ),
        metadata={"description": "The share of this skill's hours a holder of it needs: above 0, below 1."},
    )

    @post_load
    def make(self, data, **kwargs) -> FasterWith:
        return FasterWith(**data)


HOURS = validate.Range(
    min=0,
    min_inclusive=False,
    max=10_000,
    error=_says(
        "hours must be above 0 and at most 10000",
        "give each level step the hours it takes, a positive number",
    ),
)


class SkillSchema(_Strict):
    id = fields.String(required=True, validate=KEBAB)
    name = fields.String(required=True, validate=TEXT)
    module = fields.String(required=True, validate=KEBAB)
    description = fields.String(required=True, validate=DESCRIPTION)
    prerequisites = fields.List(
        PrerequisiteField(),
        load_default=list,
        metadata={
            "description": "Skill ids (all of their step first) or {skill, level} (that level first), with 'or' "
            "for skills that meet it instead."
        },
    )
    hours = fields.List(
        fields.Float(validate=HOURS),
        required=True,
        validate=validate.Length(
            min=1,
            error=_says(
                "hours needs one figure per level step",
                "list the hours from level 0 to 1, 1 to 2, and so on up to the top of the catalog's scale",
            ),
        ),
        metadata={"description": "Hours from level 0 to 1, 1 to 2, ...: one figure per step of catalog.yaml's scale."},
    )
    aliases = fields.List(
        fields.String(validate=TEXT),
        load_default=list,
        metadata={"description": "Names people write for the skill: tools, products, abbreviations."},
    )
    resources = fields.List(fields.Nested(ResourceSchema), load_default=list)
    faster_with = fields.List(
        fields.Nested(FasterWithSchema),
        load_default=list,
        metadata={
            "description": "Skills whose holders learn this one in a share of its hours ({skill, level, share}: a "
            "developer fluent in another language learns Python in a third of a beginner's time). Plan hours, "
            "weeks and reasons follow it; the order of a plan does not."
        },
    )

    @post_load
    def make(self, data, **kwargs):
        # A prerequisite listed twice is the loader's to report (it names the skill).
        data["prerequisite_levels"] = MappingProxyType({p.skill: p.level for p in data["prerequisites"] if p.level})
        data["prerequisite_alternatives"] = MappingProxyType(
            {p.skill: p.alternatives for p in data["prerequisites"] if p.alternatives}
        )
        data["prerequisites_in_use"] = frozenset(p.skill for p in data["prerequisites"] if p.in_use)
        data["prerequisites_beyond"] = MappingProxyType({p.skill: p.beyond for p in data["prerequisites"] if p.beyond})
        data["prerequisites"] = tuple(p.skill for p in data["prerequisites"])
        data["hours"] = tuple(data["hours"])
        data["aliases"] = tuple(data["aliases"])
        data["resources"] = tuple(data["resources"])
        data["faster_with"] = tuple(data["faster_with"])
        return Skill(**data)


class RoleSkillSchema(_Strict):
    level = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(
            1,
            error=_says("target level must be 1 or more", "give the level the role needs, 1 to the scale's top"),
        ),
        metadata={"description": "The level the role needs: 1 to the top of catalog.yaml's scale."},
    )
    weight = fields.Float(
        required=True,
        validate=validate.Range(
            0,
            1,
            min_inclusive=False,
            error=_says(
                "weight must be above 0 and at most 1", "weigh the skill in the role's fit from just above 0 to 1"
            ),
        ),
    )
    tier = fields.String(
        required=True,
        validate=validate.OneOf(TIERS),
        metadata={"description": "core: cannot do without; optional: sets the advanced practitioner apart."},
    )

    @post_load
    def make(self, data, **kwargs):
        return RoleSkill(**data)


class RoleSkillField(fields.Nested):
    """A role's skill by :class:`RoleSkillSchema`, a well-formed one taken without it (15,000 at 10,000 skills)."""

    def __init__(self, **kwargs):
        super().__init__(RoleSkillSchema, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, dict) and _well_formed_role_skill(value):
            return RoleSkill(value["level"], float(value["weight"]), value["tier"])
        return super()._deserialize(value, attr, data, **kwargs)  # says what is wrong


def _well_formed_role_skill(value: dict) -> bool:
    """Whether ``{level, weight, tier}`` keeps every rule of :class:`RoleSkillSchema`, checked without it."""
    level, weight = value.get("level"), value.get("weight")
    return (
        len(value) == 3
        and type(level) is int
        and level >= 1
        and type(weight) in (int, float)
        and 0 < weight <= 1
        and value.get("tier") in TIERS
    )


class HandOverSchema(_Strict):
    to = fields.String(required=True, validate=KEBAB, metadata={"description": "The role that takes first place."})
    holding = fields.String(required=True, validate=KEBAB, metadata={"description": "A skill the person holds ..."})
    at = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(min=1),
        metadata={"description": "... at this level or more"},
    )
    lacking = fields.String(
        required=True, validate=KEBAB, metadata={"description": "... and a skill the person holds ..."}
    )
    below = fields.Integer(
        required=True, strict=True, validate=validate.Range(min=1), metadata={"description": "... below this level"}
    )

    @post_load
    def make(self, data, **kwargs):
        return HandOver(**data)


class RoleSchema(_Strict):
    id = fields.String(required=True, validate=KEBAB)
    title = fields.String(required=True, validate=TEXT)
    track = _track()
    summary = fields.String(load_default="")
    skills = fields.Dict(
        keys=fields.String(validate=KEBAB),
        values=RoleSkillField(),
        required=True,
        validate=validate.Length(
            min=1,
            error=_says(
                "a role needs at least one skill",
                "list the skills the role needs under 'skills:', each with level, weight and tier",
            ),
        ),
    )
    hand_over = fields.Nested(
        HandOverSchema,
        load_default=None,
        metadata={
            "description": "With no goal named, first place by fit goes to role 'to' for someone holding skill "
            "'holding' at 'at' or more and skill 'lacking' below 'below'."
        },
    )
    aliases = fields.List(
        fields.String(validate=TEXT),
        load_default=list,
        metadata={
            "description": "Job titles people write for the role; when no target role is given, a goal wishing to "
            "become one puts this role first among the roles that fit nearly as well."
        },
    )

    @post_load
    def make(self, data, **kwargs):
        data["skills"] = MappingProxyType(dict(data["skills"]))
        data["aliases"] = tuple(data["aliases"])
        return Role(**data)


def _up_to(description: str) -> fields.Integer:
    """An optional cap on the level a name is credited at (the scale's top is checked in skills.scale)."""
    return fields.Integer(
        load_default=None, strict=True, validate=validate.Range(min=1), metadata={"description": description}
    )


class NameRuleSchema(_Strict):
    name = fields.String(required=True, validate=TEXT)
    means = fields.String(required=True, validate=KEBAB, metadata={"description": "A skill or module id, or none."})
    reason = fields.String(load_default="", validate=validate.Length(max=300))
    up_to = _up_to(
        "The highest level the name is credited at, for a restricted form of the skill "
        "(at most the top of the catalog's scale); needs a reason."
    )

    @post_load
    def make(self, data, **kwargs):
        if data["means"] == "none" and not data["reason"]:
            raise ValidationError("a name that means none needs a reason", "reason")
        if data["up_to"] is not None and (data["means"] == "none" or not data["reason"]):
            raise ValidationError("up_to needs a skill or module in means and a reason that says why", "up_to")
        return NameRule(**data)


def _texts(one: str, fix: str, description: str) -> fields.List:
    """A required, non-empty list of names or words (a use's products and purposes, a verb's forms)."""
    return fields.List(
        fields.String(validate=TEXT),
        required=True,
        validate=validate.Length(min=1, error=_says(f"list at least one {one}", fix)),
        metadata={"description": description},
    )


def _skill_ids(description: str) -> fields.List:
    """An optional list of skill ids (a use's ``about``, a verb's ``objects``)."""
    return fields.List(fields.String(validate=KEBAB), load_default=list, metadata={"description": description})


def _means() -> fields.String:
    return fields.String(required=True, validate=KEBAB, metadata={"description": "A skill or module id."})


def _skill_means() -> fields.String:
    return fields.String(required=True, validate=KEBAB, metadata={"description": "A skill id."})


class UseRuleSchema(_Strict):
    means = _means()
    products = _texts(
        "product", "add the product names people type", "Names of the products whose use this rule reads."
    )
    purposes = _texts(
        "purpose",
        "add words that say what it was used for",
        "Words or phrases that say the product was used for what means names.",
    )
    reason = fields.String(required=True, validate=validate.Length(min=1, max=300))
    about = _skill_ids("Skill ids whose names in the entry say the purpose too.")
    unless = fields.List(
        fields.String(validate=TEXT),
        load_default=list,
        metadata={
            "description": "Words or phrases that say the product was used some other way: the rule does not hold."
        },
    )

    several = fields.Integer(
        strict=True,
        load_default=1,
        validate=validate.Range(
            1, error=_says("several must be 1 or more", "give how many of the products the entry must name")
        ),
        metadata={
            "description": "How many of the products the entry must name for the rule to hold: comparing several "
            "providers' models is knowing the providers, where one named is only used."
        },
    )

    @post_load
    def make(self, data, **kwargs):
        texts = tuple(data["products"]), tuple(data["purposes"])
        about, unless = tuple(data["about"]), tuple(data["unless"])
        return UseRule(data["means"], *texts, data["reason"], about, unless, data["several"])


class VerbRuleSchema(_Strict):
    means = _means()
    words = _texts("verb", "add the verb forms people write", "Verb forms that name the activity ('distilled').")
    objects = _skill_ids("Skill ids of what the activity is done to, read beside it ('fine-tuned BERT').")
    after = fields.List(
        fields.String(validate=TEXT),
        load_default=list,
        metadata={"description": "Forms read only right after the name of what was done to ('RoBERTa fine-tuning')."},
    )
    models = fields.List(
        fields.String(validate=TEXT),
        load_default=list,
        metadata={
            "description": "Model families naming no skill after which the after forms read ('Qwen fine-tuning')."
        },
    )

    @post_load
    def make(self, data, **kwargs):
        words, objects, after, models = (tuple(data[k]) for k in ("words", "objects", "after", "models"))
        return VerbRule(data["means"], words, objects, after, models)


UNLESS_HOLDS_NO_WORD = _says(
    "an unless phrase must hold one of the rule's words",
    "write the phrase around one of the rule's words ('research assistant in' for 'assistant')",
)


class WantRuleSchema(_Strict):
    means = _means()
    words = _texts(
        "word", "add the words people write", "Words or phrases a goal asking for the skill holds ('hallucinated')."
    )
    unless = fields.List(
        fields.String(validate=TEXT),
        load_default=list,
        metadata={
            "description": "Phrases holding one of the words that say the goal is not the thing asked for: a word "
            "held only inside one does not count ('research assistant' is a job, not an assistant to build)."
        },
    )

    @validates_schema
    def _unless_holds_a_word(self, data, **kwargs):
        # An unless phrase cancels the rule's words held inside it: one holding none of them would never apply.
        words = [w.lower().split() for w in data.get("words", ())]
        for phrase in data.get("unless", ()):
            have = phrase.lower().split()
            if not any(have[i : i + len(w)] == w for w in words for i in range(len(have) - len(w) + 1)):
                raise ValidationError(UNLESS_HOLDS_NO_WORD, "unless")

    @post_load
    def make(self, data, **kwargs):
        return WantRule(data["means"], tuple(data["words"]), tuple(data["unless"]))


class ConcernRuleSchema(_Strict):
    means = _skill_means()
    words = _texts(
        "word",
        "add the words people write about such work",
        "Words or phrases a skill entry holds when the person's work calls for the skill ('PHI', 'Epic ClinDoc').",
    )
    reason = fields.String(required=True, validate=validate.Length(min=1, max=300))

    @post_load
    def make(self, data, **kwargs):
        return ConcernRule(data["means"], tuple(data["words"]), data["reason"])


class HeadRuleSchema(_Strict):
    means = _means()
    words = _texts(
        "word", "add the words names end with", "Words a name ends with that say what it is ('API', 'webhooks')."
    )
    reason = fields.String(required=True, validate=validate.Length(min=1, max=300))
    up_to = _up_to("The highest level such a name is credited at (at most the top of the scale).")

    @post_load
    def make(self, data, **kwargs):
        return HeadRule(data["means"], tuple(data["words"]), data["reason"], data["up_to"])


class ShowsRuleSchema(_Strict):
    means = fields.String(
        required=True,
        validate=KEBAB,
        metadata={"description": "A skill or module id, or none (the words say the reading is another field's term)."},
    )
    readings = fields.List(
        fields.String(validate=KEBAB),
        required=True,
        validate=validate.Length(min=1, error=_says("list at least one reading", "name skill or module ids")),
        metadata={"description": "Skill or module ids: an entry read as one of them may show means."},
    )
    words = _texts(
        "word",
        "add the words that show it",
        "Words or phrases that, beside one of the readings, show means ('cited answers', 'Q&A').",
    )
    instead = fields.List(
        fields.String(validate=KEBAB),
        load_default=list,
        metadata={"description": "Readings means takes the place of (what it includes): the others stay."},
    )
    reason = fields.String(required=True, validate=validate.Length(min=1, max=300))
    up_to = _up_to("The highest level what is shown is credited at (a restricted form of means).")
    goals_only = fields.Boolean(
        load_default=False,
        metadata={"description": "Read in goals only (what someone will do), never in a skill entry (what was done)."},
    )
    unless = fields.List(
        fields.String(validate=validate.Length(min=1)),
        load_default=list,
        metadata={"description": "Words or phrases that, held as well, keep the rule from applying."},
    )

    @post_load
    def make(self, data, **kwargs):
        words = tuple(data["readings"]), tuple(data["words"])
        rest = tuple(data["instead"]), data["up_to"], data["goals_only"], tuple(data["unless"])
        return ShowsRule(data["means"], *words, data["reason"], *rest)


class PracticeRuleSchema(_Strict):
    means = _skill_means()
    products = _texts(
        "product",
        "name the rules (matching.yaml's rules) of the products whose use shows it",
        "Names of rules (this file's rules) read as a product people use.",
    )
    from_level = fields.Integer(
        required=True,
        strict=True,
        data_key="from",
        validate=validate.Range(min=1),
        metadata={"description": "The lowest level of the product's entry that shows it (on the catalog's scale)."},
    )
    up_to = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(min=1),
        metadata={"description": "The level means is credited at, at most (at most the top of the scale)."},
    )
    reason = fields.String(required=True, validate=validate.Length(min=1, max=300))

    @post_load
    def make(self, data, **kwargs):
        return PracticeRule(data["means"], tuple(data["products"]), data["from_level"], data["up_to"], data["reason"])


class NoAlternativeRuleSchema(_Strict):
    means = _skill_means()
    names = _texts(
        "name",
        "list the ids, names, aliases or rule names of means that meet no alternative",
        "Names that read means whole (its aliases or this file's rules) yet meet no prerequisite in another's place.",
    )
    skills = _texts(
        "skill",
        "list the skills whose prerequisite these names do not meet in means' place",
        "Skill ids whose prerequisites, listing means under or, these names do not meet (llm-apis: a model's SDK).",
    )
    reason = fields.String(required=True, validate=validate.Length(min=1, max=300))

    @post_load
    def make(self, data, **kwargs):
        return NoAlternativeRule(data["means"], tuple(data["names"]), tuple(data["skills"]), data["reason"])


class DescribedRuleSchema(_Strict):
    means = _skill_means()
    all_of = fields.List(
        fields.List(
            fields.String(validate=TEXT),
            validate=validate.Length(min=1, error=_says("list at least one phrase", "add the phrases people write")),
        ),
        required=True,
        validate=validate.Length(min=1, error=_says("list at least one group", "add a group of phrases")),
        metadata={"description": "Groups of phrases: an entry holding one phrase of every group shows means."},
    )
    reason = fields.String(required=True, validate=validate.Length(min=1, max=300))
    unless = fields.List(
        fields.String(validate=TEXT),
        load_default=list,
        metadata={"description": "Phrases that say the entry is not that work ('travel agent': a person)."},
    )

    @post_load
    def make(self, data, **kwargs):
        groups = tuple(tuple(group) for group in data["all_of"])
        return DescribedRule(data["means"], groups, data["reason"], tuple(data["unless"]))


def _rules(schema: type[Schema], description: str) -> fields.List:
    """An optional section of ``matching.yaml``: a list of rules of one kind."""
    return fields.List(fields.Nested(schema), load_default=list, metadata={"description": description})


class MatchingSchema(_Strict):
    rules = fields.List(fields.Nested(NameRuleSchema), required=True)
    uses = _rules(UseRuleSchema, "Products read by what they were used for ('uses ChatGPT to debug scripts').")
    verbs = _rules(VerbRuleSchema, "Verbs that name an activity, read when they lead a phrase naming nothing else.")
    everyday = fields.List(
        fields.String(validate=TEXT),
        load_default=list,
        metadata={
            "description": "Known names that are also everyday words: not read as one part of an entry whose "
            "other parts are unknown words ('Docker (port of Felixstowe)')."
        },
    )
    heads = _rules(HeadRuleSchema, "Words that end a name and say what it is, read when the rest names nothing known.")
    shows = _rules(
        ShowsRuleSchema,
        "What a reading and the words beside it show together (retrieval with 'cited answers' is RAG).",
    )
    wants = _rules(
        WantRuleSchema,
        "What a goal naming no skill asks for, by its words ('stop the bot inventing prices' is guardrails).",
    )
    concerns = _rules(
        ConcernRuleSchema,
        "What a person's work makes a mentor plan first, unasked (patients' health records: responsible AI).",
    )
    practice = _rules(
        PracticeRuleSchema,
        "What using a product on real work shows beside its own credit ('ChatGPT' at 3 is some prompt engineering).",
    )
    meets_no_alternative = _rules(
        NoAlternativeRuleSchema,
        "Names of a skill read whole that meet none of the prerequisites it is an alternative to (skills.yaml's or): "
        "no model SDK serves VB6 or MATLAB, so their experts call a model from Python first.",
    )
    described = _rules(
        DescribedRuleSchema,
        "Work described in plain words, naming no skill, that shows one ('gave the model a booking tool' is tool "
        "calling), read only in an entry read as nothing.",
    )


# One entry at a time, so that the loader reports every broken entry and keeps the others.
CATALOG_INFO = CatalogInfoSchema()
MODULE = ModuleSchema()
SKILL = SkillSchema()
ROLE = RoleSchema()
RESOURCE = ResourceSchema()
MATCHING = MatchingSchema()
