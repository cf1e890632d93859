"""Matching what people type to catalog skills and modules.

Precision comes first: a name is matched only when it names the skill. So

- ids, names and aliases (and the catalog's matching rules, which can also say
  that a name names nothing) are a dict lookup, forgiving case, spacing,
  plurals and filler words ("PyTorch framework");
- a name that is not known whole is read as the one known name a phrase holds
  ("used the OpenAI API", "3 years of Python": :mod:`recommender.phrases`);
- else it is split where people join several ("RLHF/DPO", "LangChain,
  LlamaIndex", "PyTorch & JAX", "SQL and Docker", "RAG with LangChain"), and
  each part read as a name or a phrase;
- only then is a typo forgiven, and only a typo: every word of the name must
  spell (nearly) a word of the candidate and the other way round, so one shared
  word ("data engineering", "prompt engineering") never carries a match;
- anything else is left unmatched, with suggestions only where a distinctive
  word is shared: no suggestion is better than a wrong one.

The typo search compares every word of a batch's unknown names with every word of
the catalog's keys in one rapidfuzz ``cdist`` call (compiled, imported in a few
milliseconds), so a first unknown name costs a request no model to load.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import NamedTuple

import numpy as np
from rapidfuzz.distance import OSA, Indel
from rapidfuzz.process import cdist

from recommender.phrases import (
    FILLER,
    MIN_EMBEDDED_KEY,
    NEXT_STEP,
    SOFTWARE_MADE,
    WITH_WORDS,
    PhraseReader,
    Use,
    cap,
    english_zipf,
    holds,
    in_other_script,
    is_coined,
    is_framing,
    is_misspelling,
    model_family,
    singular,
)
from skills import Catalog, normalize_key
from skills.catalog import NameRule, PracticeRule, ShowsRule, UseRule

# Two-letter codes of the languages translators pair ("EN>DE", "DE/IT", "FR-EN"): a key made only of them is a language
# pair, never a name spelled without its spaces ("DE>IT" is no "DeiT", the vision transformer; session 43).
LANGUAGE_CODES = frozenset((
    "en", "de", "fr", "it", "es", "pt", "nl", "pl", "ru", "zh", "ja", "ko", "ar", "sv", "da", "fi", "no", "cs", "sk",
    "tr", "el", "hu", "ro", "uk", "he", "bg", "hr", "sl", "sr", "lt", "lv", "et", "ca",
))  # fmt: skip
# A cloud vendor's name before one of its products says who makes the product, not a second skill:
# "GCP Vertex AI" is the model platform, "Microsoft Azure OpenAI" the model provider, as "AWS SageMaker" (an
# alias) is model serving. Read only where the entry is unread whole, so the vendor's own names stay the cloud's.
MAKERS = ("aws", "gcp", "azure", "amazon", "google", "microsoft", "google cloud", "microsoft azure")
MAKERS += ("amazon web services", "google cloud platform")  # shortest first (SkillMatcher._made_by)

# The skills that are programming languages: one named right before another skill's name says what that was written in
# ("Java Spring Boot REST services" is Java and web APIs, :meth:`PhraseReader.read_pair`; reading round fifteen).
LANGUAGES = frozenset(["skill:python", "skill:programming-languages"])

# Words shared by too many unrelated things to justify a suggestion ("data engineering" is not
# "prompt engineering", "rust programming" not "python programming", a web developer's "React" not
# the ReAct agent pattern), and the words of a cohort file's roster columns ("email", "first name",
# "job title", "manager"): such a column is not an email tool's A/B tests or time to first token,
# and no suggestion is better than a wrong one.
GENERIC = frozenset(
    [
        "engineering",
        "programming",
        "computing",
        "data",
        "learning",
        "system",
        "systems",
        "design",
        "architecture",
        "management",
        "analysis",
        "science",
        "modeling",
        "modelling",
        "application",
        "applications",
        "app",
        "apps",
        "building",
        "basic",
        "llm",
        "ai",
        "ml",
        "email",
        "emails",
        "name",
        "first",
        "last",
        "team",
        "manager",
        "job",
        "title",
        "id",
        "employee",
        "note",
        "notes",
        "comments",
        "level",
        "score",
        # React, the JavaScript UI library most web developers list, is spelled as the ReAct agent pattern, and
        # "native" (React Native, native apps) is a typo away from naive Bayes.
        "react",
        "native",
    ]
)
# "R&D", "Q&A", "P&L": one abbreviation, not two names joined by "&".
LETTER_AMPERSAND = re.compile(r"\b(\w)&(\w)\b")  # written together; "C & R" are two names
DIGIT = re.compile(r"\d")
BERT_FAMILY = "bert"  # the key a one-word name ending in it reads as, when coined (:func:`_bert_family`)
# A language's name before a BERT-family name is the encoder pretrained on that language ("German BERT", "Arabic
# BERT", "Chinese RoBERTa"), fine-tuned and used as BERT is, as its one-word coinages ("GBERT", "AraBERT") are.
LANGUAGE_NAMES = frozenset(
    [
        "english",
        "german",
        "french",
        "spanish",
        "portuguese",
        "italian",
        "dutch",
        "polish",
        "czech",
        "slovak",
        "swedish",
        "norwegian",
        "danish",
        "finnish",
        "icelandic",
        "greek",
        "turkish",
        "arabic",
        "hebrew",
        "persian",
        "farsi",
        "hindi",
        "bengali",
        "bangla",
        "urdu",
        "tamil",
        "telugu",
        "marathi",
        "kannada",
        "malayalam",
        "gujarati",
        "punjabi",
        "nepali",
        "sinhala",
        "indic",
        "indonesian",
        "malay",
        "filipino",
        "tagalog",
        "vietnamese",
        "thai",
        "chinese",
        "japanese",
        "korean",
        "russian",
        "ukrainian",
        "romanian",
        "hungarian",
        "bulgarian",
        "serbian",
        "croatian",
        "slovenian",
        "estonian",
        "latvian",
        "lithuanian",
        "swahili",
        "amharic",
        "yoruba",
        "hausa",
        "igbo",
        "zulu",
        "xhosa",
        "afrikaans",
        "catalan",
        "basque",
        "galician",
        "welsh",
        "irish",
        "cantonese",
        "mandarin",
    ]
)
# A release number after a name ("python 3.11", "pytorch 2.x") or on its last letter or sign ("c++17", "vue3").
VERSION = re.compile(r"v?\d+(?:\.(?:\d+|x))*")
# A letter or two before a number name a chip, a dataset or a part ("T4", "C4", "R2"), not a release.
ATTACHED_VERSION = re.compile(r"(.*[+#]|[a-z.]{3,})v?\d+(?:\.(?:\d+|x))*")
WITH_SLASH = re.compile(r"\bw/\s*", re.IGNORECASE)  # "w/" is "with": "agent loop w/ memory", not two names
# A name and, in parentheses, what may be its initials: "masked language modelling (MLM)".
EXPANDED_ABBREVIATION = re.compile(r"([^()]+?)\s*\(([A-Za-z]{2,8})\)")
# Where people join several names in one entry, a technique and its tool among them ("RAG with LangChain",
# "labelled text via the OpenAI API"). The whole name is looked up first, and read as a phrase, so "CI/CD",
# "Weights & Biases", "Retrieval and RAG" and "worked with Docker" stay whole.
# A spaced dash or a colon then a space sets a name apart from what follows ("Anthropic SDK - streaming, retries").
# A joining word inside a hyphenated word joins nothing: "hands-on", "on-prem", "built-in"; nor does a slash
# between two single letters: "A/B tests", "I/O" (but "C/C++", "R/Python" are two names), nor between two digits:
# "ZeRO-2/3", "GPT-3.5/4" are versions of one name.
_SLASH = r"(?!(?<=\d)/\d)(?:(?<!\b[a-z])/|/(?![a-z](?![\w+#])))"  # not after or before a single letter: "A/B", "w/o"


def _joining(*words: str) -> str:
    """A pattern for joining words standing alone, not inside a hyphenated word ("hands-on", "on-prem")."""
    return rf"(?<![-\w])(?:{'|'.join(words)})(?![-\w])"


# Other languages' "and" and "with" join names as "and" and "with" do: "Docker y Kubernetes", "RAG com LangChain",
# "Erfahrung mit Docker und Kubernetes" (vocabulary round twenty-two).
# Polish "oraz", Turkish "ve", Swedish "och" and Indonesian "dan" join too ("istatistik ve olasılık teorisi"); Polish,
# Croatian and Czech "i" only written lowercase between two words ("rachunek prawdopodobieństwa i statystyka"), as "I"
# is English for oneself and opens a sentence (session 43).
AND_WORDS = ("y", "e", "und", "et", "oraz", "ve", "och", "dan", r"(?-i:(?<=\w\s)i)")
# Spanish, French and Portuguese "in" join as "in" does: "scripts en Bash"; so do Italian "in the" ("gli LLM nella
# traduzione", session 43).
IN_WORDS = ("en", "em", "nella", "nelle", "nel", "negli", "nello")
# German, Spanish, Portuguese and French "on" (about) join as "on" does: "Bachelorarbeit über LLMs" is "thesis on LLMs"
# (session 41). Only "über" with its umlaut: "Uber" is a company.
ABOUT_WORDS = ("über", "sobre", "sur")
_OTHER_SEPARATORS = r"[,;|&()]|(?<=\s)\+\s|\s[-\u2013\u2014]\s|:\s|" + _joining(
    "and", "or", "with", "via", "using", "in", "from", "on", NEXT_STEP, *AND_WORDS, *WITH_WORDS, *IN_WORDS, *ABOUT_WORDS
)
SEPARATORS = re.compile(rf"\s*(?:{_OTHER_SEPARATORS}|{_SLASH})\s*", re.IGNORECASE)
# A name spelt as a package is, with its language's suffix ("DifferentialEquations.jl", "express.js"): beside one,
# an everyday word is software too ("Julia (SciML, DifferentialEquations.jl)"). A capital inside a word is no such
# sign: Elixir's "GenServer" beside "Agent" leaves the agent an everyday word.
SPELT_AS_SOFTWARE = re.compile(r"\w\.(?:jl|js|py|rs|rb|ts)\b")
# Where software ran: one's own machine ("Docker (local)", Dutch "Docker (lokaal)"). Beside one, an everyday word is
# software too, as no dock worker is "local" (session 41).
RAN_LOCALLY = frozenset(["local", "localhost", "lokaal", "lokal", "localmente", "lokalnie"])
# A setting written with its value ("r=16", "lr=2e-4" beside "LoRA"): what was set, never a name of its own.
SETTING = re.compile(r"^\s*[A-Za-z_][\w.]*\s*=\s*\S+\s*$")
BUT_SLASHES = re.compile(rf"\s*(?:{_OTHER_SEPARATORS})\s*", re.IGNORECASE)
# What sets clauses of one entry apart, each about its own names (:func:`_clauses`).
CLAUSE_SEPARATORS = re.compile(rf"\s*(?:[,;|]|\s[+&]\s|{_joining('and', NEXT_STEP, *AND_WORDS)})\s*", re.IGNORECASE)
# Words saying a skill has faded since it was learnt ("R (lme4) for thesis, rusty", "linear algebra (MSc course,
# rusty)", "Python, not used since uni"). What a beginner learnt and left fades to awareness, so such an entry rated
# beginner is read as aware (FADED_TO, :func:`faded_level`); from FADED_KEPT up, the rating stands: the rater
# weighed the rust ("C# - 6 yrs, rusty" 3, "advanced in 2019, rusty now" 3) and practised skill returns quickly.
# "years ago" and "used to" are not among them: they often date one clause only ("Advent of Code, a little Django
# years ago") or say what a tool did ("used to write tests"). A subject studied, maths or statistics ("linear
# algebra/probability - took the courses, rusty"), keeps its level (FADED_STAYS): its understanding stays and a
# refresher brings it back, where a language's or a tool's use is what fades.
FADED = re.compile(
    r"\b(?:rusty|rustier|out of practice|not used (?:it )?since|haven'?t used (?:it )?(?:since|in years)|long ago|"
    r"forgot(?:ten)? most|eingerostet|oxidad[oa]|enferrujad[oa]|rouill[ée]e?)\b",
    re.IGNORECASE,
)
FADED_KEPT = 3  # intermediate: a rating from here up already weighs the rust
FADED_TO = 1  # aware: what a faded beginner's entry shows at most
FADED_STAYS = frozenset(["math-for-ml", "statistics"])  # subjects understood, not used: they do not fade so


def faded_level(entry: str, level: int, read: Sequence[Match] = ()) -> int:
    """The level an entry shows when it says its skill has faded (:data:`FADED`): below :data:`FADED_KEPT` at most
    :data:`FADED_TO` (a rusty beginner is aware), else as rated; an entry saying nothing of the kind, or one ``read``
    only as subjects studied (:data:`FADED_STAYS`), keeps it."""
    if not (FADED_TO < level < FADED_KEPT and FADED.search(entry)):
        return level
    studied = [m.target for m in read if m.target]
    return level if studied and all(t in FADED_STAYS for t in studied) else FADED_TO


# Words in an entry's own name that put it at a beginner's level ("PyTorch (basic)", "Python basics", "SQL
# básico", "Docker Grundkenntnisse"). Beside them an advanced or expert rating is not credible, and crediting more
# than a person says they have would skip what they still need, so such an entry is read at BASIC_CAP at most
# (:func:`stated_level`). Intermediate stands: people call what they use at work "the basics" out of modesty
# ("Docker, Kubernetes (temel)" 3 from an eight-year developer). Not the catalog's every word for beginner: "rusty"
# has its own rule (FADED), "junior" names a job's grade, "base"/"basis" are parts of other phrases ("knowledge
# base", "on a daily basis"), and "Visual Basic" and "BASIC" are languages.
BASIC_WORDS = re.compile(
    r"(?<!visual )\b(?:basic|basics|beginner|novice|basico|basica|basicos|basicas|principiante|iniciante|"
    r"debutante?|anfa?e?nger|grundkenntnisse|basiswissen|podstawy|podstawowy|podstawowa|temel|dasar|pemula|"
    r"grundlaggande|nyborjare)\b",
    re.IGNORECASE,
)
BASIC_CAP = 3  # intermediate


def stated_level(entry: str, level: int) -> int:
    """At most :data:`BASIC_CAP` when the entry's own words say it is a beginner's (:data:`BASIC_WORDS`), else
    ``level``: "PyTorch (basic)" rated 4 is read at 3."""
    if level <= BASIC_CAP or "BASIC" in entry:
        return level
    plain = unicodedata.normalize("NFKD", entry).encode("ascii", "ignore").decode()  # "básico" is "basico"
    return BASIC_CAP if BASIC_WORDS.search(plain) else level


# An entry saying an assistant writes most of one's code ("chatgpt writes most of my code lol", "Copilot writes half my
# code") says the person reads and pastes more code than they write: whatever a language entry beside it says, the
# profile's own programming is at most intermediate (ASSISTED_CAP, :func:`assistant_writes_code`; reading round 19).
ASSISTANT_WRITES = re.compile(
    r"\b(?:writes?|wrote|does|did|generates?|generated)\s+(?:(?:most|all|much|half|\d+\s?%)\s+(?:of\s+)?)?"
    r"(?:my|the|our)\s+(?:code|coding)\b",
    re.IGNORECASE,
)
ASSISTED_CAP = 3  # intermediate
ASSISTED_REASON = (
    "an assistant writes most of this profile's code, so its own programming is read as intermediate at most"
)


def assistant_writes_code(entries: Iterable[str]) -> bool:
    """Whether one of a profile's entries says an assistant writes its code (:data:`ASSISTANT_WRITES`)."""
    return any(ASSISTANT_WRITES.search(e) for e in entries)


