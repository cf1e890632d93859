"""Names inside phrases: "used the OpenAI API", "3 years of Python", "a 1D CNN in Keras".

People wrap the name of what they know in words that say how, how long or how well they used it,
what they made with it or what it was for. :class:`PhraseReader` finds the one known name such a
phrase holds, precision first (docs/matching.md, Phrases); the words here are the vocabulary it
reads them with. It knows names only through the lookup the matcher gives it, so it reads
phrases on any catalog.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import cache
from typing import Any, NamedTuple

# Words that say nothing about which skill is meant ("PyTorch framework", "BERT model").
FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "for",
        "in",
        "on",
        "with",
        "using",
        "use",
        # other languages' "to use", which says no more than "use" does ("usare gli LLM", "LLMs nutzen": session 43)
        "usar",
        "usare",
        "utilizar",
        "utilizzare",
        "utiliser",
        "nutzen",
        "gebruiken",
        "basic",
        "basics",
        "dasar",  # Indonesian and Malay for basic ("python dasar")
        "intro",
        "introduction",
        "to",
        "advanced",
        "applied",
        "model",
        "models",
        "framework",
        "frameworks",
        "library",
        "libraries",
        "tool",
        "tools",
        "tooling",
        "technique",
        "techniques",
        "mechanism",
        "skill",
        "skills",
        "knowledge",
        "experience",
        "development",
        "dev",
        "concepts",
        "practical",
        "hands",
        "working",
        "familiarity",
        "proficiency",
        "expert",
        "expertise",
        # course wrappers ("Deep Learning Specialization", "Docker bootcamp")
        "course",
        "courses",
        "specialization",
        "specialisation",
        "bootcamp",
        "certificate",
        "certification",
        "tutorial",
        "101",
        "lesson",
        "lessons",
        "module",  # a course's unit ("1 week module") or a unit of code ("Terraform modules"): which, not what
        "modules",
        "workshop",
        "workshops",
        "mooc",
        # where people learn: a platform's name says where, not what ("Udemy Python course")
        "carpentry",
        "carpentries",
        "coursera",
        "udemy",
        "edx",
        "udacity",
        "datacamp",
        "codecademy",
        "freecodecamp",
        "pluralsight",
        "khan",
        "academy",
        # Other languages' articles and "of" (vocabulary round twenty-two), which say no more than "the" and "of" do:
        # "modelos de embeddings", "fine-tuning de LLMs", "conocimientos de SQL", "kennis van SQL".
        "de",
        "del",
        "da",
        "dos",
        "das",
        "di",
        "della",
        "dei",
        "du",
        "des",
        "la",
        "el",
        "los",
        "las",
        "le",
        "les",
        "der",
        "die",
        "von",
        "van",
        "d",  # French "de" before a vowel: "développement d'API REST"
        "il",  # and Italian "the" ("il fine-tuning", "gli LLM": session 43)
        "gli",
        # their words for basic, as "basic" is one ("conocimientos básicos de Docker", "Grundlagen der Statistik")
        "basico",
        "basicos",
        "basica",
        "basicas",
        "grundlagen",
        # and pinyin typed without tones for "principles" and "basics" ("Transformer yuanli", "PyTorch jichu": session 42)
        "yuanli",
        "jichu",
        # and their words for development, as "development" is one ("desarrollo de APIs", "sviluppo backend")
        "desarrollo",
        "desenvolvimento",
        "entwicklung",
        "developpement",
        "sviluppo",
        "ontwikkeling",
    ]
)


# Words ending in s whose "singular" is another word: "second" (the ordinal, "LLM as second coder") is not one of
# "seconds" (time), nor "new" one of "news". They stay as written, so a name or rule written with one never holds
# the other.
NOT_PLURALS = frozenset(["seconds", "news"])
# Latin and Greek plurals names are written in: "pretraining corpora" are pretraining corpora (vocabulary round
# twenty-one).
IRREGULAR_PLURALS = {"corpora": "corpus"}


def singular(word: str) -> str:
    """A plural's singular, as far as names go ("embeddings", "LLMs", "vector DBs", "strategies")."""
    if word in NOT_PLURALS:
        return word
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


