"""Immutable catalog objects: levels, modules, skills, roles."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

TIERS = ("core", "optional")
RESOURCE_KINDS = ("course", "book", "docs", "paper", "project", "video", "tutorial")
TOP_LEVEL_LIMIT = 10
"""The highest top a catalog's scale may have (levels 0..10): finer steps than eleven are more than people can tell
apart when they rate themselves, and every level adds a row and a column to each role's tables."""

# Letters of other scripts are letters too: Greek, Cyrillic, Hebrew and Arabic ("Питон", "بايثون"), Hangul (its
# jamo, as NFKD leaves them), kana and CJK ideographs ("파이썬", "線形代数").
_SCRIPTS = r"\u0370-\u03ff\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
_NON_WORD = re.compile(rf"[^0-9a-z+#.{_SCRIPTS}]+")
# Latin letters no accent folding takes apart, spelt as their plain letters: Turkish "yıl", Polish "głębokie",
# Danish "sø", German "Straße".
_LATIN_FOLD = str.maketrans(
    {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"}
)
# Scripts that write no spaces between words join a Latin name to the words around it ("Linux驱动开发" is Linux
# driver development, "嵌入式Linux" embedded Linux): the name is a word of its own.
_SCRIPT_BOUNDARY = re.compile(rf"(?<=[0-9a-z+#])(?=[{_SCRIPTS}])|(?<=[{_SCRIPTS}])(?=[0-9a-z])")
_POSSESSIVE = re.compile(r"['\u2019]s\b")  # "Claude's API" is the Claude API
# A one-letter setting ("LoRA r=16", "k=5 folds") is a value, not a name: "r" there is no R.
_SETTING = re.compile(r"\b[a-z]\s*=\s*[0-9][0-9.e-]*")
# Where case alone tells two names apart, the name spelt so keeps a key of its own: "ReAct" (reason + act), the agent
# pattern, is not "React", the JavaScript UI library most web developers list.
_CASED = ((re.compile(r"\bReAct\b"), "reasonact"),)


def normalize_key(text: str) -> str:
    """Fold a name people type into the key the catalog indexes it under.

    Case, hyphens, underscores, runs of spaces, accents and a possessive do not matter, so
    ``"Retrieval-Augmented Generation"`` and ``"retrieval augmented generation"``
    are the same key, "Mathématiques" is "mathematiques", "Claude's API" the Claude API and "LoRA r=16" LoRA.
    Case counts only where it alone tells two names apart (``_CASED``): "ReAct", the agent pattern, is not "React".
    """
    for spelt, key in _CASED:
        text = spelt.sub(key, text)
    text = _SETTING.sub(" ", _POSSESSIVE.sub("", text.lower()))
    if not text.isascii():  # accents fold to their letters, where they would otherwise split a word in two
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        # Compatibility forms decompose to capitals ("ϒ" to "Υ", mathematical Greek): lower case again.
        text = text.translate(_LATIN_FOLD).lower()
    text = _NON_WORD.sub(" ", text).strip()
    return text if text.isascii() else _SCRIPT_BOUNDARY.sub(" ", text)


@dataclass(frozen=True)
class Level:
    value: int
    word: str
    description: str
    also: tuple[str, ...] = ()
    """Other words people write for this level ("basic" for beginner): profiles may give the level by them too."""


@dataclass(frozen=True)
class Track:
    """A path through the catalog that modules belong to and roles follow (``catalog.yaml``'s ``tracks``)."""

    id: str
    name: str
    description: str = ""
    shared: bool = False
    """The ground every track stands on: its modules serve every role, its roles take every module."""
    breadth_first: bool = False
    """Someone who already uses one of its skills at work learns its other skills before deepening that one (the
    application skills of the user path: a developer who calls a model API at work learns evaluation and tools
    before the API's finer points); a track without it is learnt in depth (the model internals of the builder
    path)."""


LEGACY_TRACKS = (
    Track("builder", "Builder path", "Training, adapting and optimising foundation models."),
    Track("user", "User path", "Building applications and products on top of models."),
    Track("both", "Both paths", "Shared by model builders and application builders.", shared=True),
)
"""The tracks of a catalog whose ``catalog.yaml`` declares none, as every catalog had before tracks were declared."""


@dataclass(frozen=True)
class Module:
    id: str
    name: str
    track: str | None
    """A track id of the catalog, or ``None``: the module serves every track."""
    description: str


class LevelBand(NamedTuple):
    """The levels a resource serves: a learner going from ``lo - 1`` up to ``hi``."""

    lo: int
    hi: int


@dataclass(frozen=True)
class Resource:
    title: str
    kind: str
    url: str | None = None
    free: bool | None = None
    """``None`` when the catalog does not say."""
    levels: LevelBand | None = None
    """``None`` when the resource is not tied to a level band."""


class FasterWith(NamedTuple):
    """A skill whose holders, at ``level`` or more, learn another in ``share`` of its hours (0 < share < 1)."""

    skill: str
    level: int
    share: float


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    module: str
    description: str
    prerequisites: tuple[str, ...]
    """Prerequisite skill ids, in the order the catalog lists them."""
    hours: tuple[float, ...]
    """Hours from level ``i`` to ``i + 1``, for ``i`` in ``0..catalog.max_level - 1``: one figure per level step."""
    aliases: tuple[str, ...] = ()
    resources: tuple[Resource, ...] = ()
    prerequisite_levels: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    """The level this skill needs of a prerequisite given with one (``{skill: python, level: 2}``).

    A prerequisite listed by bare id is absent: all of its step in a plan comes first.
    """
    prerequisite_alternatives: Mapping[str, tuple[tuple[str, int], ...]] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )
    """The skills that meet a prerequisite instead (``{skill: python, level: 2, or: [{skill: ..., level: 2}]}``),
    as ``(skill, level)`` pairs: someone holding one at that level needs not learn the prerequisite first. Only
    prerequisites given with alternatives are present.
    """
    prerequisites_in_use: frozenset[str] = frozenset()
    """The prerequisites used whenever this skill is (``in_use: true``: tool calling is done through a model's
    API), which holding the skill implies at the level it is held (``recommender.implied``)."""
    prerequisites_beyond: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    """The level of this skill past which it needs a prerequisite given with one (``{skill: vector-databases,
    level: 2, beyond: 2}``: a first RAG app needs no vector database, RAG in production does). A plan splits the
    skill's step there, and only the stages above it wait for the prerequisite. Absent: needed from the start."""
    faster_with: tuple[FasterWith, ...] = ()
    """Skills whose holders learn this one in a share of its hours (``{skill: programming-languages, level: 4,
    share: 0.33}``: a developer fluent in another language learns Python's steps in a third of a beginner's
    time). A plan's hours, weeks and reasons follow it; the order of a plan does not."""