# A bare name ("Copilot daily", "played with Copilot") that, in a developer's profile, names the developer's tool of
# that name (:meth:`SkillMatcher.for_developer`): beside a programming language rated 3 or more, "Copilot" alone is
# GitHub Copilot, where elsewhere it may be Microsoft's chat assistant.
DEVELOPERS_NAMES = {"copilot": "GitHub Copilot"}
# Words naming a model in a goal: the goal is about one ("fine-tune a model on piano recordings"), so another field's
# term beside it ("piano", ``matching.yaml``'s ``shows`` meaning none) is the model's data or domain, not that field's
# work ("fine-tune a piano" names no model: tuning an instrument). Singular, as goals' words are compared.
MODEL_WORDS = frozenset(
    ["model", "llm", "network", "net", "classifier", "transformer", "bert", "gpt", "llama", "mistral", "qwen", "gemma"]
)
FUZZY_THRESHOLD = 0.82  # above one changed letter in five (0.8): "llama" is not "llava"
MIN_TYPO_LENGTH = 5  # shorter words must be exact: "gpt"/"gpu" and "bert"/"bart" are different things
# A word English text uses this often (wordfreq's Zipf scale: "container" 4.0, "system" 5.6) is that word, not a
# typo of another: "expert systems" is no misspelt "systemd" (Linux), "rage" no "RAG", "cares" no "Keras".
COMMON_ZIPF = 4.0
MAX_TYPO_EDITS = 2  # letters changed, added, dropped or swapped in a typo of a word; more is another word
MIN_TWO_EDIT_LENGTH = 9  # two edits in a shorter word make another word: "GraphSAGE" is not "GraphRAG"
BATCH = 4096  # unknown names compared at once: the joined names' similarities to the keys take 25 MB


@dataclass(frozen=True)
class Match:
    """``text`` resolved to a skill or module (``kind``, ``target``), or to nothing (``target`` None).

    ``method`` says how: ``"id"``, ``"name"``, ``"alias"``, ``"phrase"`` or ``"fuzzy"`` (None when unmatched);
    ``reason`` says why a name the catalog knows names nothing ("GPT-4"), why it is credited at ``up_to``
    at most (a restricted form of the skill), or why a product is read by what it was used for.
    """

    kind: str | None
    target: str | None
    confidence: float
    suggestions: tuple[str, ...] = ()
    method: str | None = None
    reason: str | None = None
    text: str = ""
    up_to: int | None = None
    practice: tuple[PracticeRule, ...] = ()  # what using the product named on real work shows besides


@dataclass(frozen=True)
class Rule:
    """What a key means: ``"skill:ID"``, ``"module:ID"``, or nothing (``target`` None) for ``reason``; with
    ``up_to``, a restricted form of the skill credited at that level at most, for ``reason``; with ``practice``,
    a product whose use on real work shows another skill too (``matching.yaml``'s ``practice``)."""

    target: str | None
    reason: str | None = None
    up_to: int | None = None
    practice: tuple[PracticeRule, ...] = ()

    def match(self, method: str, confidence: float, text: str) -> Match:
        """The match this rule makes of ``text``: what it names, or nothing with its reason."""
        if self.target is None:  # a name of no skill may still show one when used on real work (its practice)
            return Match(None, None, confidence, reason=self.reason, text=text, practice=self.practice)
        kind, target = self.target.split(":", 1)
        reason = self.reason if self.up_to else None
        return Match(
            kind, target, confidence, method=method, reason=reason, text=text, up_to=self.up_to, practice=self.practice
        )


def content_words(key: str) -> list[str]:
    """The words of a normalised key that say which skill is meant, singular."""
    words = [singular(w) for w in key.split() if w not in FILLER and not w.isdigit()]
    return words or [singular(w) for w in key.split()]


@lru_cache(maxsize=1 << 16)  # the phrase reader looks up the same few words again and again
def loose(key: str) -> str:
    """One spelling for spacing, plural, dotted and "and" variants.

    ``"Vector DBs"`` and ``"vectordb"``, ``"Weights & Biases"`` and ``"weights and biases"``,
    ``"A.I."`` and ``"AI"`` are alike.
    """
    return "".join(singular(w).replace(".", "") for w in key.split() if w != "and")


def word_similarities(left: Sequence[str], right: Sequence[str]) -> np.ndarray:
    """How nearly each word of ``left`` spells each of ``right``, as a ``len(left) x len(right)`` array.

    1 for the same word; for a typo, the share of letters in common (rapidfuzz's Indel similarity,
    ``2 * longest common subsequence / both lengths``) when it is at least :data:`FUZZY_THRESHOLD`; else 0. A typo keeps the first letter and the length
    within one, and words shorter than :data:`MIN_TYPO_LENGTH` must be exact.
    """
    if not left or not right:
        return np.zeros((len(left), len(right)))
    sims = cdist(left, right, scorer=Indel.normalized_similarity, score_cutoff=FUZZY_THRESHOLD)
    # The cutoff leaves few pairs: the typo rules are checked on those only (not on the whole vocabulary).
    rows, cols = sims.nonzero()
    a, b = [left[i] for i in rows], [right[j] for j in cols]
    a_len, b_len = _lengths(a), _lengths(b)
    typo = (_initials(a) == _initials(b)) & (np.abs(a_len - b_len) <= 1) & (np.minimum(a_len, b_len) >= MIN_TYPO_LENGTH)
    dropped = ~typo & (sims[rows, cols] < 1.0)
    sims[rows[dropped], cols[dropped]] = 0.0
    return sims


def word_similarity(a: str, b: str) -> float:
    """:func:`word_similarities` of two words."""
    return float(word_similarities([a], [b])[0, 0])


def _lengths(words: Sequence[str]) -> np.ndarray:
    return np.fromiter(map(len, words), dtype=np.int64, count=len(words))


def _initials(words: Sequence[str]) -> np.ndarray:
    return np.fromiter((ord(w[0]) if w else -1 for w in words), dtype=np.int64, count=len(words))


def aligned_similarity(query: Sequence[str], candidate: Sequence[str], similarity) -> float:
    """Mean similarity of a one-to-one pairing of the two word lists, 0 unless every word pairs.

    ``similarity(word, candidate_word)`` is looked up, not computed: the batch computed it once.
    Each word of the query takes the most similar candidate word still free.
    """
    if len(query) != len(candidate):
        return 0.0
    left = list(candidate)
    total = 0.0
    for word in query:
        sims = [similarity(word, c) for c in left]
        best = max(range(len(left)), key=sims.__getitem__)
        if not sims[best]:
            return 0.0
        total += sims[best]
        del left[best]
    return total / len(query)


def unversioned(key: str) -> str | None:
    """A normalised key without the release numbers in it ("c++17" -> "c++", "python 3.x" -> "python"), or None
    when it has none or is nothing else."""
    words = []
    for word in key.split():
        attached = ATTACHED_VERSION.fullmatch(word)
        if attached:
            words.append(attached.group(1))
        elif not (words and VERSION.fullmatch(word)):  # a number first is a count: "64 GPUs"
            words.append(word)
    return " ".join(words) if words and words != key.split() else None