# Words people put around a skill's name to say how, how long, how well or where they used it
# ("used the OpenAI API", "3 years of Python", "some PyTorch", "Docker in production"): they
# never say which skill is meant. Singular forms (see :func:`singular`). Other languages' words for "learning it
# now" are framing as "learning" is ("estoy aprendiendo Python", Hinglish "Python seekh raha hoon": session 41).
# Their words for "a little" are framing as "a little" is (Hinglish "PyTorch thoda bahut", Turkish "biraz", Polish
# "trochę", transliterated Russian "nemnogo": session 43).
_FRAMING_WORDS = """
    use used using work worked working build built building develop developed developing deploy deployed
    deploying write wrote written writing create created creating design designed implement implemented
    implementing integrate integrated integrating maintain maintained maintaining ship shipped shipping run ran
    running operate operated operating manage managed managing administer administered automate automated set
    setup configure configured lead led contribute contributed contributing contributor study studied studying
    learn learning learned learnt take took taking complete completed finish finished certified know knowing
    familiar comfortable proficient fluent solid strong good decent deep extensive heavy light limited some
    little bit half few lot lots much several many daily weekly day regular regularly occasional occasionally
    everyday professional professionally production prod commercial commercially personal hobby side job jobs
    company team years year yrs yr months month mos plus over under about around approx approximately currently
    recently lately previously now also mostly mainly primarily heavily self taught i my me have has had been am is was
    do did doing done can could via through by from at into within across per like exposure understanding
    understand background senior junior mid beginner intermediate trained call called calling add added try tried
    explore explored play played test tested experiment experimented ask asked asking once twice couple time times
    online free our we us review reviewed reviewing analyse analysed analysing analyze analyzed analyzing admin
    administration administrator how testing reimplement reimplemented audit audited auditing reduce reduced
    reducing improve improved improving clean cleaned cleaning track tracked tracking training compliance
    compliant sysadmin thru every make made making serve served serving then following scratch tiny small mini
    architecture architect architected architecting version tier paid premium subscription subscribed edition trial
    account internals custom e2e unit locally nightly hourly monthly moved foundation grounding
    excellent level demonstrated demonstrable proven ability able grasp depth required preferred nice bonus
    desired desirable ideally least must
    drove delivered deliver productionized productionised productionizing productionising productionize productionise
    optimized optimised optimizing optimising introduced introduce established prototyped authored
    orchestrated streamlined utilized utilised utilizing utilising leveraged leveraging leverage enabled launched owned
    spearheaded championed piloted adopted collaborated partnered upskilled
    rusty rustier eingerostet oxidado oxidada enferrujado enferrujada rouille rouillee
    participated participate participant
    pretrained
    conocimiento conocimientos experiencia manejo dominio conhecimento conhecimentos experiencia dominio erfahrung
    kenntnisse grundkenntnisse programmierkenntnisse sehr gute gut maitrise connaissance connaissances conoscenza
    conoscenze esperienza ervaring kennis znajomosc doswiadczenie
    bilgisi deneyim deneyimi temel orta ileri seviye duzey yil yonetimi yonetim gelistirme yazma
    programmation programacion programacao programmierung programmazione programowanie programmeren
    aprendiendo aprendendo imparando lerne gerade estoy estou
    seekh seekhna seekhta seekhti sikh sikhna sikhta sikhti raha rahi rahe hoon hun
    thoda thodi thode bahut kuch peu poco pouco bisschen wenig troche nemnogo biraz
    xunlian bushu
"""
FRAMING = frozenset(singular(word) for word in _FRAMING_WORDS.split())
# What people say they made with a skill ("RAG pipelines", "a LangChain chatbot"): a thing, not a skill. German
# "Skript(e)" is "script(s)": "Python Skripte" is Python as "Python scripts" is (session 43).
_MADE_WORDS = """
    app apps application applications chatbot chatbots bot bots pipeline pipelines system systems service
    services prototype prototypes poc pocs mvp project projects feature features demo demos platform platforms
    product products solution solutions workflow workflows integration integrations cluster clusters script
    scripts scripting sunucu notebook notebooks dashboard dashboards task tasks assistant assistants report reports query
    queries regression regressions kernel kernels node nodes migration migrations classifier classifiers
    scorecard scorecards macro macros backend backends frontend frontends server servers dag dags stack stacks
    automation automations cli clis loop loops dataset datasets dataloader dataloaders trainer trainers proof concept
    anwendung anwendungen aplicacion aplicaciones aplicacao aplicacoes applicazione applicazioni aplikacja aplikacje
    systeme systemen sistema sistemas sistemi systemy
    sorgu sorgular sorgulari sorgusu kodu
    skript skripte skripts skripten
"""
MADE = frozenset(singular(word) for word in _MADE_WORDS.split())
# Things made that only software is (no "system", "service" or "application", which a plant or a clinic has too).
SOFTWARE_MADE = frozenset(["cli", "script", "microservice", "exporter", "backend", "frontend", "sdk", "repo"])
# Words after which a phrase says what for or where, not which skill: "Python for log parsing", "vLLM behind an internal
# API" (phrase round five: where it is served, unless a skill is named there, "served it behind FastAPI").
# Portuguese and Spanish "in" ("no", "na", "em", "en") say where as "in" does: "SQL no Metabase", "Python en producción".
# Their words for "for" say what for as "for" does: "Python para análisis de datos", "Prompt Engineering für
# Marketingtexte" (vocabulary round twenty-two).
CONTEXT = frozenset(
    ["for", "to", "on", "over", "in", "at", "across", "from", "into", "behind", "no", "na", "em", "en"]
    + ["para", "pour", "fur", "voor"]
)
PURPOSE = frozenset(["for", "to", "para", "pour", "fur", "voor"])
# Verbs of putting a thing somewhere: after them "to" says where it went, not what for ("Deployed our microservices to
# EKS", "Deployed a Hugging Face model to a SageMaker endpoint": the place is read as "on" or "in" is; vocabulary round
# twenty-one). Singular forms (see :func:`singular`).
PLACING = frozenset(
    [
        "deploy",
        "deployed",
        "deploying",
        "migrate",
        "migrated",
        "migrating",
        "port",
        "ported",
        "porting",
        "push",
        "pushed",
    ]
)
# With the words for "with" of other languages: "RAG com LangChain", "Erfahrung mit Docker" (vocabulary round 22).
# Persian "ba" (با) as Finglish writes it: "ParsBERT fine-tune ba Hugging Face" (session 44).
WITH_WORDS = ("con", "com", "mit", "avec", "met", "ba")
TOOL_WORDS = frozenset(["in", "with", "using", "via", *WITH_WORDS])
NEXT_STEP = "then"  # starts a second thing done: "Whisper to transcribe calls then the GPT-4 API to summarise them"
# Words between two names saying that what the first names was built around the second, or calls it: "FastAPI service
# wrapping the Claude API" is the web framework and the API it calls, read as a pair, and so is "SwiftUI app calling the
# Claude API" (phrase round five), and so are "running" ("GitLab CI running dbt tests" is the CI and what it runs) and
# "exposing" ("Flask microservice exposing a scikit-learn model" is the backend and the model it serves; phrase round
# seven).
# The names of programming languages (normalised, first word): one right before a framework's or a product's name says
# what that was written in ("Java 17 Spring Boot REST services", "C# .NET 8 REST APIs"; reading round fifteen).
LANGUAGE_WORDS = frozenset(
    [
        "python",
        "java",
        "kotlin",
        "scala",
        "groovy",
        "c#",
        "f#",
        "c++",
        ".net",
        "go",
        "golang",
        "rust",
        "ruby",
        "php",
        "javascript",
        "typescript",
        "js",
        "ts",
        "node.js",
        "swift",
        "dart",
        "elixir",
        "erlang",
        "haskell",
        "clojure",
        "perl",
        "lua",
        "julia",
        "r",
        "matlab",
    ]
)
WRAPS = frozenset(
    ["wrapping", "wrapper", "wraps", "wrapped", "wrappers", "calling", "running", "exposing", "exposes", "exposed"]
)
# Words between two names saying that what the first names was put into what the second names, which was built with
# it: "Streamed Claude API responses into a React front end", "Wired the Anthropic Python SDK into our Django app" are
# the API and the front end or backend it feeds, read as a pair as "with" would join them (reading round sixteen). Not a
# separator: "decided what goes into the context" is one name's phrase, "feedback fed back into the eval set" says where.
INTO = frozenset(["into"])
# Plurals that mean something else than their singular's sense in a name: fault codes are not code.
OTHER_PLURALS = frozenset(["codes"])
NUMBER = re.compile(r"^\d+(?:\.\d+)?(?:d|y|yrs?)?\+?$")  # "3", "5+", "2.5", "5y", "6yrs" years; "1D", "3D": how many
# Words of time after a number: the number counts how long, never a release ("VEX (2 yrs)" is VEX for two years, not
# "VEX 2", which a family of numbered names would read as another thing: the VEX robotics kits, the GPT-2 model).
DURATIONS = frozenset(["year", "years", "yr", "yrs", "month", "months", "mo", "mos", "week", "weeks", "wk", "wks"])
RARE_ZIPF = 3.0  # wordfreq's Zipf scale: 3 is once per million words of English text
MAX_HEAD_NAME = 3  # words of a product's name before a head word: "Shopify GraphQL Admin API"
WINDOWS_KEPT = 50_000  # words a name can reach, with the name found there: a bounded cache
_UNSEEN = object()
MAX_MADE_MODIFIERS = 2  # words before a thing made that say what it is about: "claim frequency models"
MIN_EMBEDDED_KEY = 3  # a shorter key counts in a phrase only alone: "go" in "go to market", "ml" in "ML pipelines"