@dataclass(frozen=True)
class RoleSkill:
    level: int
    weight: float
    tier: str


@dataclass(frozen=True)
class HandOver:
    """A role first by fit alone (no goal named) hands first place to role ``to`` for someone holding skill
    ``holding`` at ``at`` or more and skill ``lacking`` below ``below`` (roles.yaml ``hand_over``)."""

    to: str
    holding: str
    at: int
    lacking: str
    below: int


@dataclass(frozen=True)
class Role:
    id: str
    title: str
    track: str | None
    """A track id of the catalog, or ``None``: the role takes modules of every track."""
    summary: str
    skills: Mapping[str, RoleSkill]
    hand_over: HandOver | None = None
    aliases: tuple[str, ...] = ()
    """The job titles people write for the role ("ML engineer", "data scientist"): with no target role given, a goal
    wishing to become one puts the role first among the near fits (``recommender.matching.RoleReader``)."""


@dataclass(frozen=True)
class NameRule:
    """What a name people type means, where ids, names and aliases would read it wrongly (``matching.yaml``).

    ``means`` is a skill or module id, or ``"none"``: the name names no skill, for ``reason``. ``up_to``, when
    set, is the highest level the name is credited at: a restricted form of the skill (SOQL is a small SQL),
    so someone at 4 in it is read at ``up_to``, for ``reason``.
    """

    name: str
    means: str
    reason: str = ""
    up_to: int | None = None