# East Asian punctuation written between names: full-width brackets and commas fold to their ASCII forms by
# compatibility (NFKC: "Java（Spring Boot, Struts）" is "Java(Spring Boot, Struts)"); the ideographic comma and
# full stop, the middle dot and corner brackets have no such form and are mapped here.
_CJK_PUNCTUATION = str.maketrans(
    {
        "、": ",",
        "。": ",",
        "・": "/",
        "「": "(",
        "」": ")",
        "『": "(",
        "』": ")",
        "【": "(",
        "】": ")",
        "〔": "(",
        "〕": ")",
    }
)


def fold_width(text: str) -> str:
    """``text`` with full-width letters and East Asian punctuation folded to ASCII, so that they join names as
    their ASCII forms do ("Java（Spring Boot）7年", "Linux・Git"); ASCII text is returned as it is."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", text).translate(_CJK_PUNCTUATION)


def _unfolded(match: Match, text: str, folded: str) -> Match:
    """``match``, read in ``folded`` (:func:`fold_width` of ``text``), with the part of ``text`` it was read in, so
    that a person sees what they wrote ("Ｐｙｔｈｏｎ", not "Python") and an entry's parts are found in the entry."""
    if text == folded or not match.text:
        return match
    at = folded.find(match.text)
    if at < 0:
        return match
    if len(folded) == len(text) and all(fold_width(c) == f for c, f in zip(text, folded, strict=True)):
        return replace(match, text=text[at : at + len(match.text)])  # folded letter by letter: same places
    return replace(match, text=text.strip()) if match.text == folded.strip() else match


def split_names(text: str, slashes: bool = True) -> list[str]:
    """The names joined in ``text`` ("RLHF/DPO" -> ["RLHF", "DPO"]); one name stays whole. Without ``slashes``,
    names joined by a slash stay together ("RLHF/DPO, PPO" -> ["RLHF/DPO", "PPO"])."""
    text = EXPANDED_ABBREVIATION.sub(_drop_spelled_out, LETTER_AMPERSAND.sub(r"\1\2", WITH_SLASH.sub("with ", text)))
    return [part for part in (SEPARATORS if slashes else BUT_SLASHES).split(text) if part and normalize_key(part)]


def _drop_spelled_out(found: re.Match) -> str:
    """A name followed by its own initials in parentheses, without them: "Microsoft Certified Professional
    (MCP)" is one name, not also the catalog's MCP; other parentheses are left to split."""
    words, abbreviation = found.group(1), found.group(2)
    initials = "".join(w[0] for w in normalize_key(words).split()[-len(abbreviation) :])
    return words if initials == abbreviation.lower() else found.group(0)