def in_other_script(word: str) -> bool:
    """Whether ``word`` (of a normalised key) is written in a script other than Latin: Chinese, Japanese, Korean,
    Arabic, Cyrillic... (a key folds Latin accents away, so any other letter is another script's)."""
    return not word.isascii()


def is_framing(word: str) -> bool:
    """A word of a phrase that says how or how long, not which skill (see :data:`FRAMING`)."""
    return word in FRAMING or word in FILLER or bool(NUMBER.match(word))


# A model's release, size or version after its family's name: "Qwen2.5", "Llama 3.1", "Mistral 7B", "Phi-3".
MODEL_RELEASE = re.compile(r"(?:[\s-]*v?\d[\d.]*[bkm]?)+$")


def model_family(key: str) -> str:
    """The family a normalised model name belongs to, its release, size or version dropped ("qwen2.5" is "qwen")."""
    return MODEL_RELEASE.sub("", key) or key


class PhraseHit(NamedTuple):
    """A known name found in a phrase: what it means, and the words it spans (``words[start:end]``)."""

    rule: Any  # what the name means (recommender.matching.Rule); its target is None for a name naming nothing
    start: int
    end: int


class Use(NamedTuple):
    """A product read by what it was used for: an entry naming one of ``products`` (normalised keys), or
    ``several`` of them, and holding one of ``purposes`` (word tuples, singular) or a name of one of the targets
    ``about`` means ``rule``, but for one holding any of ``unless`` (word tuples, singular), which say the product
    was used some other way."""

    products: frozenset[str]
    purposes: tuple[tuple[str, ...], ...]
    rule: Any
    about: frozenset[str] = frozenset()
    unless: tuple[tuple[str, ...], ...] = ()
    several: int = 1


