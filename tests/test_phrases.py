"""Reading a known name inside a phrase (recommender/phrases.py), against a lookup of a few names.

The matcher's own tests (tests/test_matching.py) read phrases against the shipped catalog; these hold the
reader to its rules on names chosen to isolate each one.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recommender.phrases import (
    FRAMING,
    PhraseReader,
    Use,
    is_coined,
    is_framing,
    is_misspelling,
    model_family,
    singular,
)


class Meaning(NamedTuple):
    target: str | None  # None: a name that names nothing (a product, a model)
    up_to: int | None = None  # credited up to this level only


NAMES = {
    "docker": Meaning("skill:containers"),
    "rag": Meaning("skill:rag"),
    "langchain": Meaning("skill:langchain"),
    "machine learning": Meaning("skill:ml-fundamentals"),
    "math": Meaning("skill:math-for-ml"),
    "gpt 4": Meaning(None),
    "gemini": Meaning(None),
    "embedding": Meaning("skill:embeddings"),
    "r": Meaning("skill:programming-languages"),
    "use": Meaning("skill:something-spelled-like-a-verb"),
    "sql": Meaning("skill:sql-and-data"),
    "postgres": Meaning("skill:sql-and-data"),
    "chatgpt": Meaning("skill:genai-fundamentals", up_to=1),
    "comfyui": Meaning("skill:stable-diffusion", up_to=2),
    "stable diffusion": Meaning("skill:stable-diffusion"),
}
READER = PhraseReader(NAMES.get, longest=2)


def read(phrase: str) -> str | None:
    hit = READER.read(phrase)
    return None if hit is None else hit.rule.target or "nothing"


@pytest.mark.parametrize(
    ("phrase", "meaning"),
    [
        ("worked with docker in production", "skill:containers"),  # framing around the name
        ("built a rag chatbot", "skill:rag"),  # a thing made
        ("rag for internal docs", "skill:rag"),  # what for, naming nothing known
        ("docker to deploy internal tools", "skill:containers"),  # what for, said with "to"
        ("math for machine learning", "skill:math-for-ml"),  # what for, even naming a skill: the subject first
        ("postgres sql reports", "skill:sql-and-data"),  # two names of one skill side by side: one skill
        ("docker from a weekend workshop", "skill:containers"),  # where from
        ("hands on docker", "skill:containers"),  # filler is filler in the plural too
        ("docker to learn langchain", "skill:containers"),
        ("used gpt 4 with langchain", "skill:langchain"),  # a product set apart gives way
        ("called chatgpt via docker", "skill:containers"),  # so does a name credited only up to a level
        ("used gpt 4 daily", "nothing"),  # only a product: its reason
        ("some r", "skill:programming-languages"),  # a short key alone
        ("use docker", "skill:containers"),  # a framing word is framing even where a key spells it
        ("did the library carpentry sql lessons", "skill:sql-and-data"),  # where it was learned
        ("udemy docker course", "skill:containers"),
        ("sql scripts pulling tags into csv files", "skill:sql-and-data"),  # what the thing made does
        ("docker pipelines that ship nightly", "skill:containers"),
        ("docker migrations", "skill:containers"),  # a migration is a thing done with it
        ("langchain backend for the portal", "skill:langchain"),  # a backend, a server: things made
        ("docker pipeline loading images into docker hub", "skill:containers"),  # the same skill again says no more
        ("sql pipelines over postgres", "skill:sql-and-data"),
    ],
)
def test_a_phrase_is_read_as_the_one_name_it_holds(phrase, meaning):
    assert read(phrase) == meaning


@pytest.mark.parametrize(
    "phrase",
    [
        "sql no metabase selects joins simples",  # Portuguese "no" (in the): where, naming nothing known
        "sql na empresa",  # Portuguese "na" (in the)
        "sql em relatorios",  # Portuguese "em" (in)
        "sql en bigquery para reportes",  # Spanish "en" (in)
    ],
)
def test_portuguese_and_spanish_in_says_where_as_in_does(phrase):
    assert read(phrase) == "skill:sql-and-data"


def test_portuguese_in_naming_another_skill_is_not_read():
    assert READER.read("sql no docker") is None  # where, naming something known: it may be a second skill


@pytest.mark.parametrize("phrase", ["stable diffusion in comfyui", "comfyui with stable diffusion"])
def test_a_skill_named_with_a_restricted_form_of_it_is_the_restricted_form(phrase):
    """The restricted form says how the skill was used: through a web UI, credited up to 2."""
    hit = READER.read(phrase)
    assert hit.rule == NAMES["comfyui"]


@pytest.mark.parametrize(
    "phrase",
    [
        "docker swarm tuning",  # a word that is neither framing, made nor known
        "math machine learning",  # two skills' names: one subject
        "gemini embedding",  # a product beside a skill's name is a product's name
        "r d management",  # a short key with other words around it
        "rag over langchain apps",  # where, naming something known: it may be a second skill
        "docker pulling images",  # a clause describes a thing made, not a name
        "python scripts pulling docker images",  # nor one naming something known
        "",
    ],
)
def test_a_phrase_holding_anything_else_is_not_read(phrase):
    assert READER.read(phrase) is None


OWN = {"skill:containers": frozenset({"docker", "container", "swarm"}), "skill:rag": frozenset({"rag", "retrieval"})}
RESTATING = PhraseReader(NAMES.get, longest=2, own_words=OWN)


@pytest.mark.parametrize(
    ("phrase", "meaning"),
    [
        ("docker swarm tuning", None),  # "tuning" is no word of the skill's names
        ("docker swarm", "skill:containers"),  # "swarm" is: it says the skill again
        ("used swarm docker", "skill:containers"),
        ("retrieval rag apps", "skill:rag"),
        ("docker swarm with langchain", None),  # two skills: "swarm" cannot say which
        ("gemini swarm", None),  # a word of a skill's names beside a name that names none
        ("swarm", None),  # nothing named: a word of its names is not the skill
    ],
)
def test_a_word_from_another_name_of_the_one_skill_named_restates_it(phrase, meaning):
    hit = RESTATING.read(phrase)
    assert (hit.rule.target if hit else None) == meaning
    assert READER.read(phrase) is None  # without the names' words the reader stays strict


@pytest.mark.parametrize(
    ("phrase", "meaning"),
    [
        ("langchain docker", "skill:langchain"),  # "docker" is a word of LangChain's names here: it says it again
        ("docker langchain", None),  # before the name, not its head: two skills
        ("langchain docker app", "skill:langchain"),
        ("rag docker", None),  # no word of RAG's names: two skills
        ("gemini docker", None),  # a name naming nothing keeps its head a product's name
    ],
)
def test_a_last_name_that_a_name_of_the_skill_before_it_holds_restates_it(phrase, meaning):
    """ "Inspect AI evals": "evals" names application evaluation alone, but after a benchmark tool it is a word of
    the tool's skill's own names ("model evals"), so it says that skill again, not a second one."""
    reader = PhraseReader(NAMES.get, longest=2, own_words={"skill:langchain": frozenset({"docker"})})
    hit = reader.read(phrase)
    assert (hit.rule.target if hit else None) == meaning


@pytest.mark.parametrize(
    ("phrase", "meaning"),
    [
        ("langchain churn model", "skill:langchain"),  # what the thing made is about
        ("langchain support ticket bots", "skill:langchain"),
        ("langchain claims support ticket bot", None),  # more than two words before it
        ("swarm langchain app", None),  # before the name: it may be a maker's or another product's
        ("langchain swarm docker app", None),  # a known name among them: two skills
        ("langchain swarm", None),  # nothing made after it
    ],
)
def test_words_right_before_a_thing_made_say_what_it_is_about(phrase, meaning):
    hit = READER.read(phrase)
    assert (hit.rule.target if hit else None) == meaning


@pytest.mark.parametrize("made", ["cli tools for log parsing", "clis"])
def test_a_command_line_tool_is_a_thing_made(made):
    """ "Rust CLI tools for log parsing" is the language: a CLI is what was made with it."""
    assert read(f"langchain {made}") == "skill:langchain"


def test_an_everyday_name_is_not_read_before_what_a_thing_made_is_about():
    reader = PhraseReader(NAMES.get, longest=2, everyday=frozenset(["docker"]))
    assert reader.read("docker swarm app") is None
    assert READER.read("docker swarm app").rule.target == "skill:containers"


@given(st.lists(st.sampled_from(sorted(FRAMING)), max_size=4), st.lists(st.sampled_from(sorted(FRAMING)), max_size=4))
def test_framing_on_either_side_never_changes_the_name(before, after):
    assert read(" ".join([*before, "langchain", *after])) == "skill:langchain"


@pytest.mark.parametrize(
    "edition", ["free version", "paid version", "free tier", "premium subscription", "trial account"]
)
def test_a_products_edition_or_subscription_is_framing(edition):
    """ "ChatGPT free version at home" is ChatGPT: which edition or plan says how it was used, not what."""
    assert read(f"langchain {edition}") == "skill:langchain"


def test_basic_in_indonesian_is_filler():
    """ "python dasar" (Indonesian and Malay for basic Python) is the language, as "basic python" is."""
    assert read("langchain dasar") == "skill:langchain"


def test_counts_and_plurals_are_framing():
    assert all(is_framing(w) for w in ["3", "5+", "2.5", "3d", "5y", "6yrs", "10yr+", singular("years")])
    assert not any(is_framing(w) for w in ["docker", "d3", "llm"])


# What a product was used for (matching.yaml's uses): the product must be a whole name in the phrase and
# the purpose must be said.
CODING = Meaning("skill:ai-coding-assistants")
USES = [
    Use(
        frozenset(["gpt 4", "gemini"]),
        (("code",), ("debug",), ("python", "script")),
        CODING,
        frozenset(["skill:math-for-ml"]),
        (("response",), ("rate", "limit")),
    )
]
USE_READER = PhraseReader({**NAMES, "gemini api": Meaning("skill:llm-apis")}.get, longest=2, uses=USES)


@pytest.mark.parametrize(
    "phrase",
    [
        "use gpt 4 to write code",
        "gemini for debug",
        "gpt 4 to write python scripts",
        "python scripts with gemini",
        "gpt 4 to explain math errors",  # a name of a skill the use is about
    ],
)
def test_a_product_used_for_a_purpose_is_read_as_what_the_use_means(phrase):
    assert USE_READER.read_use(phrase) is CODING


@pytest.mark.parametrize(
    "phrase",
    [
        "gpt 4 daily",  # no purpose said
        "gpt 4 for video scripts",  # "scripts" without the language is not code
        "code review with docker",  # no product
        "gemini api for code",  # the API, a longer name, not the chat product
        "python gpt 4 scripts",  # the purpose's words must be together, in order
        "gpt 4 to explain fault codes",  # codes that are labels, not code
        "rag code with gpt 4",  # another skill named: the product may have been reached some other way
    ],
)
def test_a_use_needs_the_product_as_a_whole_name_and_its_purpose(phrase):
    assert USE_READER.read_use(phrase) is None


@pytest.mark.parametrize(
    "phrase", ["python script streaming gemini responses", "gemini from python scripts with rate limits and retries"]
)
def test_a_use_does_not_hold_where_the_entry_says_the_product_was_used_another_way(phrase):
    """A script calling the model says how it was called, not that the model wrote it (the use's ``unless``)."""
    assert USE_READER.read_use(phrase) is None


def test_a_reader_without_uses_reads_none():
    assert READER.read_use("gpt 4 to write code") is None


PROVIDERS = Meaning("skill:model-providers")
SEVERAL_READER = PhraseReader(
    NAMES.get,
    longest=2,
    uses=[Use(frozenset(["gpt 4", "gemini", "chatgpt"]), (("compared",),), PROVIDERS, several=2)],
)


@pytest.mark.parametrize(
    ("phrase", "whole", "meaning"),
    [
        ("compared gpt 4 and gemini on price", True, PROVIDERS),  # several products weighed together
        ("compared gemini vs chatgpt vs gpt 4", True, PROVIDERS),
        ("compared gpt 4 drafts with our copywriters", True, None),  # one product is only used
        ("compared gpt 4 and gemini", False, None),  # a part of an entry: another may say how they were weighed
    ],
)
def test_a_use_of_several_products_needs_that_many_named_in_a_whole_entry(phrase, whole, meaning):
    assert SEVERAL_READER.read_use(phrase, whole) is meaning


LOOSE_AND = PhraseReader(lambda key: NAMES.get(" ".join(w for w in key.split() if w != "and")), longest=3)


def test_no_name_starts_or_ends_with_and_even_where_a_loose_spelling_drops_it():
    # "sql and" is "sql" loosely: the "and" joins the next name, it is no part of this one.
    spans = [(h.start, h.end) for h in LOOSE_AND._hits(["sql", "and", "docker"])]
    assert spans == [(0, 1), (2, 3)]


@pytest.mark.parametrize(
    ("phrase", "meaning"),
    [("postgres and sql reports", "skill:sql-and-data"), ("docker and langchain", None), ("docker and friends", None)],
)
def test_and_between_names_of_one_skill_says_no_more(phrase, meaning):
    assert read(phrase) == meaning


# Verbs that name an activity (matching.yaml's verbs): read when they lead a phrase naming no other skill.
COMPRESSION = Meaning("skill:model-compression")
VERB_READER = PhraseReader(NAMES.get, longest=2, verbs={"distilled": COMPRESSION, "fine tuned": CODING})


@pytest.mark.parametrize(
    ("phrase", "meaning"),
    [
        ("distilled large models into smaller students", COMPRESSION),
        ("i have distilled a classifier", COMPRESSION),  # framing before the verb
        ("fine tuned gpt 4 on support tickets", CODING),  # a product names no other skill
    ],
)
def test_a_phrase_led_by_a_verb_is_the_activity_it_names(phrase, meaning):
    assert VERB_READER.read_verb(phrase) == (meaning,)


OBJECT_READER = PhraseReader(
    NAMES.get,
    longest=2,
    verbs={"fine tuned": CODING},
    verb_objects={CODING: frozenset(["skill:rag", "skill:sql-and-data"])},
)


@pytest.mark.parametrize(
    ("phrase", "read"),
    [
        ("fine tuned rag for support", (CODING, NAMES["rag"])),  # an object of the verb: both
        ("fine tuned sql postgres models", (CODING, NAMES["sql"])),  # two names of one object
        ("fine tuned rag with langchain", ()),  # a skill that is no object of the verb
        ("fine tuned rag and sql", ()),  # two objects: which was fine-tuned is not said
        ("fine tuned rag with gpt 4", (CODING, NAMES["rag"])),  # a product names no skill
    ],
)
def test_a_verb_names_its_objects_beside_its_activity(phrase, read):
    assert OBJECT_READER.read_verb(phrase) == read


def test_a_name_of_the_verbs_own_activity_says_it_again():
    reader = PhraseReader({**NAMES, "awq": COMPRESSION}.get, longest=2, verbs={"distilled": COMPRESSION})
    assert reader.read_verb("distilled a 70b model to 4 bit awq") == (COMPRESSION,)


@pytest.mark.parametrize(
    "phrase",
    [
        "distilled a classifier for rag pipelines",  # names another skill after it: left to the other readings
        "students distilled from teachers",  # the verb does not lead
        "distillation",  # not a verb form listed
    ],
)
def test_a_verb_not_leading_or_beside_another_skill_is_not_read(phrase):
    assert VERB_READER.read_verb(phrase) == ()


@pytest.mark.parametrize(
    ("phrase", "read"),
    [
        ("rag fine tuned for support", (CODING, NAMES["rag"])),  # the object before the verb, listed
        ("langchain fine tuned for support", (CODING,)),  # not listed: what it was done to, no skill of its own
        ("our rag fine tuned with langchain", ()),  # another skill after it: left to the other readings
        ("rag and sql fine tuned", ()),  # the verb not right after the first name
    ],
)
def test_a_verb_right_after_the_name_it_was_done_to_is_read_too(phrase, read):
    assert OBJECT_READER.read_verb(phrase) == read


def test_what_the_verb_was_done_to_is_no_skill_of_its_own_unless_the_verb_lists_it():
    assert VERB_READER.read_verb("distilled rag pipelines") == (COMPRESSION,)  # RAG is what was distilled
    assert OBJECT_READER.read_verb("fine tuned our rag bot") == (CODING, NAMES["rag"])  # an object it lists


WAYS_READER = PhraseReader(
    NAMES.get, longest=2, verbs={"fine tuned": CODING}, verb_ways={CODING: frozenset(["skill:rag"])}
)


@pytest.mark.parametrize(
    ("phrase", "beside", "read"),
    [
        ("fine tuned a classifier", frozenset(), (CODING,)),
        ("fine tuned a classifier", frozenset(["skill:sql-and-data"]), (CODING,)),  # beside a tool it was done with
        ("fine tuned a classifier", frozenset(["skill:rag"]), ()),  # beside a more particular way of it
        ("fine tuned a classifier with rag", frozenset(), ()),  # the more particular way named in the phrase
    ],
)
def test_a_more_particular_way_of_the_verbs_activity_takes_the_reading(phrase, beside, read):
    assert WAYS_READER.read_verb(phrase, beside) == read


# Words that end a name and say what it is (matching.yaml's heads): "Stripe API".
WEB = Meaning("skill:web-apis", up_to=3)
HEAD_READER = PhraseReader({**NAMES, "graphql": Meaning("skill:web-apis")}.get, longest=2, heads={"api": WEB})


@pytest.mark.parametrize(
    "phrase",
    [
        "stripe api",
        "integrated the stripe api",
        "shopify graphql admin api",
    ],  # a known name of the same skill may be in it
)
def test_a_product_name_before_a_head_word_is_what_the_head_says(phrase):
    assert HEAD_READER.read_head(phrase) is WEB


@pytest.mark.parametrize(
    "phrase",
    [
        "the api",  # nothing says which
        "gpt 4 api",  # names a model: not a web API of a product
        "docker api",  # names another skill
        "extracted policy fields as json for the claims api",  # a sentence, not a name
        "summarisation jobs to the batch api",  # "to" says where, though it is framing too (round eighteen)
        "api",  # the head alone
    ],
)
def test_a_head_word_after_anything_but_a_short_unknown_name_is_not_read(phrase):
    assert HEAD_READER.read_head(phrase) is None


LOOSE = PhraseReader(
    {
        **NAMES,
        "gpu memory": Meaning("skill:gpu-computing"),
        "llama cpp": Meaning("skill:ollama"),
        "k8s": Meaning("skill:containers"),
        "fine tuning": Meaning("skill:supervised-fine-tuning"),
        "kubernetes": Meaning("skill:containers"),
        "helm": Meaning("skill:containers"),
        "sft": Meaning("skill:supervised-fine-tuning"),
        "crewai": Meaning("skill:agent-frameworks"),
        "bedrock": Meaning("skill:model-providers"),
        "qdrant": Meaning("skill:vector-databases"),
        "embeddings": Meaning("skill:embeddings"),
    }.get,
    longest=2,
    everyday=frozenset(["docker", "fine tuning", "embeddings"]),
)


def read_loose(phrase: str) -> str | None:
    hit = LOOSE.read_loose(phrase)
    return None if hit is None else hit.rule.target


@pytest.mark.parametrize(
    ("phrase", "meaning"),
    [
        ("profiled gpu memory with nsight and moved training to bf16", "skill:gpu-computing"),  # two words
        ("served quantised weights through llama cpp on a raspberry pi", "skill:ollama"),  # spelt with a sign
        ("rolled our k8s cluster over to karpenter", "skill:containers"),  # spelt with a digit
        ("gpu memory budgets and more gpu memory budgets", "skill:gpu-computing"),  # one skill named twice
        ("kubernetes and helm upgrades each quarter", "skill:containers"),  # two plain names of one skill
        ("crewai crews for marketing copy generation", "skill:agent-frameworks"),  # a word English does not use
        ("profiled gpu memory while chatgpt drafted the report", "skill:gpu-computing"),  # a product gives way
        ("qdrant cluster holding 40m article embeddings", "skill:vector-databases"),  # so does an everyday name
    ],
)
def test_a_distinctive_name_is_read_among_unknown_words(phrase, meaning):
    assert read(phrase) is None  # the strict reading leaves it, for the typo search
    assert read_loose(phrase) == meaning


def test_a_restricted_form_alone_is_read_loosely_at_its_cap():
    """ "Whisper transcription of call-centre recordings for QA": the only name, credited up to its cap."""
    hit = LOOSE.read_loose("chatgpt drafts of the weekly newsletter rota")
    assert (hit.rule.target, hit.rule.up_to) == ("skill:genai-fundamentals", 1)


@pytest.mark.parametrize(
    "phrase",
    [
        "licensed insurance rag and bone merchant",  # one plain word may be anything among unknown words
        "fine tuning guitar amps for live shows",  # an everyday name, however many words
        "docker at the port of felixstowe",  # an everyday word
        "gpu memory checks before the k8s upgrade",  # two skills named: which one is not said
        "embeddings of the archive for the newsroom",  # an everyday name alone
        "sft and fine tuning of guitar amps",  # two names of one skill, but one of them an everyday name
        "quarterly board presentations",  # no name at all
        "bedrock geology mapping for the county",  # a name English uses for something else
    ],
)
def test_a_plain_everyday_or_ambiguous_name_is_not_read_loosely(phrase):
    assert read_loose(phrase) is None


def test_a_name_of_a_skill_included_in_another_named_beside_it_is_no_other():
    # "qdrant" is what the crewai crews were given: the words beside them say so (matching.yaml's shows).
    phrase = "crewai crews exposing our qdrant store to analysts"
    assert read_loose(phrase) is None
    hit = LOOSE.read_loose(phrase, included=frozenset(["skill:vector-databases"]))
    assert hit.rule.target == "skill:agent-frameworks"


def test_the_skills_a_phrase_names_leave_out_names_naming_nothing():
    assert READER.targets_named("used gpt 4 with langchain and docker") == {"skill:langchain", "skill:containers"}


PAIRS = PhraseReader(
    {
        "keras": Meaning("skill:dl-frameworks-other"),
        "cnn": Meaning("skill:dl-fundamentals"),
        "container": Meaning("skill:containers"),
        "terminal": Meaning("skill:linux-shell"),
        "gpus": Meaning("skill:gpu-computing"),
        "fsdp": Meaning("skill:distributed-training"),
        "chatgpt": Meaning("skill:genai-fundamentals", up_to=1),
        "sql": Meaning("skill:sql-and-data"),
    }.get,
    longest=1,
    builds_on={
        "skill:dl-frameworks-other": frozenset({"skill:dl-fundamentals"}),
        "skill:containers": frozenset({"skill:linux-shell"}),
        "skill:distributed-training": frozenset({"skill:gpu-computing"}),
        "skill:dl-fundamentals": frozenset({"skill:genai-fundamentals"}),
    },
)


def test_a_skill_and_one_it_builds_on_named_together_are_both_read():
    hits = PAIRS.read_pair("keras cnn for detecting defects on pcb images")
    assert {h.rule.target for h in hits} == {"skill:dl-frameworks-other", "skill:dl-fundamentals"}


@pytest.mark.parametrize(
    "phrase",
    [
        "reach stacker operator at a container terminal",  # two everyday English words
        "fsdp across 64 gpus",  # a count says how many, not what was learnt
        "cnn summaries with chatgpt",  # a restricted form
        "keras models over sql extracts",  # neither builds on the other
        "keras cnn in the sql warehouse",  # three skills
    ],
)
def test_a_pair_is_not_read_otherwise(phrase):
    assert PAIRS.read_pair(phrase) == ()


def test_two_names_with_into_between_are_read_as_a_pair_whatever_they_build_on():
    """ "Streamed Claude API responses into a React front end": what the first names was put into what the second
    names, built with it, as "with" would join them ("keras models over sql extracts" stays unread)."""
    hits = PAIRS.read_pair("streamed keras predictions into the sql warehouse")
    assert {h.rule.target for h in hits} == {"skill:dl-frameworks-other", "skill:sql-and-data"}


BUILT_ON = PhraseReader(
    {
        "pinecone": Meaning("skill:vector-databases"),
        "rag": Meaning("skill:rag"),
        "embeddings": Meaning("skill:embeddings"),
    }.get,
    longest=1,
    everyday=frozenset({"rag", "embeddings"}),
    builds_on={
        "skill:rag": frozenset({"skill:vector-databases"}),
        "skill:vector-databases": frozenset({"skill:embeddings"}),
    },
)


def test_an_everyday_name_right_after_a_distinctive_one_it_builds_on_is_read_with_it():
    """ "Pinecone RAG PoCs" is the vector database and the RAG built on it."""
    hits = BUILT_ON.read_pair("pinecone rag pocs for claims")
    assert {h.rule.target for h in hits} == {"skill:vector-databases", "skill:rag"}


@pytest.mark.parametrize(
    "phrase",
    [
        "pinecone embeddings",  # the everyday name is what the first builds on, not what was built on it
        "rag pocs on pinecone",  # not right after it
        "pinecone for search then rag",  # nor after it with words between
    ],
)
def test_an_everyday_name_is_not_read_in_a_pair_otherwise(phrase):
    assert BUILT_ON.read_pair(phrase) == ()


WRITTEN_IN = PhraseReader(
    {
        "java 17": Meaning("skill:programming-languages"),
        "java": Meaning("skill:programming-languages"),
        "python": Meaning("skill:python"),
        "numpy": Meaning("skill:python"),
        "spring boot": Meaning("skill:web-apis"),
        "fastapi": Meaning("skill:web-apis"),
        "data cleaning": Meaning("skill:sql-and-data"),
        "gpus": Meaning("skill:gpu-computing"),
    }.get,
    longest=2,
    languages=frozenset({"skill:python", "skill:programming-languages"}),
)


@pytest.mark.parametrize(
    ("phrase", "read"),
    [
        ("java spring boot rest services for a pensions platform", {"skill:programming-languages", "skill:web-apis"}),
        ("java 17 spring boot services", {"skill:programming-languages", "skill:web-apis"}),  # a version, no count
        ("python fastapi services", {"skill:python", "skill:web-apis"}),
    ],
)
def test_a_language_right_before_a_framework_says_what_it_was_written_in(phrase, read):
    assert {h.rule.target for h in WRITTEN_IN.read_pair(phrase)} == read


@pytest.mark.parametrize(
    "phrase",
    [
        "numpy data cleaning",  # a library, not a language: what was done with it
        "spring boot services in java",  # not right before it
        "java on 64 gpus",  # a count, and no framework
    ],
)
def test_a_language_is_read_with_a_framework_only_right_before_it(phrase):
    assert WRITTEN_IN.read_pair(phrase) == ()


DONE_TO = PhraseReader(
    {
        "span corruption pretraining": Meaning("skill:training-objectives"),
        "knowledge distillation": Meaning("skill:model-compression"),
        "t5": Meaning("skill:t5"),
        "bert": Meaning("skill:bert"),
        "sql": Meaning("skill:sql-and-data"),
        "go": Meaning("skill:programming-languages"),
    }.get,
    longest=3,
    verb_objects={COMPRESSION: frozenset({"skill:bert", "skill:t5"})},
)


@pytest.mark.parametrize(
    ("phrase", "read"),
    [
        ("span corruption pretraining of a small t5", {"skill:training-objectives", "skill:t5"}),
        ("knowledge distillation of a bert classifier", {"skill:model-compression", "skill:bert"}),
    ],
)
def test_an_activity_of_a_model_a_verb_is_done_to_reads_both(phrase, read):
    assert {h.rule.target for h in DONE_TO.read_pair(phrase)} == read


@pytest.mark.parametrize(
    "phrase",
    [
        "knowledge distillation of our sql warehouse",  # not a model any activity is done to
        "t5 of the knowledge distillation",  # the model first is no object of what follows
        "knowledge distillation with a bert teacher",  # "of" says what it was done to, "with" does not
    ],
)
def test_an_activity_beside_anything_but_the_model_it_was_done_to_is_no_pair(phrase):
    assert DONE_TO.read_pair(phrase) == ()


def test_a_short_name_spelt_with_a_digit_counts_among_other_words():
    # "T5" is no everyday word, as "go" may be: beside another name it counts, and the phrase names two skills.
    assert DONE_TO.read("span corruption pretraining of a small t5") is None
    assert DONE_TO.read("span corruption pretraining of a go service").rule.target == "skill:training-objectives"


@pytest.mark.parametrize(
    ("phrase", "meaning"),
    [
        ("docker to deploy internal tools then langchain for the bot", None),  # a next step naming another skill
        ("docker to deploy internal tools then chatgpt to write the docs", "skill:containers"),  # a restricted form
        ("docker to deploy internal tools then gpt 4 to write the docs", "skill:containers"),  # a model names nothing
        ("docker to deploy tools then docker compose for the rest", "skill:containers"),  # the same skill again
    ],
)
def test_a_purpose_ends_where_then_starts_a_next_step_naming_another_skill(phrase, meaning):
    assert read(phrase) == meaning


@pytest.mark.parametrize(
    ("words", "made"),
    [
        (["crewai", "langfuse", "qlora"], {"crewai", "langfuse", "qlora"}),  # names made for products and methods
        (["bedrock", "whisper", "agent", "pipeline"], set()),  # English words, whatever else they name
        (["llms"], set()),  # its singular ("llm") is in English text
        (["gpt4", "k8s"], set()),  # spelt with a digit: read loosely anyway
    ],
)
def test_coined_names_are_the_one_word_names_english_text_does_not_use(words, made):
    assert {w for w in words if is_coined(w)} == made


@pytest.mark.parametrize(
    ("words", "slips"),
    [
        (["promt", "tunning", "langchian"], {"promt", "tunning", "langchian"}),  # common slips and coined ones
        (["ragas", "keras", "prompt", "tuning"], set()),  # rare but real words, and plain ones
    ],
)
def test_misspellings_are_words_english_text_all_but_never_uses(words, slips):
    assert {w for w in words if is_misspelling(w)} == slips


def test_where_and_how_often_it_ran_is_framing():
    """ "Pinecone locally", "Jenkins nightly builds", "moved our services to Kubernetes": where, how often or to what
    it ran says how it was used, not which skill (vocabulary round eighteen)."""
    assert all(is_framing(w) for w in ["locally", "nightly", "hourly", "monthly", "moved"])
    assert read("langchain locally") == "skill:langchain"


def test_a_proof_of_concept_is_a_thing_made():
    """ "RAG proof of concept", spelt out as "PoC" is abbreviated, is what was made with RAG (vocabulary round
    eighteen)."""
    assert read("langchain proof of concept") == "skill:langchain"


@pytest.mark.parametrize("made", ["trainer", "custom trainers"])
def test_a_trainer_is_a_thing_made(made):
    """ "a PyTorch trainer" is a training loop written with PyTorch: what was made with it (reading round six)."""
    assert read(f"langchain {made}") == "skill:langchain"


def test_a_module_says_which_unit_not_what():
    """ "Terraform modules" (units of code) and "a 1 week module" (a unit of a course) name only what they are part
    of (vocabulary round eighteen); as a thing made, "Deep learning - 1 week module, Keras MNIST" had read as one
    phrase and lost Keras."""
    assert read("langchain modules") == "skill:langchain"
    assert is_framing("module")


def test_after_a_verb_of_placing_to_says_where_it_went():
    """ "Deployed a Hugging Face model to a SageMaker endpoint": after deploy, migrate, port or push, "to" says where
    the thing went, read as "on" or "in" is (a name there is read), not what for (vocabulary round twenty-one)."""
    assert read("docker to deploy internal tools") == "skill:containers"  # no verb of placing first: what for
    assert read("deployed docker to langchain") is None  # two names: left to the other readings
    assert read("deployed docker to production") == "skill:containers"  # naming nothing known: where


def test_a_foundation_in_a_subject_is_framing():
    """ "Strong foundation in machine learning" (a job post's requirement line) is grounding in the subject, not the
    catalog's Foundations module (vocabulary round twenty-one)."""
    assert is_framing("foundation") and is_framing(singular("foundations")) and is_framing("grounding")
    assert read("strong foundation in machine learning") == "skill:ml-fundamentals"


def test_latin_plurals_are_read_as_their_singular():
    """ "pretraining corpora" are pretraining corpora (vocabulary round twenty-one)."""
    assert singular("corpora") == "corpus"
    assert singular("corpus") == "corpus"


def test_a_job_posts_requirement_words_are_framing():
    """ "Kubernetes experience preferred", "Demonstrated experience with RAG", "Solid grasp of statistics", "Nice to
    have: LangGraph": how a job post asks for a skill says how much, not which (vocabulary round twenty-one). "Record"
    is not one: an insurance "agent of record" is no AI agent."""
    words = "excellent level demonstrated proven ability able grasp depth required preferred nice bonus desired ideally"
    assert all(is_framing(w) for w in words.split())
    assert read("docker experience preferred") == "skill:containers"
    assert read("demonstrated experience with rag") == "skill:rag"
    assert not is_framing("record")


def test_a_cvs_action_verbs_are_framing():
    """ "Drove the Kubernetes migration", "Productionised our LangChain prototype", "Utilized Pinecone for retrieval":
    a CV's action verbs say what was done with a skill, not which (vocabulary round twenty-one). Not "scaled": "Scaled
    training to 64 GPUs" is distributed training, not the GPUs it counts."""
    words = "drove delivered productionized productionised optimized introduced prototyped authored utilized leveraged"
    assert all(is_framing(w) for w in words.split())
    assert read("productionised our langchain prototype") == "skill:langchain"
    assert not is_framing("scaled")


@pytest.mark.parametrize(
    ("key", "family"),
    [("qwen2.5", "qwen"), ("llama 3.1", "llama"), ("mistral 7b", "mistral"), ("phi-3", "phi"), ("gemma", "gemma")],
)
def test_model_family_drops_a_release_size_or_version(key, family):
    assert model_family(key) == family