class SkillMatcher:
    """Resolves names people type to catalog skills and modules (see the module docstring).

    Parameters
    ----------
    catalog : Catalog
    rules : sequence of :class:`skills.NameRule`
        The catalog's word on names its aliases would read wrongly or that name
        nothing; they win over ids, names and aliases. Default: ``catalog.name_rules``
        (``matching.yaml`` in the catalog directory).
    threshold : float
        Confidence below which a near spelling is not taken as a typo.
    n_suggestions : int
        How many close skills to suggest for an unmatched name.
    """

    def __init__(
        self,
        catalog: Catalog,
        rules: Sequence[NameRule] | None = None,
        threshold: float = FUZZY_THRESHOLD,
        n_suggestions: int = 3,
    ):
        self.threshold = threshold
        self.n_suggestions = n_suggestions
        rules = catalog.name_rules if rules is None else rules
        exact: dict[str, tuple[Rule, str]] = {key: (Rule(target), method) for key, target, method in _keys(catalog)}
        # A product may show several skills, or one skill more at higher levels: each of its rules counts.
        practice: dict[str, tuple[PracticeRule, ...]] = {}
        for rule in catalog.practice_rules:
            for p in rule.products:
                practice[normalize_key(p)] = (*practice.get(normalize_key(p), ()), rule)
        exact.update({normalize_key(r.name): (_rule(catalog, r, practice), "alias") for r in rules})
        exact.pop("", None)
        self._exact = exact
        # Names whose numbered forms mean something else ("GPT" the architecture, "GPT-4" a model): another
        # number is another of those forms ("GPT-4.1" is a model too), never the name without it.
        self._numbered = {
            name: exact[key]
            for key in sorted(exact, reverse=True)
            if (name := unversioned(key)) and exact.get(name, exact[key])[0] != exact[key][0]
        }
        # Spacing and plural variants, kept only where they are unambiguous.
        # Ambiguous means two meanings, not one meaning spelled as a name and as an alias.
        variants: dict[str, list] = {}
        for key, value in exact.items():
            variants.setdefault(loose(key), []).append(value)
        self._loose = {k: v[0] for k, v in variants.items() if len({rule for rule, _method in v}) == 1}
        longest = max((len(key.split()) for key in exact), default=0)
        uses = [_use(catalog, u) for u in catalog.use_rules]
        # Work described in plain words (matching.yaml's described): (rule, its groups, its unless), as words held.
        self._described = tuple(
            (_target_rule(catalog, r.means, r.reason), _word_groups(r.all_of), _word_groups((r.unless,))[0])
            for r in catalog.described_rules
        )
        shows = _about([_shows(catalog, s) for s in catalog.shows_rules])
        self._shows = tuple(s for s, rule in zip(shows, catalog.shows_rules, strict=True) if not rule.goals_only)
        self._goal_shows = tuple(s for s, rule in zip(shows, catalog.shows_rules, strict=True) if rule.goals_only)
        # A goal's words can ask for a skill (``wants``) that another field's term only sounds like: "fine-tune a
        # piano" is tuning an instrument, as "fine tuning of pianos" in a CV is (the rules meaning none).
        self._other_fields = tuple(s for s in self._shows if s.rule.target is None)
        self._module_of = {s.id: s.module for s in catalog.skills}

        def split(phrases):
            return tuple(tuple(singular(x) for x in normalize_key(p).split()) for p in phrases)

        self._wants = tuple((w.means, split(w.words), split(w.unless)) for w in catalog.want_rules)
        # Each concern rule's phrases by their first word: an entry is checked against the phrases its words start.
        self._concerns: tuple[tuple[str, str, dict[str, list[tuple[str, ...]]]], ...] = tuple(
            (c.means, c.reason, _by_first_word(tuple(singular(x) for x in normalize_key(p).split()) for p in c.words))
            for c in catalog.concern_rules
        )
        # Every entry of every profile is asked: the words a concern's phrases start with (each also inside its plural
        # and any spelling normalize_key keeps it in) rule most entries out before their words are normalised. A first
        # word as written is kept too, as normalize_key drops its accents ("prontuário eletrônico": session 43).
        starts = sorted(
            {first for _, _, phrases in self._concerns for first in phrases}
            | {w.split()[0].lower() for c in catalog.concern_rules for w in c.words}
        )
        self._concern_starts = re.compile("|".join(map(re.escape, starts))) if starts else None
        verbs = {normalize_key(w): _target_rule(catalog, v.means) for v in catalog.verb_rules for w in v.words}
        verbs_after = {normalize_key(w): _target_rule(catalog, v.means) for v in catalog.verb_rules for w in v.after}
        verb_objects = {
            _target_rule(catalog, v.means): frozenset(f"skill:{s}" for s in v.objects) for v in catalog.verb_rules
        }
        verb_models = {
            _target_rule(catalog, v.means): frozenset(model_family(normalize_key(m)) for m in v.models)
            for v in catalog.verb_rules
        }
        needed_by = _needed_by(catalog)
        verb_ways = {
            _target_rule(catalog, v.means): frozenset(f"skill:{s}" for s in needed_by.get(v.means, ()))
            for v in catalog.verb_rules
        }
        heads = {
            normalize_key(w): _target_rule(catalog, h.means, h.reason, h.up_to)
            for h in catalog.head_rules
            for w in h.words
        }
        own_words: dict = {}
        for key, (rule, _method) in exact.items():
            if rule.target:
                own_words.setdefault(rule.target, set()).update(singular(w) for w in key.split())
        own = {target: frozenset(words) for target, words in own_words.items()}
        everyday = [normalize_key(n) for n in catalog.everyday_names]
        # An everyday name is one in the singular too: "Agent" beside unknown words is as everyday as "agents".
        self._everyday = frozenset(everyday) | {" ".join(map(singular, n.split())) for n in everyday}
        # The words people write for a level, in every language the catalog's levels name ("avanzado", "sehr gute
        # Kenntnisse"): a part of an entry that is one of them, framing aside, rates the name beside it
        # ("Apex (avanzado)"), as "(advanced)" does, and names nothing (:func:`_kept_parts`).
        self._level_words = frozenset(normalize_key(w) for w in catalog.level_words)
        builds_on = {f"skill:{s.id}": frozenset(f"skill:{p}" for p in s.prerequisites) for s in catalog.skills}
        # What an entry's ``shows`` rules read beside a skill's reading (PEFT beside Stable Diffusion): a training
        # method named right after that skill is its practice, the rule adding the method (phrases' _done_to_before).
        shown_beside: dict = {}
        for s in self._shows:
            if s.rule.target:
                shown_beside.setdefault(s.rule.target, set()).update(s.readings)
        shown_beside = {target: frozenset(r) for target, r in shown_beside.items()}
        self._phrases = PhraseReader(
            self._rule_of,
            longest,
            uses,
            verbs,
            heads,
            own,
            self._everyday,
            verb_objects,
            verb_ways,
            builds_on,
            LANGUAGES,
            verbs_after,
            verb_models,
            shown_beside,
        )
        # Keys that name something are the candidates for typos and suggestions.
        self._keys = [k for k, (rule, _) in exact.items() if rule.target]
        # A candidate keeps its filler words: "transformers library" is not "transformers".
        self._words = [tuple(singular(w) for w in k.split()) for k in self._keys]
        self._rules = [exact[k][0] for k in self._keys]
        self._methods = [exact[k][1] for k in self._keys]
        self._targets = [rule.target for rule in self._rules]
        self._spelled = [" ".join(words) for words in self._words]
        self._joined = ["".join(words) for words in self._words]  # "lang chian" is a typo of "langchain"
        self._vocab = sorted({w for words in self._words for w in words})
        self._vocab_set = frozenset(self._vocab)
        self._holders: dict[str, set[int]] = {}  # word -> the keys that have it
        for i, words in enumerate(self._words):
            for w in words:
                self._holders.setdefault(w, set()).add(i)
        # Rare words say more about which key is meant than common ones ("api", "model"), as in TF-IDF.
        self._weight = {w: 1 + math.log(len(self._keys) / len(keys)) for w, keys in self._holders.items()}
        self._key_weight = [sum(self._weight[w] for w in words) for words in self._words]
        # What sets each key apart, for suggestions (_suggest): its words English uses rarely, else all its words.
        self._set_apart = [_set_apart(words) for words in self._words]
        self._cache: dict[str, tuple[Match, ...]] = {}
        # Names of a skill that meet none of the alternatives it is (matching.yaml's meets_no_alternative): "kind:id"
        # -> the names as word tuples; a key holding one of them ("Excel VBA" holds "VBA") is such a name too.
        self._no_alternative: dict[str, tuple[tuple[str, ...], ...]] = {}
        for rule in catalog.no_alternative_rules:
            target = _target_rule(catalog, rule.means).target
            named = tuple(tuple(normalize_key(n).split()) for n in rule.names)
            self._no_alternative[target] = (*self._no_alternative.get(target, ()), *named)
        self._longest = longest
        self._no_alternative_cache: dict[tuple[str, str], bool] = {}

    # -- public ----------------------------------------------------------------
    def meets_no_alternative(self, match: Match) -> bool:
        """Whether ``match`` reads its skill only through names that meet no prerequisite in another's place
        (``matching.yaml``'s ``meets_no_alternative``): "Visual Basic 6" and "COBOL (Enterprise COBOL z/OS)" are
        programming at the level given, but no model SDK serves them, so Python comes before a first model call;
        "Java, VBA" names Java too, which one does. The match's words are read as the longest names the catalog
        knows, left to right; each name of the skill among them must be one of the rule's (or hold one)."""
        listed = self._no_alternative.get(f"{match.kind}:{match.target}") if match.target else None
        if not listed:
            return False
        key = (f"{match.kind}:{match.target}", match.text)
        found = self._no_alternative_cache.get(key)
        if found is None:
            found = self._no_alternative_cache[key] = self._only_listed(
                normalize_key(match.text).split(), key[0], listed
            )
        return found

    def _only_listed(self, words: list[str], target: str, listed: tuple[tuple[str, ...], ...]) -> bool:
        seen = False
        i = 0
        while i < len(words):
            for n in range(min(self._longest, len(words) - i), 0, -1):
                name = " ".join(words[i : i + n])
                read = self._exact.get(name) or self._exact.get(unversioned(name) or "")
                if read is not None and read[0].target == target:
                    if not any(holds(tuple(words[i : i + n]), one) for one in listed):
                        return False  # a name of the skill that does meet its alternatives: "Java" in "Java, VBA"
                    seen = True
                    i += n
                    break
            else:
                i += 1
        return seen

    def match(self, text: str) -> Match:
        """One name as a whole (a column header, say): never split."""
        return self._known(text) or self._fuzzy([text])[0]

    def resolve(self, text: str) -> tuple[Match, ...]:
        """Every name in ``text``: one match, or one per joined name. Cached, since cohorts repeat names."""
        return self.resolve_many([text])[text]

    def resolve_many(self, texts: Iterable[str]) -> dict[str, tuple[Match, ...]]:
        """:meth:`resolve` for many names, looking for all their typos in one batch; East Asian punctuation
        joins names as its ASCII form does (:func:`fold_width`)."""
        texts = list(texts)
        folded = {t: fold_width(t) for t in texts}
        if any(f != t for t, f in folded.items()):
            read = self.resolve_many(set(folded.values()))
            return {t: tuple(_unfolded(m, t, f) for m in read[f]) for t, f in folded.items()}
        out: dict[str, tuple[Match, ...]] = {}
        cached: set[str] = set()
        pending: dict[str, list[str]] = {}  # text -> its parts still to resolve fuzzily
        for text in texts:
            if text in out or text in pending:
                continue
            hit = self._cache.get(text)
            if hit is not None:
                out[text] = hit
                cached.add(text)
                continue
            whole = self._read(text)  # a phrase is read before it is split: "used Agent frameworks and SDKs"
            parts = self._split(text)
            if whole and not self._names_more_split(text, whole, parts):
                out[text] = whole
                continue
            pending[text] = parts or [text]
        if pending:
            # A name left whole is already known to be unknown, as a name and as a phrase; the parts of a
            # split one are looked up once, as names and then as phrases ("3 years of Python, SQL").
            found: dict[str, tuple[Match, ...]] = {}
            for text, parts in pending.items():
                for p in parts:
                    if p not in found:
                        found[p] = () if p == text else self._read(p, whole=False)
            by_verb = {
                text: {**self._made_by_first(parts, found), **self._read_verbs(parts, found)}
                for text, parts in pending.items()
            }
            kept = {
                text: _kept_parts(parts, {**found, **by_verb[text]}, self._level_words)
                for text, parts in pending.items()
            }
            # A joined entry none of whose parts is known may be one name misspelt ("reinforcment learning
            # from human feedback"): the whole is looked for too, and read when it is found.
            wholes = [t for t, parts in kept.items() if len(parts) > 1 and not any(found[p] for p in parts)]
            unknown = sorted(
                {p for text, parts in kept.items() for p in parts if not (found[p] or p in by_verb[text])} | set(wholes)
            )
            fuzzy = {}
            for start in range(0, len(unknown), BATCH):
                chunk = unknown[start : start + BATCH]
                fuzzy.update(zip(chunk, self._fuzzy(chunk), strict=True))
            for text, parts in kept.items():
                if text in wholes and fuzzy[text].target is not None:
                    out[text] = (fuzzy[text],)
                    continue
                known = {**found, **by_verb[text]}
                read = [p for p in parts if not self._everyday_among_unknown(p, parts, known, fuzzy)]
                out[text] = _distinct(m for p in read for m in (known[p] or self._last_reading(p, fuzzy[p])))
        fresh = {
            text: _models_ml_teaches(self._described_as(text, self._shown(text, self._listed_whole(text, found))))
            for text, found in out.items()
            if text not in cached
        }
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache.update(fresh)
        out.update(fresh)
        return out

    def read_goals(self, texts: Iterable[str]) -> dict[str, Goal]:
        """What each goal names: what a person wants to build or get better at next ("RAG over our docs").

        A goal is read as a skill entry is (:meth:`resolve_many`), precision first. A module names an area, not
        a next step: it is kept apart (``modules``) and plans nothing. A goal that names neither says what it
        asks for by its words (``matching.yaml``'s ``wants``: "stop the bot inventing prices" is guardrails).
        Measured and not taken (docs/matching.md, Goals): reading such a goal by the known names it holds
        among other words, or by its likeness to the skills' descriptions, read more goals and passed fewer
        personas.
        """
        texts = list(texts)
        resolved = self.resolve_many(texts)
        asked = {t: what for t in texts if not any(m.target for m in resolved[t]) and (what := _what_is_asked(t))}
        resolved = {**resolved, **self.resolve_many(asked.values())}

        def named(matches, kind):
            return [m.target for m in matches if m.kind == kind]

        out = {}
        for text in texts:
            matches = resolved[text]
            skills, modules = named(matches, "skill"), named(matches, "module")
            if not skills and not modules and text in asked:  # "get better at SQL": the name after the asking
                again = resolved[asked[text]]
                skills, modules = named(again, "skill"), named(again, "module")
            if not skills:
                # A module named among other words names an area: words asking for one of its skills say which
                # ("using AI safely with pupil data" is responsible AI, in safety). A module named by its own name
                # or an alias ("agents") is the area asked for; a goal naming nothing is read by its words alone.
                wanted = self._wanted(text)
                among = all(m.method in ("phrase", "fuzzy") for m in matches if m.kind == "module")
                if not modules or (among and any(self._module_of[s] in modules for s in wanted)):
                    skills = wanted
            # A goal read as a skill that a goals-only rule meaning none then drops ("semantic IDs for our items":
            # no semantic search) was read and named nothing: no suggestion is better than a wrong one.
            read, skills = skills, self._shown_in_goal(text, skills)
            suggestions = () if skills or read else tuple(s for m in matches for s in m.suggestions)
            out[text] = Goal(tuple(dict.fromkeys(skills)), tuple(dict.fromkeys(modules)), suggestions)
        return out

    def _wanted(self, text: str) -> list[str]:
        """The skill a goal's words ask for (``matching.yaml``'s ``wants``): the first rule's, in the catalog's order,
        whose words the goal holds outside its ``unless`` phrases ("become a research assistant" holds "assistant" only
        inside a job title); none when it holds no rule's."""
        words = _held_words(text)
        return next(([means] for means, phrases, unless in self._wants if _holds_outside(words, phrases, unless)), [])

    def for_developer(self, text: str) -> tuple[Match, ...] | None:
        """What an entry naming only a bare name, framing aside, means in a developer's profile (:data:`DEVELOPERS_NAMES`:
        "Copilot daily" is GitHub Copilot beside Node.js at 4), or None for any other entry: one saying what else it
        was used for or in ("Copilot in the Edge sidebar for emails") keeps its reading."""
        named = [w for w in normalize_key(text).split() if not (is_framing(singular(w)) or w in FILLER)]
        if len(named) != 1 or named[0] not in DEVELOPERS_NAMES:
            return None
        name = DEVELOPERS_NAMES[named[0]]
        reason = f"{named[0].capitalize()} alone beside a programming language rated 3 or more is {name}"
        return tuple(replace(m, text=text.strip(), reason=reason) for m in self.resolve(name))

    def concerns(self, text: str) -> list[Concern]:
        """What a skill entry's words say the person's work calls for first, unasked (``matching.yaml``'s
        ``concerns``: "Epic ClinDoc build" is work on patients' records, so responsible AI comes first)."""
        if self._concern_starts is None or not self._concern_starts.search(text.lower()):  # most entries
            return []
        words = _held_words(text)
        return [
            Concern(means, reason)
            for means, reason, phrases in self._concerns
            if any(holds(words, p) for w in set(words) for p in phrases.get(w, ()))
        ]

    def _shown_in_goal(self, text: str, skills: list[str]) -> list[str]:
        """``skills``, a goal's reading, with what they and the goal's other words show in a goal alone
        (``matching.yaml``'s ``shows`` rules marked ``goals_only``): "vLLM on L40S nodes" is deployment and, run on a
        GPU one will have to size and drive, GPU computing beside it; a CV line's GPU only says where it ran. A goal
        naming no model drops a reading another field's term beside it only sounds like ("fine-tune a piano")."""
        if not skills:
            return skills
        words = _held_words(text)
        if not any(w in MODEL_WORDS for w in words):
            for shows in self._other_fields:
                if any(f"skill:{s}" in shows.readings for s in skills) and any(holds(words, w) for w in shows.words):
                    skills = [s for s in skills if f"skill:{s}" not in shows.instead]
        for shows in self._goal_shows:
            if not any(f"skill:{s}" in shows.readings for s in skills):
                continue
            if any(_spans(words, w) for w in shows.words) and not any(_spans(words, u) for u in shows.unless):
                # (a Chinese or Japanese term inside a run too; none of the rule's ``unless`` words held)
                kept = [s for s in skills if f"skill:{s}" not in shows.instead]
                kind, _, shown = (shows.rule.target or "").partition(":")
                skills = [*kept, shown] if kind == "skill" and shown not in kept else kept
        return skills

    def _listed_whole(self, text: str, found: tuple[Match, ...]) -> tuple[Match, ...]:
        """``found`` with a restricted form of a skill read as the whole skill, where the entry lists a whole name
        of it beside the form as another item of the same list ("Git / SVN": Git held as rated, SVN as well; "C#,
        VBA"); a form in parentheses or joined by a word such as "with" or "via" says how the whole was used
        ("Stable Diffusion (ComfyUI)", "Stable Diffusion via ComfyUI") and stays (:func:`_distinct`)."""
        if not any(m.target and m.up_to is not None for m in found):
            return found
        parts = split_names(text)
        if len(parts) < 2:
            return found
        reads = [(p, self._read(p, whole=False) or self._loose_part(p)) for p in parts]
        out = list(found)
        for i, m in enumerate(out):
            if not m.target or m.up_to is None:
                continue

            def names_it(head: str, m: Match = m) -> bool:
                return any((x.kind, x.target) == (m.kind, m.target) for x in self._read(head, whole=False))

            same = [(p, x) for p, read in reads for x in read if (x.kind, x.target) == (m.kind, m.target)]
            for p, x in same:
                if x.up_to is None and any(
                    y.up_to is not None and _listed_beside(text, p, q, names_it) for q, y in same if q != p
                ):
                    out[i] = replace(x, text=m.text)
                    break
        return _distinct(out)

    def _loose_part(self, part: str) -> tuple[Match, ...]:
        """``part`` read loosely (:meth:`PhraseReader.read_loose`), as its entry's last reading reads it: "DeepSpeed
        ZeRO-3 configs" is distributed training, whole, beside "NCCL debugging" in one list."""
        hit = self._phrases.read_loose(normalize_key(part))
        return () if hit is None else (hit.rule.match("phrase", 1.0, part.strip()),)

    def _shown(self, text: str, found: tuple[Match, ...]) -> tuple[Match, ...]:
        """``found``, the readings of the entry ``text``, with what they and the words beside them show together
        (``matching.yaml``'s ``shows``: "hybrid BM25 + dense retrieval, answers cite the page" is RAG). A rule meaning
        none drops its ``instead`` readings, another field's term ("Fine tuning of pianos"): the entry names nothing,
        for its reason, unless another name in it stays."""
        words = None
        for shows in self._shows:
            if not any(f"{m.kind}:{m.target}" in shows.readings for m in found if m.target):
                continue
            words = words or _held_words(text)
            if any(holds(words, w) for w in shows.words) and not any(holds(words, u) for u in shows.unless):
                if shows.about and not self._speaks_of(text, shows):
                    continue
                if self._capped_lower(text, found, shows):
                    continue
                kept = [m for m in found if not (m.target and f"{m.kind}:{m.target}" in shows.instead)]
                shown = replace(shows.rule.match("phrase", 1.0, text.strip()), reason=shows.rule.reason)
                if shows.rule.target is None and any(m.target for m in kept):
                    found = _distinct(kept)  # another field's term beside other names: the others stay, alone
                elif shown.target and any(
                    (m.kind, m.target) == (shown.kind, shown.target) and not m.up_to for m in kept
                ):
                    found = tuple(kept)  # the entry names the shown skill itself, whole: the words add nothing to it
                else:
                    found = _distinct([*kept, shown])
        return found

    def _described_as(self, text: str, found: tuple[Match, ...]) -> tuple[Match, ...]:
        """``found``, the readings of the entry ``text``; when they name nothing, the skill the work ``text`` describes
        in plain words shows (matching.yaml's ``described``: "gave the model a weather-lookup and a booking tool" is
        tool calling), each whose every group of words it holds and none of its ``unless``; else ``found``."""
        if not self._described or any(m.target for m in found):
            return found
        words = _held_words(text)
        shown = [
            rule.match("phrase", 1.0, text.strip())
            for rule, groups, unless in self._described
            if all(any(holds(words, w) for w in group) for group in groups) and not any(holds(words, w) for w in unless)
        ]
        return _distinct(shown) if shown else found

    def _capped_lower(self, text: str, found: tuple[Match, ...], shows: Shows) -> bool:
        """Whether ``shows`` restricts a skill (credits it ``up_to`` a level in place of its own reading) that the
        entry names only in restricted forms credited at that level or lower: a restriction never raises a
        narrower one. "Zapier" alone is aware of web APIs; the rule reading "webhooks in Zapier" as web APIs up to 2
        restricts the webhooks' whole reading, it does not lift Zapier's own."""
        cap_ = shows.rule.up_to
        if cap_ is None or shows.rule.target not in shows.instead:
            return False
        same = [m for m in found if m.target and f"{m.kind}:{m.target}" == shows.rule.target]
        if not same or any(m.up_to is None or m.up_to > cap_ for m in same):
            return False
        hits = self._phrases.hits(normalize_key(text))
        return not any(h.rule.target == shows.rule.target and not getattr(h.rule, "up_to", None) for h in hits)

    def _speaks_of(self, text: str, shows: Shows) -> bool:
        """Whether the words of ``shows``, one of several rules restricting each the skill it reads by the same
        words (``about``), speak of its reading in the entry ``text``: they qualify the skill their own clause
        names, when it names one of ``about``, and no other clause names it ("Python 4 yrs, half a Udemy course on
        Rust" is Rust met in a course, Python held 4 years); a clause naming none leaves them to the entry's names
        ("Python, half a Udemy course"), and a rule alone with its words reads them on the whole entry, as any
        ``shows`` rule does ("lm-eval-harness, MT-Bench, custom evals")."""
        clauses = [text[a:b] for a, b in _clauses(text)]
        if len(clauses) < 2:
            return True
        named = [{f"{m.kind}:{m.target}" for m in self.resolve(c) if m.target} for c in clauses]
        held = [any(holds(_held_words(c), w) for w in shows.words) for c in clauses]
        if not any(names & shows.about for names, h in zip(named, held, strict=True) if h):
            return True
        own = [bool(names & shows.readings) for names in named]
        return any(o and h for o, h in zip(own, held, strict=True)) and not any(
            o and not h for o, h in zip(own, held, strict=True)
        )

    def _split(self, text: str) -> list[str]:
        """The names joined in ``text``, a slash binding closer than the other separators: names joined by one
        that read together as one name or a phrase stay whole ("evaluated an AI fracture tool
        (sensitivity/specificity audit)"), where "Python/pandas/sklearn" is three."""
        out: list[str] = []
        for group in split_names(text, slashes=False):
            pieces = split_names(group)
            read = self._read(group) if len(pieces) > 1 else ()
            # ... unless each piece is a name and they name more than the group read whole ("PyTorch / TensorFlow").
            out.extend([group] if read and not self._names_more_split(group, read, pieces) else pieces)
        return [p for p in out if not SETTING.match(p)] or out

    def _names_more_split(self, text: str, whole: tuple[Match, ...], parts: list[str]) -> bool:
        """Whether a part of an entry read as a phrase is a short name the phrase could not count: "Go" in "Go
        (6 yrs, microservices, gRPC)", "C#" in "Semantic Kernel in C#" (a phrase counts keys that short only
        alone, so that "R&D" is no R)."""
        phrase = all(m.method == "phrase" for m in whole)
        # A name known whole only with its commas dropped ("CUDA, C++" as "CUDA C++") is a list as well.
        if len(parts) < 2 or not (phrase or re.search(r"[,;]", text)):
            return False
        named = {m.target for m in whole}
        short = (self._known(p, by_content=False) for p in parts if len(normalize_key(p)) < MIN_EMBEDDED_KEY)
        if phrase and any(m is not None and m.target and m.target not in named for m in short):
            return True
        # A plain list of names, each part itself a known name, names what its parts name: the phrase reader, blind
        # to the separators, may take one name as a word restating another ("PyTorch, TensorFlow": "TensorFlow to
        # PyTorch" makes "tensorflow" a word of PyTorch's) and lose a skill named in full. A product read by what it
        # was used for keeps that reading ("token counting w/ tiktoken" is LLM parameters, not tokenizers).
        known = [self._known(p, by_content=False) for p in parts]
        if any(m is None for m in known) or self._phrases.read_use(normalize_key(text), True):
            return False
        return any(m.target and m.up_to is None and m.target not in named for m in known)

    def _read_verbs(self, parts: list[str], found: dict[str, tuple[Match, ...]]) -> dict[str, tuple[Match, ...]]:
        """The parts of a joined entry read by the verb that leads them (:meth:`PhraseReader.read_verb`), where no
        other part names a more particular way of the verb's activity: "fine-tuned roberta-base" beside "with HF
        Trainer" is fine-tuning, but "fine-tuned Llama 3" beside "with QLoRA" is QLoRA's alone."""
        if len(parts) < 2:
            return {}
        out = {}
        for p in parts:
            if found[p]:
                continue
            beside = frozenset(f"{m.kind}:{m.target}" for q in parts if q != p for m in found[q] if m.target)
            verb = self._phrases.read_verb(normalize_key(p), beside)
            if verb:
                out[p] = tuple(rule.match("phrase", 1.0, p.strip()) for rule in verb)
        return out

    def _everyday_among_unknown(self, part: str, parts: list[str], found: dict, fuzzy: dict) -> bool:
        """Whether ``part`` is an everyday word, framing aside, beside parts of its entry that name nothing known:
        "Docker (port of Felixstowe, 6 yrs)", "pruning & grafting in a fruit orchard", "Go (board game)", "Cleaning
        agents and chemical dosing for CIP systems"."""
        key = normalize_key(part)
        if key not in self._everyday and self._rule_of(key) is not None:
            return False  # a name of its own, framing words and all: "knowledge distillation" is no "distillation"
        named = " ".join(w for w in key.split() if not is_framing(singular(w)))
        if named not in self._everyday and self._rule_of(named) is not None:
            return False  # so with framing words aside: "the Copilot pilot" is the rule "Copilot pilot", no "Copilot"
        # A phrase led by an everyday product read only as a restricted form ("Claude tools to book appointments")
        # is that product, as its bare name is.
        restricted = bool(found[part]) and all(m.up_to is not None for m in found[part])
        product = restricted and named.split(" ", 1)[0] in self._everyday
        if len(parts) < 2 or (named not in self._everyday and not product):
            return False
        others = [q for q in parts if q != part]
        # A part led by a skill's verb names that activity even where it leaves the skill to this part: "LoRA"
        # beside "fine-tuned OpenVLA-7B" is the fine-tuning method, not a radio.
        # So does one saying what was made with it, as only software is: "Go (small operators, CLI tools)".
        # So does one naming a skill by a name no everyday sentence holds, read last (:meth:`_loose_or`): "RAG"
        # beside "Oracle 23ai Vector Search" is retrieval-augmented generation, not a cloth.
        naming = [
            q
            for q in others
            if found[q]
            or fuzzy[q].target is not None
            or self._phrases.read_verb(normalize_key(q))
            or not SOFTWARE_MADE.isdisjoint(map(singular, normalize_key(q).split()))
            or self._phrases.read_loose(normalize_key(q)) is not None
            or SPELT_AS_SOFTWARE.search(q) is not None
            or not RAN_LOCALLY.isdisjoint(normalize_key(q).split())
        ]
        if not naming:
            return True
        # Beside other names, a product credited only up to a level adds nothing ("Copilot + Cursor").
        return restricted

    def _last_reading(self, part: str, typo: Match) -> tuple[Match, ...]:
        """The last readings of a part nothing else read: :meth:`_loose_or`, else a skill and one it builds on
        named together (:meth:`PhraseReader.read_pair`: "Keras CNN for detecting defects"), else ``part`` read
        again with its misspelt words respelled ("langchian chains + retrievers", "retreival augmented generation
        over 30k FDA guidance docs"), as a typo (``fuzzy``, the least similar word's similarity as confidence)."""
        # A pair first: the loose reading would keep only the distinctive name of "Qdrant RAG chatbot", whose everyday
        # name right after it is what was built on it (:meth:`PhraseReader.read_pair`); no other pair reads loosely.
        if pair := self._phrases.read_pair(normalize_key(part)):
            return tuple(h.rule.match("phrase", 1.0, part.strip()) for h in pair)
        found = self._loose_or(part, typo)
        respelled = None if found.target is not None else self._respell(normalize_key(part))
        if respelled is None:
            return (found,)
        text, confidence = respelled
        read = self._read(text, whole=False) or self._loose_respelled(text, normalize_key(part))
        return tuple(replace(m, method="fuzzy", confidence=confidence, text=part.strip()) for m in read) or (found,)

    def _loose_respelled(self, text: str, typed: str) -> tuple[Match, ...]:
        """:meth:`PhraseReader.read_loose` of ``text``, the key ``typed`` with its typos respelled: a word respelled
        is distinctive, since the one typed was none of English's ("custom pytroch training loops" is PyTorch),
        but only as a skill's name ("retreival" is a typo of "retrieval", too broad a module to credit)."""
        if (hit := self._phrases.read_loose(text)) is not None:
            return (hit.rule.match("phrase", 1.0, text),)
        respelled = frozenset(text.split()) - frozenset(typed.split())
        if (hit := self._phrases.read_loose(text, respelled)) is not None:
            found = hit.rule.match("phrase", 1.0, text)
            return (found,) if found.kind == "skill" else ()
        return ()

    def _respell(self, key: str) -> tuple[str, float] | None:
        """``key`` (normalised) with each word English text all but never uses (:func:`is_misspelling`: "promt",
        "langchian"), and no catalog word spells, replaced by the catalog word it is a typo of, and the least
        similarity of those; None when no word is one."""
        words = key.split()
        typos = {w for w in words if len(w) >= MIN_TYPO_LENGTH and w not in self._vocab_set and is_misspelling(w)}
        near = {
            w: spelled
            for w, n in self._near_words(typos).items()
            if (spelled := {c: s for c, s in n.words.items() if OSA.distance(w, c) <= _typo_edits(w, c)})
        }
        if not near:
            return None
        best = {w: max(spelled, key=spelled.get) for w, spelled in near.items()}
        return " ".join(best.get(w, w) for w in words), round(min(near[w][best[w]] for w in best), 3)

    def _loose_or(self, part: str, typo: Match) -> Match:
        """``typo``, the typo search's answer for ``part``, unless that found nothing and the phrase names one
        skill by a name no everyday sentence holds (:meth:`PhraseReader.read_loose`)."""
        if typo.target is not None:
            return typo
        key = normalize_key(part)
        hit = self._phrases.read_loose(key, included=self._included(key))
        return hit.rule.match("phrase", 1.0, part.strip()) if hit else typo

    def _included(self, key: str) -> frozenset[str]:
        """The skills a phrase ``key`` (normalised) names that another it names includes, by the words beside them
        (``matching.yaml``'s ``shows``, their ``instead``): "MCP server exposing our Postgres read replica to Claude
        Desktop" serves the database and Claude Desktop to a model, MCP work both. Only where a skill that
        includes them stays named."""
        named = self._phrases.targets_named(key)
        if len(named) < 2:
            return frozenset()
        plain = tuple(singular(w) for w in key.split())
        included: set[str] = set()
        for shows in self._shows:
            if shows.rule.target in named and shows.readings & named and any(holds(plain, w) for w in shows.words):
                included |= shows.instead - {shows.rule.target}
        return frozenset(included) if named - included else frozenset()

    # -- lookups ---------------------------------------------------------------
    def _known(self, text: str, by_content: bool = True) -> Match | None:
        """A dict lookup: the key, its loose spelling, or (``by_content``) its content words' loose spelling."""
        key = normalize_key(text)
        found = self._lookup(key)
        if found is None and by_content:
            found = self._loose.get("".join(content_words(key)))
        if found is None:
            return None
        rule, method = found
        return rule.match(method, 1.0, text.strip())

    def _read(self, text: str, whole: bool = True) -> tuple[Match, ...]:
        """``text`` as a known name, else as a phrase around one (:class:`recommender.phrases.PhraseReader`:
        "used the OpenAI API"), else, for a ``whole`` entry (not one part of a joined one), as the activity its
        verb names, else as what the words it ends with say ("Stripe API"); ``()`` when it is none of these."""
        known = self._known(text, by_content=False)
        if known:
            return (known,)
        key = normalize_key(text)
        used = self._phrases.read_use(key, whole)  # "uses ChatGPT to debug scripts": more than the product alone says
        if used:
            return (replace(used.match("phrase", 1.0, text.strip()), reason=used.reason), *self._own_languages(text))
        hit = self._phrases.read(key)
        if hit:
            return (hit.rule.match("phrase", 1.0, text.strip()),)
        # Content words last: they drop counts, so "GPT-4 (hands-on)" would be the GPT architecture, not a model.
        known = self._known(text)
        if known:
            return (known,)
        # A part of a joined entry is read by its verb only beside the other parts (:meth:`_read_verbs`): "fine-tuned
        # Llama 3" beside "with QLoRA" is QLoRA's.
        verb = self._phrases.read_verb(key) if whole else ()
        if verb:
            return tuple(rule.match("phrase", 1.0, text.strip()) for rule in verb)
        head = self._phrases.read_head(key)  # "Stripe API": a product's web API, whatever the product
        if head:
            return (head.match("phrase", 1.0, text.strip()),)
        return self._made_by(key, text, whole)

    def _own_languages(self, text: str) -> tuple[Match, ...]:
        """The languages an entry saying an assistant writes most of the code (:data:`ASSISTANT_WRITES`) names as
        its writer's own, before the assistant: "Python - Copilot writes most of my code" is Python and the coding
        assistant, where "ChatGPT to write Python scripts" credits no Python (the profile caps the language at
        :data:`ASSISTED_CAP`)."""
        said = ASSISTANT_WRITES.search(text)
        if not said:
            return ()
        words = (self._known(w, by_content=False) for w in normalize_key(text[: said.start()]).split())
        return tuple(m for m in words if m and f"{m.kind}:{m.target}" in LANGUAGES and not m.up_to)

    def _made_by(self, key: str, text: str, whole: bool) -> tuple[Match, ...]:
        """An unread entry led by a cloud vendor's name (:data:`MAKERS`) read as the rest, where the rest is read
        and names something other than the vendor's name does: "GCP Vertex AI", "Google Cloud BigQuery". The
        shortest vendor's name first: "Microsoft Azure OpenAI" is Azure OpenAI, not OpenAI on Azure."""
        for maker in MAKERS:
            if not key.startswith(maker + " "):
                continue
            vendor = self._known(maker, by_content=False)
            rest = self._read(key[len(maker) + 1 :], whole)
            if rest and all(m.target and (vendor is None or m.target != vendor.target) for m in rest):
                return tuple(replace(m, text=text.strip()) for m in rest)
        return ()

    def _made_by_first(self, parts: list[str], found: dict[str, tuple[Match, ...]]) -> dict[str, tuple[Match, ...]]:
        """The unread parts of a joined entry led by a cloud vendor's name, read with that name before them: the
        vendor named once makes every product of the list ("Azure OpenAI + AI Search RAG PoCs" holds Azure AI
        Search, "Blob Storage" Azure Blob Storage), as :meth:`_made_by` reads one product."""
        first = normalize_key(parts[0]) if len(parts) > 1 else ""
        makers = [m for m in MAKERS if first.startswith(m + " ")]
        if not makers:
            return {}
        maker = max(makers, key=len)  # as written: "Google Cloud Vertex AI, BigQuery" carries Google Cloud
        vendor = self._known(maker, by_content=False)
        out = {}
        for p in parts[1:]:
            if any(m.target for m in found[p]) or normalize_key(p).startswith(maker):  # "AI Search" alone: too general
                continue
            read = self.resolve(f"{maker} {p}")  # the whole reading: "Azure AI Search RAG PoCs" is a pair
            # A product of the vendor's, or one of the cloud's own names ("Blob Storage" is Azure Blob Storage); words
            # the vendor's name reads as the cloud are not one ("Azure OpenAI, retries on 429s" is no Azure).
            own = getattr(vendor, "target", None)
            if read and all(
                m.target and m.confidence == 1.0 and (m.target != own or m.method in ("alias", "name", "id"))
                for m in read
            ):
                out[p] = tuple(replace(m, text=p.strip()) for m in read)
        return out

    def _rule_of(self, key: str) -> Rule | None:
        """What a normalised key means (:meth:`_lookup`); None for a key the catalog does not know."""
        found = self._lookup(key)
        return found[0] if found else None

    def _lookup(self, key: str) -> tuple[Rule, str] | None:
        """A normalised key's rule and method, spelled exactly or loosely, or with its release number dropped
        ("C++17", "Vue3", "python 3.x"); in a family of numbered models, what its numbered names mean ("GPT-4.1"
        is a model, as GPT-4 is, not the GPT architecture)."""
        found = self._exact.get(key)
        if found is None and not _language_pair(key):
            found = self._loose.get(loose(key))
        if found is None and DIGIT.search(key):
            name = unversioned(key)
            if name in self._numbered:
                found = self._numbered[name]
            elif name:
                found = self._exact.get(name) or self._loose.get(loose(name))
        if found is None and key.endswith(BERT_FAMILY) and _bert_family(key):
            found = self._exact.get(BERT_FAMILY)
        if found is None and " " in key:
            found = self._language_bert(key)
        return found

    def _language_bert(self, key: str) -> tuple[Rule, str] | None:
        """A BERT-family name led by a language's name (:data:`LANGUAGE_NAMES`): "German BERT", "Chinese RoBERTa"."""
        language, _, name = key.partition(" ")
        if language not in LANGUAGE_NAMES:
            return None
        named = self._exact.get(name) or (self._exact.get(BERT_FAMILY) if _bert_family(name) else None)
        return named if named and named[0].target == f"skill:{BERT_FAMILY}" else None

    def _fuzzy(self, texts: list[str]) -> list[Match]:
        """Typos of known names, or unmatched with suggestions; one word comparison for the whole batch."""
        keys = [normalize_key(t) for t in texts]
        queries = [content_words(k) for k in keys]
        # Filler can be part of a name ("Model Context Protocol"): the full words are tried too.
        full = [[singular(w) for w in k.split()] for k in keys]
        near = self._near_words({w for words in (*queries, *full) for w in words})
        # Spacing typos ("lang chian"): the joined name against every joined key.
        joined = _rows(word_similarities(["".join(q) for q in queries], self._joined))
        return [self._judge(text.strip(), Query(queries[i], full[i], joined[i]), near) for i, text in enumerate(texts)]

    def _near_words(self, words: set[str]) -> dict[str, NearWords]:
        """For each query word, the catalog words it (nearly) spells, and the keys that have one."""
        words = sorted(words)
        sims = word_similarities(words, self._vocab)
        near = {w: NearWords({}, set()) for w in words}
        for i, j in zip(*sims.nonzero(), strict=True):
            found = near[words[i]]
            found.words[self._vocab[j]] = float(sims[i, j])
            found.keys.update(self._holders[self._vocab[j]])
        return near

    def _judge(self, text: str, query: Query, near: dict[str, NearWords]) -> Match:
        """The best candidate above the threshold, or unmatched with suggestions."""

        def similarity(word: str, candidate_word: str) -> float:
            return near[word].words.get(candidate_word, 0.0)

        sims = {i: sim for i, sim in query.joined.items() if not self._other_words(query, i)}
        for words in (query.words, query.full):
            if not words:
                continue
            # Only keys having a near spelling of each word of the query can pair with it.
            candidates = set.intersection(*(near[w].keys for w in words))
            for i in candidates:
                if self._other_words(query, i):
                    continue
                sim = aligned_similarity(words, self._words[i], similarity)
                sims[i] = max(sims.get(i, 0.0), sim)
        spelled = _spelled(query, near)
        best = max(sims, key=lambda i: (sims[i], *self._nearness(query, spelled, i), -i), default=None)
        best_sim = sims.get(best, 0.0)
        if best is not None and best_sim >= 1.0:  # the key itself, spaced or with filler words otherwise
            return self._rules[best].match(self._methods[best], 1.0, text)
        if best is not None and best_sim >= self.threshold and not _all_common(query.full):
            return self._rules[best].match("fuzzy", round(best_sim, 3), text)
        return Match(None, None, round(best_sim, 3), self._suggest(query, near, spelled), text=text)

    def _other_words(self, query: Query, key: int) -> bool:
        """Whether the query and the key, word for word, hold two long words more than a typo apart.

        The joined spelling is for spacing typos ("lang chian") and short words ("generative ia"); word for
        word, "performance" is another word than "preference" (four edits), however alike the joined spellings.
        """
        words = self._words[key]
        if len(words) != len(query.full):
            return False
        return any(
            OSA.distance(a, b, score_cutoff=MAX_TYPO_EDITS + 1) > _typo_edits(a, b)
            for a, b in zip(query.full, words, strict=True)
        )

    def _suggest(self, query: Query, near: dict[str, NearWords], spelled: dict[str, float]) -> tuple[str, ...]:
        """Targets of keys sharing a distinctive word with the query, nearest first.

        A key is suggested only when the query spells what sets the key apart: each of its words English
        uses rarely (:data:`COMMON_ZIPF`), or each of its words when it has none. An everyday word shared
        says nothing: "recipe" is not "pretraining recipes", "support" not "support vector machines",
        "lab report" not "Crystal Reports", while "call quest functions" spells "function calling". A common
        word spells only itself (as in :func:`_all_common`): "chat assistant explaining schedules" is no scheduler."""
        distinctive = [w for w in query.words if w not in GENERIC and w not in FILLER]
        # A word English uses often is that word, not a typo of another ("generator" is no "generation").
        written = {w for q in query.full for w in (near[q].words if not _all_common([q]) else (q,))}
        keys = {i for i in set().union(*(near[w].keys for w in distinctive)) if self._set_apart[i] <= written}
        out: list[str] = []
        for i in sorted(keys, key=lambda i: (*(-x for x in self._nearness(query, spelled, i)), i)):
            target = self._targets[i].split(":", 1)[1]
            if target not in out:
                out.append(target)
        return tuple(out[: self.n_suggestions])

    def _nearness(self, query: Query, spelled: dict[str, float], key: int) -> tuple[float, float]:
        """How near a key is to the query: the weighted share of its words the query spells (``spelled``: how
        nearly the query spells each catalog word, :func:`_spelled`), then its spelling."""
        words = self._words[key]
        share = sum(self._weight[w] * spelled.get(w, 0.0) for w in words) / self._key_weight[key]
        return share, Indel.normalized_similarity(" ".join(query.full), self._spelled[key])