class PhraseReader:
    """Reads phrases against the names ``lookup`` knows: a normalised key -> what it means, or None.

    ``longest`` is the number of words of the longest key, the furthest a name can reach; ``uses`` read
    products by what they were used for (:meth:`read_use`), ``verbs`` (a verb's normalised words -> what it
    means) entries led by a verb that names an activity (:meth:`read_verb`), ``heads`` (normalised words ->
    what they mean) entries ending in words that say what the name before them is (:meth:`read_head`),
    ``own_words`` (what a name means -> the singular words of all its names) the words that restate a meaning
    beside one of its names ("Langfuse tracing": "tracing" is in "LLM tracing", another name of the skill),
    ``everyday`` the normalised names that are also everyday words, never read before what a thing made is about,
    ``verb_objects`` (a verb's meaning -> targets) what a verb's activity is done to, read beside it, and
    ``verb_ways`` (a verb's meaning -> targets) the more particular ways of its activity, which take the reading.
    """

    def __init__(
        self,
        lookup: Callable[[str], Any],
        longest: int,
        uses: Sequence[Use] = (),
        verbs: Mapping[str, Any] | None = None,
        heads: Mapping[str, Any] | None = None,
        own_words: Mapping[Any, frozenset[str]] | None = None,
        everyday: frozenset[str] = frozenset(),
        verb_objects: Mapping[Any, frozenset[str]] | None = None,
        verb_ways: Mapping[Any, frozenset[str]] | None = None,
        builds_on: Mapping[Any, frozenset[Any]] | None = None,
        languages: frozenset[Any] = frozenset(),
        verbs_after: Mapping[str, Any] | None = None,
        verb_models: Mapping[Any, frozenset[str]] | None = None,
        shown_beside: Mapping[Any, frozenset[Any]] | None = None,
    ):
        self.lookup = lookup
        self.languages = languages
        self.builds_on = dict(builds_on or {})
        self.own_words = dict(own_words or {})
        self._any_own = frozenset().union(*self.own_words.values())
        self.everyday = everyday
        self._windows: dict[tuple[str, ...], tuple[Any, int] | None] = {}
        self.verb_objects = dict(verb_objects or {})
        self.verb_ways = dict(verb_ways or {})
        self.verb_models = dict(verb_models or {})
        self.shown_beside = dict(shown_beside or {})
        self.longest = longest
        self.uses = tuple(uses)
        self.verbs = dict(verbs or {})
        # Forms read only after what was done to: "RoBERTa fine-tuning", never "fine tuning PID loops".
        self.verbs_after = {**self.verbs, **(verbs_after or {})}
        self._verb_length = max((len(v.split()) for v in self.verbs_after), default=0)
        self.heads = dict(heads or {})
        self._head_length = max((len(h.split()) for h in self.heads), default=0)
        # Most phrases name no product: their first words rule a use out before any lookup.
        self._product_words = frozenset(p.split()[0] for use in self.uses for p in use.products)

    def read_use(self, key: str, whole: bool = True) -> Any | None:
        """What the phrase ``key`` (normalised) means by what a product in it was used for, or None.

        "uses ChatGPT to write and debug Python scripts" is an AI coding assistant, where "ChatGPT" alone
        is no more than awareness of Gen AI. The product must be a whole name there: "built a coding bot on the ChatGPT API" names
        the API, not the chat product, and the purpose must be said ("ChatGPT for video scripts" is not code). A use
        of several products needs that many named: "Compared Mistral, Claude and Gemini on price" compares providers,
        where "compared Claude's drafts with ours" only used one; such a use is read only on a ``whole`` entry, whose
        other parts may say the products were weighed some other way ("... on privacy and licence").
        """
        words = key.split()
        if self._product_words.isdisjoint(words):
            return None
        found = list(self._hits(words))
        hits = [(" ".join(words[h.start : h.end]), h.rule.target) for h in found]
        named = {name for name, _target in hits}
        # A restricted form says little of what the product did ("Copilot in Excel" writes no code).
        targets = {h.rule.target for h in found if not getattr(h.rule, "up_to", None)}
        plain = tuple(w if w in OTHER_PLURALS else singular(w) for w in words)
        for use in self.uses if whole else (u for u in self.uses if u.several == 1):
            # Another skill named beside the product says it was reached some other way ("the ruby-openai gem
            # (GPT-4 summaries)" is the API, from Ruby).
            others = {t for name, t in hits if t and name not in use.products} - use.about - {use.rule.target}
            if others or len(named & use.products) < use.several or any(holds(plain, u) for u in use.unless):
                continue
            if targets & use.about or any(holds(plain, p) for p in use.purposes):
                # The product was still used on real work: its practice holds ("ChatGPT Plus - I ask it to write
                # my SQL" at 3 is prompted there, as "ChatGPT for drafting memos" is).
                used = (h.rule for h in found if " ".join(words[h.start : h.end]) in use.products)
                practice = next((getattr(r, "practice", ()) for r in used), ())
                return replace(use.rule, practice=practice) if practice else use.rule
        return None

    def read_verb(self, key: str, beside: frozenset[str] = frozenset()) -> tuple[Any, ...]:
        """What the phrase ``key`` (normalised) means by the verb that leads it: the verb's meaning and those of
        the objects it names, or ``()``.

        "distilled large models into smaller students" is model compression: the verb names the activity, and
        the rest, naming no other known skill, says what it was done to; "fine-tuned BERT for sentiment
        classification" is fine-tuning and BERT, which the verb's ``verb_objects`` list. A phrase naming another
        skill is left to the other readings ("fine-tuned Llama with QLoRA" is QLoRA's), and so is any verb not
        leading, but for one right after the name of what it was done to ("RoBERTa fine-tuned for NER").
        ``beside`` holds what the other parts of a joined entry name: a more particular way of the activity among
        them (a skill that needs the verb's, ``verb_ways``) takes the reading.
        """
        words = key.split()
        start = next((i for i, w in enumerate(words) if not is_framing(singular(w))), len(words))
        done_to = self._longest_key(words, start)
        for at, before in ((start, None), *(((done_to.end, done_to),) if done_to else ())):
            verbs = self.verbs_after if before else self.verbs
            for end in range(min(at + self._verb_length, len(words)), at, -1):
                form = " ".join(words[at:end])
                if before is None and form not in self.verbs and self._leads_model(form, words, end):
                    return self._activity(self.verbs_after[form], words, end, None, beside)
                rule = verbs.get(form)
                if rule is not None and form not in self.verbs and not self._object_of(rule, before, words):
                    return ()  # "Stable Diffusion fine-tuning" is the diffusion skill's; "RoBERTa fine-tuning" BERT's
                if rule is not None:
                    return self._activity(rule, words, end, before, beside)
        return ()

    def _leads_model(self, form: str, words: list[str], end: int) -> bool:
        """Whether ``form``, a noun form read only after what was done to (``verbs_after``: "fine-tuning"), leads
        ``words`` right before an open model's family that names no skill (``verb_models``: "fine-tuning Qwen /
        Llama"): leading, the noun names an everyday activity as often ("fine tuning PID loops"), but not with such a
        model after it (session 45). A model that is a skill ("fine-tuning BERT") is left to the other readings: read
        as the verb's object there, a labelled goal ("fine tunning BERT for sentiment") lost its precision."""
        rule = self.verbs_after.get(form)
        after = self._longest_key(words, end) if rule is not None and end < len(words) else None
        return after is not None and after.rule.target is None and self._object_of(rule, after, words)

    def _object_of(self, rule: Any, before: PhraseHit | None, words: Sequence[str]) -> bool:
        """Whether ``before`` names one of the models ``rule``'s activity is done to (``verb_objects``): a noun form
        read after a name (``verbs_after``) is read only after such a model, which it is then the activity of. A
        model family that names no skill of its own (``verb_models``: "Qwen2", "Llama 3.1") is one too: LoRA on any
        named open model is parameter-efficient fine-tuning, and fine-tuning it is fine-tuning."""
        if before is None:
            return False
        if before.rule.target is None:
            return model_family(" ".join(words[before.start : before.end])) in self.verb_models.get(rule, frozenset())
        return before.rule.target in self.verb_objects.get(rule, frozenset())

    def _activity(
        self, rule: Any, words: list[str], end: int, before: PhraseHit | None, beside: frozenset[str]
    ) -> tuple[Any, ...]:
        """:meth:`read_verb` of the verb meaning ``rule`` whose words end before ``words[end]``, done to the name
        ``before`` it, if any."""
        # The activity's own names say it again ("quantized ... to 4-bit AWQ"); others must be its objects.
        rest = words[end:]
        hits = [
            h for h in [*([before] if before else []), *self._hits(rest)] if h.rule.target not in (None, rule.target)
        ]
        ways = self.verb_ways.get(rule, frozenset())
        if not beside.isdisjoint(ways) or any(h.rule.target in ways for h in hits):
            return ()  # a more particular way of the activity is named: "with QLoRA"
        objects = self.verb_objects.get(rule, frozenset())
        # What the verb was done to, right before or after it, is the activity's subject matter, not a skill of
        # its own unless the verb lists it: "fine-tuned Whisper" is fine-tuning, not Whisper's speech API.
        lead = None if before else next((i for i, w in enumerate(rest) if not is_framing(singular(w))), None)
        named = [
            h.rule
            for h in hits
            if (h is not before and not self._in_thing_done_to(rest, lead, h)) or h.rule.target in objects
        ]
        if len({r.target for r in named}) > 1 or any(r.target not in objects for r in named):
            return ()
        return (rule, *named[:1])

    def _in_thing_done_to(self, rest: list[str], lead: int | None, hit: PhraseHit) -> bool:
        """Whether the name ``hit`` of ``rest`` is what a leading verb was done to: the first word after the verb
        that is not framing, or inside the thing made it starts, between words naming nothing known ("dockerised
        the legacy PHP app", "Dockerised the lab's R Shiny dashboards": the app is what was containerised, PHP what
        it is written in, its subject matter as the app's; phrase round six)."""
        if lead is None or hit.start < lead:
            return False
        if hit.start == lead:
            return True
        if hit.start - lead > MAX_MADE_MODIFIERS:
            return False

        def plain(j: int) -> bool:  # a word naming nothing known, saying neither how nor where
            word = singular(rest[j])
            return not (is_framing(word) or word in CONTEXT or self._longest_key(rest, j))

        if not all(plain(j) for j in range(lead, hit.start)):
            return False
        for j in range(hit.end, min(hit.end + MAX_MADE_MODIFIERS, len(rest))):
            if singular(rest[j]) in MADE:
                return True
            if not plain(j):
                return False
        return False

    def read_head(self, key: str) -> Any | None:
        """What the phrase ``key`` (normalised) means by the words it ends with, or None.

        "Stripe API" and "Shopify GraphQL Admin API" are calling a product's web API: the product's name
        is not known, and need not be. The words before, framing aside, must be a name (one to
        :data:`MAX_HEAD_NAME` words, none saying what for or where: "the API" says nothing, "fields as JSON
        with the OpenAI API" is a sentence) naming no known name of anything else: "DeepSeek API" names a
        model and is left unread rather than misread.
        """
        words = key.split()
        for n in range(min(self._head_length, len(words) - 1), 0, -1):
            rule = self.heads.get(" ".join(words[-n:]))
            if rule is None:
                continue
            named = [w for w in words[:-n] if not is_framing(singular(w))]
            # "to" and "for" are framing and say what for too: "summarisation jobs to the Batch API" is a sentence.
            if not 0 < len(named) <= MAX_HEAD_NAME or not CONTEXT.isdisjoint(words[:-n]):
                return None  # "the API" says nothing; a longer rest is a sentence, not a product's name
            return None if any(h.rule.target != rule.target for h in self._hits(words[:-n])) else rule
        return None

    def hits(self, key: str) -> list[PhraseHit]:
        """The known names of the phrase ``key`` (normalised), the longest at each word, left to right."""
        return list(self._hits(key.split()))

    def targets_named(self, key: str) -> frozenset[Any]:
        """What the known names of the phrase ``key`` (normalised) mean, those naming nothing left out."""
        return frozenset(h.rule.target for h in self._hits(key.split()) if h.rule.target)

    def _hits(self, words: list[str]):
        """The known names of ``words``, the longest at each word, left to right."""
        i = 0
        while i < len(words):
            hit = self._longest_key(words, i)
            if hit is None:
                i += 1
                continue
            yield hit
            i = hit.end

    def read(self, key: str) -> PhraseHit | None:
        """The one known name the phrase ``key`` (normalised) holds among framing words, or None when it holds
        anything else.

        "worked with Docker in production" is Docker, "built a RAG chatbot" RAG (a chatbot is what was
        made). The longest known name is taken at each word. Precision first, so the phrase is left unread
        (for the typo search) when it holds a word that is neither framing, a thing made nor part of a
        known name, or two names of skills ("math for machine learning" is one subject, not two skills:
        joined names are split by the separators, not here). A word of another name of the one skill named
        restates it ("Pinecone DB", "Langfuse tracing"). A name that names nothing gives way to a
        skill's name it is set apart from ("used GPT-4 with LangChain" is LangChain), but one right beside
        it makes a product's name ("Mistral Embedding"). A key shorter than :data:`MIN_EMBEDDED_KEY`
        counts only with nothing but framing around it ("some R", not "R&D" or "go-to-market"), unless it is
        spelt with a digit, as no everyday word is ("pretraining of a small T5" names two skills).
        """
        words = key.split()
        hits: list[PhraseHit] = []
        made = False
        other: list[str] = []  # words that are none of these: they may restate the skill named
        i = 0
        while i < len(words):
            hit = self._longest_key(words, i)
            if hit is not None:
                hits.append(hit)
                i = hit.end
                continue
            word = singular(words[i])
            if word in CONTEXT and self._context_follows(words, i, hits):
                break
            if made and _describes(words[i]) and self._context_follows(words, i, hits):
                break  # what the thing made does: "Python scripts pulling OPC UA tags into CSV"
            if word in MADE:
                made = True
            elif hits and not self._everyday_hit(words, hits) and self._names_a_thing_made(words, i):
                made = True  # what the thing made is about: "XGBoost churn model", "Slack incident bot"
            # "hands" (on) is filler, "hand" is not; "and" between names of one skill says no more of it.
            # A word of another script beside a name known in it says how or where in the person's language
            # ("Python 脚本", "Linux驱动开发", "嵌入式Linux"): they write the name as it is known, not the words around it.
            elif not (is_framing(word) or words[i] in FILLER or words[i] == "and" or in_other_script(word)):
                if word not in self._any_own:
                    return None  # no skill's names have it: it cannot say one again
                other.append(word)
            i += 1
        if other and not self._restates(other, hits):
            return None
        hits = self._head_restating(words, hits)
        hits = [h for h in hits if not self._done_to_before(words, hits, h)]
        if len(hits) > 1 or made or other:
            hits = [h for h in hits if h.end - h.start > 1 or _embeddable(words[h.start])]
        named = _one_per_target(h for h in hits if h.rule.target)  # two names of one skill: one
        # A skill named in full beside its restricted form is named, the form saying how ("multi-GPU DDP").
        whole = {h.rule.target for h in hits if h.rule.target and not getattr(h.rule, "up_to", None)}
        full = [h for h in named if h.rule.target in whole]
        if full:  # a name credited only up to a level ("ChatGPT") gives way to a skill's, as a product's does
            named = full
        beside = (h.end == n.start or n.end == h.start for h in hits for n in named if h.rule.target != n.rule.target)
        if len(named) > 1 or any(beside):
            return None
        return named[0] if named else hits[0] if hits else None

    def read_loose(
        self, key: str, respelled: frozenset[str] = frozenset(), included: frozenset[str] = frozenset()
    ) -> PhraseHit | None:
        """The one skill a phrase ``key`` (normalised) names by a name no everyday sentence holds, whatever the
        other words; None otherwise.

        The last reading of a long CV line the others leave unread because it holds words that are neither
        framing nor known ("Profiled GPU memory with Nsight and moved training to bf16"). Only a name of two
        or more words, one spelt with a digit or a sign ("GPU memory", "LLM-as-judge", "llama.cpp"), a word
        English text does not use (:func:`is_coined`: "CrewAI crews for marketing copy"), or two names of the
        skill ("SentencePiece BPE units for ASR"), is read so: an English word may be anything among unknown
        words ("bedrock geology mapping", "licensed insurance agent"), and so may a name that is also an
        everyday word or another field's term. A name credited only up to a level gives way to a skill's, as
        in :meth:`read` ("Compared Claude against self-hosted Llama for patient records"), and is read at its
        cap where it is the only one ("Whisper transcription of call-centre recordings for QA"); an everyday
        name gives way to a distinctive one ("Qdrant cluster holding 40M article embeddings" is the vector
        database). A name ``respelled`` from a typo is distinctive: the word typed was none of English's
        ("custom pytroch training loops"). Names of the skills ``included`` in another named beside them, by the
        words beside them, are no others ("an MCP server exposing our Postgres read replica to Claude Desktop" is
        MCP: the database is what it serves).
        """
        words = key.split()
        named = [h for h in self._hits(words) if h.rule.target and h.rule.target not in included]
        named = [h for h in named if not self._done_to_before(words, named, h)]  # "SDXL LoRA training for clients"
        full = [h for h in named if not getattr(h.rule, "up_to", None)]
        if full:
            named = full
        plain = [h for h in named if not self._is_everyday(" ".join(words[h.start : h.end]))]
        if plain and len({h.rule.target for h in plain}) == 1:
            named = plain  # an everyday name may be anything among unknown words: a distinctive one says the skill
        if not named or len({h.rule.target for h in named}) > 1:
            return None
        if len({" ".join(words[h.start : h.end]) for h in named}) > 1 and not any(
            getattr(h.rule, "up_to", None) or self._is_everyday(" ".join(words[h.start : h.end])) for h in named
        ):
            return named[0]  # two names of one skill say it twice ("SentencePiece BPE units for ASR")
        for h in named:
            text = " ".join(words[h.start : h.end])
            if self._is_everyday(text):
                return None
            if not (_distinctive(text, is_coined) or text in respelled):
                return None
        return named[0]

    def read_pair(self, key: str) -> tuple[PhraseHit, ...]:
        """The two skills a phrase ``key`` (normalised) names when one builds directly on the other (``builds_on``:
        a skill's targets -> its prerequisites' targets), whatever the other words: "Keras CNN for detecting
        defects on PCB images" is Keras and deep learning, "Spring AI prototype calling OpenAI" an LLM framework
        and the API it calls. So are two named with a word of :data:`WRAPS` between them, whatever they build on:
        "FastAPI service wrapping the Claude API" is a web backend and the API it wraps, "SwiftUI app calling the
        Claude API" an app's language and the API it calls. So is an activity "of" a model that verbs' activities
        are done to (``verb_objects``): "span-corruption pretraining of a small T5" is the objective and T5, as
        "fine-tuned BERT" is fine-tuning and BERT. The last reading of a line the others leave unread.
        One of the names must be distinctive (two or more words, a digit or a sign, or a word English text seldom
        uses: "Keras", not "container" in "reach stacker operator at a container terminal"); none may be an
        everyday name or a restricted form, nor counted ("64 GPUs" says how many, not what was learnt); ``()``
        otherwise.
        """
        words = key.split()
        found = [h for h in self._hits(words) if h.rule.target]
        # A number counts what follows it ("64 GPUs"), unless a name holds it as its version ("Java 17 Spring Boot").
        versions = {i for h in found for i in range(h.start, h.end)}
        hits = [h for h in found if not (h.start and words[h.start - 1].isdigit() and h.start - 1 not in versions)]
        named: dict[Any, PhraseHit] = {}
        everyday: list[PhraseHit] = []
        for h in hits:
            if getattr(h.rule, "up_to", None):
                return ()
            if self._is_everyday(" ".join(words[h.start : h.end])):
                everyday.append(h)
            named.setdefault(h.rule.target, h)
        if len(named) != 2:
            return ()
        (a, first), (b, second) = named.items()
        # An everyday name counts only right after a distinctive name of a skill it builds directly on, which says
        # what it was built on: "Pinecone RAG PoCs" is the vector database and the RAG built on it.
        if everyday and not (
            everyday == [second]
            and first.end == second.start
            and second.rule.target in self.builds_on
            and a in self.builds_on[second.rule.target]
            and _distinctive(" ".join(words[first.start : first.end]), is_rare)
        ):
            return ()
        between = words[min(first.end, second.end) : max(first.start, second.start)]
        wraps = not WRAPS.isdisjoint(between) or not INTO.isdisjoint(between)
        if not (
            wraps or self._builds_directly(a, b) or self._done_to(words, first, second) or self._written_in(words, hits)
        ):
            return ()
        if not any(_distinctive(" ".join(words[h.start : h.end]), is_rare) for h in (first, second)):
            return ()
        return (first, second)

    def _done_to_before(self, words: list[str], hits: list[PhraseHit], hit: PhraseHit) -> bool:
        """Whether ``hit`` opens with a form read only after what was done to (``verbs_after``: "LoRA") right after a
        skill's full name its activity is not done to, but whose reading shows it (``shown_beside``): the activity
        is then that skill's practice, read with it ("SDXL LoRA training" is the diffusion model's, as "Stable
        Diffusion LoRA" is, and its ``shows`` rule adds the adapters beside it), not a second skill that would leave
        the phrase unread. Elsewhere the name before is what was done to ("Whisper LoRA training" is PEFT)."""
        before = next((h for h in hits if h.end == hit.start), None)
        if before is None or getattr(before.rule, "up_to", None):
            return False
        if before.rule.target not in self.shown_beside.get(hit.rule.target, frozenset()):
            return False
        for end in range(min(hit.start + self._verb_length, hit.end), hit.start, -1):
            rule = self.verbs_after.get(" ".join(words[hit.start : end]))
            if rule is not None and rule.target == hit.rule.target:
                return " ".join(words[hit.start : end]) not in self.verbs and not self._object_of(rule, before, words)
        return False

    def _done_to(self, words: list[str], first: PhraseHit, second: PhraseHit) -> bool:
        """Whether ``second`` names the model an activity named by ``first`` was done to, after "of" and framing
        ("span-corruption pretraining of a small T5", "knowledge distillation of a BERT classifier"): one of the
        models a verb's activity is done to (``verb_objects``: "fine-tuned BERT" is fine-tuning and BERT)."""
        between = [singular(w) for w in words[first.end : second.start]]
        if not between or between[0] != "of" or not all(is_framing(w) for w in between[1:]):
            return False
        return any(second.rule.target in objects for objects in self.verb_objects.values())

    def _is_everyday(self, text: str) -> bool:
        """Whether a name found (normalised: "pre-training" is "pre training") is an everyday name, spaced or
        not ("pretraining")."""
        return text in self.everyday or text.replace(" ", "") in self.everyday

    def _everyday_hit(self, words: list[str], hits: list[PhraseHit]) -> bool:
        """Whether a name found is also an everyday word ("temperature control systems" are no sampling)."""
        return any(self._is_everyday(" ".join(words[h.start : h.end])) for h in hits)

    def _names_a_thing_made(self, words: list[str], at: int) -> bool:
        """Whether ``words[at]`` starts at most :data:`MAX_MADE_MODIFIERS` words, naming nothing known, right
        before a thing made or a model ("churn" in "XGBoost churn model")."""
        for j in range(at + 1, min(at + 1 + MAX_MADE_MODIFIERS, len(words))):
            if self._longest_key(words, j - 1) is not None:
                return False
            if singular(words[j]) in MADE or singular(words[j]) == "model":
                return True
        return False

    def _head_restating(self, words: list[str], hits: list[PhraseHit]) -> list[PhraseHit]:
        """``hits`` without a last one-word name right after another name that a name of the other's skill holds:
        "Inspect AI evals" is the benchmark tool's evaluations ("model evals"), not LLM application evaluation too,
        as "Langfuse tracing" restates Langfuse. Skills only: a module's name says more than its one skill
        ("Agentforce agents" names the agents module beside Agentforce's restricted AI agents)."""
        if len(hits) < 2:
            return hits
        last, before = hits[-1], hits[-2]
        skills = all(str(h.rule.target).startswith("skill:") for h in (last, before))
        if last.end - last.start != 1 or before.end != last.start or not skills:
            return hits
        if last.rule.target == before.rule.target or singular(words[last.start]) not in self.own_words.get(
            before.rule.target, ()
        ):
            return hits
        return hits[:-1]

    def _restates(self, other: list[str], hits: list[PhraseHit]) -> bool:
        """Whether the ``other`` words all come from other names of the one thing the ``hits`` name."""
        targets = {h.rule.target for h in hits}
        if len(targets) != 1 or None in targets:
            return False
        own = self.own_words.get(next(iter(targets)), frozenset())
        return all(word in own for word in other)

    def _context_follows(self, words: list[str], at: int, hits: list[PhraseHit]) -> bool:
        """Whether ``words[at:]`` only says what for or where ("Python for log parsing", "a RAG system over
        internal docs"): after one skill's name, and with no known name in it (else it names more)."""
        targets = {h.rule.target for h in hits if h.rule.target}
        if len(targets) != 1:
            return False
        if singular(words[at]) in PURPOSE and not (words[at] == "to" and self._placed(words, at)):
            return not (self._tool_follows(words, at, targets) or self._next_step_names(words, at, targets))
        # The same name's meaning again says no more ("Airflow DAGs loading Postgres"); a restricted form of it does.
        meanings = {h.rule for h in hits if h.rule.target}
        rest = (self._longest_key(words, j) for j in range(at + 1, len(words)))
        return all(hit is None or hit.rule in meanings for hit in rest)

    @staticmethod
    def _placed(words: list[str], at: int) -> bool:
        """Whether a verb of putting a thing somewhere (:data:`PLACING`) comes before ``words[at]``: "to" there says
        where ("deployed ... to EKS"), not what for."""
        return any(singular(w) in PLACING for w in words[:at])

    def _next_step_names(self, words: list[str], at: int, targets: set) -> bool:
        """Whether the purpose from ``words[at]`` ends where "then" starts a next step naming another skill, not
        credited only up to a level ("Whisper to transcribe hearings then the GPT-4 API to summarise them"): the
        step is no purpose of the first name but a second thing done, left to the separators."""
        then = next((j for j in range(at + 1, len(words)) if words[j] == NEXT_STEP), None)
        if then is None:
            return False
        named = (self._longest_key(words, j) for j in range(then + 1, len(words)))
        return any(
            hit is not None and hit.rule.target not in (None, *targets) and not getattr(hit.rule, "up_to", None)
            for hit in named
        )

    def _tool_follows(self, words: list[str], at: int, targets: set) -> bool:
        """Whether the purpose from ``words[at]`` ends by naming, after "in", "with", "using" or "via", a skill
        that builds on the one named before it or that it builds on ("1D CNN for AF detection in Keras"): the
        tool it was done in, read with it as a pair (:meth:`read_pair`), not what it was for."""
        (target,) = targets
        for j in range(at + 1, len(words) - 1):
            hit = self._longest_key(words, j + 1) if words[j] in TOOL_WORDS else None
            if hit and self._builds_directly(target, hit.rule.target):
                return True
        return False

    def _written_in(self, words: list[str], hits: list[PhraseHit]) -> bool:
        """Whether a language's name comes right before the other skill's name, saying what it was written in: "Java
        Spring Boot REST services", "Python FastAPI service", "C# .NET REST APIs" are the language and web APIs, as
        "Java/Spring Boot" is (reading round fifteen). A language's own name (:data:`LANGUAGE_WORDS`), not a library's:
        in "numpy data cleaning" the words after the library say what was done with it."""
        return any(
            h.end == n.start
            and h.rule.target in self.languages
            and words[h.start] in LANGUAGE_WORDS  # a language, not a library: "numpy data cleaning" is what was done
            and n.rule.target not in self.languages
            for h in hits
            for n in hits
        )

    def _builds_directly(self, a, b) -> bool:
        """Whether one of two skills' targets builds directly on the other (``builds_on``)."""
        return a in self.builds_on.get(b, ()) or b in self.builds_on.get(a, ())

    def _longest_key(self, words: list[str], start: int) -> PhraseHit | None:
        """The longest known name starting at ``words[start]``."""
        # The readers look at the same words again and again (a use, the phrase, a verb, a head): the answer
        # for the words a name can reach from here is kept.
        window = tuple(words[start : start + self.longest])
        found = self._windows.get(window, _UNSEEN)
        if found is _UNSEEN:
            found = self._longest_in(window)
            if len(self._windows) >= WINDOWS_KEPT:
                self._windows.clear()
            self._windows[window] = found
        return None if found is None else PhraseHit(found[0], start, start + found[1])

    def _longest_in(self, window: tuple[str, ...]) -> tuple[Any, int] | None:
        """The meaning and length of the longest known name ``window`` starts with."""
        for end in range(len(window), 0, -1):
            key = " ".join(window[:end])
            if end == 1 and is_framing(singular(key)):
                return None  # "use", "work": framing even where a catalog spells them
            if end > 1 and "and" in (window[0], window[end - 1]):
                continue  # "and" joins two names; a loose spelling drops it, so "Claude and" would be "Claude"
            if end > 1 and end < len(window) and window[end] in DURATIONS and NUMBER.match(window[end - 1]):
                # "vex 2 yrs": a number of years says how long, no release: the name before it, as long as it is
                # written with its number ("go 6 yrs" is Go, as a name with a number is long enough to count)
                rule = self.lookup(" ".join(window[: end - 1]))
                if rule is not None:
                    return rule, end
                continue
            rule = self.lookup(key)
            if rule is not None:
                return rule, end
        return None