@dataclass(frozen=True)
class UseRule:
    """What using a product for a purpose means (``matching.yaml``'s ``uses``): an entry naming one of
    ``products`` and one of ``purposes`` is ``means``, for ``reason`` ("uses ChatGPT to debug Python scripts"
    is an AI coding assistant, where "ChatGPT" alone is no more than awareness of Gen AI)."""

    means: str
    products: tuple[str, ...]
    purposes: tuple[str, ...]
    reason: str
    about: tuple[str, ...] = ()
    """Skill ids whose names say the purpose too ("ChatGPT to explain my pandas errors": pandas is Python's)."""
    unless: tuple[str, ...] = ()
    """Words or phrases that say the product was used some other way, so the rule does not hold ("Python script
    streaming Claude responses" calls the model from code: it wrote no code)."""
    several: int = 1
    """How many of the products the entry must name ("Compared Mistral, Claude and Gemini" compares providers, where
    one model named is only used)."""


@dataclass(frozen=True)
class VerbRule:
    """Verbs that name a skill's activity (``matching.yaml``'s ``verbs``): a phrase led by one of ``words`` and
    naming no other known name is ``means`` ("distilled large models into smaller students"); one naming only
    skills of ``objects`` is ``means`` and those ("fine-tuned BERT for sentiment classification")."""

    means: str
    words: tuple[str, ...]
    objects: tuple[str, ...] = ()
    """Skill ids of what the activity is done to, credited beside it (the model architectures fine-tuned)."""
    after: tuple[str, ...] = ()
    """Forms read only right after the name of what the activity was done to ("RoBERTa fine-tuning"): the noun
    leading a phrase names the everyday activity as often ("fine tuning PID loops", "fine-tuning CNC feeds")."""
    models: tuple[str, ...] = ()
    """Model families that name no skill of their own ("Llama", "Qwen"), after which the ``after`` forms are read too,
    as the activity alone: "Qwen fine-tuning" is fine-tuning, "Mistral LoRA" parameter-efficient fine-tuning."""


@dataclass(frozen=True)
class HeadRule:
    """Words that end a name and say what it is (``matching.yaml``'s ``heads``): an entry ending in one of
    ``words``, the rest naming no known name, is ``means`` up to ``up_to`` ("Stripe API" is calling a web
    API), for ``reason``."""

    means: str
    words: tuple[str, ...]
    reason: str
    up_to: int | None = None


@dataclass(frozen=True)
class WantRule:
    """Words that say what a goal asks for (``matching.yaml``'s ``wants``): a goal naming no skill ("stop the bot
    inventing prices") that holds one of ``words`` ("inventing") asks for skill ``means``. Goals only: a skill
    entry is never read so, since such words say what someone wants to fix, not what they know. A word held only
    inside one of ``unless`` ("research assistant", a job title) says the goal is not that thing, and does not count."""

    means: str
    words: tuple[str, ...]
    unless: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConcernRule:
    """What a person's work makes a mentor plan first, unasked (``matching.yaml``'s ``concerns``): a skill entry
    holding one of ``words`` ("Epic ClinDoc build", "never with PHI") makes skill ``means`` one of the plan's goals,
    for ``reason``, said on its steps ("you work with patients' health records ...")."""

    means: str
    words: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class ShowsRule:
    """What a reading and the words beside it show together (``matching.yaml``'s ``shows``): an entry read as one
    of ``readings`` (skill or module ids) that holds one of ``words`` also shows ``means``, which takes the place
    of the readings listed in ``instead`` (what it includes), for ``reason`` ("hybrid BM25 + dense retrieval,
    answers cite the page" is retrieval-augmented generation, not only semantic search); with ``up_to``, credited
    at that level at most, a restricted form ("AI agents" in a Zendesk admin's entry is the no-code agent product);
    ``means`` ``"none"``: the words say the reading is another field's term, and it is dropped ("distillation at a
    whisky distillery"); with ``goals_only``, only in a goal ("vLLM on L40S nodes": who will run it on one runs the
    GPU, where a CV line's GPU is where it ran)."""

    means: str
    readings: tuple[str, ...]
    words: tuple[str, ...]
    reason: str
    instead: tuple[str, ...] = ()
    up_to: int | None = None
    goals_only: bool = False  # read in goals alone: what someone will do, not what an entry says was done
    # words that, held too, keep the rule from applying ("self-hosted alternative to Bedrock")
    unless: tuple[str, ...] = ()