def _language_pair(key: str) -> bool:
    """Whether a normalised key is two or more language codes (:data:`LANGUAGE_CODES`), a translator's pair: "de it"."""
    words = key.split()
    return len(words) > 1 and all(w in LANGUAGE_CODES for w in words)


def _bert_family(key: str) -> bool:
    """Whether ``key`` names a BERT-family encoder by its coined one-word name ending in "BERT": language, domain and
    lab variants ("IndicBERT", "GBERT", "BanglaBERT", "HindiBERT", "LegalBERT") are all fine-tuned and used as BERT
    is, and new ones appear faster than an alias list grows. Only a word English text never uses: "Hilbert",
    "Robert", "Herbert" or "Schubert" are names, not models."""
    return len(key) > len(BERT_FAMILY) and " " not in key and key.isalnum() and is_coined(key)


def _all_common(words: Sequence[str]) -> bool:
    """Whether every word of a name is one English text uses often (:data:`COMMON_ZIPF`), so that none of them is
    a typo: a name spelt in common words and read by no key is another name ("expert systems", "control systems")."""
    return bool(words) and all(w.isalpha() and w.isascii() and english_zipf(w) >= COMMON_ZIPF for w in words)


def _set_apart(words: Sequence[str]) -> frozenset[str]:
    """A key's words that English uses rarely ("pretraining" of "pretraining recipes"), or all its content words
    when every one is common ("function calling"): what a name must spell for the key to be suggested."""
    content = [w for w in words if w not in FILLER]
    return frozenset([w for w in content if not _all_common([w])] or content)