def _distinctive(name: str, uncommon: Callable[[str], bool]) -> bool:
    """Whether a name found could hardly be an everyday word: two or more words, a digit or a sign, or one word
    ``uncommon`` says English text does not use (:func:`is_coined`) or seldom uses (:func:`is_rare`)."""
    return " " in name or not name.isalpha() or uncommon(name)


@cache
def english_zipf(word: str) -> float:
    """How often English text uses ``word``, on wordfreq's Zipf scale (0 for never seen, 3 for once per million
    words; its sources are Wikipedia, subtitles, news, books and the web)."""
    # Imported here: wordfreq takes 0.14 s to import and 0.2 s to load its English list, which only an entry
    # left unread needs; `careerpath recommend` would pay it every time.
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def is_rare(word: str) -> bool:
    """Whether English text seldom uses ``word`` (normalised): under once per million words ("keras" 1.7,
    "gpus" 2.7, where "container" is 4.0)."""
    return english_zipf(word) < RARE_ZIPF


MISSPELT_ZIPF = 1.4  # wordfreq's Zipf scale: common misspellings ("promt" 1.2, "tunning" 1.3) sit at or below it


def is_misspelling(word: str) -> bool:
    """Whether English text all but never uses ``word`` (normalised): a coined name (:func:`is_coined`) or a slip
    people often make ("promt", "tunning", "enginering"), where "ragas" or "keras" are rare but real words."""
    return _used_at_most(word, MISSPELT_ZIPF)