@dataclass(frozen=True)
class PracticeRule:
    """What using a product on real work shows beside the product's own credit (``matching.yaml``'s
    ``practice``): an entry read through one of the rules named in ``products`` and rated ``from_level`` or
    more also credits ``means`` up to ``up_to``, for ``reason`` ("ChatGPT for drafting memos" at 3 is some
    prompting, not only awareness of Gen AI)."""

    means: str
    products: tuple[str, ...]
    from_level: int
    up_to: int
    reason: str


@dataclass(frozen=True)
class NoAlternativeRule:
    """Names of ``means`` that read it whole but do not meet, in another's place, the prerequisites of ``skills``
    that list ``means`` under ``or`` (``matching.yaml``'s ``meets_no_alternative``): a VB6 or MATLAB expert writes
    programs at 5, yet no model provider ships an SDK for those languages, so their first model call is made in
    Python, for ``reason``; the alternatives of other skills (RAG's, a program of one's own) they meet as before."""

    means: str
    names: tuple[str, ...]
    skills: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class DescribedRule:
    """Work described in plain words, naming no skill, that shows skill ``means`` (``matching.yaml``'s ``described``):
    an entry read as nothing that holds a phrase of each group of ``all_of`` ("gave the model" and "tool") shows it,
    for ``reason``, unless it holds one of ``unless`` (a travel agent planning trips over several steps is a person,
    not an AI agent)."""

    means: str
    all_of: tuple[tuple[str, ...], ...]
    reason: str
    unless: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalog:
    """A validated skill catalog. Build it with :func:`skills.load_catalog`."""

    name: str
    title: str
    description: str
    version: str
    levels: tuple[Level, ...]
    """The level scale, 0..max_level in order: the catalog's own words for each (the validator checks the values
    run 0, 1, 2, ... with no gap)."""
    modules: tuple[Module, ...]
    skills: tuple[Skill, ...]
    """Skills in learning order."""
    roles: tuple[Role, ...]
    name_rules: tuple[NameRule, ...] = ()
    use_rules: tuple[UseRule, ...] = ()
    verb_rules: tuple[VerbRule, ...] = ()
    head_rules: tuple[HeadRule, ...] = ()
    everyday_names: tuple[str, ...] = ()
    """Names that are also everyday words (``matching.yaml``'s ``everyday``): "Docker (port of Felixstowe)" is a
    dock worker, so such a name is not read as one part of an entry whose other parts are unknown words."""
    practice_rules: tuple[PracticeRule, ...] = ()
    """What using a product on real work shows beside its own credit (``matching.yaml``'s ``practice``)."""
    shows_rules: tuple[ShowsRule, ...] = ()
    """What a reading and the words beside it show together (``matching.yaml``'s ``shows``)."""
    want_rules: tuple[WantRule, ...] = ()
    """Words that say what a goal naming no skill asks for (``matching.yaml``'s ``wants``)."""
    concern_rules: tuple[ConcernRule, ...] = ()
    """What a person's work makes a mentor plan first, unasked (``matching.yaml``'s ``concerns``)."""
    no_alternative_rules: tuple[NoAlternativeRule, ...] = ()
    """Names of a skill that meet none of the alternatives it is (``matching.yaml``'s ``meets_no_alternative``)."""
    described_rules: tuple[DescribedRule, ...] = ()
    """Work described in plain words that shows a skill (``matching.yaml``'s ``described``)."""
    tracks: tuple[Track, ...] = ()
    """The tracks modules and roles name, in the catalog's order; empty for a catalog without tracks."""
    _skills: Mapping[str, Skill] = field(repr=False, compare=False, default=None)
    _modules: Mapping[str, Module] = field(repr=False, compare=False, default=None)
    _roles: Mapping[str, Role] = field(repr=False, compare=False, default=None)
    _keys: Mapping[str, str] = field(repr=False, compare=False, default=None)
    _tracks: Mapping[str, Track] = field(repr=False, compare=False, default=None)

    def __post_init__(self):
        set_ = object.__setattr__
        set_(self, "_skills", MappingProxyType({s.id: s for s in self.skills}))
        set_(self, "_modules", MappingProxyType({m.id: m for m in self.modules}))
        set_(self, "_roles", MappingProxyType({r.id: r for r in self.roles}))
        set_(self, "_tracks", MappingProxyType({t.id: t for t in self.tracks}))

    @functools.cached_property
    def skill_ids(self) -> tuple[str, ...]:
        # Kept: the profile reader asks on every request, and a 10,000-skill tuple costs 0.3 ms to build.
        return tuple(s.id for s in self.skills)

    @property
    def role_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.roles)

    @property
    def max_level(self) -> int:
        """The top of the catalog's level scale; levels run 0..max_level (the validator checks they do)."""
        return max(lv.value for lv in self.levels)

    @property
    def n_levels(self) -> int:
        return self.max_level + 1

    @property
    def level_words(self) -> Mapping[str, int]:
        """Each level's word and its other words (``Level.also``), with the level they name."""
        return {word: lv.value for lv in self.levels for word in (lv.word, *lv.also)}

    @property
    def scale(self) -> str:
        """The scale as people read it in a message: ``0..5 (none to expert)``."""
        return scale_text(self.levels)

    def skill(self, skill_id: str) -> Skill:
        return self._skills[skill_id]

    def module(self, module_id: str) -> Module:
        return self._modules[module_id]

    def role(self, role_id: str) -> Role:
        return self._roles[role_id]

    def track(self, track_id: str) -> Track:
        return self._tracks[track_id]

    def breadth_first(self, module_track: str | None) -> bool:
        """Whether the modules of ``module_track`` are learnt breadth first (:attr:`Track.breadth_first`)."""
        track = self._tracks.get(module_track) if module_track is not None else None
        return track is not None and track.breadth_first

    def in_track(self, role_track: str | None, module_track: str | None) -> bool:
        """Whether a role on ``role_track`` takes the modules of ``module_track``.

        Yes when they are the same track, when either is ``None`` (no track) or a shared track.
        """
        if role_track is None or module_track is None or role_track == module_track:
            return True
        return self._shared(role_track) or self._shared(module_track)

    def _shared(self, track_id: str) -> bool:
        track = self._tracks.get(track_id)
        return track is not None and track.shared

    def has_skill(self, skill_id: str) -> bool:
        return skill_id in self._skills

    def has_module(self, module_id: str) -> bool:
        return module_id in self._modules

    def has_role(self, role_id: str) -> bool:
        return role_id in self._roles

    def module_skills(self, module_id: str) -> tuple[Skill, ...]:
        return tuple(s for s in self.skills if s.module == module_id)

    def keys(self) -> Mapping[str, str]:
        """Every normalised id, name and alias, mapped to ``"skill:ID"`` or ``"module:ID"``."""
        if self._keys is None:
            object.__setattr__(self, "_keys", MappingProxyType(dict(iter_keys(self))))
        return self._keys


def scale_text(levels: tuple[Level, ...]) -> str:
    """``0..3 (none to expert)`` for levels 0..3 in order: the catalog's scale in its own words."""
    return f"{levels[0].value}..{levels[-1].value} ({levels[0].word} to {levels[-1].word})"


def iter_keys(catalog: Catalog):
    """Yield ``(key, target)`` for every id, name and alias in the catalog."""
    for module in catalog.modules:
        for text in (module.id, module.name):
            yield normalize_key(text), f"module:{module.id}"
    for skill in catalog.skills:
        for text in (skill.id, skill.name, *skill.aliases):
            yield normalize_key(text), f"skill:{skill.id}"