def _spelled(query: Query, near: dict[str, NearWords]) -> dict[str, float]:
    """How nearly the query's words spell each catalog word near one of them: the best of its words."""
    out: dict[str, float] = {}
    for q in query.full:
        for word, sim in near[q].words.items():
            if sim > out.get(word, 0.0):
                out[word] = sim
    return out


def _typo_edits(a: str, b: str) -> int:
    """The most edits a typo of one of two words aligned makes: one ("ia" for "ai", never "aws" for "ai"), and
    :data:`MAX_TYPO_EDITS` in words of :data:`MIN_TWO_EDIT_LENGTH` letters or more, where two slips leave most of
    the word."""
    return MAX_TYPO_EDITS if min(len(a), len(b)) >= MIN_TWO_EDIT_LENGTH else 1


# How people ask for what they want to learn, around its name: "get better at SQL", "learn pytorch properly",
# "understand what embeddings actually are". Goals only (SkillMatcher.read_goals).
# The same asking in Spanish, Portuguese, French and Italian ("aprender NLP en serio", "apprendre PyTorch à fond") and
# German's verb at the end ("Docker richtig lernen"): a goal written in one's own language asks as an English one does.
ASKING = re.compile(
    r"^(?:(?:i\s+)?(?:want|would like|'d like|need|wanna)\s+(?:to\s+)?)?"
    r"(?:finally\s+)?(?:(?:learn|study|understand|master|improve|deepen|refresh|practi[cs]e)(?:\s+(?:my|our))?"
    r"(?:\s+(?:how|what|about|more\s+about))?|get\s+(?:better|good|really\s+good)\s+(?:at|with)|"
    r"(?:go|dive)\s+deeper\s+(?:in|into|on)|brush\s+up(?:\s+on)?|get\s+into|how\s+(?:to\s+use)?|what|"
    r"(?:(?:quiero|quisiera|quero|je\s+veux|je\s+voudrais|voglio|vorrei)\s+)?"
    r"(?:aprender|estudiar|estudar|entender|dominar|profundizar\s+en|aprofundar|apprendre|comprendre|ma[iî]triser|"
    r"approfondir|[eé]tudier|imparare|studiare|capire|approfondire)(?:\s+(?:sobre|c[oó]mo|comment|come))?)\s+",
    re.IGNORECASE,
)
ASKED_AFTER = re.compile(
    r"\s+(?:properly|better|in\s+depth|for\s+real|from\s+scratch|(?:actually\s+|really\s+)?"
    r"(?:is|are|works?|does|do|means?)(?:\s+\w+)?|en\s+serio|a\s+fondo|de\s+verdad|desde\s+cero|de\s+verdade|"
    r"a\s+fundo|do\s+zero|[aà]\s+fond|s[eé]rieusement|de\s+z[eé]ro|sul\s+serio|da\s+zero|"
    r"(?:(?:richtig|gr[uü]ndlich|besser|endlich)\s+)?(?:lernen|verstehen|beherrschen|vertiefen))$",
    re.IGNORECASE,
)