def is_coined(word: str) -> bool:
    """Whether English text uses neither ``word`` (normalised) nor its singular: a name made for a product or a
    field ("langfuse", "qlora", "crewai"), where "bedrock", "agent" or "whisper" are words."""
    return _used_at_most(word, 0.0)


def _used_at_most(word: str, zipf: float) -> bool:
    """Whether a one-word name, and its singular, are used in English text at most ``zipf`` on wordfreq's scale."""
    return word.isalpha() and max(english_zipf(word), english_zipf(singular(word))) <= zipf


def _embeddable(word: str) -> bool:
    """Whether a one-word key counts among other words: one of :data:`MIN_EMBEDDED_KEY` letters or more, or a
    shorter one spelt with a digit, which no everyday word is ("a small T5", where "go" or "R" may be anything)."""
    return len(word) >= MIN_EMBEDDED_KEY or any(c.isdigit() for c in word)


def _one_per_target(hits) -> list[PhraseHit]:
    """One hit per skill; of a name and a restricted form of it ("Stable Diffusion in ComfyUI"), the restricted
    form, which says how the skill was used; of two restricted forms, the one credited higher ("Excel - pivots,
    Power Query": Power Query's data wrangling, up to 2, is shown as well as the pivots', up to 1). Two names read
    alike keep what either shows when practised: "JavaScript / Node.js" shows Node.js's server code, as "Node.js"
    alone does, though "JavaScript" came first (session 42)."""
    out: dict = {}
    for h in hits:
        kept = out.get(h.rule.target)
        if kept is None or _says_more(h, kept):
            out[h.rule.target] = h
        elif _practice(h) and not _says_more(kept, h) and not set(_practice(h)) <= set(_practice(kept)):
            shown = tuple(dict.fromkeys((*_practice(kept), *_practice(h))))
            out[h.rule.target] = kept._replace(rule=replace(kept.rule, practice=shown))
    return list(out.values())


def _practice(hit: PhraseHit) -> tuple:
    """What using the product ``hit`` names on real work shows besides (``matching.yaml``'s ``practice``)."""
    return getattr(hit.rule, "practice", ())


def _says_more(hit: PhraseHit, kept: PhraseHit) -> bool:
    """Whether ``hit`` says more of how its skill was used than ``kept``: a restricted form more than the whole
    name; of two restricted forms, the one credited higher."""
    new, old = cap(getattr(hit.rule, "up_to", None)), cap(getattr(kept.rule, "up_to", None))
    if math.isinf(old):
        return new < old
    return not math.isinf(new) and new > old


def cap(up_to: int | None) -> float:
    """The most a reading credits: its ``up_to``, or no limit (a restricted form ranks below the whole skill)."""
    return float("inf") if up_to is None else up_to


def _describes(word: str) -> bool:
    """Whether ``word`` starts a clause saying what a thing made does ("pulling ...", "that ...")."""
    return word in ("that", "which") or (len(word) > 4 and word.endswith("ing"))


def holds(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Whether ``part`` appears in ``words``, word for word and in order."""
    n = len(part)
    return any(words[i : i + n] == part for i in range(len(words) - n + 1))