def _what_is_asked(text: str) -> str | None:
    """The name a goal asks about, the asking around it dropped ("get better at SQL" -> "SQL"); None when there is
    no asking to drop."""
    what = ASKED_AFTER.sub("", ASKING.sub("", text.strip(), count=1)).strip()
    what = re.sub(r"^(?:the|a|an)\s+", "", what, flags=re.IGNORECASE)
    return what if what and what != text.strip() else None


class Goal(NamedTuple):
    """A goal's reading (:meth:`SkillMatcher.read_goals`): the skills it names, the areas (modules) it names
    instead, and close names when it names neither."""

    skills: tuple[str, ...]
    modules: tuple[str, ...]
    suggestions: tuple[str, ...]


# Chinese and Japanese are written without spaces between words: a goal's run of Han or kana characters is one "word"
# (normalize_key), so a term in those scripts ("本地", local; "语音", speech) is found inside such a run. A short term
# may also sit across two words of a run ("日本地图", a map of Japan, holds "本地"): few goals are such runs.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]+")


def _spans(words: tuple[str, ...], part: tuple[str, ...]) -> list[range]:
    """Where ``part`` appears in ``words``, word for word and in order: the positions each appearance covers. A term
    written in Chinese or Japanese characters appears inside a word ("语音" in "本地语音助手", a local voice assistant)."""
    n = len(part)
    if n == 1 and _UNSPACED.fullmatch(part[0]):
        return [range(i, i + 1) for i, w in enumerate(words) if part[0] in w]
    return [range(i, i + n) for i in range(len(words) - n + 1) if words[i : i + n] == part]


def _holds_outside(words: tuple[str, ...], phrases, unless) -> bool:
    """Whether ``words`` hold one of ``phrases`` other than inside one of ``unless`` (a want rule's words and the
    phrases that say a goal is not the thing: "assistant" in "become a research assistant" is a job title)."""
    inside = [span for u in unless for span in _spans(words, u)]  # none without unless: any appearance counts
    return any(
        not any(found.start >= span.start and found.stop <= span.stop for span in inside)
        for p in phrases
        for found in _spans(words, p)
    )


def _by_first_word(phrases) -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        if phrase:
            out.setdefault(phrase[0], []).append(phrase)
    return out


class Concern(NamedTuple):
    """A skill a person's work calls for first (``matching.yaml``'s ``concerns``), and why."""

    skill: str
    reason: str


class Query(NamedTuple):
    """A name to look for: its content words, all its words, and the keys its joined spelling nearly spells."""

    words: list[str]
    full: list[str]
    joined: dict[int, float]  # key index -> similarity


class NearWords(NamedTuple):
    """The catalog words a query word (nearly) spells, with their similarity, and the keys that have one."""

    words: dict[str, float]
    keys: set[int]


def _rows(sims: np.ndarray) -> list[dict[int, float]]:
    """Each row's nonzero entries, ``{column: value}``."""
    out: list[dict[int, float]] = [{} for _ in range(len(sims))]
    for i, j in zip(*sims.nonzero(), strict=True):
        out[i][int(j)] = float(sims[i, j])
    return out


def _kept_parts(
    parts: list[str], found: dict[str, tuple[Match, ...]], level_words: frozenset[str] = frozenset()
) -> list[str]:
    """The parts of an entry worth reading: a part of framing alone ("4 years" in "Python (4 years)") says
    how long, not what, when another part names something."""
    if len(parts) == 1:
        return parts

    def framing(part: str) -> bool:
        words = normalize_key(part).split()
        # So does a part written wholly in another script beside a name ("Docker (编译环境)"): its language's framing.
        if all(is_framing(singular(w)) or in_other_script(w) for w in words):
            return True
        # And a level word in any language the catalog's levels name, framing aside: "Apex (avanzado)".
        return " ".join(w for w in words if not is_framing(singular(w))) in level_words

    kept = [p for p in parts if found[p] or not framing(p)]
    return kept or parts


# What joins two names as items of one list, neither qualifying the other: "Git / SVN", "C#, VBA", "Git and SVN".
# A parenthesis, a dash or a joining word such as "with", "via" or "in" says how a name was used instead.
LISTED = re.compile(rf"^(?:\s*(?:[,;|/&+]|{_joining('and', *AND_WORDS)})\s*)+$", re.IGNORECASE)


def _listed_beside(text: str, one: str, other: str, names_it: Callable[[str], bool] | None = None) -> bool:
    """Whether the names ``one`` and ``other`` stand next to each other in ``text`` as items of one list, outside
    parentheses ("Git / SVN"; not "Stable Diffusion (ComfyUI)" nor "Stable Diffusion via ComfyUI"). Two items of
    one list inside the same parentheses are items too where the name before the parentheses, which they qualify,
    names another skill (``names_it`` of that name is false): "PyTorch (DDP, FSDP)" lists two ways of distributed
    training PyTorch was used with, neither saying how the other was used, where "Stable Diffusion (SDXL, ComfyUI)"
    says through which tool Stable Diffusion was used."""
    at, there = text.find(one), text.find(other)
    if at < 0 or there < 0:
        return False
    (a, first), (b, _) = sorted([(at, one), (there, other)])
    if text[:b].count("(") > text[:b].count(")"):
        opened = text.rfind("(", 0, a)
        both_inside = text[:a].count("(") > text[:a].count(")") and ")" not in text[opened:a]
        head = split_names(text[:opened])[-1:] if opened > 0 else []
        if not (both_inside and names_it is not None and head and not names_it(head[0])):
            return False  # inside parentheses: what the name before them was used for
    return bool(LISTED.match(text[a + len(first) : b]))


def _distinct(matches: Iterable[Match]) -> tuple[Match, ...]:
    """One match per target within one entry ("RAG (retrieval-augmented generation)" is one rating); of a
    skill named both whole and in a restricted form, the restricted form, which says how it was used
    ("Stable Diffusion (ComfyUI)" is Stable Diffusion through a web UI). Two names read alike keep what either
    shows when practised (``practice``): "Stan - Bayesian MMM" is statistics once, and the marketing mix model it
    names shows machine learning as "Bayesian MMM" alone does, though "Stan" was read first."""
    out: dict = {}
    for m in matches:
        key = (m.kind, m.target) if m.target else ("text", m.text)
        if key not in out or cap(m.up_to) < cap(out[key].up_to):
            out[key] = m
        elif m.practice and cap(m.up_to) == cap(out[key].up_to) and not set(m.practice) <= set(out[key].practice):
            out[key] = replace(out[key], practice=tuple(dict.fromkeys((*out[key].practice, *m.practice))))
    return tuple(out.values())


# A statistical model whose practice shows machine-learning fundamentals (a named regression model, a marketing mix
# model: matching.yaml's practice) read beside machine learning in one entry ("logistic regression & random forests
# for fraud", "Andrew Ng's ML course - logistic regression") is the model machine learning teaches, not statistics
# apart from it: a mentor reads the entry as machine learning only (reading session 41).
ML_FUNDAMENTALS = "ml-fundamentals"
STATISTICS = "statistics"


def _models_ml_teaches(found: tuple[Match, ...]) -> tuple[Match, ...]:
    if not any(m.kind == "skill" and m.target == ML_FUNDAMENTALS for m in found):
        return found
    return tuple(
        m for m in found if not (m.target == STATISTICS and any(r.means == ML_FUNDAMENTALS for r in m.practice))
    )


def _needed_by(catalog: Catalog) -> dict[str, frozenset[str]]:
    """Each skill's dependents, direct or not: the more particular skills that build on it."""
    direct: dict[str, set[str]] = {}
    for s in catalog.skills:
        for p in s.prerequisites:
            direct.setdefault(p, set()).add(s.id)

    @cache
    def below(sid: str) -> frozenset[str]:
        return frozenset().union(*({d} | below(d) for d in direct.get(sid, ())))

    return {sid: below(sid) for sid in direct}


def _keys(catalog: Catalog):
    """``(key, "kind:id", method)`` for every id, name and alias of the catalog."""
    # Where an id and a name are spelled alike ("PyTorch"), the name is what was typed: it comes last.
    for module in catalog.modules:
        yield normalize_key(module.id), f"module:{module.id}", "id"
        yield normalize_key(module.name), f"module:{module.id}", "name"
    for skill in catalog.skills:
        for alias in skill.aliases:
            yield normalize_key(alias), f"skill:{skill.id}", "alias"
        yield normalize_key(skill.id), f"skill:{skill.id}", "id"
        yield normalize_key(skill.name), f"skill:{skill.id}", "name"


def _rule(catalog: Catalog, rule: NameRule, practice: dict[str, tuple[PracticeRule, ...]]) -> Rule:
    if rule.means == "none":  # names no skill, but its use on real work may show one ("Power BI" at 3: some SQL)
        return Rule(None, rule.reason, practice=practice.get(normalize_key(rule.name), ()))
    target = _target_rule(catalog, rule.means, rule.reason if rule.up_to else None, rule.up_to)
    return replace(target, practice=practice.get(normalize_key(rule.name), ()))


def _held_words(text: str) -> tuple[str, ...]:
    """``text``'s words as the matcher compares them: normalised and singular. A plus standing alone joins the words
    on either side as a comma does ("OpenAI API (streaming + tools)" holds "streaming tools"); it is no word."""
    return tuple(singular(w) for w in normalize_key(text).split() if w != "+")


def _word_groups(groups: tuple[tuple[str, ...], ...]) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Each phrase of ``groups`` as the matcher holds words (:func:`_held_words`)."""
    return tuple(tuple(_held_words(p) for p in group) for group in groups)


def _target_rule(catalog: Catalog, means: str, reason: str | None = None, up_to: int | None = None) -> Rule:
    """What a rule's ``means`` names: a skill or a module of the catalog."""
    kind = "skill" if catalog.has_skill(means) else "module"
    return Rule(f"{kind}:{means}", reason, up_to)


class Shows(NamedTuple):
    """A ``shows`` rule as the matcher reads it: targets as ``"kind:id"``, words as singular word tuples;
    ``about``: for a rule restricting the skill it reads (its readings and ``instead`` are its ``means``) by the
    words that restrict others too ("half a Udemy course": Python, or another language), those skills: the words
    qualify the one their own clause names (:func:`_speaks_of`)."""

    rule: Rule
    readings: frozenset[str]
    words: tuple[tuple[str, ...], ...]
    instead: frozenset[str]
    about: frozenset[str] = frozenset()
    unless: tuple[tuple[str, ...], ...] = ()  # words that, held too, keep the rule from applying


def _clauses(text: str) -> list[tuple[int, int]]:
    """The spans of the clauses of an entry: what commas, semicolons, a bar, a spaced plus or ampersand, "and"
    or "then" set apart ("Python 4 yrs, half a Udemy course on Rust" is two). A dash, a colon and parentheses
    qualify the name before them ("Python - half a Udemy course", "Rust (half a Udemy course)")."""
    spans, start = [], 0
    for sep in CLAUSE_SEPARATORS.finditer(text):
        spans.append((start, sep.start()))
        start = sep.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _shows(catalog: Catalog, shows: ShowsRule) -> Shows:
    def targets(ids):
        return frozenset(_target_rule(catalog, i).target for i in ids)

    words = tuple(_held_words(p) for p in shows.words)
    none = shows.means == "none"  # the words beside say the reading is another field's term ("whisky distillation")
    return Shows(
        Rule(None, shows.reason) if none else _target_rule(catalog, shows.means, shows.reason, shows.up_to),
        targets(shows.readings),
        words,
        targets(shows.instead),
        unless=tuple(_held_words(p) for p in shows.unless),
    )


def _about(shows: Sequence[Shows]) -> list[Shows]:
    """``shows`` with, on each rule restricting the skill it reads by words that restrict another skill too, the
    skills those words restrict (:attr:`Shows.about`)."""

    def restricts(s: Shows) -> bool:
        return s.rule.target is not None and s.readings == s.instead == {s.rule.target}

    about: dict[tuple, frozenset[str]] = {}
    for s in shows:
        if restricts(s):
            about[s.words] = about.get(s.words, frozenset()) | s.readings
    return [s._replace(about=about[s.words]) if restricts(s) and len(about[s.words]) > 1 else s for s in shows]


def _use(catalog: Catalog, use: UseRule) -> Use:
    products = frozenset(normalize_key(p) for p in use.products)
    purposes = tuple(_held_words(p) for p in use.purposes)
    # A module named by a word of the entry is about one of its skills ("prompt tuning for the itinerary agent":
    # an agent names the agents module, of which AI agents is a skill).
    modules = (m.id for m in catalog.modules if any(s.id in use.about for s in catalog.module_skills(m.id)))
    about = frozenset([*(f"skill:{skill}" for skill in use.about), *(f"module:{m}" for m in modules)])
    unless = tuple(_held_words(u) for u in use.unless)
    return Use(products, purposes, _target_rule(catalog, use.means, use.reason), about, unless, use.several)


# Words before a role's title that make it someone else's, not the job wished for: "work with data scientists" (the
# plural reads no title), "help our AI engineers", "a tool for the ML engineer", in the goals' languages. Articles in
# between are skipped ("work with an ML engineer").
ROLE_HOLDERS = frozenset([
    "with", "the", "our", "my", "their", "your", "his", "her", "help", "helping", "support", "supporting", "hire",
    "hiring", "replace", "mit", "unseren", "unsere", "den", "dem", "der", "die", "con", "nuestros", "nuestras",
    "los", "las", "el", "avec", "nos", "les", "le", "la", "aider", "ajudar", "com", "nossos",
])  # fmt: skip
ROLE_ARTICLES = frozenset([
    "a", "an", "un", "une", "una", "uno", "ein", "eine", "einen", "einer", "um", "uma",
])  # fmt: skip


class RoleReader:
    """The role a goal names as the job wished for ("become a data scientist", "Data Scientist werden", "convertirme
    en ingeniero de IA"): by the role's title (its head, before the parenthesis) or the job titles roles.yaml lists
    as its aliases, as whole words, singular, not after words making it someone else's (:data:`ROLE_HOLDERS`). A
    job title names no skill (it reads nothing as a goal's skill); it names the role the person wants the plan for.
    The role ids are left out: "software developer" is any developer's title, not the AI app developer's.
    Reading is cached per distinct goal text: a batch reads each once."""

    def __init__(self, roles: Sequence) -> None:
        names: dict[tuple[str, ...], str] = {}
        for role in roles:
            for name in (role.title.split(" (", 1)[0], *role.aliases):
                names.setdefault(tuple(normalize_key(name).split()), role.id)
        # The longest title first: "ML research engineer" is not read by a shorter title within it.
        self._names = sorted(names.items(), key=lambda item: -len(item[0]))
        self.role = lru_cache(maxsize=8192)(self._role)

    def _role(self, text: str) -> str | None:
        words = normalize_key(text).split()
        for name, role in self._names:
            n = len(name)
            for i in range(len(words) - n + 1):
                if tuple(words[i : i + n]) != name:
                    continue
                j = i - 1
                while j >= 0 and words[j] in ROLE_ARTICLES:
                    j -= 1
                if j < 0 or words[j] not in ROLE_HOLDERS:
                    return role
        return None
