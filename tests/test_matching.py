"""Matching what people type to catalog skills and modules (recommender/matching.py)."""

from __future__ import annotations

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from recommender import matching
from recommender.matching import (
    FUZZY_THRESHOLD,
    MIN_TYPO_LENGTH,
    SkillMatcher,
    split_names,
    unversioned,
    word_similarities,
    word_similarity,
)
from recommender.phrases import singular
from skills import load_catalog, normalize_key


@pytest.fixture(scope="module")
def matcher(engine) -> SkillMatcher:
    return engine.parser.matcher


def read(matcher, text) -> tuple:
    """What a name is read as: ``(kind, id)`` per name in it, unmatched ones left out."""
    return tuple((m.kind, m.target) for m in matcher.resolve(text) if m.target)


# ---------------------------------------------------------------------------
# Exact names, and how a match was made
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "skill", "method"),
    [
        ("rag", "rag", "id"),
        ("Retrieval-Augmented Generation", "rag", "name"),
        ("Lang Chain", "langchain", "alias"),
        ("vector DB", "vector-databases", "alias"),
        ("HuggingFace", "hugging-face", "alias"),
        ("  retrieval_augmented   GENERATION ", "rag", "name"),
        ("LoRA", "peft", "alias"),
        ("function calling", "tool-calling", "alias"),
        ("Jython", "python", "alias"),
        ("hypothesis tests", "statistics", "alias"),
        ("PRs", "git", "alias"),
        ("Amazon S3", "cloud-platforms", "alias"),
        ("VBA", "programming-languages", "alias"),
    ],
)
def test_known_spellings_report_how_they_matched(matcher, text, skill, method):
    match = matcher.match(text)
    assert (match.kind, match.target, match.confidence, match.method) == ("skill", skill, 1.0, method)


@pytest.mark.parametrize(
    ("text", "skill"),
    [("vector DBs", "vector-databases"), ("Vector-Databases", "vector-databases"), ("PyTorch framework", "pytorch")],
)
def test_spacing_plurals_and_filler_are_forgiven_exactly(matcher, text, skill):
    match = matcher.match(text)
    assert (match.target, match.confidence) == (skill, 1.0)


def test_every_id_name_and_alias_matches_exactly_unless_a_rule_says_otherwise(catalog, matcher):
    ruled = {normalize_key(rule.name) for rule in catalog.name_rules}
    for skill in catalog.skills:
        for text in (skill.id, skill.name, *skill.aliases):
            if normalize_key(text) not in ruled:
                match = matcher.match(text)
                assert (match.kind, match.target, match.confidence) == ("skill", skill.id, 1.0), text
    for module in catalog.modules:
        for text in (module.id, module.name):
            if normalize_key(text) not in ruled:
                match = matcher.match(text)
                assert (match.kind, match.target, match.confidence) == ("module", module.id, 1.0), text


def test_every_rule_is_followed(catalog, matcher):
    for rule in catalog.name_rules:
        match = matcher.match(rule.name)
        if rule.means == "none":
            assert (match.target, match.reason, match.suggestions) == (None, rule.reason, ()), rule
        else:
            assert (match.target, match.method) == (rule.means, "alias"), rule


# ---------------------------------------------------------------------------
# Precision: the issue's false positives and misses
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ChatGPT", (("skill", "genai-fundamentals"),)),  # at 1 at most: using it is not building with it
        ("Llama 2", ()),
        ("GPT-4", ()),
        ("transformer", (("module", "transformer-architecture"),)),
        ("optimization", ()),
        ("reinforcement learning", ()),
        ("Docker", (("skill", "containers"),)),
        ("search", ()),
        ("reranking", (("skill", "semantic-search"),)),
        ("fine tuning", (("skill", "supervised-fine-tuning"),)),
        ("TensorFlow", (("skill", "dl-frameworks-other"),)),
        ("K8s", (("skill", "containers"),)),
        ("Hugging Face Transformers", (("skill", "hugging-face"),)),
        ("sentence-transformers", (("skill", "semantic-search"),)),
        ("Weights & Biases", (("skill", "llmops"),)),
        ("weights and biases", (("skill", "llmops"),)),
        ("Langfuse", (("skill", "llm-observability"),)),
        ("MCP", (("skill", "mcp"),)),
        ("LLM evals", (("skill", "app-evaluation"),)),
    ],
)
def test_names_are_read_as_what_they_name(matcher, text, expected):
    assert read(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RLHF/DPO", (("skill", "rlhf"),)),
        ("LangChain, LlamaIndex", (("skill", "langchain"),)),
        ("PyTorch & JAX", (("skill", "pytorch"), ("skill", "dl-frameworks-other"))),
        # A plain list of names, though "tensorflow" is a word of PyTorch's names ("TensorFlow to PyTorch").
        ("PyTorch, TensorFlow", (("skill", "pytorch"), ("skill", "dl-frameworks-other"))),
        ("PyTorch / TensorFlow", (("skill", "pytorch"), ("skill", "dl-frameworks-other"))),
        ("Jenkins, GitHub", (("skill", "ci-cd"), ("skill", "git"))),
        ("CUDA, C++", (("skill", "gpu-computing"), ("skill", "programming-languages"))),  # not the alias "CUDA C++"
        # A product read by what it was used for keeps that reading: tiktoken here counts tokens.
        ("context windows, token counting w/ tiktoken, temperature & top_p", (("skill", "llm-parameters"),)),
        ("SQL and Docker", (("skill", "sql-and-data"), ("skill", "containers"))),
        ("Python + pandas", (("skill", "python"),)),
        ("Retrieval-Augmented Generation (RAG)", (("skill", "rag"),)),
        ("CI/CD", (("skill", "ci-cd"),)),
        ("Retrieval and RAG", (("module", "retrieval"),)),
        ("Gemini API from a Node.js backend", (("skill", "llm-apis"), ("skill", "programming-languages"))),
        ("Semantic Kernel in C#", (("skill", "langchain"), ("skill", "programming-languages"))),  # a short name
        ("Go (gRPC, Prometheus)", (("skill", "programming-languages"), ("skill", "web-apis"))),  # a short name first
    ],
)
def test_joined_names_are_split_unless_known_whole(matcher, text, expected):
    assert read(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("reinforcment learning from human feedback", "rlhf"),
        ("Reinforcement Lerning with Human Feedback", "rlhf"),
        ("retreival augmented generation and", "rag"),
    ],
)
def test_a_joined_entry_whose_parts_name_nothing_is_read_whole_as_a_typo(matcher, text, skill):
    """ "from", "with" and "and" split an entry, but a misspelt name holding one is still that name."""
    (match,) = matcher.resolve(text)
    assert (match.target, match.method) == (skill, "fuzzy")


def test_a_split_name_keeps_its_unmatched_parts(matcher):
    parts = matcher.resolve("LangChain, basket weaving")
    assert [(m.text, m.target) for m in parts] == [("LangChain", "langchain"), ("basket weaving", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("C++17", (("skill", "programming-languages"),)),  # a release on the name's sign
        ("Java17", (("skill", "programming-languages"),)),
        ("python 3.x", (("skill", "python"),)),  # a release after the name
        ("PyTorch 2.x", (("skill", "pytorch"),)),
        ("C4", ()),  # a letter before a number: a dataset, a chip, a part, never "C"
        ("T4", ()),
        ("GPT-4.1", ()),  # a model, as GPT-4 is: never the GPT architecture
        ("gpt4", ()),
    ],
)
def test_a_release_number_is_dropped_from_a_name_but_not_from_a_numbered_model(matcher, text, expected):
    assert read(matcher, text) == expected


@pytest.mark.parametrize(
    ("key", "name"),
    [("c++17 20", "c++"), ("vue3", "vue"), ("python 3.11", "python"), ("64 gpus", None), ("t4", None), ("rag", None)],
)
def test_unversioned_drops_release_numbers_only(key, name):
    assert unversioned(key) == name  # a number first is a count ("64 GPUs"); a letter before one is no name


def test_a_numbered_model_not_listed_is_read_as_its_listed_siblings(matcher):
    (listed,), (unlisted,) = matcher.resolve("GPT-4"), matcher.resolve("GPT-4.1")
    assert (unlisted.target, unlisted.reason) == (listed.target, listed.reason) == (None, listed.reason)
    assert listed.reason


@pytest.mark.parametrize("text", ["AI codingassistants", "fairness an ai", "RLHF andp reference tuning"])
def test_a_key_spelled_with_other_spacing_or_filler_is_exact_not_a_typo(matcher, text):
    """Found by the typo property test: these were fuzzy matches of confidence 1, a typo that is no typo."""
    (match,) = matcher.resolve(text)
    assert match.target and match.method in {"id", "name", "alias"} and match.confidence == 1.0


def test_a_rule_gives_its_reason(matcher):
    match = matcher.match("GPT-4")
    assert match.target is None and "a model" in match.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Copilot", (("skill", "genai-fundamentals"),)),  # Microsoft's or GitHub's: awareness only
        ("tried Copilot on SystemVerilog", (("skill", "ai-coding-assistants"),)),  # used on a language: coding
        ("tried Copilot in Emacs, turned it off", (("skill", "ai-coding-assistants"),)),  # used in an editor: coding
        ("co-pilot on Airbus A320", ()),  # a pilot's seat, however the hyphen is spaced
    ],
)
def test_copilot_alone_is_an_assistant_and_on_code_a_coding_assistant(matcher, text, expected):
    assert read(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("distilled large models into smaller students", (("skill", "model-compression"),)),
        # A part of a joined entry is read by its verb unless another part names a way of the activity that
        # needs it (QLoRA is a way of fine-tuning); what the verb was done to counts only when the verb lists it.
        ("fine-tuned Llama 3 8B with QLoRA", (("skill", "peft"),)),
        # The HF Trainer is how a model is fine-tuned (supervised fine-tuning's alias; Hugging Face is implied).
        ("fine-tuned DistilBERT w/ HF Trainer", (("skill", "supervised-fine-tuning"), ("skill", "bert"))),
        ("fine-tuned Whisper on accented English speech", (("skill", "supervised-fine-tuning"),)),
        ("quantized Whisper for the edge", (("skill", "quantization"),)),
    ],
)
def test_an_entry_led_by_a_verb_is_its_activity_unless_it_names_another_skill(matcher, text, expected):
    assert read(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("asked ChatGPT to explain VFD fault codes", "genai-fundamentals"),  # fault codes are not code
        ("tested GPT-4 with our style guide prompt for UI strings", "prompt-engineering"),
        ("Claude with a system prompt for intake triage", "prompt-engineering"),
        # Calling a model from a script is the API, not a coding assistant writing the script.
        ("call Claude from a Python script", "llm-apis"),
        ("called GPT-4 from our Java service", "llm-apis"),
        ("ChatGPT to write Python scripts", "ai-coding-assistants"),
    ],
)
def test_a_chat_product_is_read_by_what_it_was_used_for(matcher, text, skill):
    (match,) = matcher.resolve(text)
    assert match.target == skill


@pytest.mark.parametrize(
    "text",
    [
        "Python script streaming Claude responses, exponential backoff on 429s",
        "Wrote a small Python script calling Claude's API to summarise daily port call reports",
    ],
)
def test_a_script_calling_a_chat_model_is_not_a_coding_assistant(matcher, text):
    """The shipped use's ``unless``: a script that calls the model says how it was called, not that it wrote code."""
    assert "ai-coding-assistants" not in {m.target for m in matcher.resolve(text)}


@pytest.mark.parametrize("text", ["API Gateway", "AWS Lambda + API Gateway + DynamoDB"])
def test_an_api_gateway_is_no_llm_gateway(matcher, text):
    """One letter apart from "AI gateway" (cost and latency's alias), an HTTP API gateway names no LLM skill."""
    assert "cost-and-latency" not in {m.target for m in matcher.resolve(text)}


@pytest.mark.parametrize("text", ["Claude for call center scripts", "ChatGPT for sales calls prep"])
def test_a_call_centres_calls_are_not_calls_to_a_model(matcher, text):
    assert "llm-apis" not in {m.target for m in matcher.resolve(text)}


def test_classic_mlops_is_llmops_up_to_beginner_implying_nothing(engine):
    (parsed,) = engine.parse([{"skills": [{"name": "MLflow", "level": 4}]}]).parsed
    # besides, its practice (levels round one): MLflow is Python work that tracks trained models
    assert [(m["skill"], m["level"]) for m in parsed.matched] == [("llmops", 2), ("python", 2), ("ml-fundamentals", 1)]
    assert parsed.inferred == []  # no LLM API, evaluation or tracing is implied by experiment tracking


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anthropic SDK - streaming, retry/backoff on 429s", (("skill", "llm-apis"),)),  # a spaced dash sets apart
        ("LangChain \u2013 built 3 internal tools", (("skill", "langchain"),)),
        ("Built RAG over internal docs: chunking, citations", (("skill", "rag"),)),  # so does a colon and a space
        ("scikit-learn", (("skill", "ml-fundamentals"),)),  # a hyphen inside a name does not
        ("BERT classifier to triage patient messages", (("skill", "bert"),)),  # a classifier is a thing made
        ("reviewed PRs on the team repo", (("skill", "git"),)),  # reviewing is framing
        ("RAG chatbot w/ LangChain", (("skill", "rag"), ("skill", "langchain"))),  # "w/" is "with", not a slash
    ],
)
def test_a_dash_or_colon_between_spaces_sets_a_name_apart(matcher, text, expected):
    assert read(matcher, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Docker (port of Felixstowe, 6 yrs)",
        "pruning & grafting in a fruit orchard",
        "Go (board game), 3 dan",
        "LLM (Master of Laws), King's College London",
        "Copilot (first officer) on the A320",
        "Helm (sailing), RYA Day Skipper",
        "Health & Safety (IOSH)",
        "health and safety",
        "online safety / safeguarding training for schools",
        "Cleaning agents and chemical dosing for CIP systems (dairy plant)",  # framing aside, "agents" is alone
        "OTP: GenServer, Agent, Supervisor trees, Broadway",  # Elixir's Agent: an everyday name in the singular too
        "Prometheus, Grafana, Alertmanager, Thanos",  # Thanos is Prometheus' storage, no typo of Theano
    ],
)
def test_an_everyday_word_beside_parts_naming_nothing_known_is_not_read(matcher, text):
    assert read(matcher, text) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Docker", (("skill", "containers"),)),  # alone
        ("Docker (4 years)", (("skill", "containers"),)),  # beside framing only
        ("Helm charts for our services", (("skill", "containers"),)),
        ("Docker, Kubernetes", (("skill", "containers"),)),  # beside known names
        ("Docker / Proxmox", (("skill", "containers"),)),  # a hypervisor, known to name no skill, is a known name
        ("Docker (编译环境)", (("skill", "containers"),)),  # beside another script's words, its language's framing
        ("Spark / SQL", (("skill", "sql-and-data"),)),
        ("Python, Photoshop", (("skill", "python"),)),  # a name not listed as everyday is read beside anything
        # beside a known name, an unknown part ("gRPC", "~20k docs") no longer hides it
        ("Go (6 yrs, microservices, gRPC)", (("skill", "programming-languages"), ("skill", "web-apis"))),
        (
            "Rust (tokio, unsafe, SIMD intrinsics) ~6 yrs",
            (("skill", "programming-languages"),),
        ),  # tokio: Rust's runtime
        ("RAG w/ pgvector (~20k docs)", (("skill", "rag"), ("skill", "vector-databases"))),
    ],
)
def test_an_everyday_word_alone_or_among_known_names_is_read(matcher, text, expected):
    assert read(matcher, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Copilot + Cursor for my app",
        "Claude, LangChain",
        "function calling with Claude tools to book physio appointments",  # a phrase led by the product
        "Function calling with Gemini to book lab equipment from Slack",
    ],
)
def test_an_everyday_product_credited_up_to_a_level_gives_way_to_other_names(matcher, text):
    assert "genai-fundamentals" not in {target for _kind, target in read(matcher, text)}


@pytest.mark.parametrize("text", ["took part in the Copilot pilot", "was in our company's M365 Copilot pilot"])
def test_a_rule_named_framing_aside_is_read_beside_unknown_words(matcher, text):
    # "the Copilot pilot" is the rule "Copilot pilot", framing aside: a name of its own, not the everyday "Copilot"
    # among words naming nothing known, so "took part" beside it no longer hides it.
    assert read(matcher, text) == (("skill", "genai-fundamentals"),)


def test_using_a_chat_product_is_awareness_of_gen_ai_not_its_api(matcher):
    match = matcher.match("ChatGPT")
    assert (match.target, match.up_to) == ("genai-fundamentals", 1) and "API" in match.reason


@pytest.mark.parametrize(
    "text",
    ["Stable Diffusion (ComfyUI)", "ComfyUI / Stable Diffusion", "Stable Diffusion in Automatic1111 with ControlNet"],
)
def test_a_skill_named_beside_a_restricted_form_of_it_is_the_restricted_form(matcher, text):
    """Split or read as a phrase, the entry is one rating of Stable Diffusion through a web UI, up to 2."""
    (match,) = matcher.resolve(text)
    assert (match.target, match.up_to) == ("stable-diffusion", 2) and "no-code" in match.reason


@pytest.mark.parametrize("text", ["Stripe API", "Shopify GraphQL Admin API", "Salesforce REST API", "Twilio webhooks"])
def test_a_products_web_api_is_web_apis_up_to_intermediate(matcher, text):
    (match,) = matcher.resolve(text)
    assert (match.target, match.up_to, match.method) == ("web-apis", 3, "phrase")


@pytest.mark.parametrize(
    ("text", "skill"),
    [("DeepSeek API", "llm-apis"), ("anthropic's API", "llm-apis"), ("Hugging Face Inference API", "hugging-face")],
)
def test_a_model_or_ai_companys_api_is_never_read_as_a_products_web_api(matcher, text, skill):
    assert read(matcher, text) == ((("skill", skill),) if skill else ())


@pytest.mark.parametrize(
    ("text", "skill"), [("Dynamo visual scripts", "programming-languages"), ("LabVIEW", "programming-languages")]
)
def test_visual_programming_is_a_programming_language_up_to_beginner(matcher, text, skill):
    (match,) = matcher.resolve(text)
    assert (match.target, match.up_to) == (skill, 2)


@pytest.mark.parametrize("text", ["pytest", "Selenium", "JUnit", "Cypress", "TDD"])
def test_a_test_framework_is_ci_cd_up_to_intermediate(matcher, text):
    (match,) = matcher.resolve(text)
    assert (match.target, match.up_to) == ("ci-cd", 3)


def test_gdpr_is_the_privacy_part_of_responsible_ai_up_to_aware(matcher):
    (match,) = matcher.resolve("GDPR")
    assert (match.target, match.up_to) == ("responsible-ai", 1) and "privacy" in match.reason


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("SPC / DOE in Minitab", "statistics"),
        ("regression in Stata", "statistics"),
        ("JMP", "statistics"),
        ("Snowflake Cortex COMPLETE()", "llm-apis"),
        ("Databricks AI functions", "llm-apis"),
    ],
)
def test_a_statistics_package_or_a_warehouses_llm_functions_name_their_skill(matcher, text, skill):
    """Minitab, Stata and JMP are statistics as SPSS is; a data warehouse's LLM functions call hosted models."""
    assert ("skill", skill) in read(matcher, text)


@pytest.mark.parametrize("text", ["Playwright (3 plays staged)", "mocha, latte art"])
def test_a_test_framework_spelt_as_an_everyday_word_is_not_read_beside_unknown_words(matcher, text):
    assert read(matcher, text) == ()


# ---------------------------------------------------------------------------
# Typos, and what is left unmatched
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typo", "skill"),
    [
        ("pytorhc", "pytorch"),
        ("langchian", "langchain"),
        ("promt engineering", "prompt-engineering"),
        ("embedings", "embeddings"),
        ("vectr database", "vector-databases"),
        ("model context protocl", "mcp"),
        ("lang chian", "langchain"),  # the joined spelling
        ("transormers library", "hugging-face"),  # a key's filler word counts: not the transformer module
    ],
)
def test_typos_match_with_confidence_below_one(matcher, typo, skill):
    match = matcher.match(typo)
    assert (match.kind, match.target, match.method) == ("skill", skill, "fuzzy")
    assert matcher.threshold <= match.confidence < 1.0


@pytest.mark.parametrize(
    "text",
    [
        "data engineering",
        "cloud architecture",
        "systems programming",  # "Rust programming" is a language now that Rust is one of its names
        "web design",
        "computer networks",
        "llama",
        "DeepSeek",
        "performance optimization",  # joined, it nearly spells "preference optimization": four edits apart
    ],
)
def test_a_shared_word_or_a_near_spelling_of_another_thing_does_not_carry_a_match(matcher, text):
    # Each shares a word with some alias or nearly spells one ("llava", "deepspeed", "perplexity").
    assert read(matcher, text) == ()


@pytest.mark.parametrize("text", ["AWS security", "AWS sercurity"])
def test_aws_security_is_the_cloud_not_ai_security(matcher, text):
    """Joined, "AWS security" nearly spells "AI security", but "aws" is not a typo of "ai": it is cloud security."""
    assert read(matcher, text) == (("skill", "cloud-platforms"),)


@pytest.mark.parametrize(
    ("typo", "skill"), [("preference optimisation", "rlhf"), ("gen ai fundamnetals", "genai-fundamentals")]
)
def test_a_typo_of_a_few_letters_in_a_long_word_is_still_read(matcher, typo, skill):
    assert read(matcher, typo) == (("skill", skill),)


@pytest.mark.parametrize(
    "text",
    ["basket weaving", "quantum computing", "Tableau", "libraries", "", "   ", "!!!", "native apps"],
)
def test_unrelated_text_is_unmatched_without_suggestions(matcher, text):
    match = matcher.match(text)
    assert (match.target, match.suggestions) == (None, ())


@pytest.mark.parametrize(
    ("text", "first"),
    [("PyTorch Forecasting", "pytorch"), ("Mistral Embedding", "embeddings"), ("calling LLM APIs", "llm-apis")],
)
def test_suggestions_share_a_distinctive_word_nearest_first(catalog, matcher, text, first):
    match = matcher.match(text)
    assert match.target is None
    assert match.suggestions[0] == first
    assert len(match.suggestions) <= matcher.n_suggestions


@pytest.mark.parametrize(
    "text",
    [
        "recipe and allergen assistant",
        "AI rewrite extension",
        "English support",
        "lab report feedback helper",
        "chat assistant explaining schedules",
        "CAPS quiz generator",
    ],
)
def test_an_everyday_word_beside_what_sets_a_key_apart_suggests_nothing(matcher, text):
    """ "pretraining recipes", "vocabulary extension", "support vector machines", "Crystal Reports": the name must
    spell the key's rare words (all of them for a key in everyday words) for it to be suggested; a common word
    spells only itself ("schedules" is no scheduler, "generator" no generation)."""
    assert all(m.suggestions == () for m in matcher.resolve(text))


def test_everyday_words_spelling_a_whole_key_suggest_it(matcher):
    assert "tool-calling" in matcher.match("let game NPCs call quest functions").suggestions


def test_threshold_decides_between_match_and_suggestion(catalog):
    strict = SkillMatcher(catalog, threshold=0.99)
    typo = strict.match("pytorhc")
    assert typo.target is None and "pytorch" in typo.suggestions
    assert strict.match("Lang Chain").target == "langchain"  # exact keys do not depend on the threshold


# ---------------------------------------------------------------------------
# Names inside phrases: "used the OpenAI API", "3 years of Python"
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("used the OpenAI API", "llm-apis"),
        ("worked with Docker in production", "containers"),
        ("3 years of Python", "python"),
        ("5+ yrs SQL", "sql-and-data"),
        ("some PyTorch", "pytorch"),
        ("built a RAG chatbot", "rag"),
        ("used GPT-4 with LangChain", "langchain"),
        ("some R", "programming-languages"),
        ("math for machine learning", "math-for-ml"),  # what for comes after the subject
    ],
)
def test_a_known_name_among_framing_words_is_read_as_a_phrase(matcher, text, skill):
    (match,) = matcher.resolve(text)
    assert (match.kind, match.target, match.method, match.confidence) == ("skill", skill, "phrase", 1.0)


@pytest.mark.parametrize(
    "text",
    [
        "go-to-market strategy",  # "go" is a language only alone
        "R&D management",  # one abbreviation, not R and D
        "Swift payments",  # a word that is neither framing nor a thing made
        "ML pipelines",  # a short key beside a thing made
        "Mistral Embedding",
        "GPT-4 (hands-on)",  # a model: without its count it would spell the GPT architecture  # a product's name, not embeddings
        "optimization of supply chains",
    ],
)
def test_a_phrase_with_anything_else_in_it_is_not_read_as_a_skill(matcher, text):
    assert read(matcher, text) == () or matcher.resolve(text)[0].method == "fuzzy"
    assert all(m.method != "phrase" for m in matcher.resolve(text))


def test_a_phrase_around_a_name_that_names_nothing_keeps_its_reason(matcher):
    (match,) = matcher.resolve("worked with GPT-4 daily")
    assert match.target is None and "a model" in match.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("built a RAG chatbot with LangChain", {"rag", "langchain"}),
        ("labelled text via the OpenAI API", {"llm-apis"}),
        ("custom training loops in PyTorch", {"pytorch"}),
        ("PhD in statistics", {"statistics"}),
        ("Python for log parsing", {"python"}),
        ("3D math", {"math-for-ml"}),
    ],
)
def test_a_technique_and_its_tool_and_what_it_was_for_are_read(matcher, text, expected):
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


def test_what_follows_a_name_is_context_only_when_it_names_nothing_known(matcher):
    # Naming something known, it is split off on "on" and read on its own: "a single GPU" is no skill.
    assert [(m.target, m.text) for m in matcher.resolve("QLoRA on a single GPU")] == [
        ("peft", "QLoRA"),
        (None, "a single GPU"),
    ]
    assert {m.target for m in matcher.resolve("vLLM on k8s") if m.target} == {"deployment", "containers"}
    assert {m.target for m in matcher.resolve("attention to detail") if m.target} == set()


@pytest.mark.parametrize("text", ["hands-on Python", "on-prem Python", "built-in Python tools"])
def test_a_joining_word_inside_a_hyphenated_word_joins_nothing(text):
    assert split_names(text) == [text]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("A/B testing landing pages", ["A/B testing landing pages"]),
        ("I/O bound services", ["I/O bound services"]),
        ("C/C++", ["C", "C++"]),
        ("R/Python", ["R", "Python"]),
        ("R / S", ["R", "S"]),
    ],
)
def test_a_slash_between_two_single_letters_joins_nothing(text, parts):
    assert split_names(text) == parts


def test_how_often_is_framing(matcher):
    assert read(matcher, "Cursor every day") == read(matcher, "Cursor daily") == (("skill", "ai-coding-assistants"),)


def test_a_part_of_framing_alone_is_dropped_from_a_joined_name(matcher):
    assert [(m.target, m.text) for m in matcher.resolve("PyTorch and SQL (4 years)")] == [
        ("pytorch", "PyTorch"),
        ("sql-and-data", "SQL"),
    ]
    assert [(m.target, m.method) for m in matcher.resolve("Python (4 years)")] == [("python", "phrase")]


FRAMES = [("used ", ""), ("worked with ", " in production"), ("3 years of ", ""), ("some ", " daily"), ("", " (2 yrs)")]


NAMES = sorted({a for s in load_catalog().skills for a in (s.name, *s.aliases) if len(normalize_key(a)) >= 3})


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(NAMES), st.sampled_from(FRAMES))
def test_framing_around_any_skill_name_reads_as_the_name_alone(matcher, name, frame):
    """The invariant behind phrases: saying how or how long never changes which skill a name is."""
    before, after = frame
    alone = [m.target for m in matcher.resolve(name)]
    assert [m.target for m in matcher.resolve(before + name + after)] == alone


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("VEX", "programming-languages"),
        ("VEX (2 yrs)", "programming-languages"),  # years say how long: no numbered VEX, the robotics kit
        ("VEX, 5 years", "programming-languages"),
        ("VEX 3", None),  # a numbered VEX is the kit, as a numbered GPT is a model
        ("VEX V5 (2 yrs)", None),
        ("Python 3", "python"),  # a release number still drops
        ("Go (7 yrs, internal platform tooling)", "programming-languages"),  # a short name counts with its number
    ],
)
def test_a_number_of_years_after_a_name_is_no_release_of_it(matcher, text, skill):
    """ "VEX (2 yrs)" is VEX for two years, not "VEX 2" (reading round ten)."""
    assert [m.target for m in matcher.resolve(text)] == [skill]


def test_matches_are_stable_across_calls_instances_and_batches(catalog, matcher):
    fresh = SkillMatcher(catalog)
    texts = ["pytorhc", "basket weaving", "quantum computing", "vector DB", "RLHF/DPO"]
    batch = SkillMatcher(catalog).resolve_many(texts)
    for text in texts:
        assert matcher.resolve(text) == fresh.resolve(text) == batch[text]


def test_a_batch_larger_than_one_comparison_reads_as_one(catalog, matcher, monkeypatch):
    texts = ["pytorhc", "basket weaving", "langchian", "RLHF/DPO", "promt engineering", "PyTorch Forecasting", "lnux"]
    monkeypatch.setattr(matching, "BATCH", 2)
    assert SkillMatcher(catalog).resolve_many(texts) == {text: matcher.resolve(text) for text in texts}


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=30))
def test_any_text_resolves_to_known_ids_or_nothing(catalog, matcher, text):
    known = set(catalog.skill_ids) | {m.id for m in catalog.modules}
    for match in matcher.resolve(text):
        assert match.target is None or match.target in known
        assert 0 <= match.confidence <= 1
        assert set(match.suggestions) <= known


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="abcdefghijklmnop", min_size=1, max_size=12), st.text(alphabet="abcdefghijklmnop", max_size=12))
def test_word_similarity_is_symmetric_and_one_only_for_the_same_word(a, b):
    assert word_similarity(a, b) == word_similarity(b, a)
    assert (word_similarity(a, b) == 1.0) == (a == b)


def common_letters(a: str, b: str) -> int:
    """Length of the longest common subsequence, by the textbook table."""
    row = [0] * (len(b) + 1)
    for x in a:
        prev = row[:]
        for j, y in enumerate(b, 1):
            row[j] = prev[j - 1] + 1 if x == y else max(prev[j], row[j - 1])
    return row[-1]


def typo_reference(a: str, b: str) -> float:
    """The rule of docs/matching.md, written out plainly."""
    if a == b:
        return 1.0
    if min(len(a), len(b)) < MIN_TYPO_LENGTH or a[0] != b[0] or abs(len(a) - len(b)) > 1:
        return 0.0
    ratio = 2 * common_letters(a, b) / (len(a) + len(b))
    return ratio if ratio >= FUZZY_THRESHOLD else 0.0


words = st.text(alphabet="abcdeg", min_size=1, max_size=9)


@settings(max_examples=200, deadline=None)
@given(st.lists(words, min_size=1, max_size=6), st.lists(words, min_size=1, max_size=6))
def test_word_similarities_of_a_batch_follow_the_typo_rule_pair_by_pair(left, right):
    sims = word_similarities(left, right)
    expected = [[typo_reference(a, b) for b in right] for a in left]
    assert sims == pytest.approx(np.array(expected))


@st.composite
def typos(draw, names: list[str]) -> str:
    """One of ``names`` with one letter changed, dropped, added or swapped with the next."""
    text = draw(st.sampled_from(names))
    i = draw(st.integers(0, len(text) - 1))
    letter = draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz"))
    kind = draw(st.sampled_from(["change", "drop", "add", "swap"]))
    tail = {"change": letter + text[i + 1 :], "drop": text[i + 1 :], "add": letter + text[i:]}
    return text[:i] + tail.get(kind, text[i + 1 : i + 2] + text[i] + text[i + 2 :])


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_a_batch_of_typos_reads_each_as_it_would_alone(catalog, matcher, data):
    names = [s.name for s in catalog.skills] + [a for s in catalog.skills for a in s.aliases]
    texts = data.draw(st.lists(typos(names), min_size=2, max_size=12))
    batch = SkillMatcher(catalog).resolve_many(texts)
    alone = SkillMatcher(catalog)
    for typo in texts:
        assert batch[typo] == alone.resolve_many([typo])[typo] == matcher.resolve(typo)
        for match in batch[typo]:
            assert match.method != "fuzzy" or matcher.threshold <= match.confidence < 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("evaluated AI fracture detection tool (sensitivity/specificity audit)", {("skill", "statistics")}),
        ("RLHF/DPO, PPO", {("skill", "rlhf")}),  # read together: one skill
        ("Python/pandas/sklearn", {("skill", "python"), ("skill", "ml-fundamentals")}),  # two skills: split
    ],
)
def test_names_joined_by_a_slash_stay_together_where_they_read_as_one(matcher, text, expected):
    assert set(read(matcher, text)) == expected


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("make chatbot with langchian for my uni project", "langchain"),
        ("promt engineering for marketing copy, lots of few shot exmaples", "prompt-engineering"),  # a common slip
        ("retreival augmented generation over 30k FDA guidance docs with citations", "rag"),
        ("sentence tranformers for similarity", "semantic-search"),
    ],
)
def test_a_misspelt_word_in_a_phrase_is_respelled_and_the_phrase_read_as_a_typo(matcher, text, skill):
    (found,) = [m for m in matcher.resolve(text) if m.target]
    assert (found.target, found.method) == (skill, "fuzzy") and 0.82 <= found.confidence < 1


@pytest.mark.parametrize("text", ["Ruby on Rails", "Ruby on Rails 7 (Hotwire/Turbo), 6 yrs"])
def test_ruby_on_rails_is_the_language_and_a_web_framework(matcher, text):
    assert {("skill", "programming-languages"), ("skill", "web-apis")} <= set(read(matcher, text))


@pytest.mark.parametrize("text", ["rails inspection on the Northern line", "Rails (grinding and welding), 8 yrs"])
def test_rails_beside_words_naming_nothing_known_is_a_railway(matcher, text):
    assert read(matcher, text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "transformed the onboarding process for new hires",  # English words are never respelled
        "pipelined the quarterly payroll run",
    ],
)
def test_english_words_near_a_catalog_word_are_not_respelled(matcher, text):
    assert read(matcher, text) == ()


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("custom pytroch training loops for ECG arrhythmia", "pytorch"),  # "pytorch" is an English word, a rare one
        ("retreival-augmented assistant over safety data sheets", "rag"),
    ],
)
def test_a_respelled_name_is_distinctive_among_unknown_words(matcher, text, skill):
    """The word typed was none of English's, and respelled it is a catalog name: read as in a long CV line."""
    (found,) = [m for m in matcher.resolve(text) if m.target]
    assert (found.target, found.method) == (skill, "fuzzy")


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("knowledge distillation (MarginMSE, teacher ensembles)", "model-compression"),
        ("Microsoft Intune / Entra ID (Azure AD), conditional access", "cloud-platforms"),
        ("Multi-step research agent that plans, searches and drafts a report", "ai-agents"),
        ("chunk size experiments (512 vs 1024 tok, overlap) for a policy Q&A assistant", "rag"),
        ("Custom PyTorch training loops, Datasets/DataLoaders, AMP", "pytorch"),  # "custom" frames, loops are made
        ("custom PyTorch Dataset/DataLoader and training loops", "pytorch"),
    ],
)
def test_names_people_write_beside_unknown_words(matcher, text, skill):
    """A name whose words include an everyday one or filler ("knowledge distillation") is a name of its own."""
    assert skill in {m.target for m in matcher.resolve(text)}


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Go - wrote a couple of custom exporters", "programming-languages"),
        ("Go (small operators, CLI tools)", "programming-languages"),
        ("Linux internals: io_uring, mmap, NUMA", "linux-shell"),
        ("Xcode Cloud, fastlane", "ci-cd"),
    ],
)
def test_an_everyday_name_beside_what_only_software_is_is_read(matcher, text, skill):
    """A part saying a CLI, a script or an exporter was made says the entry is software: "Go" is the language."""
    assert skill in {m.target for m in matcher.resolve(text)}


@pytest.mark.parametrize("text", ["Go (board game), 3 dan", "Cleaning agents and chemical dosing for CIP systems"])
def test_an_everyday_name_beside_things_any_trade_makes_stays_unread(matcher, text):
    assert {m.target for m in matcher.resolve(text)} <= {None}


@pytest.mark.parametrize("text", ["Card tokenisation for PCI-DSS compliance", "payment tokenization service"])
def test_payment_card_tokenisation_is_not_text_tokenization(matcher, text):
    assert "tokenization" not in {m.target for m in matcher.resolve(text)}


def test_a_respelled_word_naming_a_module_is_not_read_among_unknown_words(matcher):
    """ "retreival" is a typo of "retrieval", a module too broad to credit from a word among unknown ones."""
    assert all(m.kind != "module" for m in matcher.resolve("Hybrid retreival over 40k planning applications"))


@pytest.mark.parametrize("text", ["GraphSAGE", "PyTorch Geometric with GraphSAGE layers"])
def test_two_slips_in_a_word_of_under_nine_letters_make_another_word(matcher, text):
    """ "graphsage" is two edits from "graphrag": a graph neural network, not a typo of GraphRAG."""
    assert ("skill", "rag") not in read(matcher, text)


@pytest.mark.parametrize("text", ["fine-tuned the prompts for our docs bot", "fine-tuned my prompts"])
def test_fine_tuning_prompts_is_prompt_engineering_not_supervised_fine_tuning(matcher, text):
    assert read(matcher, text) == (("skill", "prompt-engineering"),)


def test_an_everyday_name_beside_a_part_led_by_a_skills_verb_is_read(matcher):
    """ "LoRA" among unknown parts may be the radio ("LoRa radio sensors"); beside "fine-tuned ..." it is the method."""
    assert ("skill", "peft") in read(matcher, "fine-tuned OpenVLA-7B (Llama-2 backbone) w/ LoRA on our teleop demos")
    assert read(matcher, "LoRa radio sensors") == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Keras CNN for solder-joint defect detection",
            {("skill", "dl-frameworks-other"), ("skill", "dl-fundamentals")},
        ),
        ("Spring AI prototype calling OpenAI for ticket summaries", {("skill", "langchain"), ("skill", "llm-apis")}),
        ("Pinecone RAG PoCs for claims emails", {("skill", "vector-databases"), ("skill", "rag")}),
        ("Qdrant RAG chatbot for the support team", {("skill", "vector-databases"), ("skill", "rag")}),
    ],
)
def test_a_skill_and_one_it_builds_on_in_one_line_are_both_read(matcher, text, expected):
    assert set(read(matcher, text)) == expected


def test_a_setting_with_its_value_is_no_name(matcher):
    """LoRA's rank "r=16" is not the R language."""
    assert read(matcher, "Unsloth LoRA (r=16) on Gemma 2 9B in a free Colab T4") == (("skill", "peft"),)


def test_split_names_keeps_one_name_whole():
    assert split_names("PyTorch") == ["PyTorch"]
    assert split_names("a / b, c & d") == ["a", "b", "c", "d"]


# ---------------------------------------------------------------------------
# Catalog data, not code
# ---------------------------------------------------------------------------


def test_a_custom_catalog_brings_its_own_rules(catalog_copy):
    path = catalog_copy / "matching.yaml"
    doc = yaml.safe_load(path.read_text())
    doc["rules"].append({"name": "basket weaving", "means": "python"})
    doc["rules"] = [r for r in doc["rules"] if r["name"] != "ChatGPT"]
    for practice in doc["practice"]:  # a practice names rules: ChatGPT's goes with it
        if "ChatGPT" in practice["products"]:
            practice["products"].remove("ChatGPT")
    path.write_text(yaml.safe_dump(doc))
    matcher = SkillMatcher(load_catalog(catalog_copy))
    assert matcher.match("basket weaving").target == "python"
    assert (matcher.match("ChatGPT").target, matcher.match("ChatGPT").reason) == (None, None)


def test_a_catalog_without_rules_matches_by_its_names(catalog_copy):
    (catalog_copy / "matching.yaml").unlink()
    matcher = SkillMatcher(load_catalog(catalog_copy))
    assert matcher.match("fine tuning").target == "fine-tuning"  # the module's name, with no rule to say otherwise


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Profiled GPU memory with Nsight and moved training to bf16 mixed precision", "gpu-computing"),
        ("bias audit of AI hiring tools", "responsible-ai"),
        ("Moved the newsroom photo archive to S3 with Lambda thumbnails", "cloud-platforms"),
        ("CrewAI crews for marketing copy generation", "agent-frameworks"),  # a word English does not use
        ("promptfoo regression suite that runs on every PR touching a prompt", "app-evaluation"),
    ],
)
def test_a_long_line_is_read_by_a_distinctive_name_among_unknown_words(matcher, text, skill):
    assert read(matcher, text) == (("skill", skill),)


@pytest.mark.parametrize(
    "text",
    [
        "Fine-tuning CNC machine tolerances",
        "delivered distributed training sessions to 40 branch staff",
        "ran pre-training induction for new call centre hires",
        "bedrock geology mapping for the county survey",
    ],
)
def test_an_everyday_or_one_word_name_among_unknown_words_is_not_read(matcher, text):
    assert read(matcher, text) == ()


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Unsloth LoRA r=16 on a single 4090", "peft"),  # a one-letter setting is a value, not the R language
        ("Crystal Reports", "sql-and-data"),  # a report writer, not the Crystal language
        ("Copilot in Excel", "genai-fundamentals"),
        ("Built a chat-with-your-PDFs app in Streamlit", "rag"),
        ("Burp Suite Pro + own extensions (Jython)", "web-apis"),
        ("JavaScript ES6, React, Node/Express (bootcamp)", "web-apis"),
        ("Apex: REST callouts, named credentials", "web-apis"),
        ("Nsight traces, chasing CUDA OOMs on A10s", "gpu-computing"),
        ("VS Code agent mode for refactoring", "ai-coding-assistants"),
        ("Chinchilla scaling and a cosine schedule for a 350M model", "training-strategies"),
        ("squash merges, interactive rebase, cherry-picks", "git"),
        ("google-genai SDK from a Cloud Run job", "llm-apis"),
        ("gpt-image-1 for ad mockups", "multimodal-apis"),
        ("Drupal 10 custom modules", "web-apis"),
        ("PHP (Joomla, custom modules)", "web-apis"),  # a CMS's modules, as Drupal's
        ("Stripe payments", "web-apis"),  # a product used through its web API
    ],
)
def test_names_of_the_tools_people_work_with(matcher, text, skill):
    assert skill in {m.target for m in matcher.resolve(text)}


@pytest.mark.parametrize(
    "text", ["iPhone jailbreaking and battery swaps at a kiosk", "Token counting machines and coin hoppers for casinos"]
)
def test_a_phone_jailbreak_or_a_coin_counter_beside_unknown_words_is_no_ai_skill(matcher, text):
    assert {m.target for m in matcher.resolve(text)} <= {None}


@pytest.mark.parametrize(
    "text",
    [
        "Rotary encoder / decoder boards for the lift motors",
        "Mixed precision grinding, +/- 2 microns",
        "Built a sales reward model and bonus scheme",
    ],
)
def test_other_trades_encoders_precision_and_reward_models_are_no_ai_skill(matcher, text):
    assert {m.target for m in matcher.resolve(text)} <= {None}


@pytest.mark.parametrize("text", ["LoRA r=16", "Crystal Reports", "k=5 cross-validation"])
def test_a_one_letter_setting_or_a_report_writer_is_no_programming_language(matcher, text):
    assert "programming-languages" not in {m.target for m in matcher.resolve(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Hybrid BM25 + dense retrieval over 9k tender documents; answers cite the clause",
        "question answering over our HR handbook with a cross-encoder reranker",
        "grounded Q&A on sentence-transformers and FAISS over lab SOPs",
    ],
)
def test_retrieval_that_answers_with_citations_is_rag(matcher, text):
    """Retrieval whose results answer questions from what was found is RAG (matching.yaml's ``shows``), in place of
    semantic search; a vector store keeps its own reading beside it."""
    targets = {m.target for m in matcher.resolve(text)}
    assert "rag" in targets and "semantic-search" not in targets
    assert targets == {m.target for m in matcher.resolve(text)}  # the same from the cache


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SFT with TRL", {"supervised-fine-tuning"}),
        ("SFT on Llama with TRL", {"supervised-fine-tuning"}),
        ("TRL", {"rlhf"}),  # alone, the library's name says reinforcement learning
        ("DPO on preference pairs with TRL", {"rlhf"}),
    ],
)
def test_trl_beside_supervised_fine_tuning_is_its_library_not_rlhf(matcher, text, expected):
    assert {m.target for m in matcher.resolve(text)} - {None} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Know the OpenAI, Anthropic, Mistral and Qwen model families and where to host each", {"model-providers"}),
        ("perplexity, top-k / nucleus sampling, beam search", {"language-models"}),
        ("top-k vs nucleus sampling, perplexity of small LMs", {"language-models"}),
        ("tokens & context windows, tuning temperature/top_p", {"llm-parameters"}),  # no decoding words: parameters
        ("Langfuse tracing of every prompt, with token cost and latency per user", {"llm-observability"}),
        ("OpenTelemetry traces for every LLM call with token cost per tenant", {"llm-observability"}),
        (
            "Prompt caching and trimming older turns to keep long claims conversations inside the context window",
            {"context-engineering"},
        ),
        ("Counted tokens with tiktoken to keep case files inside the context window", {"llm-parameters"}),
        ("Fine-tuned gpt-4o-mini on 2k labelled customs declarations via the OpenAI platform", {"fine-tuning-apis"}),
        ("pytest, poetry packaging, type hints", {"python"}),
        ("GitHub Actions running pytest + lint on every PR", {"ci-cd"}),  # a pipeline stays CI/CD
        ("RoBERTa-based NER for drug names in pharmacovigilance reports", {"bert"}),
        ("SFT on 50k instruction/response pairs to turn base Mistral into a chat model", {"instruction-tuning"}),
        ("built an instruction-response dataset and chat-tuned a base Mistral", {"instruction-tuning"}),
        ("CLIP embeddings to match product photos to catalogue descriptions", {"multimodal"}),
        ("Got GPT-4o to return JSON matching a Pydantic schema for invoice line items", {"structured-outputs"}),
        ("FastAPI endpoints with Pydantic validation and OAuth2", {"web-apis"}),  # no model: not structured outputs
    ],
)
def test_what_the_words_beside_a_reading_show(matcher, text, expected):
    assert {m.target for m in matcher.resolve(text)} - {None} == expected


def test_a_chat_with_a_pdf_beside_a_vector_store_or_framework_is_rag(matcher):
    """A chat with your PDF or documents answers questions from what was retrieved: RAG (a shows rule), where the
    splitter had cut "chat with pdf" apart; the vector store keeps its reading."""
    found = {m.target for m in matcher.resolve("Langchain youtube course - chat with pdf using openai + chromadb")}
    assert {"rag", "langchain", "vector-databases"} <= found


def test_flutter_with_dart_is_the_language_and_flutter_alone_names_nothing(matcher):
    """ "Flutter/Dart" names Dart with its UI framework; "Flutter" alone is left unread (an English word), and an app
    built with it is where an API was called ("Gemini API integration in our Flutter app" is the API only)."""
    for name in ("Flutter/Dart 4yrs (bloc, riverpod)", "Flutter / Dart", "Dart/Flutter"):
        assert [m.target for m in matcher.resolve(name) if m.target] == ["programming-languages"], name
    assert matcher.match("Flutter").target is None
    assert [m.target for m in matcher.resolve("Gemini API integration in our Flutter app")] == ["llm-apis"]


def test_writing_api_reference_docs_is_web_apis_at_2(matcher):
    """A technical writer's API reference docs show how a web API is called, up to 2; a framework's generated
    OpenAPI docs stay the framework's."""
    (found,) = [m for m in matcher.resolve("Technical writing / API reference docs - 12 yrs") if m.target]
    assert (found.target, found.up_to) == ("web-apis", 2)
    assert {m.up_to for m in matcher.resolve("FastAPI services with OpenAPI docs")} == {None}


def test_a_map_servers_web_services_are_web_apis_at_2(matcher):
    """GeoServer publishes layers as OGC web services (WMS, WFS) over HTTP: the client side of web APIs, up to 2."""
    (found,) = matcher.resolve("GeoServer WMS/WFS")[:1]
    assert (found.target, found.up_to) == ("web-apis", 2)


def test_a_shows_rule_may_credit_what_it_shows_up_to_a_level(matcher):
    """A shows rule's up_to: "AI agents" in a help desk admin's entry is its no-code support bot, prompting up to 2
    in place of AI agents; webhooks in a no-code automation tool are web APIs up to 2, not the heads rule's 3. An
    agent built in code that calls the help desk's API keeps its readings."""
    (bot,) = [m for m in matcher.resolve("Zendesk admin - triggers, macros, AI agents (ex-Ultimate)") if m.target]
    assert (bot.target, bot.up_to) == ("prompt-engineering", 2)
    (zaps,) = matcher.resolve("Zapier / Make zaps with webhooks")
    assert (zaps.target, zaps.up_to) == ("web-apis", 2)
    coded = matcher.resolve("Built AI agents with LangGraph that resolve Zendesk tickets via the Zendesk API")
    assert {m.target for m in coded} == {"ai-agents", "agent-frameworks", "web-apis"}


@pytest.mark.parametrize(
    "text", ["fast.ai Practical Deep Learning pt 1 (completed)", "fastai", "Deep learning (fast.ai)"]
)
def test_fast_ai_is_deep_learning_and_pytorch_up_to_2(matcher, text):
    """fast.ai's course and library teach deep learning in PyTorch, which fastai wraps: PyTorch up to 2 beside the deep
    learning; "fast AI inference" and FastAPI are not it."""
    found = {m.target: m.up_to for m in matcher.resolve(text) if m.target}
    assert found == {"dl-fundamentals": None, "pytorch": 2}
    assert "pytorch" not in {m.target for m in matcher.resolve("FastAPI serving a CNN")}
    assert "pytorch" not in {m.target for m in matcher.resolve("fast AI inference with deep learning on edge devices")}


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("CUDA C++ kernels for a CFD solver", {"gpu-computing", "programming-languages"}),
        ("wrote CUDA C kernels for seismic imaging", {"gpu-computing", "programming-languages"}),
        ("CUDA kernels for image preprocessing", {"gpu-computing"}),  # no language named
        ("Java 17 Spring Boot REST services for a pensions platform", {"programming-languages", "web-apis"}),
        ("C# .NET 8 REST APIs for a logistics platform", {"programming-languages", "web-apis"}),
        ("Python FastAPI services", {"python", "web-apis"}),
        ("Spring Boot REST services", {"web-apis"}),  # the framework alone names no language
    ],
)
def test_reading_round_fifteens_languages(matcher, text, read):
    """CUDA C and C++ are written in the language as well as GPU computing; a language named right before a web
    framework is what the framework's services were written in (reading round fifteen)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == read


def test_vocabulary_round_eights_shows_rules(matcher):
    """An LLM gateway's per-team virtual keys attribute each call's spend: LLM observability up to 2 beside its
    cost reading (token budgets alone stay cost control); a survey network's least squares adjustment is linear
    algebra up to 2 beside statistics; evals beside a model evaluation harness are application evaluation up to
    2 only; a LoRA trained for an image model is parameter-efficient fine-tuning up to 3 beside Stable Diffusion."""

    def readings(text):
        return {(m.target, m.up_to) for m in matcher.resolve(text) if m.target}

    gateway = readings("LiteLLM proxy in prod - routing, fallbacks, virtual keys, budgets/rate limits")
    assert gateway == {("cost-and-latency", None), ("llm-observability", 2)}
    budgets = readings("Per-tenant token budgets and response streaming cut our p95 latency in half")
    assert budgets == {("cost-and-latency", None)}
    assert readings("least squares adjustment") == {("statistics", None), ("math-for-ml", 2)}
    harness = readings("lm-eval-harness, MT-Bench, custom evals")
    assert harness == {("model-evaluation", None), ("app-evaluation", 2)}
    assert readings("custom evals") == {("app-evaluation", None)}
    assert readings("SDXL LoRA training w/ kohya_ss") == {("stable-diffusion", None), ("peft", 3)}
    assert readings("kohya_ss") == {("stable-diffusion", None)}


def test_spark_ml_and_scikit_learn_transformers_are_no_transformer_model(matcher):
    """Transformers beside Estimators in a Spark ML or scikit-learn pipeline transform data: the transformer
    module is dropped, the pipeline's other names stay; a transformer built in PyTorch keeps its reading."""
    spark = {m.target for m in matcher.resolve("Spark ML pipelines (custom Transformers / Estimators)") if m.target}
    assert spark == {"sql-and-data"}
    built = {m.target for m in matcher.resolve("Transformers from scratch in PyTorch") if m.target}
    assert built == {"transformer-architecture", "pytorch"}


def test_a_purpose_ending_in_the_tool_it_was_done_in_reads_the_tool_too(matcher):
    """ "1D CNN for AF detection in Keras": what follows "for" says what the network was for, but the "in Keras"
    ending it names the framework the network was built in (a skill it builds on), read beside it; a purpose
    naming no such tool stays a purpose."""
    cnn = {m.target for m in matcher.resolve("1D CNN for AF detection in Keras (tutorial level)") if m.target}
    assert cnn == {"dl-fundamentals", "dl-frameworks-other"}
    lstm = {m.target for m in matcher.resolve("LSTM for load forecasting in PyTorch") if m.target}
    assert lstm == {"dl-fundamentals", "pytorch"}
    assert {m.target for m in matcher.resolve("Python for log parsing") if m.target} == {"python"}


def test_jaxs_sharding_apis_are_distributed_training(matcher):
    """pjit, shard_map and GSPMD shard a JAX model and its data across TPU or GPU devices: distributed training."""
    sharded = {m.target for m in matcher.resolve("JAX on TPU v5e pods, sharded with pjit across hosts") if m.target}
    assert sharded == {"dl-frameworks-other", "distributed-training"}
    assert read(matcher, "shard_map") == (("skill", "distributed-training"),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GCP Vertex AI", "model-providers"),
        ("Google Cloud Vertex AI", "model-providers"),
        ("Microsoft Azure OpenAI", "model-providers"),
        ("GCP BigQuery", "sql-and-data"),
        ("Amazon Web Services Bedrock", "model-providers"),
    ],
)
def test_a_cloud_vendors_name_before_its_product_is_the_maker(matcher, text, expected):
    """A vendor's name leading a product it makes says who makes it, not a second skill beside it: the entry is
    the product, as "AWS SageMaker" is model serving, not the cloud and serving."""
    assert read(matcher, text) == (("skill", expected),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Azure OpenAI + AI Search RAG PoCs", {"model-providers", "vector-databases", "rag"}),
        ("Azure Functions + AI Search", {"cloud-platforms", "vector-databases"}),
        ("Azure OpenAI, AI Search, Blob Storage", {"model-providers", "vector-databases", "cloud-platforms"}),
        # words the vendor's name would read as the cloud are no product of it
        ("Azure OpenAI SDK calls with retries on 429s", {"llm-apis"}),
        ("Azure OpenAI, search", {"model-providers"}),
    ],
)
def test_a_cloud_vendors_name_leading_a_list_makes_its_other_products(matcher, text, expected):
    """A vendor named once before a list makes the products after it: "AI Search" beside "Azure OpenAI" is Azure
    AI Search, a vector store, where alone it is too general to read."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Azure", "cloud-platforms"),
        ("Google Cloud Run", "cloud-platforms"),
        ("AWS certified", "cloud-platforms"),
        ("SQS / SNS / EventBridge", "cloud-platforms"),  # a cloud's service names, bare where no one else uses them
        ("AWS SQS", "cloud-platforms"),
        ("Amazon SNS", "cloud-platforms"),
    ],
)
def test_a_cloud_vendors_own_names_stay_the_cloud(matcher, text, expected):
    """The vendor rule reads only entries left unread whole: the cloud's own names are the cloud."""
    assert read(matcher, text) == (("skill", expected),)


@pytest.mark.parametrize("text", ["SNS marketing", "step functions and ramp inputs"])
def test_a_cloud_service_name_used_elsewhere_needs_its_vendor(matcher, text):
    """ "SNS" is social media in many profiles and a step function a control engineer's input: bare, no cloud."""
    assert read(matcher, text) == ()


def test_arize_is_llm_observability_in_either_order(matcher):
    """Arize makes Phoenix, the LLM tracing tool: "Phoenix (Arize)" is the tool, named maker second."""
    assert read(matcher, "Phoenix (Arize)") == (("skill", "llm-observability"),)


def test_drupal_is_web_development_up_to_4(matcher):
    """A CMS's custom modules and views are backend web development inside its framework, up to 4."""
    (found,) = [m for m in matcher.resolve("Drupal 10 custom modules") if m.target]
    assert (found.target, found.up_to) == ("web-apis", 4)


@pytest.mark.parametrize(
    "text",
    [
        "Distillation at a craft whisky distillery, making the pot still cuts",
        "Pruned and grafted apple trees at a family orchard",
        "Fine tuning of pianos and harpsichords",
        "Stable diffusion of dopants in silicon wafers (process eng.)",
        "Tokenisation of card data to reduce PCI DSS scope",
        "Chunking techniques for teaching phonics",
        "Managing hallucinations in early psychosis (mental health nursing)",
        "Continuous batching in a pharmaceutical plant (process engineering)",
        "Earthing/grounding checks on telecom masts",
        "Deployment to Kandahar as a logistics NCO",
        "MCP - Microsoft Certified Professional",
        "PPO and HMO plan design",
        "Java and Sumatra single-origin roast profiles for a specialty roaster",
        "quantization in Ableton (music production)",
    ],
)
def test_a_name_beside_another_trades_words_is_that_trades_term(matcher, text):
    """A shows rule meaning none: the words beside a name say it is another field's term (whisky distillation,
    a piano's fine tuning, PPO beside HMO), so the entry names no skill, and says why."""
    found = matcher.resolve(text)
    assert not [m.target for m in found if m.target]
    assert any(m.reason for m in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("knowledge distillation (MarginMSE, teacher ensembles) for a reranker", "model-compression"),
        ("LoRA fine tuning of Llama for piano lesson chatbots", "peft"),
        ("PPO for RLHF on a 7B model", "rlhf"),
        ("Java 17 and Kotlin services", "programming-languages"),
        ("Deployed vLLM on EKS", "deployment"),
        ("GGUF quantization for a music-tagging model", "quantization"),
    ],
)
def test_another_trades_words_leave_the_names_they_do_not_sit_beside(matcher, text, expected):
    """The AI sense stays where the other trade's words are absent, or where another name says it."""
    assert expected in {m.target for m in matcher.resolve(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ModernBERT fine tunned for IT ticket triage (12 classes)", {"bert", "supervised-fine-tuning"}),
        ("Bicep templates for Azure landing zones", {"cloud-platforms"}),
        ("Rebase feature branches daily", {"git"}),
        ("Wrote an internal pip package for parsing timetable files", {"python"}),
        ("Shipping agent for ferry freight, customs declarations and manifests", set()),
    ],
)
def test_phrase_round_three_names(matcher, text, expected):
    """A misspelt verb ("fine tunned") leads as the verb does; Bicep templates and Azure landing zones are the
    cloud platform, feature branches Git, a pip package Python; a shipping agent is a trade, not an AI agent."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


def test_a_vector_store_beside_cited_answers_keeps_its_reading(matcher):
    assert {"rag", "vector-databases"} <= {m.target for m in matcher.resolve("Q&A bot on Chroma, cites its sources")}


@pytest.mark.parametrize(
    "text", ["hybrid BM25 + dense retrieval for product search", "sentence-transformers reranking"]
)
def test_retrieval_that_answers_nothing_stays_semantic_search(matcher, text):
    targets = {m.target for m in matcher.resolve(text)}
    assert "semantic-search" in targets and "rag" not in targets


def test_a_shown_reading_says_why(matcher):
    (shown,) = [m for m in matcher.resolve("dense retrieval with cited answers") if m.target == "rag"]
    assert shown.reason and "retrieval" in shown.reason


@pytest.mark.parametrize(
    "text",
    [
        "Streaming GPT-4o completions into a Vue chat panel",
        "Kotlin service calling Gemini with retries and timeouts",
        "Claude from a Lambda, exponential backoff on 429s",
    ],
)
def test_a_model_streamed_retried_or_rate_limited_from_code_is_an_api_call(matcher, text):
    assert "llm-apis" in {m.target for m in matcher.resolve(text)}


@pytest.mark.parametrize(
    "text", ["ChatGPT / GPT-4 - only the chat, never the API", "Claude for emails, never used the API"]
)
def test_a_chat_product_never_called_from_code_is_no_api_call(matcher, text):
    assert "llm-apis" not in {m.target for m in matcher.resolve(text)}


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        ("Go microservices for a freight exchange", {"programming-languages"}),
        ("decided what goes into the context for each support turn", {"context-engineering"}),
        ("Designed a plan-and-execute agent for invoice matching", {"ai-agents"}),
        ("Qwen2.5-VL reading scanned delivery notes", {"multimodal"}),
        ("Ragas faithfulness scores on a golden set of 200 questions", {"app-evaluation"}),
        ("Shadow deployment of each new model version", {"llmops"}),
        ("cut the LLM bill in half", {"cost-and-latency"}),
    ],
)
def test_what_practitioners_write_about_services_context_and_agents(matcher, text, skills):
    assert skills <= {m.target for m in matcher.resolve(text)}


@pytest.mark.parametrize(
    ("text", "skill", "up_to"),
    [
        ("ArcGIS", None, None),  # a GIS suite, not a typo of an evaluation benchmark
        ("OpenGL", "gpu-computing", 2),  # graphics on the GPU, not CUDA
        ("Composition API", "programming-languages", None),  # Vue's, not a web API
        ("Harvey AI", "genai-fundamentals", 1),
    ],
)
def test_tools_of_other_trades_read_as_what_they_are(matcher, text, skill, up_to):
    (found,) = matcher.resolve(text)
    assert (found.target, found.up_to) == (skill, up_to) and found.method != "fuzzy"


@pytest.mark.parametrize(
    ("text", "shown", "not_shown"),
    [
        ("prompt caching and the Batch API cut our token spend by half", "cost-and-latency", "context-engineering"),
        ("prompt caching of a long system prompt, trimming old turns", "context-engineering", None),
        ("HF Hub - pushed datasets and model cards", "hugging-face", "responsible-ai"),
        ("Helm charts and k8s deployments for our services", "containers", "deployment"),
    ],
)
def test_what_the_words_beside_a_name_show_it_was_used_for(matcher, text, shown, not_shown):
    targets = {m.target for m in matcher.resolve(text)}
    assert shown in targets and (not_shown is None or not_shown not in targets)


@pytest.mark.parametrize(
    "text",
    ["ChatGPT + OpenAI step in Zapier for subject lines", "ChatGPT step in Zapier - summarize call notes into HubSpot"],
)
def test_a_chat_model_in_a_no_code_automation_step_is_llm_apis_at_1(matcher, text):
    """A chat model called from a Zapier, Make or n8n step is sent a prompt through its API, configured, not coded:
    Using LLM APIs up to 1, beside the product's own reading (vocabulary round seven)."""
    found = {m.target: m.up_to for m in matcher.resolve(text) if m.target}
    assert found["llm-apis"] == 1
    assert "genai-fundamentals" in found
    assert "llm-apis" not in {m.target for m in matcher.resolve("ChatGPT for drafting follow-up emails")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Playwright + TypeScript e2e tests", "programming-languages"),
        ("Python unit tests", "python"),
        ("GitLab CI pipelines running pytest on every merge request", "ci-cd"),
    ],
)
def test_what_tests_are_says_how_and_a_ci_pipeline_on_merge_requests_is_ci_cd(matcher, text, expected):
    """ "e2e" and "unit" say what kind of tests were written, not which skill; a CI pipeline run on every merge
    request is CI/CD even where the phrase reads GitLab's merge requests as Git (vocabulary round seven)."""
    targets = {m.target for m in matcher.resolve(text) if m.target}
    assert expected in targets
    assert "git" not in targets


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("watsonx Code Assistant for Z pilot", "ai-coding-assistants"),
        ("judging AI-generated code", "ai-coding-assistants"),
        ("training my own ML models", "ml-fundamentals"),
        ("neural operator surrogates", "dl-fundamentals"),
        ("APIM gateway with per-team token quotas", "cost-and-latency"),
        ("bulk SEO product descriptions", "prompt-engineering"),
        ("auto-generating ad copy variants", "prompt-engineering"),
        ("training transformer LMs", "language-models"),
    ],
)
def test_goals_naming_a_code_assistant_ml_models_neural_models_token_quotas_or_copy(matcher, goal, skill):
    """matching.yaml's wants (goal round of session 26): a code assistant and code an AI wrote ask for coding
    assistants, "ML models" for machine learning's fundamentals, a neural model for deep learning's, a token quota
    for cost control, ad copy and product descriptions for prompting (as marketing copy), a transformer LM for
    language models; a skill entry is never read by them (its own names may read another skill: "APIM gateway" on a
    CV is an API gateway, web APIs)."""
    assert matcher.read_goals([goal])[goal].skills == (skill,)
    assert skill not in {m.target for m in matcher.resolve(goal)}


def test_a_brand_voice_is_a_writing_style_and_calling_an_llm_is_the_api(matcher):
    """A brand voice or tone of voice asks for prompting, not speech (a goal rule ahead of speech's "voice"); a
    language model named with calling it is Using LLM APIs, in goals and skill entries alike (goal round of
    session 26)."""
    for goal in ("brand-voice blog posts in ES/EN", "consistent brand voice"):
        assert matcher.read_goals([goal])[goal].skills == ("prompt-engineering",)
    assert matcher.read_goals(["voice bot for phone support"])["voice bot for phone support"].skills == (
        "multimodal-apis",
    )
    targets = {m.target for m in matcher.resolve("calling LLMs from Java") if m.target}
    assert targets == {"llm-apis", "programming-languages"}
    assert {m.target for m in matcher.resolve("LLMs")} == {"language-models"}


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("out of memory errors when training", "training-optimization"),
        ("out of memory when training - fix it", "training-optimization"),
        ("out of memory on the 4090", "gpu-computing"),
        ("chatbot that remembers the conversation", "context-engineering"),
    ],
)
def test_out_of_memory_is_a_gpus_memory_not_a_conversations(matcher, goal, skill):
    """Out of memory is a GPU's error, read ahead of context engineering's "memory" (goal round of session 26)."""
    assert matcher.read_goals([goal])[goal].skills == (skill,)


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("cutting LLM API spend 40%", "cost-and-latency"),
        ("cutting OpenAI API costs", "cost-and-latency"),
        ("Azure OpenAI content filtering", "guardrails"),
        ("fine-tuning an ECG foundation model", "supervised-fine-tuning"),
        ("takes 30 seconds per answer", "cost-and-latency"),
        ("roll out prompt changes safely", "llmops"),
        ("get the team using GitHub Copilot well", "ai-coding-assistants"),
    ],
)
def test_goals_of_cost_content_filters_and_a_tuned_foundation_model(matcher, goal, skill):
    """Goal round two of session 26: cutting what LLM API calls cost is cost control, a provider's content filters
    are guardrails and fine-tuning a foundation model is fine-tuning (``shows`` rules, for skill entries too);
    seconds of waiting are latency, and prompts rolled out and GitHub Copilot keep their goal readings."""
    assert matcher.read_goals([goal])[goal].skills == (skill,)


@pytest.mark.parametrize(
    "goal",
    ["LLM as second coder", "safe Copilot for M365 rollout", "building a small planner copilot"],
)
def test_a_second_coder_a_product_rollout_and_a_copilot_built_ask_for_no_skill_by_those_words(matcher, goal):
    """ "second" (the ordinal) is not one of "seconds" (cost and latency's word: a word whose singular is another
    word keeps its form, phrases.NOT_PLURALS); a product rolled out to staff is not LLMOps' rollout of prompts or
    models; a copilot built or Microsoft's Copilot is not a coding assistant (goal round two of session 26)."""
    skills = matcher.read_goals([goal])[goal].skills
    assert not {"cost-and-latency", "llmops", "ai-coding-assistants"} & set(skills)


def test_a_word_whose_singular_is_another_word_keeps_its_form():
    assert singular("seconds") == "seconds"
    assert singular("news") == "news"
    assert singular("hallucinations") == "hallucination"


@pytest.mark.parametrize(
    ("text", "skill", "not_read"),
    [
        ("LLM features in Node/TypeScript done properly", "llm-apis", "language-models"),
        ("production LLM applications", "llm-apis", "language-models"),
        ("serving fine-tuned Gemma on GPUs", "deployment", None),
    ],
)
def test_an_llm_feature_built_is_the_api_and_serving_a_tuned_model_is_deployment(matcher, text, skill, not_read):
    """An LLM feature, application or assistant built calls a model (Using LLM APIs, not how language models work);
    serving a fine-tuned model is deployment beside the tuning (``shows``, goal round two of session 26)."""
    assert skill in matcher.read_goals([text])[text].skills
    targets = {m.target for m in matcher.resolve(text) if m.target}
    assert skill in targets and not_read not in targets


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("LLM app security review", "ai-security"),
        ("building LLM features myself", "llm-apis"),
        ("dashboards for token usage and latency per request", "llm-observability"),
    ],
)
def test_a_secured_llm_app_an_llm_feature_and_a_token_dashboard(matcher, goal, skill):
    """Securing an LLM application is AI security (``shows`` over the module's reading); an LLM feature asks for
    the API as an AI feature does; a dashboard of token use and latency is observability, as its traces are (goal
    round two of session 26)."""
    assert matcher.read_goals([goal])[goal].skills == (skill,)


def test_an_llm_chatbot_is_the_api_and_serving_on_gpus_is_deployment(matcher):
    """An LLM chatbot built is Using LLM APIs, as an LLM feature is; serving a model on GPUs, or autoscaling its
    servers on GPU nodes, is deployment beside the GPU work (goal round two of session 26)."""
    goal = "LLM chatbot in discord.py"
    assert matcher.read_goals([goal])[goal].skills == ("llm-apis",)
    goal = "autoscale model servers on GPU nodes"
    assert set(matcher.read_goals([goal])[goal].skills) == {"deployment", "gpu-computing"}


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("moving our Dialogflow bot to LLMs", "llm-apis"),
        ("combining NMT and LLM translations", "llm-apis"),
        ("generating copy for 2k listings", "prompt-engineering"),
        ("why LLMs work at all", "language-models"),
        ("a tip-line triager", "ai-agents"),
        ("train a model on our labelled tickets with TRL", "supervised-fine-tuning"),
    ],
)
def test_goals_moving_to_llms_translating_generating_copy_and_tuning_on_labels(matcher, goal, skill):
    """Goal round three (session 27): a system moved to LLMs and translating with an LLM call a model from code;
    generating copy is copywriting, as marketing copy is; why LLMs work is asked as how they work; a triager
    triages; TRL on labelled examples is supervised fine-tuning, not RLHF (a ``shows``, for skill entries too)."""
    assert matcher.read_goals([goal])[goal].skills == (skill,)


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("OCR for scanned manuals", "multimodal-apis"),
        ("Q&A over our scanned manuals", "rag"),
        ("neural audio effects for our plugin", "dl-fundamentals"),
        ("audio transcription for interviews", "multimodal-apis"),
    ],
)
def test_ocr_for_scans_and_a_neural_audio_model_ask_for_their_own_skill(matcher, goal, skill):
    """Goal round three (session 27): OCR for scans is the image work, ahead of RAG's "manuals"; a neural model of
    sound is deep learning, ahead of speech's "audio"."""
    assert matcher.read_goals([goal])[goal].skills == (skill,)


def test_batching_beside_serving_is_inference_optimisation_beside_deployment(matcher):
    """Batching where a model is served is how a serving engine raises throughput (a ``shows``, goal round three)."""
    goal = "batching in LLM serving engines"
    assert set(matcher.read_goals([goal])[goal].skills) == {"deployment", "inference-optimization"}
    assert {m.target for m in matcher.resolve("model serving on Kubernetes") if m.target} == {
        "deployment",
        "containers",
    }


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("serving LLMs on our own cluster", "deployment"),
        ("internal LLM platform for product teams", "llmops"),
        ("GenAI evaluation for our support bots", "app-evaluation"),
        ("adapting time-series foundation models to river gauges", "dl-fundamentals"),
        ("EEG foundation models for sleep staging", "dl-fundamentals"),
        ("how AI contract review works", "genai-fundamentals"),
        ("conformal prediction for our classifier", "statistics"),
        ("predicting churn from usage", "ml-fundamentals"),
        ("LLM summaries of shift handovers", "llm-apis"),
        ("LLM-drafted incident reports", "llm-apis"),
        ("LLM-driven NPC dialogue for our RPG", "llm-apis"),
        ("evaluating LLM-drafted letters", "app-evaluation"),
    ],
)
def test_goals_serving_llms_an_llm_platform_genai_evals_domain_foundation_models_and_llm_written_text(
    matcher, goal, skill
):
    """Goal round four (session 28): serving a language model is deployment and an LLM platform is LLMOps, not how
    language models work; GenAI evaluation is app evaluation, not what generative AI is; a foundation model for
    sensor or scientific data is a pretrained deep network (``shows``, for skill entries too); asking how an AI use
    works is Gen AI fundamentals; conformal prediction is statistics, ahead of "prediction"; text an LLM writes in a
    product (summaries, drafts, NPC dialogue) calls it from code, and evaluating it stays evaluation."""
    assert matcher.read_goals([goal])[goal].skills == (skill,)


def test_text_to_sql_and_llms_used_for_a_task_are_the_api(matcher):
    """Text-to-SQL asks for a model writing the query (ahead of SQL's "SQL"); LLMs used to do a task are called from
    code, not how language models work (a ``shows``, for skill entries too)."""
    for goal in ("text-to-SQL for our finance team", "LLMs to explain legacy PL/I code"):
        assert matcher.read_goals([goal])[goal].skills == ("llm-apis",)
    assert {m.target for m in matcher.resolve("used LLMs to summarise tickets") if m.target} == {"llm-apis"}
    assert matcher.read_goals(["get better at SQL"])["get better at SQL"].skills == ("sql-and-data",)


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("what LLMs can really do", "genai-fundamentals"),
        ("what LLMs can and can't do for a small charity", "genai-fundamentals"),
        ("how LLMs work", "language-models"),
        ("which provider is cheapest for long context", "model-providers"),
        ("long context for contract review", "context-engineering"),
    ],
)
def test_what_llms_can_do_and_which_provider(matcher, goal, skill):
    """Goal round four (session 28): what LLMs can do is where generative AI helps (Gen AI fundamentals), how they
    work stays language models; which provider for long context or cost is choosing a provider (``shows``)."""
    assert matcher.read_goals([goal])[goal].skills == (skill,)


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("in-app assistant for spending questions", "llm-apis"),
        ("cut our spending on GPT-4", "cost-and-latency"),
        ("LLM spending per team", "cost-and-latency"),
        ("slow in-app assistant", "cost-and-latency"),
    ],
)
def test_an_in_app_assistant_is_the_api_and_a_users_spending_no_cost(matcher, goal, skill):
    """Goal round four (session 28): an assistant built into one's app calls a model (the API); "spending" asks for
    cost control only as LLM, API or token spending or spending on something, not a user's spending questions."""
    assert matcher.read_goals([goal])[goal].skills == (skill,)


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("fine-tune BERT for intent detection", "bert"),
        ("fine tune a BERT model on our tickets", "bert"),
        ("fine-tune GPT-4o-mini on our tickets", "fine-tuning-apis"),
        ("fine-tune a model on our support tickets", "supervised-fine-tuning"),
        ("plain-English questions over our warehouse data", "llm-apis"),
        ("plain English questions about our HR handbook", "rag"),
    ],
)
def test_fine_tuning_bert_and_plain_english_questions(matcher, goal, skill):
    """Goal round five (session 29): fine-tuning BERT is the BERT skill, as its alias "BERT fine-tuning" is; questions
    asked of data in plain English are natural-language querying (the API), of documents RAG."""
    assert matcher.read_goals([goal])[goal].skills == (skill,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("streaming tokens from Azure OpenAI to a React UI", {"llm-apis"}),
        ("JSON back from GPT for our invoice fields", {"structured-outputs"}),
        ("open-weight models or GPT for clinical notes", {"open-vs-closed-models"}),
        ("evaluated our RAG pipeline", {"rag", "app-evaluation"}),
        ("GPT-2 from scratch", {"gpt"}),
    ],
)
def test_streaming_json_open_models_and_rag_evals_beside_a_name(matcher, text, expected):
    """Goal round five (session 29), ``shows``: streaming a provider's tokens is the API; JSON from GPT is structured
    outputs and GPT beside open models the open-versus-closed choice (not the architecture); evaluating RAG is
    application evaluation beside it."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "goal", "entry"),
    [
        # goal round ten: embedding retrieval is semantic search too, beside the choice
        ("fine-tuning vs embedding retrieval for product search", ("semantic-search", "fine-tuning-apis"), None),
        ("Bedrock integration in our claims portal", ("llm-apis",), {"llm-apis"}),
        ("decoder LLMs", ("gpt",), {"gpt"}),
        ("productionising our theme-coding pipeline", (), None),
    ],
)
def test_fine_tuning_vs_retrieval_a_provider_integrated_and_decoder_llms(matcher, text, goal, entry):
    """Goal round five (session 29): fine-tuning against retrieval is the fine-tune-or-RAG choice; a provider's models
    integrated into an app are the API (``shows``); a decoder LLM is a decoder-only one (an alias of GPT). Putting a
    pipeline into production is not serving a model: "productionising" asks for no skill."""
    assert matcher.read_goals([text])[text].skills == goal
    if entry is not None:
        assert {m.target for m in matcher.resolve(text) if m.target} == entry


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("LLM classification of policy stance", "llm-apis"),
        ("LLM tagging of ad creatives", "llm-apis"),
        ("summarising customer reviews", "llm-apis"),
        ("summarise tickets with a T5 model", "t5"),
        ("summarizer takes 20 seconds per answer", "cost-and-latency"),
        ("evaluate our summariser", "app-evaluation"),
        ("LLM search over SOPs & incident reports", "rag"),
        ("enterprise LLM document assistant", "rag"),
    ],
)
def test_llm_labels_summaries_llm_search_and_a_document_assistant(matcher, goal, skill):
    """Goal round six (session 30): labels an LLM gives and summaries it writes inside a pipeline call a model from
    code (the API), a named summariser (T5) and its speed or evaluation asked first; an LLM search over documents and
    a document assistant answer from the documents found (RAG)."""
    assert matcher.read_goals([goal])[goal].skills == (skill,)
    survey = "summary statistics for our survey"  # a table's summary, descriptive statistics (session 32)
    assert matcher.read_goals([survey])[survey].skills == ("statistics",)


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("planning large training runs", "training-strategies"),
        ("plan training runs on our cluster", "training-strategies"),
        ("large training runs keep diverging", "training-challenges"),
    ],
)
def test_planning_a_training_run_is_training_strategies(matcher, goal, skill):
    """Goal round six (session 30): planning a (large) training run is the pretraining plan (budgets, batches,
    schedules); a large run that diverges is still training challenges, so "training runs" alone asks for nothing."""
    assert matcher.read_goals([goal])[goal].skills == (skill,)
    assert matcher.read_goals(["keep large training runs alive"])["keep large training runs alive"].skills == ()


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("AI summaries of OH referrals", "llm-apis"),
        ("AI-drafted non-conformance reports", "llm-apis"),
        ("AI drafting of grey-literature reports", "llm-apis"),
        ("AI-written code in our repo", "ai-coding-assistants"),
    ],
)
def test_text_ai_writes_in_a_product_is_the_api(matcher, goal, skill):
    """Goal round seven (session 31): summaries and drafts "AI" writes inside a product are an LLM's, as "LLM
    summaries" and "LLM-drafted" are; code an AI wrote stays a coding assistant's."""
    assert matcher.read_goals([goal])[goal].skills == (skill,)


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("discharge summary generation", "llm-apis"),
        ("LLM call summaries", "llm-apis"),
        ("shipping on-device note summaries", "llm-apis"),
        ("summary statistics for my thesis", "statistics"),
        ("LLM as second coder", "llm-apis"),
        ("LLM coding of open-ended answers", "llm-apis"),
        ("theming free-text comments with an LLM", "llm-apis"),
        ("classifying support emails with an LLM", "llm-apis"),
        ("AI-personalised email sequences", "llm-apis"),
        ("AI product management", "genai-fundamentals"),
        ("LLM inference internals", "inference-optimization"),
        ("permission-aware retrieval", "rag"),
        ("safe Copilot for M365 rollout", "responsible-ai"),
    ],
)
def test_summaries_llm_coding_ai_product_management_and_a_safe_rollout(matcher, goal, skill):
    """Goal round eight (session 32): summaries a goal asks for are written by a model called from code (the API),
    summary statistics staying statistics; an LLM coding or theming answers, or a task done with an LLM, calls it;
    AI product management starts from what generative AI does and how to judge it; a safe rollout of a chat
    product is responsible AI; permission-aware retrieval is RAG's; inference internals are inference optimisation."""
    assert matcher.read_goals([goal])[goal].skills == (skill,)


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("vLLM on L40S nodes", {"deployment", "gpu-computing"}),
        ("self-hosting an LLM on L40S", {"deployment", "gpu-computing"}),
        ("safe M365 Copilot rollout", {"responsible-ai"}),
        ("extracting fields from invoices with LLMs", {"structured-outputs"}),
        ("classifying reviews with LLMs", {"llm-apis"}),
        ("nightly embedding pipeline on BigQuery", {"sql-and-data", "embeddings"}),
        ("pen testing our LLM app", {"ai-security"}),
    ],
)
def test_goals_only_shows_and_a_pipeline_that_embeds(matcher, goal, skills):
    """Goal round eight (session 32): `shows` rules marked goals_only read a goal alone: serving on a named GPU asks
    for running it (GPU computing beside deployment), a chat product used safely for responsible AI, extraction or a
    task done with LLMs for structured outputs or the API. A pipeline that embeds a warehouse's rows is embeddings
    beside the SQL, in goals and entries alike."""
    assert set(matcher.read_goals([goal])[goal].skills) == skills


def test_a_named_gpu_beside_serving_stays_deployment_in_a_skill_entry(matcher):
    """A CV line's GPU says where a model ran, not that the GPU was run (the labelled phrase rows): goals only."""
    targets = {
        m.target for m in matcher.resolve("vLLM serving Mistral Small on 2x L40S behind our API gateway") if m.target
    }
    assert targets == {"deployment"}


def test_an_everyday_name_beside_a_name_read_last_is_read(matcher):
    """ "RAG" is an everyday word (a cloth) among parts naming nothing, but not beside a part read by a name no
    everyday sentence holds ("Oracle 23ai Vector Search" read as "vector search")."""
    targets = {m.target for m in matcher.resolve("RAG with Oracle 23ai Vector Search") if m.target}
    assert targets == {"rag", "vector-databases"}
    assert not any(m.target for m in matcher.resolve("Rag rug weaving & hand-dyeing workshops"))


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("testing an LLM chat feature", "app-evaluation"),
        ("test strategy for LLM chat", "app-evaluation"),
        ("how to test an LLM chatbot", "app-evaluation"),
        ("load testing our LLM endpoint", "cost-and-latency"),
        ("pen testing our LLM app", "ai-security"),
    ],
)
def test_testing_an_llm_or_a_chatbot_is_evaluating_it(matcher, goal, skill):
    """Goal round eight (session 32): testing what an LLM or a chatbot answers, or a test strategy for it, is LLM
    application evaluation (a goals-only `shows` where the chatbot reads as the API); load testing asks for latency
    first and pen testing for security."""
    assert matcher.read_goals([goal])[goal].skills == (skill,)


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("LLM serving at low latency", {"deployment", "inference-optimization"}),
        ("high-throughput LLM serving", {"deployment", "inference-optimization"}),
        ("deploy an LLM to production", {"deployment"}),
        ("llama.cpp internals", {"inference-optimization"}),
        ("contributing to mistral.rs / llama.cpp", {"inference-optimization"}),
        ("run llama.cpp on a Raspberry Pi", {"ollama"}),
        ("evaluating and running assistants", {"app-evaluation"}),
        ("hybrid vector search in Elasticsearch", {"vector-databases", "semantic-search"}),
        ("vector search with Qdrant", {"vector-databases"}),
        ("agents calling our microservices", {"ai-agents", "tool-calling"}),
        ("multi-agent research assistant", {"ai-agents"}),
        ("GenAI platforms on Bedrock", {"model-providers", "llmops"}),
        ("what GenAI can do for our teams", {"genai-fundamentals"}),
    ],
)
def test_goal_round_nines_shows(matcher, goal, skills):
    """Goal round nine: a goal's words beside its reading say what it asks for. Serving at low latency or high
    throughput is inference optimisation beside the deployment; a local engine's internals, or contributing to it, is
    inference optimisation instead of running it; evaluating an assistant is LLM application evaluation, not the
    evaluation area; hybrid vector search is semantic search beside the store; an agent calling one's own services is
    tool calling beside it; a GenAI platform is LLMOps, as an LLM platform is."""
    assert set(matcher.read_goals([goal])[goal].skills) == skills


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("Bedrock summariser in production", {"llm-observability"}),
        ("our Bedrock summariser in production with tracing", {"llm-observability"}),
        ("self-hosted alternative to Bedrock", {"deployment"}),
        ("deploy Llama on SageMaker", {"deployment"}),
        ("self-hosted Langfuse for tracing", {"llm-observability"}),
    ],
)
def test_an_app_on_a_hosted_api_in_production_is_observed_not_served(matcher, goal, skills):
    """Session 40: a goal taking an app on a hosted model API (Bedrock, Azure OpenAI) to production serves no model
    of its own, so what it asks for is LLM observability in place of model deployment; hosting a model in the API's
    place (the rule's ``unless`` words) and a managed platform's endpoints serving one's own model stay deployment."""
    assert set(matcher.read_goals([goal])[goal].skills) == skills


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("fast policy serving for the robot arm", {"deployment", "inference-optimization"}),
        ("serve our detector in real time on a Jetson", {"deployment", "inference-optimization"}),
        ("model serving that is fast enough for live traffic", {"deployment", "inference-optimization"}),
        ("deploy an LLM to production", {"deployment"}),
        ("fast inference", {"inference-optimization"}),  # as "faster inference" is, without a serving word
        ("fast LLM inference", {"inference-optimization"}),
        ("faster inference", {"inference-optimization"}),
        ("get the model into production fast", {"deployment"}),  # how soon, not how quickly it answers
        ("fast-track deploying our model to production", {"deployment"}),
    ],
)
def test_serving_a_model_fast_is_inference_optimisation(matcher, goal, skills):
    """Session 40: "fast", "fast enough" or "real-time" beside a serving reading in a goal asks how the serving
    engine is made fast, as low latency does: inference optimisation beside the deployment. "fast" alone, without
    a serving reading, asks for nothing here (the rule adds to a reading, it does not make one); "fast inference" is
    a goal's words of its own, as "faster inference" is (reading round twenty-one)."""
    assert set(matcher.read_goals([goal])[goal].skills) == skills


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("replacing Chatbase / Voiceflow", ("rag",)),
        ("build my own Chatbase", ("rag",)),
        ("moving off Intercom Fin to our own bot", ("rag",)),
        ("maths tutor bot that gives hints", ("llm-apis",)),
        ("AI tutor for GCSE maths", ("llm-apis",)),
        ("statistics homework helper bot", ("llm-apis",)),
        ("the maths behind chatbots", ("math-for-ml",)),
    ],
)
def test_goal_names_a_bot_to_build_not_its_builder_or_subject(matcher, goal, skills):
    """Session 39: a no-code bot that answers from uploaded documents (Chatbase, Intercom Fin), named in a goal, is
    the bot to rebuild: RAG, not the prompting its name reads as in a CV line; a tutor bot for a school subject is an
    LLM app to build, the subject what it teaches (the maths behind chatbots stays the maths)."""
    assert matcher.read_goals([goal])[goal].skills == skills


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("internal ChatGPT for employees", "llm-apis"),
        ("a ChatGPT clone for our staff", "llm-apis"),
        ("our own ChatGPT for the company", "llm-apis"),
        ("learn to use ChatGPT at work", "genai-fundamentals"),
        ("roll out ChatGPT Enterprise to employees", "genai-fundamentals"),
    ],
)
def test_a_companys_own_chatgpt_is_an_app_to_build_not_the_product(matcher, goal, skill):
    """Session 40: a company's own ChatGPT (internal, in-house, a clone) is a chat app to build on a model's API;
    using ChatGPT, or rolling the product out to staff, stays the product (Gen AI fundamentals). Goals only: a CV line
    "internal ChatGPT for employees" says the person used one."""
    assert matcher.read_goals([goal])[goal].skills == (skill,)
    assert [m.target for m in matcher.resolve("internal ChatGPT for employees")] == ["genai-fundamentals"]


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("how chatbots work", "genai-fundamentals"),
        ("teach kids how chatbots work", "genai-fundamentals"),
        ("build a chatbot for our shop", "llm-apis"),
        ("put a chatbot inside Slack", "llm-apis"),
    ],
)
def test_how_chatbots_work_is_what_generative_ai_does_not_the_api(matcher, goal, skill):
    """Goal round nine: asking how chatbots work is Gen AI fundamentals (as "how AI tools work"), where a chatbot
    to build stays the API (a goals-only `shows` over the API's `wants` reading)."""
    assert matcher.read_goals([goal])[goal].skills == (skill,)


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("how chatbots work inside", ("genai-fundamentals", "llm-parameters")),
        ("how AI chatbots work under the hood", ("genai-fundamentals", "llm-parameters")),
        ("what goes on inside a chatbot", ("genai-fundamentals", "llm-parameters")),
        ("the inner workings of chatbots", ("genai-fundamentals", "llm-parameters")),
        ("understand how LLMs work under the hood", ("language-models",)),
        ("how transformers work under the hood", ("self-attention",)),
    ],
)
def test_how_a_chatbot_works_inside_is_tokens_context_and_sampling(matcher, goal, skills):
    """Session 38: how a chatbot works inside is its mechanism as a user meets it (tokens, a context window,
    sampling) beside what it does; how LLMs or transformers work inside keep the theory they name."""
    assert matcher.read_goals([goal])[goal].skills == skills


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("reproducible LLM classification", ("llm-apis", "structured-outputs")),
        ("consistent LLM tagging of support tickets", ("llm-apis", "structured-outputs")),
        ("deterministic LLM classification for our audit", ("llm-apis", "structured-outputs")),
        ("LLM as second coder", ("llm-apis",)),
        ("classifying support emails with an LLM", ("llm-apis",)),
        ("reproducible research with LLMs", ("llm-apis",)),
        ("consistent tone across our chatbot", ("prompt-engineering",)),
        ("intercoder reliability with LLMs", ("statistics", "llm-apis", "structured-outputs")),
    ],
)
def test_reproducible_llm_labels_are_structured_outputs_beside_the_api(matcher, goal, skills):
    """Session 38: LLM labels made reproducible or consistent, or reliable between coders, are a fixed label set the
    answer fills, structured outputs beside the calls; labelling with an LLM alone, or reproducibility of anything
    else, stays as it was."""
    assert matcher.read_goals([goal])[goal].skills == skills


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("intercoder reliability for my thesis coding", ("statistics",)),
        ("inter-rater reliability between GPT and human coders", ("statistics",)),
        ("make the report generator more reliable", ("app-evaluation",)),
    ],
)
def test_agreement_between_coders_is_statistics_not_evaluation(matcher, goal, skills):
    """Session 38: intercoder or inter-rater reliability is an agreement statistic (Cohen's kappa), read ahead of the
    last `wants` rule's "reliable", which asks for evaluating what a model generates."""
    assert matcher.read_goals([goal])[goal].skills == skills


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("OWASP Top 10 for LLM apps", ("ai-security", "guardrails")),
        ("go through the OWASP LLM Top 10 for our chatbot", ("ai-security", "guardrails")),
        ("LLM app security review", ("ai-security",)),
        ("defend against prompt injection", ("ai-security",)),
    ],
)
def test_owasp_top_10_for_llms_is_guardrails_beside_security(matcher, goal, skills):
    """Session 38: OWASP's Top 10 for LLM applications lists output handling and misinformation beside prompt
    injection, so it asks for guardrails beside AI security; a security review or injection defence stays security."""
    assert matcher.read_goals([goal])[goal].skills == skills


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("validating LLM-drafted safety narratives", ("app-evaluation", "guardrails")),
        ("verifying LLM outputs before they go to customers", ("app-evaluation", "guardrails")),
        ("checking LLM drafts of customer replies for errors", ("app-evaluation", "guardrails")),
        ("validating a vendor LLM", ("app-evaluation", "model-evaluation")),
        ("evaluating LLM outputs on a test set", ("app-evaluation",)),
        ("error taxonomy for LLM outputs", ("app-evaluation",)),
        ("judging AI-generated code", ("ai-coding-assistants",)),
    ],
)
def test_validating_what_an_llm_drafted_is_guardrails_beside_evaluation(matcher, goal, skills):
    """Session 38: validating, verifying or checking text an LLM drafted is checking each draft against its sources
    (guardrails) beside evaluating the drafts; validating a model, or evaluating outputs on a test set, is not."""
    assert matcher.read_goals([goal])[goal].skills == skills


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("local Q&A over CAD manuals", ("rag", "ollama")),
        ("offline RAG over service manuals on a laptop", ("rag", "ollama")),
        ("Q&A over our local council's planning documents", ("rag",)),
        ("RAG over Sharepoint", ("rag",)),
    ],
)
def test_questions_over_documents_answered_locally_are_rag_beside_local_models(matcher, goal, skills):
    """Session 38: Q&A or RAG run locally, offline or air-gapped is RAG with a local model beside it; a local council's
    documents are not run anywhere."""
    assert matcher.read_goals([goal])[goal].skills == skills


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("quality checks for product copy", {"app-evaluation"}),
        ("on-brand product copy at scale", {"prompt-engineering"}),
        ("AI forecasting copilots", {"genai-fundamentals"}),
        ("AI forecasting", {"ml-fundamentals"}),
        ("reliable, auditable agents", {"ai-agents", "app-evaluation"}),
        ("fine-tuning vs embedding retrieval", {"semantic-search", "fine-tuning-apis"}),
        ("embedding retrieval for product search", {"semantic-search"}),
        ("LLM confidence calibration", {"language-models"}),
        ("calibrated churn model probabilities", {"ml-fundamentals"}),
        ("fixing SharePoint oversharing", {"ai-security"}),
        ("safe Copilot for M365 rollout", {"responsible-ai"}),
        ("ML engineering", {"ml-fundamentals"}),
        ("get promoted to staff ML engineer", set()),
    ],
)
def test_goal_round_tens_readings(matcher, goal, skills):
    """Goal round ten: checking the quality of copy a model writes is app evaluation, not prompting; an AI copilot
    for a kind of ML work is what generative AI does; reliable agents are evaluated agents; embedding retrieval is
    semantic search, beside fine-tuning when weighed against it; an LLM's confidence is read from the language model;
    oversharing through an assistant is AI security; ML engineering is asked as machine learning engineering is."""
    assert set(matcher.read_goals([goal])[goal].skills) == skills


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("reliable natural-language chart generation", {"app-evaluation"}),
        ("make the report generator more reliable", {"app-evaluation"}),
        ("reliable JSON out of the model", {"structured-outputs"}),
        ("reliable data pipelines", {"sql-and-data"}),
        ("more reliable model deployments", {"deployment"}),
        ("self-hosted LLM for summarising contracts", {"open-vs-closed-models", "ollama"}),
        ("on-prem LLM for contract review", {"open-vs-closed-models", "ollama"}),
        ("on-prem LLMs, no cloud", {"open-vs-closed-models"}),
        ("open vs closed models for regulated data", {"open-vs-closed-models"}),
        ("AI narrative inside our M365 tenant", {"responsible-ai"}),
        ("keep patient data inside our tenant", {"responsible-ai"}),
        ("RAG inside our Azure tenant", {"rag"}),
    ],
)
def test_goal_round_elevens_readings(matcher, goal, skills):
    """Goal round eleven: making what a model generates reliable, where nothing more particular is named, is evaluating
    it (the last `wants` rule, so a named skill keeps its reading); a self-hosted or on-prem model for a use is running
    an open model oneself (local models) beside the choice, where the choice alone stays the choice; data kept inside
    the organisation's tenant, where nothing more particular is named, is data protection (responsible AI)."""
    assert set(matcher.read_goals([goal])[goal].skills) == skills


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("self-hosted LLM endpoint on EKS", {"deployment", "gpu-computing", "containers", "cloud-platforms"}),
        ("self-hosted LLM endpoint for our product teams", {"deployment", "gpu-computing"}),
        ("deploy a self-hosted LLM on Kubernetes", {"deployment", "gpu-computing", "containers"}),
        ("self-hosted LLM for meeting notes", {"open-vs-closed-models", "ollama"}),
        ("on-prem LLMs, no cloud", {"open-vs-closed-models"}),
    ],
)
def test_goal_round_twelves_readings(matcher, goal, skills):
    """Goal round twelve: a self-hosted LLM served as an endpoint or service for others is serving it (deployment) on
    GPUs one sizes, the choice of an open model made; one for a use of one's own stays local models beside the choice,
    and the choice alone the choice."""
    assert set(matcher.read_goals([goal])[goal].skills) == skills


def test_a_self_hosted_endpoint_in_a_skill_entry_keeps_its_reading(matcher):
    """The endpoint rule is goals only: a CV line's self-hosted LLM keeps the reading of its names."""
    targets = {m.target for m in matcher.resolve("self-hosted LLM endpoint on EKS") if m.target}
    assert "gpu-computing" not in targets


def test_a_copilot_and_reliability_in_a_skill_entry_keep_their_reading(matcher):
    """The copilot and reliability rules are goals only: a CV line says what ran, not what is asked."""
    assert {m.target for m in matcher.resolve("reliable AI agents in production") if m.target} == {"ai-agents"}
    assert "genai-fundamentals" not in {m.target for m in matcher.resolve("AI forecasting copilots") if m.target}


def test_a_contribution_to_a_local_engine_in_a_skill_entry_stays_local_models(matcher):
    """A CV line's contribution to llama.cpp shows the engine run too: the internals rule is goals only."""
    assert "ollama" in {m.target for m in matcher.resolve("contributing to llama.cpp") if m.target}


def test_foundation_models_alone_stay_gen_ai_fundamentals(matcher):
    """Only a foundation model for a kind of data is deep learning: foundation models alone are what generative AI
    is, and "evaluating GenAI use cases" judges their success (Gen AI fundamentals)."""
    for text in ("foundation models", "evaluating GenAI use cases"):
        assert matcher.read_goals([text])[text].skills == ("genai-fundamentals",)


def test_trl_with_preferences_stays_rlhf(matcher):
    targets = {m.target for m in matcher.resolve("DPO on preference pairs with TRL") if m.target}
    assert targets == {"rlhf"}
    targets = {m.target for m in matcher.resolve("TRL SFTTrainer on labelled intents") if m.target}
    assert targets == {"supervised-fine-tuning"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("extracted policy fields as JSON with the OpenAI API", {"llm-apis", "structured-outputs"}),
        (
            "Ticket-triage service that calls Claude and validates the JSON against a Pydantic schema",
            {"llm-apis", "structured-outputs"},
        ),
        ("used the OpenAI API for ticket summaries", {"llm-apis"}),
        ("Flask JSON API backend for a school admissions portal", {"web-apis"}),
        ("pretraining LLMs", {"pretraining"}),
        ("worked on LLM pretraining at scale", {"pretraining"}),
        ("function calling (OpenAI tools API)", {"tool-calling"}),
    ],
)
def test_phrase_round_four(matcher, text, expected):
    """A model's answer got back as JSON, or its JSON checked against a schema, is structured outputs beside the
    API call (a ``shows``; JSON a web API serves is not); pretraining an LLM is the pretraining module (a name rule:
    "pretraining" alone is everyday); the OpenAI tools API is its function calling (phrase round four)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("linear algebra & probability refresher (eigenvalues, Bayes, gradients) for ML", {"math-for-ml"}),
        ("linear algebra, eigendecomposition and matrix calculus as used in ML", {"math-for-ml"}),
        ("linear algebra, scikit-learn", {"math-for-ml", "ml-fundamentals"}),
        (
            "Led the choice between Claude, GPT and self-hosted Llama (cost, privacy, licence)",
            {"open-vs-closed-models"},
        ),
        ("open-weight vs proprietary LLMs", {"open-vs-closed-models"}),
    ],
)
def test_phrase_round_fours_second_batch(matcher, text, expected):
    """Maths "for ML" names what the maths is for, not machine learning (a ``shows`` meaning none: "scikit-learn"
    beside it stays); GPT in a choice between open and closed models is OpenAI's hosted model, not the GPT
    architecture (phrase round four)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OpenAI fine-tuning job on 2k approved email replies, benchmarked vs few-shot", {"fine-tuning-apis"}),
        ("Ran a Bedrock fine-tuning job for claims summaries and compared it with prompting", {"fine-tuning-apis"}),
        ("few-shot prompting", {"prompt-engineering"}),
        ("GGUF Q4_K_M and AWQ builds, measured perplexity drop vs fp16", {"quantization"}),
        ("fp16", {"gpu-computing"}),
    ],
)
def test_a_baseline_compared_against_is_not_a_skill(matcher, text, expected):
    """Prompting that a fine-tuning job was compared against, and the fp16 model a quantized one was measured
    against, are baselines, not prompt engineering or GPU computing (``shows`` meaning none); Bedrock
    fine-tuning is a managed fine-tuning API, as Amazon Bedrock fine-tuning is (phrase round four)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PII scrubbing and toxicity filtering on a 3TB web crawl for pretraining", {"pretraining-data"}),
        ("toxicity filtering", {"guardrails"}),
        ("transformer encoder stack from scratch (bidirectional, no causal mask)", {"encoder"}),
        (
            "Transformer block from scratch: MHA, RMSNorm and residual connections",
            {"layer-normalization", "self-attention"},
        ),
        ("OpenTelemetry GenAI spans on every LLM call (prompt, tokens, latency)", {"llm-observability"}),
    ],
)
def test_phrase_round_fours_fifth_batch(matcher, text, expected):
    """Toxicity filtering of a web crawl for pretraining cleans a corpus (pretraining data, not guardrails); an
    encoder built with no causal mask is no decoder; MHA beside a transformer block's norms is multi-head
    attention; the LLM calls an app traces are no language-model theory (``shows``, phrase round four)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prompt book and cueing as deputy stage manager on a West End musical", set()),
        ("promptfoo", {"app-evaluation"}),
        ("Completed Google Cloud 'Introduction to Generative AI'", {"genai-fundamentals"}),
        ("Google Cloud", {"cloud-platforms"}),
        ("eigendecompositions, Jacobians, chain rule - comfortable with the maths behind backprop", {"math-for-ml"}),
    ],
)
def test_phrase_round_fours_sixth_batch(matcher, text, expected):
    """A theatre's prompt book is no promptfoo (a name meaning none, where the typo search had read it); a cloud
    vendor's introductory course on generative AI teaches the fundamentals, not the cloud; the maths behind
    backprop is the maths (phrase round four)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Designed a stratified sample for a clinical chart audit", {"statistics"}),
        ("slurm batch jobs on the uni cluster for protein folding", {"linux-shell"}),
    ],
)
def test_a_stratified_sample_and_slurm_batch_jobs(matcher, text, expected):
    """A stratified sample is stratified sampling; a Slurm batch job is Slurm (aliases, phrase round four)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Audited the tool permissions of our customer-support agent", {"ai-security"}),
        ("found over-privileged tools in the helpdesk bot", {"ai-security"}),
        ("Fine-tuned the onboarding process for new starters at a call centre", set()),
        ("Fine-tuned BERT for ticket routing", {"supervised-fine-tuning", "bert"}),
        ("PyTorch Lightening", {"pytorch"}),
        ("an AI coding agent for refactoring", {"ai-coding-assistants"}),
    ],
)
def test_phrase_round_five(matcher, text, expected):
    """An agent's tool permissions are AI security (aliases); fine-tuning an onboarding or hiring process is the
    everyday sense (a `shows` meaning none); "PyTorch Lightening" is a misspelling of Lightning; an AI coding agent
    is an AI coding assistant (phrase round five)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Served Llama 3 with TGI behind an internal API", {"deployment"}),
        ("Built a churn model in LightGBM and served it behind FastAPI", {"ml-fundamentals", "web-apis"}),
        ("Clustered support tickets with sentence embeddings", {"semantic-search"}),
        ("word2vec trained for word-sense clustering", {"embeddings"}),
        ("function calling so the bot can reserve tables via our booking API", {"tool-calling"}),
        ("GPU acceleration of seismic imaging", {"gpu-computing"}),
        ("tokenizer vocabulary extension for Welsh", {"tokenization"}),
    ],
)
def test_phrase_round_fives_second_batch(matcher, text, expected):
    """What a thing is served "behind" says where, as "on" does, unless it names a skill; texts clustered by their
    embeddings are semantic search's work, but static word vectors stay embeddings; an API beside function calling
    is what the tools call; CUDA or GPU acceleration is GPU computing; a tokenizer's vocabulary is tokenization
    (phrase round five)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Flask service wrapping the Gemini API for our CRM", {"web-apis", "llm-apis"}),
        ("Express wrapper around the OpenAI SDK", {"web-apis", "llm-apis"}),
        ("Q&A bot over our HR handbook with the Anthropic API", {"llm-apis", "rag"}),
        ("Azure OpenAI fine tunning for our brand voice", {"fine-tuning-apis"}),
        ("Azure OpenAI", {"model-providers"}),
    ],
)
def test_phrase_round_fives_third_batch(matcher, text, expected):
    """A service wrapping an API is both the framework and the API it wraps (a pair, whatever they build on); a
    chatbot over one's documents on an LLM API is RAG beside the API; a provider's platform named with fine-tuning
    (misspelt or not) is its managed fine-tuning (phrase round five)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SwiftUI app calling the Gemini API", {"programming-languages", "llm-apis"}),
        # the Lambda it runs in is the cloud beside the calls (phrase round eleven), as the labelled set reads twins
        ("boto3 bedrock-runtime invoke_model from a Lambda", {"llm-apis", "cloud-platforms"}),
        ("Worked through Mathematics for ML by Deisenroth", {"math-for-ml"}),
    ],
)
def test_phrase_round_fives_fourth_batch(matcher, text, expected):
    """An app calling an API is both, as one wrapping it is; the bedrock-runtime client calls Bedrock's models
    (Using LLM APIs); "Mathematics for ML" is the maths, as "maths for ML" is (phrase round five)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    "text",
    [
        "OpenAI API via Zapier + Bubble API connector (gpt-4o-mini)",
        "OpenAI API in a Make.com scenario",
        "OpenAI API in n8n",
    ],
)
def test_a_model_api_called_from_a_no_code_step_is_the_api_up_to_2(matcher, text):
    """A model's API called from a no-code automation or app builder step is the API, configured, not coded: Using
    LLM APIs up to 2, a restricted form that implies no programming language (vocabulary round nine)."""
    found = {m.target: m.up_to for m in matcher.resolve(text) if m.target}
    assert found["llm-apis"] == 2
    assert {m.target: m.up_to for m in matcher.resolve("OpenAI API")}["llm-apis"] is None


def test_a_pretrained_bert_run_off_the_shelf_is_bert_up_to_2(matcher):
    """A pretrained BERT model run through a Hugging Face pipeline, off the shelf, is applied as it comes: BERT up to
    2, implying no PyTorch; fine-tuning one is BERT itself (vocabulary round nine)."""
    found = {
        m.target: m.up_to for m in matcher.resolve("FinBERT sentiment via HF pipeline (off the shelf)") if m.target
    }
    assert found == {"bert": 2}
    tuned = {m.target: m.up_to for m in matcher.resolve("fine-tuned FinBERT on our labelled calls") if m.target}
    assert "bert" in tuned and tuned["bert"] is None


@pytest.mark.parametrize(
    ("text", "skill", "up_to"),
    [
        ("curso Udemy", None, None),  # Spanish and Portuguese for a course, not a typo of Cursor
        ("cursos", None, None),
        ("API testing", "web-apis", None),  # not a typo of A/B testing
        ("never the API", None, None),  # a negation names no product's web API
        ("never used the API", None, None),
        ("equivariant GNNs", "dl-fundamentals", None),
        ("graph neural networks", "dl-fundamentals", None),
        ("Stockfish NNUE", "dl-fundamentals", None),  # a chess engine's small evaluation network (round ten)
        ("nnue-pytorch trainer", "pytorch", None),  # the PyTorch trainer those networks are trained with
        ("Stockfish", None, None),  # the engine alone names no skill
        ("Vertex AI Pipelines", "llmops", 2),  # managed Kubeflow Pipelines: classic MLOps, not a model provider
        ("Vertex AI (Pipelines, Endpoints, Model Registry)", "llmops", 2),
        ("Vertex AI", "model-providers", None),
    ],
)
def test_vocabulary_round_nine_names(matcher, text, skill, up_to):
    """Names the dev personas' failures showed misread (vocabulary round nine): a typo search reading another
    language's word or a test of APIs as a product, a negated API as a product's API, GNNs unread, and a cloud ML
    platform's pipelines as a generative model provider."""
    found = [m for m in matcher.resolve(text) if m.target]
    assert [(m.target, m.up_to) for m in found][:1] == ([(skill, up_to)] if skill else [])
    assert all(m.method != "fuzzy" for m in found)


@pytest.mark.parametrize(
    ("text", "skill", "up_to"),
    [
        ("A100 jobs, mixed precision", "gpu-computing", None),  # a GPU's name leaves mixed precision read
        ("A100s", None, None),
        ("Mixed precision machining to ±5 µm tolerances", None, None),
        ("RunPod GPU rental", "gpu-computing", 2),  # renting a GPU for one's own jobs, not serving a model
        ("RunPod", "gpu-computing", 2),  # a GPU cloud named alone rents GPUs (session 45)
        ("RunPod Serverless", "deployment", None),  # its serverless endpoints serve a model
        ("HF transformers - Llama-3-8B logprobs on colab for thesis", "llm-parameters", 3),
    ],
)
def test_vocabulary_round_nines_second_batch(matcher, text, skill, up_to):
    """A data-centre GPU's name names nothing but is a known name, so the everyday "mixed precision" beside it is
    read; a GPU rented from a GPU cloud is GPU computing up to 2 in place of serving; logprobs or sampling read
    from a model in Hugging Face transformers are sampling parameters up to 3 with no API implied (``shows``,
    vocabulary round nine)."""
    found = {m.target: m.up_to for m in matcher.resolve(text) if m.target}
    if skill is None:
        assert found == {}
    else:
        assert skill in found and found[skill] == up_to


@pytest.mark.parametrize(
    ("text", "up_to"),
    [
        ("langfuse selfhosted (clickhouse+pg), dashboards + prompt mgmt UI for app teams", 3),
        ("Self-hosted Langfuse on our k8s cluster", 3),
        ("Langfuse traces", None),
    ],
)
def test_an_observability_platform_run_for_others_is_observability_up_to_3(matcher, text, up_to):
    """Self-hosting an LLM observability platform for app teams is operating the tool: LLM observability up to 3,
    a restricted form implying no prompting or API use of one's own; tracing one's own app stays the skill
    (vocabulary round nine)."""
    found = {m.target: m.up_to for m in matcher.resolve(text) if m.target}
    assert "llm-observability" in found and found["llm-observability"] == up_to


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("prompt caching of a long system prompt, trimming old chat history", {"context-engineering"}),
        ("jailbreak testing and system prompt leakage checks", {"ai-security"}),
        ("wrote system prompts with few-shot examples for our triage bot", {"prompt-engineering"}),
        ("compared n-gram and neural LMs by perplexity", {"language-models"}),
    ],
)
def test_phrase_round_sixs_first_batch(matcher, text, expected):
    """A system prompt named as what is cached or leaked is what each call sends or a secret pulled out, not
    writing prompts (``shows`` meaning none); neural and n-gram LMs are language models (phrase round six)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kept long chats inside the window by trimming old turns", {"context-engineering"}),
        ("Made the case for open-weight Mistral over hosted GPT for patient data", {"open-vs-closed-models"}),
        ("self-hosting Llama vs paying per token", {"open-vs-closed-models"}),
        ("char-level GPT trained on song lyrics", {"gpt"}),
        ("dockerised the legacy PHP app", {"containers"}),
        ("Dockerised the lab's R Shiny dashboards", {"containers"}),
    ],
)
def test_phrase_round_sixs_second_batch(matcher, text, expected):
    """Trimming old or stale turns is context engineering; GPT hosted by OpenAI is its model, not the architecture,
    so an open-weight choice against it reads as that choice; a char-level GPT is the architecture built small; a
    name inside the thing a leading verb was done to ("the legacy PHP app") is its subject matter, as the name
    right after the verb is (phrase round six)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("grounded Q&A over our HR handbook", {"rag"}),
        ("least-privilege tools for our email agent", {"ai-security"}),
        ("image understanding", {"multimodal-apis"}),
        ("clinical NLP", {"language-models"}),
    ],
)
def test_phrase_round_sixs_third_batch(matcher, text, expected):
    """Grounded Q&A over documents is RAG; least-privilege tools are an agent's tool permissions (AI security);
    image understanding is a model API's vision input (the Gemini API's own page name); clinical NLP is NLP
    (phrase round six)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Set up Langfuse tracing for every GPT call", {"llm-observability"}),
        ("model licence review before we ship", {"responsible-ai"}),
    ],
)
def test_phrase_round_sixs_fourth_batch(matcher, text, expected):
    """A GPT call is a call to OpenAI's models through their API, not the GPT architecture, so the tracing of every
    one reads as the tracing; a model licence review is responsible AI's licences (phrase round six)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


def test_vocabulary_round_tens_shows_rules(matcher):
    """A kNN query over dense vectors in a search engine is semantic search up to 2 beside the vector store; an entry
    naming semantic search itself keeps it whole (a shows rule adds nothing to a skill the entry names, in full); a
    managed platform's real-time endpoints are deployment up to 3, as its prediction containers are (vocabulary
    round ten)."""

    def readings(text):
        return {(m.target, m.up_to) for m in matcher.resolve(text) if m.target}

    assert readings("dense_vector / kNN in ES 8 (POC only)") == {("vector-databases", None), ("semantic-search", 2)}
    whole = readings("sentence-transformers (multilingual MiniLM) vectors into Elasticsearch dense_vector")
    assert ("semantic-search", None) in whole and ("semantic-search", 2) not in whole
    assert readings("AWS SageMaker - training jobs, real-time endpoints") == {("deployment", 3)}
    assert readings("vLLM on our own GPU nodes") == {("deployment", None)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("answers not supported by the retrieved passages are flagged", {"guardrails"}),
        ("cut hallucinated citations in our legal assistant", {"guardrails"}),
        ("Multi-LoRA serving", {"peft"}),
        ("DreamBooth LoRA on SDXL for a brand's product style", {"peft", "stable-diffusion"}),
        ("word-level LSTM language model on news text", {"language-models"}),
        ("R scripting for the lab", {"programming-languages"}),
        ("masked LM pretraining of a small encoder", {"training-objectives"}),
        ("quantized Mistral 7B to GGUF for Ollama", {"quantization", "ollama"}),
        ("fine-tuned PaliGemma on receipts", {"supervised-fine-tuning", "multimodal"}),
    ],
)
def test_phrase_round_sevens_first_batch(matcher, text, expected):
    """Answers checked against the retrieved sources (and hallucinated citations) are grounding guardrails; serving
    many LoRA adapters on one base is PEFT; a DreamBooth LoRA trains an adapter on an image model; an LSTM language
    model is a language model; R scripting is R; an objective named with its pretraining is the objective; quantizing
    for a local runtime is quantization and local models; fine-tuning a vision-language model is fine-tuning and
    multimodal models (phrase round seven)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jenkins pipelines running Terraform plans", {"ci-cd", "cloud-platforms"}),
        ("Kubernetes cluster running Postgres", {"containers", "sql-and-data"}),
        ("Langfuse traces for each retrieval and generation call", {"llm-observability"}),
        ("constrained JSON decoding", {"structured-outputs"}),
        ("retrieval", {"retrieval"}),
    ],
)
def test_phrase_round_sevens_second_batch(matcher, text, expected):
    """Two names with "running" between them are read as a pair, the one that runs the other (phrases.py WRAPS);
    "retrieval" is an everyday word, giving way to a distinctive name among unknown words (alone it is still the
    module); constrained JSON decoding is structured outputs (phrase round seven)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FastAPI service exposing a PyTorch model", {"web-apis", "pytorch"}),
        ("deployed the API to Azure Container Apps", {"cloud-platforms"}),
        ("answers not grounded in the policy text are blocked", {"guardrails"}),
        ("Llama community licence review", {"responsible-ai"}),
    ],
)
def test_phrase_round_sevens_third_batch(matcher, text, expected):
    """ "Exposing" between two names reads them as a pair, the service and what it serves (phrases.py WRAPS); Azure's
    managed container services are cloud platforms, as Cloud Run and Fargate are; answers or claims not grounded in the
    retrieved sources are grounding guardrails; the Llama community licence is a model licence (phrase round seven)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ragas eval suite that blocks merges on regressions", {"app-evaluation", "ci-cd"}),
        ("fused RMSNorm kernel in Triton", {"training-optimization"}),
        ("RMSNorm", {"layer-normalization"}),
    ],
)
def test_phrase_round_eights_first_batch(matcher, text, expected):
    """An evaluation suite that blocks merges is a CI gate beside the evaluation; a fused RMSNorm kernel is a fused
    kernel, training optimisation, not what normalisation does (phrase round eight)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("recovered from node failures on a 1024-GPU run", {"training-challenges"}),
        ("GPU programming", {"gpu-computing"}),
        ("sentence-transformers to group open-ended survey responses by theme", {"semantic-search"}),
        ("hybrid retrieval", {"semantic-search"}),
        ("hybrid retrieval over our manuals, answers cite the page", {"rag"}),
    ],
)
def test_phrase_round_eights_second_batch(matcher, text, expected):
    """A count of GPUs before a run says how large the run was, not GPU computing; answers to a survey are what
    respondents wrote, so searching or clustering them by embeddings stays semantic search, not RAG; hybrid retrieval
    (BM25 and dense) is semantic search, RAG where it answers and cites (phrase round eight)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FP8 inference on H100s", {"quantization"}),
        ("FP8 training", {"training-optimization"}),
        ("ResNet-50", {"dl-fundamentals"}),
        ("fine-tuned a ResNet-50 on X-ray images", {"supervised-fine-tuning"}),
        ("trained a ResNet in Keras", {"dl-fundamentals", "dl-frameworks-other"}),
    ],
)
def test_phrase_round_eights_third_batch(matcher, text, expected):
    """Running a model at FP8 is quantization (FP8 training stays training optimisation); a ResNet is a CNN, deep
    learning fundamentals as "CNN" is, and like a CNN it is only what a fine-tuning verb was done to (phrase round
    eight)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


def test_a_neural_amp_modeler_capture_is_deep_learning_up_to_beginner(engine):
    """Training an amp capture with Neural Amp Modeler's own notebook trains a small neural network: deep learning
    fundamentals up to 2, whatever the rating (vocabulary round twelve)."""
    (parsed,) = engine.parse(
        [{"skills": [{"name": "Neural Amp Modeler - trained 2 captures with their colab notebook", "level": 4}]}]
    ).parsed
    assert [(m["skill"], m["level"]) for m in parsed.matched] == [("dl-fundamentals", 2)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("U-Net", {"dl-fundamentals"}),  # a convolutional network (session 42), not .NET
        ("Pytorch Lightning U-Net segmenting liver CT scans", {"pytorch", "dl-fundamentals"}),
        pytest.param(
            "ONNX Runtime inference of the U-Net our research team trains",
            {"deployment"},
            marks=pytest.mark.xfail(
                strict=True,
                reason="known gap since U-Net reads as deep learning (session 42): a serving runtime beside a "
                "network's name reads nothing, as 'ONNX Runtime inference of a CNN' already did",
            ),
        ),
        ("ASP.NET Core", {"web-apis"}),  # .NET itself is still read
        ("C#/.NET", {"programming-languages"}),
    ],
)
def test_a_hyphenated_u_net_is_no_dot_net(matcher, text, expected):
    """The segmentation network spelt "U-Net" holds no .NET: it is a network (deep learning since session 42), and
    the rest of the entry is read as it is beside "UNet" (vocabulary round twelve)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("flash-attn", 3),  # the pip package of FlashAttention
        ("flash_attn", 3),
        ("building flash-attn wheels for the cluster images", 1),  # packaging it for others
        ("FlashAttention wheels", 1),
    ],
)
def test_flash_attn_is_training_optimisation_and_building_its_wheels_is_awareness(engine, text, level):
    """flash-attn, FlashAttention's package name, is training optimisation as FlashAttention is; building its wheels
    for a cluster packages the kernels for other people's jobs: training optimisation up to 1 (vocabulary round
    twelve)."""
    (parsed,) = engine.parse([{"skills": [{"name": text, "level": 3}]}]).parsed
    assert [(m["skill"], m["level"]) for m in parsed.matched] == [("training-optimization", level)]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("R (tidyverse, ggplot2, Shiny dashboards)", 3),  # R for data analysis
        ("R - tidyverse, fixest, ggplot2", 3),
        ("R", 5),  # R alone says nothing of how it is used: read as rated
        ("MATLAB/Simulink", 3),  # model-based design
        ("MATLAB / Simulink (approx. 35 years)", 3),
        ("MATLAB", 5),
        ("some VBA macros", 1),  # a few macros inside spreadsheet work
        ("VBA macros", 2),
    ],
)
def test_analysis_and_model_based_languages_and_a_few_macros_are_other_languages_up_to_a_level(engine, text, level):
    """R with the tidyverse is R for data analysis and MATLAB with Simulink model-based design: another language up
    to intermediate (3), not production software; "some VBA" is a few macros, aware of programming (1); R, MATLAB and
    VBA macros alone keep their readings (vocabulary round thirteen)."""
    (parsed,) = engine.parse([{"skills": [{"name": text, "level": 5}]}]).parsed
    assert [(m["skill"], m["level"]) for m in parsed.matched if m.get("skill") == "programming-languages"] == [
        ("programming-languages", level)
    ]


@pytest.mark.parametrize(
    ("text", "skill", "level"),
    [
        ("Git / SVN", "git", 4),  # two tools listed: Git held as rated, Subversion as well
        ("Git, SVN", "git", 4),
        ("C# / VBA", "programming-languages", 4),
        ("MS Access / Jet SQL, SQL Server Express", "sql-and-data", 4),
        ("SVN", "git", 1),  # alone, the restricted form
        ("Stable Diffusion (ComfyUI)", "stable-diffusion", 2),  # says how the skill was used
        ("Stable Diffusion via ComfyUI", "stable-diffusion", 2),
        ("Stable Diffusion / ComfyUI", "stable-diffusion", 2),  # a no-code UI listed beside it: how it was used
        ("VBA, SQL, C#", "programming-languages", 2),  # not side by side: left as the restricted form
        # a part read loosely is an item of the list too, and a slash between digits joins versions of one name
        ("DeepSpeed ZeRO-2/3 configs, NCCL / IB debugging", "distributed-training", 4),
    ],
)
def test_a_restricted_form_listed_beside_its_whole_skill_leaves_the_whole_as_rated(engine, text, skill, level):
    """An entry naming a skill and a restricted form of it is the restricted form, which says how the skill was used,
    unless the two stand side by side as items of one list outside parentheses (reading round eight)."""
    (parsed,) = engine.parse([{"skills": [{"name": text, "level": 4}]}]).parsed
    assert {m["skill"]: m["level"] for m in parsed.matched if m.get("skill")}[skill] == level


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Node-RED", set()),  # a flow tool, as n8n and Zapier are: integration configured, no language
        ("Home Assistant (YAML automations, Node-RED)", set()),
        ("Node-RED + JavaScript function nodes", {"programming-languages"}),  # the code in its nodes is read
        ("Dynamo for Revit", {"programming-languages"}),  # visual programming stays a language up to 2
    ],
)
def test_node_red_is_a_flow_tool_naming_no_language(engine, text, expected):
    """Node-RED wires devices and services together with ready-made nodes, as n8n or Zapier do: no programming
    language, unless the JavaScript of its function nodes is named (reading round eight)."""
    (parsed,) = engine.parse([{"skills": [{"name": text, "level": 3}]}]).parsed
    assert {m["skill"] for m in parsed.matched if m.get("skill")} == expected


@pytest.mark.parametrize(
    ("text", "level", "statistics"),
    [
        ("R - some dplyr and ggplot2", 2, 2),  # data analysis: descriptive statistics as a beginner
        ("R (tidyverse, ggplot2) for reporting", 4, 2),
        ("R (dplyr, ggplot) - basic", 1, 1),  # never above the level rated
        (
            "R",
            1,
            None,
        ),  # R alone as a beginner says nothing of how it is used (used at 2+, level round two credits some)
        ("ggplot2 via plotnine in Python", 4, None),  # no R, so not R's data analysis
    ],
)
def test_r_with_the_tidyverse_shows_statistics_up_to_two(engine, text, level, statistics):
    """R with the tidyverse (dplyr, ggplot2) is data analysis: summarising, comparing and plotting data, descriptive
    statistics as a beginner, beside R itself (reading round eight)."""
    (parsed,) = engine.parse([{"skills": [{"name": text, "level": level}]}]).parsed
    read = {m["skill"]: m["level"] for m in parsed.matched if m.get("skill")}
    assert read.get("statistics") == statistics


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FEM", {"math-for-ml"}),
        ("FEM (ANSYS), CATIA V5", {"math-for-ml"}),
        ("finite element analysis", {"math-for-ml"}),
        ("Lin. algebra, optimal control, probabilistic robotics", {"math-for-ml"}),
        ("Deep RL (PPO, SAC, IQL/CQL) - 3 papers", set()),  # reinforcement learning for control, not RLHF
        ("RL - PPO/SAC, Stable-Baselines3 + own PyTorch impls", set()),
        ("PPO", {"rlhf"}),
        ("Reward model + PPO with TRL", {"rlhf"}),
    ],
)
def test_vocabulary_round_thirteen(matcher, text, expected):
    """The finite element method is mathematics (linear systems, PDEs) up to 3; "Lin. algebra" is linear algebra;
    PPO beside other reinforcement learning algorithms and environments (SAC, Stable-Baselines3, MuJoCo) is RL for
    control and games, not RLHF, which PPO alone and a reward model with PPO stay (vocabulary round thirteen)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


def test_the_finite_element_method_is_maths_up_to_intermediate(engine):
    (parsed,) = engine.parse([{"skills": [{"name": "FEM", "level": 5}]}]).parsed
    assert [(m["skill"], m["level"]) for m in parsed.matched] == [("math-for-ml", 3)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("React", {"programming-languages"}),  # the JavaScript UI library: front ends in JavaScript or TypeScript
        ("React.js", {"programming-languages"}),
        ("React Native", {"programming-languages"}),
        ("HTML/CSS, React (copy-paste level)", {"programming-languages"}),
        ("ReAct", {"ai-agents"}),  # reason + act, the agent pattern, spelt so
        ("ReAct prompting", {"prompt-engineering"}),
        ("hand-rolled ReAct agent loop w/ planing & scratchpad memory", {"ai-agents"}),
        ("TypeScript/React front end for a booking engine", {"programming-languages"}),
    ],
)
def test_react_is_a_front_end_language_and_react_spelt_so_the_agent_pattern(matcher, text, expected):
    """React is the JavaScript UI library, another language as Vue and Next.js are; "ReAct", spelt with its capital
    A, is the agent pattern, which case folding had made the same name, so React named nothing (vocabulary round
    thirteen)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Span-corruption pretraining of a small T5 on case law", {"training-objectives", "t5"}),
        ("Whisper to transcribe parole hearings then GPT-4 API to summarise them", {"multimodal-apis", "llm-apis"}),
        ("Whisper to transcribe field interviews, then GPT-4o to tag themes", {"multimodal-apis"}),  # a model
        ("word2vec then sentence embeddings for matching descriptions", {"embeddings"}),
    ],
)
def test_phrase_round_nines_steps_and_models(matcher, text, expected):
    """A short name spelt with a digit counts among other words, and an activity "of" a model is both; "then" starts a
    next step, read on its own where it names another skill (phrase round nine)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Compared Mistral, Claude and Gemini on price and quality", {"model-providers"}),
        ("benchmarked GPT-4o, Claude 3.5 Sonnet and Mistral Large on support replies", {"model-providers"}),
        ("Compared Claude with GPT-4o on tone for marketing copy", {"model-providers"}),
        ("Compared GPT-4o vs Llama 3 70B on privacy and licence for a hospital client", set()),  # the open choice
        ("Compared Claude's drafts against our copywriters' versions", set()),  # one model, only used
        ("counting tokens with tiktoken and budgeting prompts against a 128k window", {"llm-parameters"}),
    ],
)
def test_phrase_round_nines_providers_compared(matcher, text, expected):
    """Several providers' models compared with one another is knowing the providers (a use of `several` products, read
    on a whole entry only, unless privacy, licence or hosting say it is the open or closed choice); no name starts or
    ends with "and", which a loose spelling drops ("Claude and" is no name of its own; phrase round nine)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wrote an MCP server exposing our Postgres read replica to Claude Desktop", {"mcp"}),
        ("Wrote an MCP server so Claude Desktop can query our Snowflake warehouse", {"mcp"}),
        ("Built an MCP client into our IDE plugin, talking to filesystem + Postgres servers", {"mcp"}),
        ("Postgres, MCP servers", {"sql-and-data", "mcp"}),  # two skills listed: no words say one serves the other
    ],
)
def test_phrase_round_nines_mcp_servers(matcher, text, expected):
    """A database an MCP server or client exposes to a model is what it serves, not SQL written (a `shows` rule); the
    loose reading of a long line leaves out the skills such a rule says another named includes (phrase round nine)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "skill", "level"),
    [
        ("Python - half a Udemy course", "python", 1),  # where the language was met: aware of it
        ("did half a Codecademy Python course", "python", 1),
        ("Python - Jupyter course half done", "python", 1),
        ("python - half of a Udemy course", "python", 1),
        ("JavaScript (half a Udemy course)", "programming-languages", 1),
        ("Python for half a decade", "python", 2),  # half of no course: read as rated
        ("Python scripts, half of our ETL", "python", 2),
    ],
)
def test_a_language_course_left_half_done_is_awareness(engine, text, skill, level):
    """A language met in a course left half done is aware of it (1), whatever level the entry says; "half" of
    anything else is no course (vocabulary round fourteen)."""
    (parsed,) = engine.parse([{"skills": [{"name": text, "level": 2}]}]).parsed
    assert [(m["skill"], m["level"]) for m in parsed.matched if m.get("skill") == skill] == [(skill, level)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("prompt tuning for the itinerary agent", {"prompt-engineering"}),  # an agent names the agents module
        ("prompt tuning for our support chatbot", {"prompt-engineering"}),
        ("prompt tuning of GPT-4 for the support bot", {"prompt-engineering"}),
        ("Prompt tuning for our Claude-based HR assistant", {"prompt-engineering"}),
        ("prompt tuning", {"peft"}),  # the method's name alone: soft prompts trained
        ("prompt tuning (soft prompts) on T5", {"peft", "t5"}),
        ("soft prompt tuning with PEFT for a support assistant", {"peft"}),  # its unless: the method
        ("prompt tuning vs LoRA for our support chatbot", {"peft"}),  # beside another PEFT method
    ],
)
def test_prompt_tuning_for_an_assistant_is_prompt_engineering(matcher, text, expected):
    """ "Prompt tuning" for an assistant, an agent or a chat model is tuning its prompts (a use); the method that
    trains soft prompts stays PEFT (vocabulary round fifteen)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        # the course is the language its own clause names: the one held in another clause keeps its level
        ("Python 4 yrs, half a Udemy course on Rust", {"python": 4, "programming-languages": 1}),
        ("Python (4 yrs) and half a Codecademy course in JavaScript", {"python": 4, "programming-languages": 1}),
        ("Rust (half a Udemy course), Python 4 yrs", {"python": 4, "programming-languages": 1}),
        ("half a Udemy course on Python, Java 4 yrs", {"python": 1, "programming-languages": 4}),
        # another language held in another clause: the skill is held at the entry's level
        ("Java 4 yrs, half a Udemy course on Rust", {"programming-languages": 4}),
        # a clause naming no language leaves the course to the entry's: the Python course
        ("Python, half a Udemy course", {"python": 1}),
        ("Python - half a Udemy course", {"python": 1}),
    ],
)
def test_a_half_done_course_is_the_language_its_clause_names(engine, text, levels):
    """Of the two rules reading a course left half done (Python, another language), the one whose skill the
    course's own clause names holds; the other skill, held in another clause, keeps the entry's level."""
    (parsed,) = engine.parse([{"skills": [{"name": text, "level": 4}]}]).parsed
    read = {}
    for m in parsed.matched:
        if m.get("skill"):
            read[m["skill"]] = max(read.get(m["skill"], 0), m["level"])
    assert read == levels


@pytest.mark.parametrize(
    ("text", "statistics"),
    [
        ("measure-theoretic probability", 2),  # the foundations statistics stands on: a beginner's statistics
        ("Probability (measure-theoretic course, 2nd year)", 2),
        ("Linear algebra, analysis, measure-theoretic probability", 2),
        ("measure theory", 2),
        ("probability", None),  # probability alone, or for ML, is the maths it names
        ("linear algebra + probability for ML", None),
    ],
)
def test_a_measure_theoretic_probability_course_is_statistics_up_to_2_beside_the_maths(engine, text, statistics):
    """A rigorous probability course is the maths ML uses and, up to 2, the statistics it founds; probability alone
    stays maths only (vocabulary round fourteen). At intermediate: from advanced, probability practised is
    intermediate statistics as well (bestfit round two, tests/test_profiles.py)."""
    (parsed,) = engine.parse([{"skills": [{"name": text, "level": 3}]}]).parsed
    levels = {m["skill"]: m["level"] for m in parsed.matched if m.get("skill")}
    assert levels.get("math-for-ml") == 3
    assert levels.get("statistics") == statistics


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stan", {"statistics"}),  # the probabilistic programming language: Bayesian modelling
        ("PyStan", {"statistics"}),
        ("CmdStanPy", {"statistics"}),
        ("NumPyro", {"statistics"}),
        ("PyMC3", {"statistics"}),
        ("Stan - bayesian MMM w/ adstock + hill saturation", {"statistics"}),
        ("Stan (my manager), 4 yrs", set()),  # an everyday name beside parts naming nothing known
    ],
)
def test_bayesian_modelling_tools_are_statistics(matcher, text, expected):
    """Stan and its interfaces, NumPyro and PyMC are Bayesian modelling, statistics, as brms and RStan are; Stan is a
    first name too, so it is everyday (vocabulary round fourteen)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Implemented multi-head attention from scratch in numpy", {"self-attention"}),
        ("Wrote backprop for a 2-layer MLP by hand in numpy", {"dl-fundamentals"}),
        ("pandas/numpy, backprop", {"python", "dl-fundamentals"}),  # numpy as Python work, joined with a concept
        ("Attention Is All You Need", {"transformer-architecture"}),  # the paper, by its title
        ("Read Attention Is All You Need", {"transformer-architecture"}),
        ("bidirectional encoder stack in a from-scratch transformer", {"encoder"}),  # a part beside the whole
        ("Implemented multi-head attention from scratch following Attention Is All You Need", {"self-attention"}),
    ],
)
def test_phrase_round_tens_concepts_written_out(matcher, text, expected):
    """A network's maths written out in numpy is the concept, not Python work; the transformer's paper, by its title,
    is the architecture, and a part of it named beside the whole or the paper is that part (phrase round ten)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lots of 429s from Azure OpenAI so I wrote backoff and a request queue around it", {"llm-apis"}),
        ("Azure OpenAI SDK calls with retries on 429s", {"llm-apis"}),
        ("Azure OpenAI", {"model-providers"}),
        ("Bedrock vs Azure OpenAI for hosting", {"model-providers"}),  # which provider hosts what
    ],
)
def test_a_providers_hosted_models_called_from_code_are_the_api(matcher, text, expected):
    """Azure OpenAI or Bedrock named with what calling from code involves (an SDK, backoff, retries, 429s) is Using
    LLM APIs in place of the provider (phrase round ten)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Helm charts for ~30 services running on EKS", {"containers", "cloud-platforms"}),
        ("kubectl against our EKS cluster", {"containers", "cloud-platforms"}),
        ("Kubernetes on-prem with Helm", {"containers"}),  # no cloud named
    ],
)
def test_a_clouds_managed_kubernetes_is_the_cloud_beside_the_containers(matcher, text, expected):
    """EKS, GKE or AKS beside a containers reading is the cloud platform too (phrase round ten)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Excel - pivots, VLOOKUP, a bit of Power Query", 1),  # a bit of it, as "a bit of VBA": aware
        ("some Power Query for month-end merges", 1),
        ("Power Query", 2),  # Power Query itself keeps its cap: the basics of SQL and data
        ("Excel (pivot, INDEX/MATCH, Power Query)", 2),
    ],
)
def test_a_bit_of_power_query_is_aware_of_sql_and_data(engine, text, level):
    """A bit of Power Query is aware of joining and cleaning data (1), as "a bit of VBA" is of programming; Power Query
    named plainly stays SQL and data up to 2 (vocabulary round sixteen)."""
    (parsed,) = engine.parse([{"skills": [{"name": text, "level": 3}]}]).parsed
    assert [m["level"] for m in parsed.matched if m.get("skill") == "sql-and-data"] == [level]


def test_a_bit_of_power_query_beside_power_bi_is_aware_and_power_bi_used_shows_its_practice(engine):
    """ "Power BI, a little Power Query" at 3: the bit of Power Query is aware of SQL and data (1), and Power BI used at
    3, a name of no skill, shows SQL and data up to 2 (its practice, session 41); the entry is the higher of the two."""
    batch = engine.parse([{"skills": [{"name": "Power BI, a little Power Query", "level": 3}]}])
    (parsed,) = batch.parsed
    got = {m["input"]: m["level"] for m in parsed.matched if m.get("skill") == "sql-and-data"}
    assert got == {"a little Power Query": 1, "Power BI": 2}
    assert batch.levels[0][engine.catalog.skill_ids.index("sql-and-data")] == 2


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("calculus / numerical methods (eng degree)", 2),  # an engineer's taught maths: a beginner
        ("linear algebra from my engineering degree", 2),
        ("maths (BEng mechanical, 2009)", 2),
        ("linear algebra (BSc Maths)", 4),  # a maths degree says more: as rated
        ("linear algebra & probability (PhD)", 4),
        ("numerical methods", 4),
    ],
)
def test_maths_from_an_engineering_degree_is_math_for_ml_up_to_2(engine, text, level):
    """Maths taken in an engineering degree is the calculus and linear algebra every engineer is taught: the maths
    of ML up to 2; a maths degree, a PhD or the maths alone keep the entry's level (vocabulary round sixteen)."""
    (parsed,) = engine.parse([{"skills": [{"name": text, "level": 4}]}]).parsed
    assert [m["level"] for m in parsed.matched if m.get("skill") == "math-for-ml"] == [level]


@pytest.mark.parametrize(
    ("entries", "level"),
    [
        # scripting alone: the shell as rated
        ([("bash / python scripting", 3)], 3),
        ([("bash scripting (rusty)", 2)], 1),
        # scripting beside clusters run at 4-5: the shell worked at daily, as Kubernetes alone shows it
        ([("Kubernetes (EKS), Helm, ArgoCD", 4), ("bash / python scripting", 3)], 4),
        ([("Kubernetes (EKS + kubeadm), helm, operators", 5), ("bash, python scripts", 3)], 5),
        # the shell rated itself keeps its level beside them
        ([("Kubernetes (EKS), Helm, ArgoCD", 5), ("bash", 3)], 3),
    ],
)
def test_shell_scripting_is_a_form_of_the_shell_that_ops_work_may_lift(engine, entries, level):
    """A shell named as scripting rates the scripts written, a restricted form of the shell: running clusters beside
    it shows the command line worked at daily, and lifts it; the shell rated itself keeps its level (session 44)."""
    batch = engine.parse([{"skills": [{"name": n, "level": lv} for n, lv in entries]}])
    assert batch.levels[0][engine.catalog.skill_ids.index("linux-shell")] == level


def test_an_engineering_degree_alone_names_no_skill(matcher):
    """The degree alone says nothing of the maths taken in it."""
    assert {m.target for m in matcher.resolve("civil engineering degree") if m.target} == set()


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("coding audits & accuracy stats", 2),  # rates reported from audits: basic summaries
        ("Excel, descriptive stats", 2),  # as "descriptive statistics" is
        ("summary statistics", 2),
        ("stats", 4),  # statistics itself keeps the entry's level
        ("stats - regression, bayesian rating models", 4),
    ],
)
def test_descriptive_and_summary_stats_are_statistics_up_to_2(engine, text, level):
    """Descriptive, summary and accuracy stats are basic summaries, statistics up to 2, as "descriptive statistics"
    is; stats named plainly or with models keep the level rated (vocabulary round sixteen)."""
    (parsed,) = engine.parse([{"skills": [{"name": text, "level": 4}]}]).parsed
    assert [m["level"] for m in parsed.matched if m.get("skill") == "statistics"] == [level]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("statistical forecasting in APO (exp. smoothing, Croston)", 2),  # the suite's models, chosen and tuned
        ("exponential smoothing and Croston in SAP IBP", 2),
        ("Holt-Winters forecasts in Blue Yonder", 2),
        ("exp. smoothing, ARIMA w/ R forecast pkg", 4),  # models fitted oneself keep the level rated
    ],
)
def test_statistical_forecasting_in_a_planning_suite_is_statistics_up_to_2(engine, text, level):
    """Forecasting models run inside a supply-chain planning suite are chosen and tuned there, as demand forecasting
    is: statistics up to 2; forecasting models fitted in R keep the entry's level (vocabulary round sixteen)."""
    (parsed,) = engine.parse([{"skills": [{"name": text, "level": 4}]}]).parsed
    assert [m["level"] for m in parsed.matched if m.get("skill") == "statistics"] == [level]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("speculative decoding (EAGLE) in vLLM cut p50 latency in half", {"inference-optimization"}),
        ("in-flight batching in TensorRT-LLM", {"inference-optimization"}),
        ("vLLM in production with speculative decoding", {"deployment", "inference-optimization"}),
        ("vLLM serving Llama 3 8B with speculative decoding", {"deployment", "inference-optimization"}),
        ("vLLM", {"deployment"}),  # no speed-up named: the engine serves
    ],
)
def test_a_speed_up_tuned_in_a_serving_engine_is_inference_optimization(matcher, text, expected):
    """Speculative decoding or in-flight batching tuned in a serving engine is inference optimisation in place of
    the deployment; a model served or run in production keeps the deployment beside it (phrase round eleven)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bedrock Converse API calls from Lambda", {"llm-apis", "cloud-platforms"}),
        ("OpenAI API called from a Lambda function", {"llm-apis", "cloud-platforms"}),
        ("Bedrock Converse API from a Node backend", {"llm-apis"}),  # no cloud service named
        ("LambdaMART ranking with LightGBM", {"ml-fundamentals"}),  # no model called: not AWS's Lambda
    ],
)
def test_a_model_called_from_aws_lambda_is_the_cloud_beside_the_calls(matcher, text, expected):
    """Lambda beside a model's calls is AWS Lambda: the cloud platform beside Using LLM APIs (phrase round eleven)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dockerised our Node services to ECS Fargate", {"containers", "cloud-platforms"}),
        ("Deployed the Dockerised API to Azure Container Apps", {"containers", "cloud-platforms"}),
        ("Dockerized the app for local dev", {"containers"}),  # no cloud named
    ],
)
def test_a_container_shipped_to_a_cloud_is_the_cloud_beside_the_containers(matcher, text, expected):
    """The containers verb takes a cloud platform as its object: both are read (phrase round eleven)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chroma locally, then moved to Pinecone", {"vector-databases"}),
        ("Pinecone locally", {"vector-databases"}),
        ("locally sourced ingredients", set()),
    ],
)
def test_locally_says_where_a_named_tool_ran(matcher, text, expected):
    """ "locally" is framing: it says where a tool ran, never which (vocabulary round eighteen)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    "text",
    [
        "CUDA kernels for volume rendering",
        "wrote CUDA kernels for a climate model",
        "CUDA C++ kernels for a CFD solver",
        "CUDA - custom path tracing kernels, Nsight profiling",
    ],
)
def test_cuda_for_rendering_or_simulation_is_a_restricted_form_of_gpu_computing(matcher, text):
    """CUDA written for rendering, a simulation or a solver is GPU programming away from deep learning: GPU
    computing up to 3, a restricted form that implies no PyTorch (vocabulary round eighteen). CUDA C++ is written in
    C++ as well (reading round fifteen), which is read beside it."""
    (found,) = [m for m in matcher.resolve(text) if m.target == "gpu-computing"]
    assert (found.target, found.up_to) == ("gpu-computing", 3)


def test_cuda_beside_deep_learning_stays_gpu_computing_whole(matcher):
    found = [(m.target, m.up_to) for m in matcher.resolve("custom CUDA kernels for attention, profiled in Nsight")]
    assert [f for f in found if f[0]] == [("gpu-computing", None)]


@pytest.mark.parametrize(
    "text",
    [
        "PROC SQL",
        "SAS (BASE, STAT, MACRO, PROC SQL; PROC MIXED / GLIMMIX) - 12 yrs",
        "SAS 9.4 (Base, macros, PROC SQL)",
    ],
)
def test_proc_sql_is_sql_up_to_3(matcher, text):
    """SAS's SQL procedure is queries, joins and summaries on SAS datasets: SQL and data up to 3, a restricted form
    (vocabulary round nineteen); SQL named alone stays whole."""
    assert [(m.target, m.up_to) for m in matcher.resolve(text) if m.target == "sql-and-data"] == [("sql-and-data", 3)]
    assert [m.up_to for m in matcher.resolve("SQL Server") if m.target] == [None]


@pytest.mark.parametrize(
    "text",
    [
        "PostgreSQL (query tuning, replication), pgvector ext.",
        "Postgres 16 with the pgvector extension",
        "MySQL and Postgres (pgvector ext.)",
    ],
)
def test_pgvector_named_as_a_postgres_extension_is_vector_databases_up_to_3(matcher, text):
    """pgvector named as an extension of the Postgres one runs is vector search used inside it: vector databases up to
    3 beside the database (session 43); pgvector alone, or the extension with its vector indexes tuned, stays whole."""
    found = {m.target: m.up_to for m in matcher.resolve(text) if m.target}
    assert found == {"sql-and-data": None, "vector-databases": 3}
    for whole in ("pgvector", "pgvector extension with HNSW indexes on 20M rows"):
        assert {m.target: m.up_to for m in matcher.resolve(whole) if m.target} == {"vector-databases": None}


@pytest.mark.parametrize(
    "text", ["Ollama (mistral:7b-instruct-q4_K_M, llama3.1 8b) sur mon portable", "Ollama - llama3:8b-instruct-q8_0"]
)
def test_a_quantized_tag_pulled_into_ollama_is_quantization_up_to_1(matcher, text):
    """A quantized model pulled into Ollama by its tag is a quantization picked from a list: quantization up to 1 beside
    Ollama (vocabulary round nineteen); llama.cpp and GGUF quants stay whole."""
    found = {m.target: m.up_to for m in matcher.resolve(text) if m.target}
    assert found == {"ollama": None, "quantization": 1}
    whole = {m.target: m.up_to for m in matcher.resolve("llama.cpp with GGUF Q4 quants to run Qwen on a laptop")}
    assert whole.get("quantization", "unread") is None


@pytest.mark.parametrize(
    "text",
    [
        "test convos for our GPT-4 support bot (jailbreaks, wrong answers)",
        "jailbreak prompts (DAN) for fun",
        "OWASP LLM Top 10 read + Gandalf (Lakera) all levels",
        "Lakera Gandalf",
    ],
)
def test_jailbreaks_tried_by_hand_in_chats_are_ai_security_up_to_2(matcher, text):
    """Jailbreaks or injections tried by hand in chats (test conversations, DAN, Lakera's Gandalf game) are the attack
    from the chat box: AI security up to 2, a restricted form (vocabulary round nineteen)."""
    assert [(m.target, m.up_to) for m in matcher.resolve(text) if m.target] == [("ai-security", 2)]


def test_red_teaming_a_chatbot_stays_ai_security_whole(matcher):
    found = [(m.target, m.up_to) for m in matcher.resolve("red-teamed our chatbot for prompt injection & jailbreaks")]
    assert found == [("ai-security", None)]
    assert not [m for m in matcher.resolve("Tolkien reading group (Gandalf, Frodo)") if m.target]


@pytest.mark.parametrize(
    "text",
    [
        "Azure OpenAI - deployed gpt-4o + text-embedding-3 via Bicep, curl smoke test",
        "Azure OpenAI - provisioning deployments/quotas via terraform",
    ],
)
def test_a_providers_models_provisioned_as_infrastructure_are_model_providers_up_to_2(matcher, text):
    """A provider's models provisioned with Bicep or Terraform are its resources and quotas, not calls to its API:
    model providers up to 2, a restricted form implying no LLM API use (vocabulary round nineteen)."""
    found = [(m.target, m.up_to) for m in matcher.resolve(text) if m.target == "model-providers"]
    assert found == [("model-providers", 2)]
    assert [m.up_to for m in matcher.resolve("Azure OpenAI gpt-4o") if m.target == "model-providers"] == [None]


def test_eval_scripts_running_model_generate_are_model_evaluation(matcher):
    """Eval scripts that run the model itself through Hugging Face's model.generate() score the model: model
    evaluation, not an application's answers (vocabulary round nineteen); eval scripts alone stay app evaluation."""
    found = [m.target for m in matcher.resolve("inference: only model.generate() in eval scripts") if m.target]
    assert found == ["model-evaluation"]
    assert [m.target for m in matcher.resolve("promptfoo eval scripts for our chatbot") if m.target] == [
        "app-evaluation"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deployed a Hugging Face model to a SageMaker endpoint", {"hugging-face", "deployment"}),
        ("Deployed our microservices to EKS with Helm and Terraform", {"containers", "cloud-platforms"}),
        ("Experience deploying ML models to production on AWS, GCP or Azure", {"deployment", "cloud-platforms"}),
        ("Experience curating and deduplicating large pretraining corpora", {"pretraining-data"}),
        ("Strong foundation in machine learning", {"ml-fundamentals"}),
    ],
)
def test_job_post_lines_and_cv_bullets(matcher, text, expected):
    """Job posts' requirement lines and CV bullets (vocabulary round twenty-one): "to" after a verb of placing says
    where a thing was deployed, deploying ML models is model deployment, not machine learning, "corpora" are corpora,
    and a foundation in a subject is not the Foundations module."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("aprendizaje automático", {"ml-fundamentals"}),
        ("maschinelles Lernen", {"ml-fundamentals"}),
        ("apprentissage profond", {"dl-fundamentals"}),
        ("modelos de linguagem", {"language-models"}),
        ("IA générative", {"genai-fundamentals"}),
        ("Python para análisis de datos", {"python"}),
        ("Erfahrung mit LangChain", {"langchain"}),
        ("fine-tuning de LLMs", {"supervised-fine-tuning"}),
        ("tratamento de dados com pandas", {"python"}),
        ("Datenbanken (PostgreSQL)", {"sql-and-data"}),
        ("sviluppo backend in Java", {"programming-languages", "web-apis"}),
        ("Docker y Kubernetes", {"containers"}),
        ("RAG com LangChain", {"rag", "langchain"}),
        ("développement d'API REST avec Django", {"web-apis"}),
        ("kennis van SQL", {"sql-and-data"}),
        ("Entwicklung von RAG-Anwendungen", {"rag"}),
        ("scripts en Bash", {"linux-shell"}),
        ("conocimientos básicos de Docker", {"containers"}),
        ("Linux sunucu yönetimi", {"linux-shell"}),  # Turkish: server administration
        ("Python (orta seviye)", {"python"}),
        ("Java / Spring Boot (8 yıl)", {"programming-languages", "web-apis"}),  # the dotless ı is an i
        ("głębokie uczenie", {"dl-fundamentals"}),  # and ł an l
        ("proje yönetimi", set()),
        ("Programmation Python", {"python"}),  # their words for programming frame a language's name
        ("Python-Programmierung", {"python"}),
        ("programmation linéaire", set()),  # linear programming, an optimisation method
        ("Entwicklung von RAG-Systemen", {"rag"}),  # their words for systems are a thing made
        ("프롬프트 엔지니어링", {"prompt-engineering"}),
        ("大模型微调", {"supervised-fine-tuning"}),
        (
            "VEX",
            {"programming-languages"},
        ),  # alone: Houdini's language; "VEX (2 yrs)" no longer a numbered kit (round ten)
        ("VEX Robotics", set()),  # a school robotics kit
        ("Python turtle", {"python"}),
        ("agente de seguros", set()),
        ("transformador eléctrico", set()),
        ("Modellbau", set()),
        ("Teamfähigkeit", set()),
        ("agentic, consultative sales approach", set()),
    ],
)
def test_entries_in_other_languages_and_mixed_ones(matcher, text, expected):
    """Skill entries in Spanish, Portuguese, German, French, Italian, Dutch and Polish (vocabulary round twenty-two):
    translated names are aliases, and those languages' articles, "of", "and", "with", "for" and words for knowledge,
    experience and development frame a name as the English ones do; a near miss ("agente de seguros") names nothing."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Java（Spring Boot）", (("skill", "programming-languages"), ("skill", "web-apis"))),  # full-width brackets
        ("Python、SQL", (("skill", "python"), ("skill", "sql-and-data"))),  # the ideographic comma
        ("Python・SQL", (("skill", "python"), ("skill", "sql-and-data"))),  # the middle dot
        ("Ｐｙｔｈｏｎ", (("skill", "python"),)),  # full-width letters
        ("파이썬", (("skill", "python"),)),  # a Korean alias
        ("線形代数", (("skill", "math-for-ml"),)),  # a Japanese one
        ("基本操作", ()),  # "basic operation" names nothing
        ("بايثون", (("skill", "python"),)),  # an Arabic alias
        # Words of another script beside a name say how or where in the person's language, as framing words do
        ("Python 脚本", (("skill", "python"),)),
        ("Linux驱动开发", (("skill", "linux-shell"),)),
        ("嵌入式Linux", (("skill", "linux-shell"),)),
        ("Docker (编译环境)", (("skill", "containers"),)),  # and so does a part wholly in one
        ("بايثون (معسكر تدريبي)", (("skill", "python"),)),
    ],
)
def test_east_asian_script_and_punctuation_are_read(matcher, text, expected):
    assert read(matcher, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Programmation Python", (("skill", "python"),)),  # French, Spanish and German for Python programming
        ("programación en Python", (("skill", "python"),)),
        ("Python-Programmierung", (("skill", "python"),)),
        ("프롬프트 엔지니어링", (("skill", "prompt-engineering"),)),  # Korean prompt engineering
        ("Kaggle Grandmaster", (("skill", "ml-fundamentals"),)),  # a competition tier earned by modelling
        ("Kaggle Competitions Master", (("skill", "ml-fundamentals"),)),
        ("Kaggle", ()),  # where, not what
        ("Notion AI", (("skill", "genai-fundamentals"),)),  # a chat product, up to 1
        ("Entwicklung von RAG-Systemen", (("skill", "rag"),)),  # German, the dative plural
        ("大模型微调", (("skill", "supervised-fine-tuning"),)),  # Chinese for fine-tuning large models
        ("served models", (("skill", "deployment"),)),
        ("Azure AI-900 certified", (("skill", "genai-fundamentals"),)),  # up to 2
        ("KI-Grundlagen", (("skill", "genai-fundamentals"),)),  # the basics of AI, as the exam covers (up to 2)
        ("AI fundamentals", (("skill", "genai-fundamentals"),)),
        ("fundamentos de IA", (("skill", "genai-fundamentals"),)),
    ],
)
def test_names_the_levels_set_showed_unread_are_read(matcher, text, expected):
    """Levels round one: entries a mentor credits that the reader had left unmatched."""
    assert read(matcher, text) == expected


@pytest.mark.parametrize(
    "text, shown",
    [
        ("Ｐｙｔｈｏｎ", ["Ｐｙｔｈｏｎ"]),  # full-width letters, read as their ASCII form
        ("Ｐｙｔｈｏｎ、ＳＱＬ", ["Ｐｙｔｈｏｎ", "ＳＱＬ"]),  # and parts of an entry joined by East Asian punctuation
        ("Java（Spring Boot）", ["Java", "Spring Boot"]),
        ("Ｐｙｔｈｏｎｶﾞ", ["Ｐｙｔｈｏｎｶﾞ"]),  # a half-width kana with its sound mark folds two letters into one
    ],
)
def test_a_folded_entry_shows_what_the_person_wrote(matcher, text, shown):
    """Full-width text is read as its ASCII form, but each reading names the part of the entry as it was written."""
    assert [m.text for m in matcher.resolve(text)] == shown


@pytest.mark.parametrize("text", ["expert systems", "rule-based expert systems", "control systems", "systems"])
def test_a_name_spelt_in_common_english_words_is_no_typo(matcher, text):
    """ "system" is one letter from "systemd" (Linux), but it is an everyday word, not a misspelling."""
    assert read(matcher, text) == ()


def test_a_misspelt_rare_word_is_still_a_typo(matcher):
    assert read(matcher, "sytemd") == (("skill", "linux-shell"),)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Docker, Redis, RabbitMQ", (("skill", "containers"),)),  # known software the catalog has no skill for
        ("Docker (warden), Redis, Varnish", (("skill", "containers"),)),
        ("Julia (DifferentialEquations.jl)", (("skill", "programming-languages"),)),  # a package's suffix
        ("Docker and stevedore, Port of Tilbury", ()),  # the everyday sense still comes with words
        ("Docker, CI for model training", (("skill", "containers"),)),  # CI is software, naming no skill
        ("personal trainer", ()),
    ],
)
def test_an_everyday_name_beside_software_is_that_software(matcher, text, expected):
    assert read(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "level", "expected"),
    [
        # DDP and NCCL are the first step and the plumbing of distributed training: up to 2, implying no GPT;
        # DDP's practice shows PyTorch and GPU computing (reading round nine)
        ("DDP", 4, {"distributed-training": 2, "pytorch": 2, "gpu-computing": 2}),
        ("multi-GPU training with DDP", 2, {"distributed-training": 2, "pytorch": 2, "gpu-computing": 2}),
        ("NCCL/Infiniband debugging w/ researchers", 2, {"distributed-training": 2, "gpu-computing": 2}),
        # a skill named in full beside its restricted form stays named: not Slurm alone
        ("multi-GPU DDP on a SLURM cluster", 3, {"distributed-training": 2, "pytorch": 2, "gpu-computing": 2}),
        # a recurrent language model is language modelling without the transformer decoder
        ("n-gram + RNNLM rescoring", 4, {"language-models": 3}),
    ],
)
def test_infrastructure_and_recurrent_forms_imply_no_transformer_theory(engine, text, level, expected):
    """A restricted form implies none of what the whole skill builds on: a DDP user is not read at GPT 2."""
    batch = engine.parse([{"skills": [{"name": text, "level": level}]}])
    levels = {k: v for k, v in zip(engine.catalog.skill_ids, batch.levels[0].tolist(), strict=True) if v}
    assert levels == expected


def test_a_slash_between_digits_joins_versions_of_one_name():
    assert split_names("DeepSpeed ZeRO-2/3 configs, NCCL") == ["DeepSpeed ZeRO-2/3 configs", "NCCL"]
    assert split_names("C/C++, R/Python") == ["C", "C++", "R", "Python"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("SASRec", {"self-attention"}), ("BERT4Rec for next-item recommendation", {"bert"})],
)
def test_transformer_recommenders_read_as_their_transformer(matcher, text, expected):
    assert {t for _, t in read(matcher, text)} == expected


@pytest.mark.parametrize(
    ("text", "level", "expected"),
    [
        # a Raspberry Pi runs Linux: the shell up to intermediate, implying nothing (reading round thirteen)
        ("Raspberry Pi (runs my bot)", 2, {"linux-shell": 2}),
        ("Raspberry Pi", 5, {"linux-shell": 3}),
        # Singapore's PDPA and Brazil's LGPD are data-protection law, as GDPR: the privacy part of responsible AI
        ("PDPA", 3, {"responsible-ai": 1}),
        ("LGPD compliance", 2, {"responsible-ai": 1}),
    ],
)
def test_a_linux_board_and_data_protection_laws_are_restricted_forms(engine, text, level, expected):
    batch = engine.parse([{"skills": [{"name": text, "level": level}]}])
    levels = {k: v for k, v in zip(engine.catalog.skill_ids, batch.levels[0].tolist(), strict=True) if v}
    assert levels == expected


@pytest.mark.parametrize(
    ("text", "level", "credited"),
    [
        ("word2vec (gensim)", 3, 2),
        ("word2vec", 2, 2),
        ("GloVe", 5, 3),
        ("fastText vectors", 4, 3),
        ("word2vec / fastText", 4, 3),
    ],
)
def test_static_word_vectors_are_embeddings_up_to_beginner_and_intermediate_when_advanced(
    engine, text, level, credited
):
    """word2vec, GloVe and fastText are embeddings' first part (a vector per word, no context): up to 2, implying
    nothing, so a text-as-data economist's "word2vec (gensim)" at 3 is not read as knowing model embeddings. Trained
    and tuned at an advanced level (4 or more: own corpora, negative sampling, similarity checks) they are
    intermediate (3), still short of the sentence embeddings models make (session 42)."""
    batch = engine.parse([{"skills": [{"name": text, "level": level}]}])
    levels = {k: v for k, v in zip(engine.catalog.skill_ids, batch.levels[0].tolist(), strict=True) if v}
    assert levels == {"embeddings": credited}


@pytest.mark.parametrize(
    ("text", "level", "credited"),
    [
        ("multi-view geometry", 5, 3),
        ("Multiple View Geometry (Hartley & Zisserman)", 4, 3),
        ("bundle adjustment with Ceres", 2, 2),
        ("géométrie multi-vues", 3, 3),
    ],
)
def test_multi_view_geometry_is_maths_for_ml_up_to_intermediate(engine, text, level, credited):
    """The geometry of cameras (epipolar and projective geometry, bundle adjustment) is linear algebra and
    optimisation at work: maths for ML, up to intermediate (not its probability), implying nothing else."""
    batch = engine.parse([{"skills": [{"name": text, "level": level}]}])
    levels = {k: v for k, v in zip(engine.catalog.skill_ids, batch.levels[0].tolist(), strict=True) if v}
    assert levels == {"math-for-ml": credited}


@pytest.mark.parametrize(
    "goal", ["LLM 앱 만들기", "LLM 애플리케이션 개발 배우기", "LLMアプリ開発", "LLM 应用开发", "大模型应用开发"]
)
def test_an_llm_app_goal_in_korean_japanese_or_chinese_is_the_llm_apps_area(matcher, goal):
    """'LLM 앱 만들기' (build LLM apps) names the area of building LLM apps, as 'build LLM apps' does, not how
    language models work (which sent a CS undergraduate down the builders' maths chain)."""
    read = matcher.read_goals([goal])[goal]
    assert read.modules == ("llm-apps",) and read.skills == ()


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("foundation models for 3D vision", ("multimodal",)),
        ("foundation models for medical imaging", ("multimodal",)),
        ("foundation models", ("genai-fundamentals",)),
        ("foundation models for time series", ("genai-fundamentals",)),
    ],
)
def test_a_goal_of_foundation_models_for_vision_is_multimodal_models(matcher, goal, skills):
    """Foundation models named for vision are pretrained image models (CLIP, SAM, DINOv2): multimodal models, not
    Gen AI fundamentals (whose plan brings LLM APIs); foundation models for anything else keep their reading."""
    assert matcher.read_goals([goal])[goal].skills == skills


def _levels(engine, text, level) -> dict:
    batch = engine.parse([{"skills": [{"name": text, "level": level}]}])
    return {k: v for k, v in zip(engine.catalog.skill_ids, batch.levels[0].tolist(), strict=True) if v}


@pytest.mark.parametrize(
    ("text", "level", "expected"),
    [
        # Pega's Deployment Manager (and the Jenkins jobs it drives) promotes rule packages: CI/CD with no git
        ("Deployment Manager + Jenkins pipelines", 2, {"ci-cd": 2}),
        ("Pega Deployment Manager", 3, {"ci-cd": 3}),
        ("Jenkins pipelines", 2, {"ci-cd": 2, "git": 2}),  # Jenkins alone builds from a repository
    ],
)
def test_pega_deployment_manager_is_ci_cd_implying_no_git(engine, text, level, expected):
    """Pega's rules are versioned in its rulesets, not git: its pipelines are CI/CD as a restricted form (reading
    round thirteen)."""
    assert _levels(engine, text, level) == expected


@pytest.mark.parametrize(
    "text",
    [
        "prompting for legal research + cite checking outputs",
        "M365 Copilot / ChatGPT - evaluating for students, hallucinated refs workshop",
        "ChatGPT for drafting memos, checking citations by hand",
    ],
)
def test_checking_a_chat_assistants_citations_is_oversight_and_aware_of_guardrails(engine, text):
    """A chat assistant's answers checked before use, or others taught to check them, is responsible AI up to 2 and
    guardrails up to 1 (reading round thirteen); neither implies the model's API."""
    levels = _levels(engine, text, 4)
    assert (levels.get("responsible-ai"), levels.get("guardrails"), levels.get("llm-apis")) == (2, 1, None)


def test_a_chat_assistant_without_checking_shows_no_oversight(engine):
    assert "responsible-ai" not in _levels(engine, "ChatGPT for drafting memos", 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Claude Pro - Projects w/ long transcripts for synthesis", 1),  # long documents given whole
        ("ChatGPT to summarise long PDFs", 1),
        ("ChatGPT to summarise emails", None),
    ],
)
def test_long_documents_given_to_a_chat_assistant_are_aware_of_context_engineering(engine, text, expected):
    assert _levels(engine, text, 4).get("context-engineering") == expected


@pytest.mark.parametrize(
    ("text", "level", "expected"),
    [
        ("HTML/CSS, tiny bit of JS", 2, 1),  # a little JavaScript, said so: aware of programming
        ("a bit of JavaScript for Shopify theme tweaks", 3, 1),
        ("JavaScript", 3, 3),  # JavaScript alone keeps its level
    ],
)
def test_a_little_javascript_is_another_language_up_to_1(engine, text, level, expected):
    assert _levels(engine, text, level).get("programming-languages") == expected


@pytest.mark.parametrize(
    ("text", "level", "expected"),
    [
        ("ViT", 4, {"self-attention": 2}),  # a transformer encoder over image patches: its attention, no text LM
        ("Swin Transformer backbone for segmentation", 3, {"self-attention": 2}),
    ],
)
def test_a_vision_transformer_is_self_attention_up_to_2(engine, text, level, expected):
    assert _levels(engine, text, level) == expected


def test_transformers_beside_a_vit_are_read_not_dropped_as_an_everyday_word(engine):
    levels = _levels(engine, "Transformers (ViT backbones, read the Attention paper)", 2)
    assert levels.get("self-attention") == 2 and "gpt" not in levels


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PyTorch - wrote + trained 12-layer masked LM on UniRef50 subset (~30M params)", 1),
        ("trained a small masked LM from scratch on clinical notes", 1),
        ("masked LM pretraining", None),  # the objective named, no model said to be trained by its writer
    ],
)
def test_a_language_model_trained_on_a_pretraining_objective_is_aware_of_tokenization(engine, text, expected):
    assert _levels(engine, text, 3).get("tokenization") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pretrained a small GPT from scratch", (("skill", "gpt"),)),  # as "trained a small GPT from scratch" reads
        ("pretrained a BERT from scratch on clinical notes", (("skill", "bert"),)),
        ("pretrained models", ()),  # says how a model came about, names none
    ],
)
def test_pretrained_says_how_a_model_came_about_not_which(matcher, text, expected):
    assert read(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("assistant professor position in NLP", (("skill", "language-models"),)),
        ("assistant lecturer in NLP", (("skill", "language-models"),)),
        ("NLP assistant", (("skill", "llm-apis"),)),  # an assistant built with NLP still calls a model
    ],
)
def test_an_academic_assistant_post_is_no_llm_assistant(matcher, text, expected):
    assert read(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "up_to"),
    [
        ("PyTorch (DDP, FSDP)", None),  # two ways of distributed training listed after PyTorch: FSDP names it whole
        ("PyTorch (FSDP, DDP)", None),
        ("PyTorch (DDP)", 2),  # DDP alone stays the first step
    ],
)
def test_peers_in_parentheses_after_another_skill_are_listed_beside(matcher, text, up_to):
    (held,) = [m for m in matcher.resolve(text) if m.target == "distributed-training"]
    assert held.up_to == up_to


def test_a_restricted_form_in_parentheses_after_its_own_skill_still_says_how_it_was_used(matcher):
    (held,) = [m for m in matcher.resolve("Stable Diffusion (SDXL, ComfyUI)") if m.target == "stable-diffusion"]
    assert held.up_to == 2


@pytest.mark.parametrize(
    ("text", "up_to"),
    [
        ("Zapier", 1),  # apps wired through their APIs in a form: aware of web APIs
        ("Zapier/Make automations", 1),  # the webhooks rule (up to 2) restricts a whole reading, never lifts this one
        ("webhooks in Zapier", 2),  # webhooks named whole: the no-code tool restricts them to a beginner's
        ("Zapier (webhooks, API calls)", 2),
    ],
)
def test_zapier_is_aware_of_web_apis_and_a_restriction_never_raises_a_narrower_one(matcher, text, up_to):
    (held,) = [m for m in matcher.resolve(text) if m.target == "web-apis"]
    assert held.up_to == up_to


@pytest.mark.parametrize(
    "text",
    [
        "BERT cross-encoder rerankers",
        "BERT rerankers for product search",
        "RoBERTa cross-encoder reranker for legal search",
    ],
)
def test_a_reranker_named_by_its_encoder_is_semantic_search_and_bert_up_to_3(matcher, text):
    read_ = {m.target: m.up_to for m in matcher.resolve(text) if m.target}
    assert read_ == {"semantic-search": None, "bert": 3}


def test_a_reranker_named_by_sentence_transformers_shows_no_bert(matcher):
    assert {m.target for m in matcher.resolve("cross-encoder rerankers") if m.target} == {"semantic-search"}


@pytest.mark.parametrize(
    ("name", "unmet"),
    [
        ("Visual Basic 6", True),
        ("VB6", True),
        ("COBOL (Enterprise COBOL z/OS) - 19 yrs", True),
        ("RPG IV / free-format RPGLE, 20+ yrs", True),  # two names of the rule, read as one phrase
        ("Excel VBA macros", True),  # a rule's name holding one of the names
        ("FORTRAN 77 (load flow programs)", True),
        ("Java, VBA", False),  # Java beside it: its SDK
        ("COBOL, Java", False),
        ("VB.NET", False),  # .NET's SDKs serve it
        ("Kotlin", False),
    ],
)
def test_names_no_model_sdk_serves_meet_no_alternative(matcher, name, unmet):
    (match,) = [m for m in matcher.resolve(name) if m.target == "programming-languages"]
    assert matcher.meets_no_alternative(match) is unmet


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("transformer internals", ("self-attention",)),
        ("learn transformers properly", ("self-attention",)),
        ("training transformer LMs", ("language-models",)),
        ("transformers and LLMs properly", ("language-models",)),
        ("use the Hugging Face transformers library", ("hugging-face",)),
    ],
)
def test_transformers_to_learn_or_train_are_the_architecture(matcher, goal, skills):
    """Session 39: a goal naming transformers to learn or get inside, and no skill, is the architecture, as
    "how transformers work" is (self-attention, where the transformer starts); a goal naming a skill keeps it (the
    LLMs, the Hugging Face library)."""
    assert matcher.read_goals([goal])[goal].skills == skills


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("semantic IDs for our item catalogue", ()),
        ("generative retrieval with semantic IDs", ()),
        ("learn semantic ID tokenisation", ("tokenization",)),
        ("semantic search over our docs", ("semantic-search",)),
        ("semantic similarity of tickets", ("semantic-search",)),
    ],
)
def test_an_items_semantic_id_is_no_search_by_meaning(matcher, goal, skills):
    """Session 39: an item's semantic ID (TIGER-style generative retrieval) is a code of learnt tokens a generative
    model outputs, not semantic search, which the goal's "semantic" alone reads; a goal naming a skill keeps it."""
    assert matcher.read_goals([goal])[goal].skills == skills


def test_a_goal_whose_reading_a_none_rule_drops_suggests_nothing(matcher):
    """A goal read as semantic search by its word "semantic", whose semantic ID a goals-only rule says is none, was
    read and named nothing: it suggests nothing either (semantic search was suggested by the same word)."""
    goal = matcher.read_goals(["TIGER-style semantic IDs"])["TIGER-style semantic IDs"]
    assert (goal.skills, goal.suggestions) == ((), ())


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("fine-tune and deploy Qwen", {"supervised-fine-tuning", "deployment"}),
        ("fine-tune Mistral and serve it with vLLM", {"supervised-fine-tuning", "deployment"}),
        ("serve a fine-tuned model behind an API in production", {"deployment"}),
        ("serving fine-tuned open models", {"deployment"}),
        ("fine-tune Mistral and host it on our servers", {"supervised-fine-tuning", "deployment"}),
        ("deploy Llama 3 on AWS SageMaker", {"deployment"}),
        ("LoRA of my painting style", {"peft", "stable-diffusion"}),
        ("train a style LoRA for Stable Diffusion", {"peft", "stable-diffusion"}),
        ("fine-tune Llama with LoRA", {"peft"}),
        ("run a small LLM on a Jetson Nano", {"quantization"}),
        ("run llama.cpp on a Raspberry Pi", {"ollama"}),
        ("speech models like Whisper", {"dl-fundamentals"}),
        ("transcribe support calls with Whisper", {"multimodal-apis"}),
        ("fine-tuning ESM-2 on assay data", {"bert"}),
        ("Gemma 2B on a phone with MediaPipe", {"ollama", "quantization"}),
        ("running LLMs on-device", {"ollama"}),
    ],
)
def test_goal_reads_each_thing_it_asks_for(matcher, goal, skills):
    """Session 39, goal round twenty-one: a goal naming two things to do (fine-tuning and serving; a LoRA and the image
    model it adapts; a model and the mobile runtime that needs a quantised build of it) reads both; a small board's
    LLM is quantisation, speech models to learn deep learning, a protein encoder fine-tuned BERT-style fine-tuning.
    Serving a model already fine-tuned is the serving alone (session 45: the tuning is done; a goal to tune it too
    names the tuning as a verb); a goal naming one thing reads one."""
    assert set(matcher.read_goals([goal])[goal].skills) == skills


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("choose between OpenAI, Anthropic and Gemini", {"model-providers"}),
        ("deciding between Claude and OpenAI for our app", {"model-providers"}),
        ("call OpenAI from a Python script", {"llm-apis"}),
        ("compare Llama vs Mistral vs Qwen for our use case", {"model-evaluation"}),
        ("which provider is cheapest for long context", {"model-providers"}),
    ],
)
def test_goal_choosing_providers_or_judging_models_on_own_tasks(matcher, goal, skills):
    """Session 39, goal round twenty-one: choosing between providers named is which provider to use, not calling one;
    comparing models on one's own use case or data is model evaluation; a provider's call stays the API."""
    assert set(matcher.read_goals([goal])[goal].skills) == skills


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("training small neural audio effects", {"dl-fundamentals", "pytorch"}),
        ("train a neural net to denoise our sensor data", {"dl-fundamentals", "pytorch"}),
        ("learn neural nets properly", {"dl-fundamentals"}),
        ("train a YOLO model for defect detection", {"dl-fundamentals"}),
    ],
)
def test_goal_training_ones_own_neural_networks_asks_for_pytorch(matcher, goal, skills):
    """Session 39, goal round twenty-one: training neural networks of one's own is writing the model and its training
    loop in PyTorch beside deep learning; learning how networks work, or training a packaged detector, is not."""
    assert set(matcher.read_goals([goal])[goal].skills) == skills


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("teach a model Icelandic", {"continual-pretraining"}),
        ("teach Llama Arabic legal language", {"continual-pretraining"}),
        ("make Llama speak Icelandic", {"continual-pretraining"}),
        ("fine-tune Llama on German support tickets", {"supervised-fine-tuning"}),
        ("teach the model our support tone", {"supervised-fine-tuning"}),
        ("Arabic OCR for scanned invoices", {"multimodal-apis"}),
        ("build a tokenizer for Hindi", {"tokenization"}),
    ],
)
def test_goal_teaching_a_model_a_language_is_continued_pretraining(matcher, goal, skills):
    """Goal round twenty-two (session 39): a model taught a language it was not trained on learns it from raw text in
    that language first (continued pretraining), ahead of "teach a model" as fine-tuning; a goal saying fine-tune
    first keeps fine-tuning, and a language beside OCR or a tokenizer keeps what those read."""
    assert set(matcher.read_goals([goal])[goal].skills) == skills


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("encoder vs decoder transformers", {"encoder", "decoder"}),
        ("decoder-only vs encoder-only models", {"encoder", "decoder"}),
        ("how the decoder masks future tokens", {"decoder"}),
        ("what the encoder actually outputs per token", {"encoder"}),
        ("encoder-decoder model for summarising audit reports", {"t5"}),
    ],
)
def test_goal_comparing_encoder_and_decoder_reads_both(matcher, goal, skills):
    """A goal naming the encoder beside the decoder asks for both stacks (goals-only `shows` each way); one naming
    either alone keeps it, and an encoder-decoder model stays T5."""
    assert set(matcher.read_goals([goal])[goal].skills) == skills


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("understand pretraining objectives like MLM and next token prediction", {"training-objectives"}),
        ("MLM vs next-token prediction objectives", {"training-objectives"}),
        ("next token prediction as a training objective", {"training-objectives"}),
        ("how next token prediction works", {"language-models"}),
        ("how LLMs pick the next word", {"language-models"}),
        ("churn prediction model", {"ml-fundamentals"}),
    ],
)
def test_goal_naming_a_pretraining_objective_is_training_objectives(matcher, goal, skills):
    """A goal naming a model's pretraining objective (MLM, a training objective) is training objectives, ahead of ML's
    "prediction"; next-token prediction among the objectives is the causal objective, not language models beside it;
    how next-token prediction works stays language models."""
    assert set(matcher.read_goals([goal])[goal].skills) == skills


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("how chatbots actually work", {"genai-fundamentals"}),
        ("learn how a chatbot really works", {"genai-fundamentals"}),
        ("build a chatbot for our shop", {"llm-apis"}),
    ],
)
def test_goal_how_chatbots_actually_work_is_genai_fundamentals(matcher, goal, skills):
    """ "Actually" or "really" changes nothing of asking how chatbots work: Gen AI fundamentals, not the API."""
    assert set(matcher.read_goals([goal])[goal].skills) == skills


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        ("gave the model a stock-lookup function and a refund tool", {"tool-calling"}),
        ("gave the team tools for the new CRM", set()),
        ("decided what goes into each call's prompt", {"context-engineering"}),
        ("decided what goes into the board pack", set()),
        ("rolling chat summaries as the tutor's memory", {"context-engineering"}),
        ("fixed memory leaks", set()),
        ("agent that files expense claims over several steps", {"ai-agents"}),
        ("travel agent: booked trips over several steps", set()),
        ("explained to our execs what LLMs can and can't do", {"genai-fundamentals"}),
        ("explained to customers what the billing system can do", set()),
        ("agent that files claims using function calls", {"ai-agents", "tool-calling"}),
        ("multi-agent assistant: planner and writer", {"ai-agents"}),
        ("multi-agent simulation of robots", set()),
        ("turned a base model into a chat model", {"instruction-tuning"}),
        ("canary rollouts of model versions", {"llmops"}),
        ("canary rollout of a payments service", set()),
    ],
)
def test_work_described_in_plain_words_shows_the_skill_a_mentor_names(matcher, text, skills):
    """An entry naming no skill that describes the work shows it (matching.yaml's described): a model given tools is tool calling,
    what goes into a call's context or a conversation's summaries kept as memory context engineering, an agent
    working over several steps an AI agent (not a travel agent), explaining what LLMs can do Gen AI fundamentals."""
    assert {target for _kind, target in read(matcher, text)} == skills


@pytest.mark.parametrize(
    "name, skills",
    [
        ("API Gateway", {"web-apis"}),
        ("Amazon API Gateway", {"web-apis", "cloud-platforms"}),
        ("API Gateway REST APIs with Lambda authorizers", {"web-apis", "cloud-platforms"}),
        ("Mixtral on vLLM behind an API gateway", {"deployment"}),
    ],
)
def test_an_api_gateway_built_is_web_apis_and_one_served_behind_says_where(matcher, name, skills):
    # An API gateway's routes, authorisers and throttling are web API design (as Kong Gateway is); Amazon's is run on
    # the cloud's managed services; a model served behind one says only where its calls come in.
    assert {s for _, s in read(matcher, name)} == skills


@pytest.mark.parametrize(
    "goal", ["an API gateway in front of our LLM calls", "APIM gateway with token quotas per team", "API Gateway"]
)
def test_a_gateway_asked_for_as_a_goal_is_an_llm_gateway(matcher, goal):
    # A gateway as a goal routes, meters and caps model calls (cost and latency's "LLM gateway"), not web API design.
    assert matcher.read_goals([goal])[goal].skills == ("cost-and-latency",)


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("fine-tune a piano", ()),
        ("fine-tuning church organs for a living", ()),
        ("quantize my drum tracks in Ableton", ()),
        ("fine-tune a model on piano recordings", ("supervised-fine-tuning",)),
        ("quantize a model for music production plugins", ("quantization",)),
        ("fine-tune Llama on our onboarding process docs", ("supervised-fine-tuning",)),
    ],
)
def test_another_fields_term_in_a_goal_naming_no_model_asks_for_nothing(matcher, goal, skills):
    """A goal's words asking for a skill that another field's term beside them only sounds like ask for nothing
    ("fine-tune a piano" tunes an instrument, as "fine tuning of pianos" in a CV does); a goal naming a model is
    about the model, the term its data or domain (goal round twenty-three of session 39)."""
    read = matcher.read_goals([goal])[goal]
    assert read.skills == skills
    assert read.suggestions == ()


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("build a Discord bot with GPT", ("llm-apis",)),
        ("a GPT-powered chatbot for our shop", ("llm-apis",)),
        ("Chrome extension that rewrites emails with GPT", ("llm-apis",)),
        ("build a small GPT from scratch", ("gpt",)),
    ],
)
def test_a_bot_or_app_built_with_gpt_calls_the_api(matcher, goal, skills):
    """A bot, an app or an assistant built with GPT calls OpenAI's model through its API, as "call GPT-4 from my
    Node backend" does; a GPT built from scratch is the architecture (goal round twenty-three of session 39)."""
    assert matcher.read_goals([goal])[goal].skills == skills


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("improve our search ranking with embeddings", {"embeddings", "semantic-search"}),
        ("use embeddings to improve search on our docs portal", {"embeddings", "semantic-search"}),
        ("learn what embeddings are", {"embeddings"}),
    ],
)
def test_a_search_improved_with_embeddings_is_semantic_search_beside_them(matcher, goal, skills):
    """Embeddings used to improve a search ask for semantic search beside the embeddings; embeddings alone stay
    embeddings (goal round twenty-three of session 39)."""
    assert set(matcher.read_goals([goal])[goal].skills) == skills


@pytest.mark.parametrize(("text", "shows"), [
    ("Stan - Bayesian MMM with adstock", {"ml-fundamentals"}),  # "Stan" read first, the MMM's practice kept
    ("Python - pandas, ultralytics", {"sql-and-data"}),  # "Python" read first, pandas' practice kept
])  # fmt: skip
def test_two_names_read_as_one_skill_keep_what_either_shows_when_practised(matcher, text, shows):
    """An entry naming one skill twice is one rating of it (:func:`matching._distinct`), and what the second name
    shows on real work (matching.yaml's practice) is not lost because the first was read first (reading round
    seventeen: "Stan - Bayesian MMM" showed no machine learning where "Bayesian MMM" alone did)."""
    found = matcher.resolve(text)
    assert len({m.target for m in found if m.target}) == len([m for m in found if m.target])
    assert shows <= {p.means for m in found for p in m.practice}


@pytest.mark.parametrize(("text", "expected"), [
    ("Harvey", (("skill", "genai-fundamentals"),)), ("Harvey (Assistant + Vault)", (("skill", "genai-fundamentals"),)),
    ("GhPython", (("skill", "python"),)), ("RhinoPython scripts", (("skill", "python"),)),
])  # fmt: skip
def test_a_legal_assistant_and_python_inside_rhino_are_read(matcher, text, expected):
    """Harvey, named alone, is the legal AI assistant as "Harvey AI" is; GhPython and RhinoPython are Python written
    by hand inside Grasshopper and Rhino, not the visual programming around it (reading round seventeen)."""
    assert read(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("cluster training on 2x V100", {"gpu-computing": 2}),
        ("trained on a cluster of A100s", {"gpu-computing": 2}),
        ("k-means clustering", {}),  # clustering is not a cluster
    ],
)
def test_training_on_a_cluster_is_gpu_computing_up_to_2(matcher, text, found):
    """Training on a cluster is training on shared GPU nodes: GPU computing up to 2, a restricted form (reading
    round 17b); a GPU's name alone names nothing, so "on 2x V100" adds no skill."""
    assert {m.target: m.up_to for m in matcher.resolve(text) if m.target and m.target == "gpu-computing"} == found


@pytest.mark.parametrize(("goal", "skills"), [
    ("LLM inference on Kubernetes", {"containers", "deployment"}),
    ("serving open LLMs on Kubernetes with KServe", {"containers", "deployment"}),
    ("dockerize our inference service", {"containers"}),  # a service packaged in Docker: no inference server named
    ("deploy our app on Kubernetes", {"containers"}),
])  # fmt: skip
def test_llm_inference_on_kubernetes_is_deployment_beside_the_cluster(matcher, goal, skills):
    """LLM inference or model serving on Kubernetes runs models behind an inference server on the cluster: model
    deployment beside the containers (session 40); an app or a service deployed on it stays the cluster alone."""
    assert set(matcher.read_goals([goal])[goal].skills) == skills


@pytest.mark.parametrize("text", ["RKNN-Toolkit", "RKNN-Toolkit2", "RKLLM", "RKNN-Toolkit 模型转换"])
def test_rockchip_npu_model_conversion_is_quantisation(matcher, text):
    """RKNN-Toolkit and RKLLM convert a model to the int8 build a Rockchip NPU runs, as NNCF or TensorRT Model
    Optimizer do for theirs: quantisation (session 40)."""
    assert read(matcher, text) == (("skill", "quantization"),)


@pytest.mark.parametrize(
    ("entry", "level", "shown"),
    [
        ("R (lme4) for thesis, rusty", 2, 1),  # a rusty beginner is aware
        ("Python (not used since uni)", 2, 1),
        ("SQL, haven't used it in years", 2, 1),
        ("C# (.NET) - 6 yrs, rusty", 3, 3),  # from intermediate up the rating already weighs the rust
        ("Java, rusty", 5, 5),
        ("linear algebra (uni, long ago)", 1, 1),  # aware stays aware
        ("Python (Advent of Code, a little Django years ago)", 2, 2),  # "years ago" dates one clause
        ("Python", 2, 2),
    ],
)
def test_an_entry_saying_its_skill_faded_shows_a_beginners_level_as_aware(entry, level, shown):
    assert matching.faded_level(entry, level) == shown


@pytest.mark.parametrize(
    ("entry", "level", "shown"),
    [
        ("PyTorch (basic)", 4, 3),  # an advanced rating beside "basic" is not credible
        ("Python basics", 5, 3),
        ("SQL básico", 4, 3),  # accents do not hide the word
        ("Docker Grundkenntnisse", 4, 3),
        ("pandas - beginner", 5, 3),
        ("Docker, Kubernetes (temel)", 3, 3),  # intermediate stands: "the basics" said out of modesty
        ("Python basics", 2, 2),
        ("Visual Basic", 4, 4),  # a language, not a level
        ("VB.NET / Visual Basic 6", 5, 5),
        ("BASIC on a C64", 4, 4),
        ("RAG over our knowledge base", 4, 4),  # "base" is part of another phrase
        ("Java (junior role, 2 yrs)", 4, 4),  # "junior" is a job's grade
    ],
)
def test_an_entry_calling_itself_basic_is_read_at_intermediate_at_most(entry, level, shown):
    assert matching.stated_level(entry, level) == shown


def test_a_subject_studied_keeps_its_level_when_rusty(matcher):
    """Maths or statistics from a course stay understood; a language beside them in the entry still fades."""
    maths = "linear algebra/probability - took the courses, rusty"
    assert matching.faded_level(maths, 2, matcher.resolve(maths)) == 2
    both = "Python and statistics, rusty"
    assert matching.faded_level(both, 2, matcher.resolve(both)) == 1


@pytest.mark.parametrize(
    ("text", "leads"),
    [
        ("ChatGPT Enterprise pilot lead for the legal team", True),
        ("led the pilot of CoCounsel across litigation", True),
        ("CoCounsel pilot", False),  # taking part in a pilot is using the product
        ("took part in the Harvey pilot", False),
        ("led the M365 Copilot rollout", True),  # the product named between the verb and the rollout
        ("ran the ChatGPT Enterprise pilot for legal", True),
        ("Explained to our board what LLMs can and can't do and set success metrics for a pilot", False),
    ],
)
def test_leading_a_gen_ai_products_pilot_shows_responsible_ai_as_a_beginner(matcher, text, leads):
    read = {m.target: m.up_to for m in matcher.resolve(text) if m.target}
    assert "genai-fundamentals" in read
    assert (read.get("responsible-ai", 0) == 2) is leads


@pytest.mark.parametrize(
    ("entries", "says"),
    [
        (["chatgpt writes most of my code lol"], True),
        (["Python", "Copilot writes 80% of my code"], True),
        (["JavaScript, ChatGPT does most of my coding"], True),
        (["Python 5 yrs, wrote the codebase myself"], False),
        (["Copilot daily", "code review"], False),
    ],
)
def test_an_entry_saying_an_assistant_writes_the_code_is_found(entries, says):
    assert matching.assistant_writes_code(entries) is says


@pytest.mark.parametrize(
    ("text", "languages"),
    [
        ("Python - Copilot writes most of my code", {"python"}),
        ("Python, though Claude writes most of the code", {"python"}),
        ("Java - ChatGPT writes half my code", {"programming-languages"}),
        ("chatgpt writes most of my code lol", set()),
        ("ChatGPT to write Python scripts", set()),  # what the assistant wrote is not the writer's own language
    ],
)
def test_a_language_named_before_an_assistant_writing_the_code_is_read_beside_it(matcher, text, languages):
    read = {m.target for m in matcher.resolve(text) if m.target}
    assert "ai-coding-assistants" in read
    assert read & {"python", "programming-languages"} == languages


@pytest.mark.parametrize("text", ["Python eingerostet", "Python rusty", "Python (rusty)"])
def test_a_word_saying_a_skill_faded_frames_its_name(matcher, text):
    assert [m.target for m in matcher.resolve(text)] == ["python"]
    assert matching.faded_level(text, 2) == 1


# ---------------------------------------------------------------------------
# Session 41: BERT-family names, a model's "fine-tuning" after it, database administrators, goals in other languages
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["IndicBERT", "GBERT", "BanglaBERT", "GottBERT"])
def test_a_coined_one_word_name_ending_in_bert_is_a_bert_family_encoder(matcher, text):
    assert read(matcher, text) == (("skill", "bert"),)


@pytest.mark.parametrize("text", ["Hilbert", "Herbert", "Schubert", "Robert"])
def test_a_word_or_name_ending_in_bert_is_no_model(matcher, text):
    assert "bert" not in {m.target for m in matcher.resolve(text)}


def test_bert_family_names_only_coined_single_words():
    assert matching._bert_family("indicbert")
    assert not matching._bert_family("hilbert")  # English text uses it: a name
    assert not matching._bert_family("bert")  # the key itself
    assert not matching._bert_family("indic bert")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "fine-tuning" right after a model fine-tuning is done to is that activity and the model, as "fine-tuned" is
        ("IndicBERT fine-tuning (NER)", (("skill", "supervised-fine-tuning"), ("skill", "bert"))),
        ("RoBERTa fine-tuning", (("skill", "supervised-fine-tuning"), ("skill", "bert"))),
        # BERT's own name too: no alias of the BERT skill reads it as BERT alone (session 44)
        ("BERT fine-tuning", (("skill", "supervised-fine-tuning"), ("skill", "bert"))),
        ("BERT finetuning for NER", (("skill", "supervised-fine-tuning"), ("skill", "bert"))),
        # after another model it says nothing more than the model's own skill does
        ("Stable Diffusion fine-tuning", (("skill", "stable-diffusion"),)),
        # leading a phrase it names the everyday activity as often
        ("Fine tuning PID loops on a bottling line", ()),
        ("Fine-tuning CNC machine tolerances", ()),
    ],
)
def test_a_fine_tuning_noun_is_read_only_after_a_model_fine_tuning_is_done_to(matcher, text, expected):
    assert read(matcher, text) == expected


@pytest.mark.parametrize(
    "text", ["German BERT", "german-bert", "Arabic BERT", "Chinese RoBERTa", "Japanese BERT for NER"]
)
def test_a_language_name_before_a_bert_family_name_is_the_encoder_pretrained_on_it(matcher, text):
    assert read(matcher, text) == (("skill", "bert"),)


@pytest.mark.parametrize("text", ["German tutoring", "Uncle Bert", "German"])
def test_a_language_name_alone_or_before_another_word_is_no_bert(matcher, text):
    assert "bert" not in {m.target for m in matcher.resolve(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # LoRA right after an open model is the adapters trained on it, whatever its release or size
        ("Mistral LoRA", (("skill", "peft"),)),
        ("Qwen2 LoRA", (("skill", "peft"),)),
        ("Llama 3.1 LoRA", (("skill", "peft"),)),
        ("Mistral 7B QLoRA", (("skill", "peft"),)),
        ("BERT LoRA", (("skill", "peft"), ("skill", "bert"))),
        # fine-tuning an open model is fine-tuning (not a near spelling of PEFT)
        ("Qwen fine-tuning", (("skill", "supervised-fine-tuning"),)),
        ("Llama 3 fine-tuning", (("skill", "supervised-fine-tuning"),)),
        # after another skill's name it is that skill's; after a name of no model, nothing
        ("Stable Diffusion LoRA", (("skill", "stable-diffusion"),)),
        ("Prometheus fine-tuning", ()),
        ("Kafka LoRA", ()),
    ],
)
def test_lora_or_fine_tuning_after_an_open_model_is_that_activity(matcher, text, expected):
    assert read(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SDXL LoRA training", {("stable-diffusion", None), ("peft", 3)}),
        ("kohya_ss SDXL LoRA training", {("stable-diffusion", None), ("peft", 3)}),
        ("Stable Diffusion LoRA training on my own illustrations", {("stable-diffusion", None), ("peft", 3)}),
        ("SDXL LoRA training for a client's product line", {("stable-diffusion", None), ("peft", 3)}),
        ("Stable Diffusion LoRA fine-tuning", {("stable-diffusion", None), ("peft", 3)}),
        # the model's versions and its successor by the same authors, as people name them (session 45)
        ("SD 1.5 LoRA training", {("stable-diffusion", None), ("peft", 3)}),
        ("Flux LoRA training", {("stable-diffusion", None), ("peft", 3)}),
        # where no shows rule reads the method beside the skill named first, that skill is what was trained
        ("Whisper LoRA training on Hindi call audio", {("peft", None)}),
        ("BERT LoRA training", {("peft", None), ("bert", None)}),
    ],
)
def test_a_lora_trained_on_an_image_model_is_both_not_nothing(matcher, text, expected):
    """A training method named right after a model whose practice it is ("SDXL LoRA training") is read with the
    model, its shows rule adding the method up to 3: the phrase names two known things and reads both, not none."""
    assert {(m.target, m.up_to) for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SD 1.5", (("skill", "stable-diffusion"),)),
        ("Stable Diffusion 3.5", (("skill", "stable-diffusion"),)),
        ("FLUX.1 dev", (("skill", "stable-diffusion"),)),
        ("Flux Kontext", (("skill", "stable-diffusion"),)),
        ("Flux CD", (("skill", "ci-cd"),)),  # the GitOps tool
        ("Flux", ()),  # alone also the GitOps tool, Julia's ML library or React's architecture
        ("SD card", ()),
    ],
)
def test_image_models_by_their_version_names(matcher, text, expected):
    assert read(matcher, text) == expected


@pytest.mark.parametrize("text", ["tests A/B", "pruebas A/B", "testes A/B", "A/B-Tests", "A/B-Tests für Newsletter"])
def test_a_b_tests_in_other_languages_word_order_are_a_b_tests(matcher, text):
    assert read(matcher, text) == (("skill", "statistics"),)


@pytest.mark.parametrize("text", ["PostgreSQL DBA", "Oracle DBA", "SQL Server DBA, 8 yrs", "database administrator"])
def test_a_database_administrator_does_sql_and_data_work(matcher, text):
    assert read(matcher, text) == (("skill", "sql-and-data"),)


def test_dba_alone_is_not_read_as_it_is_also_a_business_doctorate(matcher):
    assert read(matcher, "DBA") == ()


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("transcrire les notes vocales des agents", "multimodal-apis"),
        ("transcribe calls for our support agents", "multimodal-apis"),
        ("Interviews automatisch transkribieren", "multimodal-apis"),
        ("assistant vocal en wolof", "multimodal-apis"),
        ("asistente de voz para el campo", "multimodal-apis"),
        ("ask questions over 30 years of well reports (PDFs)", "rag"),
        ("fill PDF forms automatically", "structured-outputs"),
        ("gerar descrições de produtos com IA", "prompt-engineering"),
        ("Produktbeschreibungen mit KI schreiben", "prompt-engineering"),
    ],
)
def test_goals_to_transcribe_speak_ask_pdfs_or_describe_products_in_several_languages(matcher, goal, skill):
    assert matcher.read_goals([goal])[goal].skills == (skill,)


def test_translating_pdfs_asks_for_no_rag(matcher):
    goal = "translate PDFs into French"
    assert "rag" not in matcher.read_goals([goal])[goal].skills


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("Bachelorarbeit über LLMs", "language-models"),
        ("tesis sobre LLMs", "language-models"),
        ("TCC sobre RAG", "rag"),
    ],
)
def test_other_languages_about_joins_as_on_does(matcher, goal, skill):
    assert matcher.read_goals([goal])[goal].skills == (skill,)


def test_uber_without_its_umlaut_joins_nothing(matcher):
    assert read(matcher, "Uber Eats API") == (("skill", "web-apis"),)


@pytest.mark.parametrize("text", ["Docker (lokaal)", "Docker (local)", "Docker (localhost dev setup)"])
def test_an_everyday_name_run_locally_is_software(matcher, text):
    # A dock worker is not "local": a qualifier saying where it ran (one's own machine) makes Docker the software.
    assert "containers" in {m.target for m in matcher.resolve(text)}


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Python seekh raha hoon", "python"),
        ("Python sikh rahi hoon", "python"),
        ("estoy aprendiendo Python", "python"),
        ("lerne gerade Python", "python"),
    ],
)
def test_other_languages_learning_it_now_is_framing(matcher, text, skill):
    assert {m.target for m in matcher.resolve(text)} == {skill}


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("semantisch zoeken op de universiteitswebsite", "semantic-search"),
        ("wyszukiwanie semantyczne", "semantic-search"),
        ("ocena CV z pomocą AI (bez dyskryminacji)", "responsible-ai"),
        ("screening CVs with AI without discrimination", "responsible-ai"),
        ("antwoorden alleen uit onze eigen webpagina's", "rag"),
        ("chatbot that answers only from our own documents", "rag"),
    ],
)
def test_goals_of_dutch_semantic_search_fair_screening_and_answers_only_from_our_pages(matcher, goal, skill):
    assert matcher.read_goals([goal])[goal].skills == (skill,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("linear regression", {"statistics"}),
        ("Logistic Regression", {"statistics"}),
        ("regresión logística", {"statistics"}),
        ("régression linéaire", {"statistics"}),
        ("lineare Regression", {"statistics"}),
        ("Modelos de elasticidade-preço para o varejo", {"statistics"}),
        ("Preiselastizität", {"statistics"}),
        ("regression", set()),  # bare, it is also a software test
        ("regressão", set()),
        ("regression testing of the billing screens", set()),
    ],
)
def test_a_named_regression_model_or_price_elasticity_is_statistics(matcher, text, expected):
    """A named regression model (linear, logistic, in any language) or a price-elasticity model is statistics; bare
    "regression" stays unread, as it is also a software test (reading session 41)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(("text", "level", "ml"), [
    ("linear regression", 3, 2), ("logistic regression", 4, 2), ("logistic regression", 2, None),
    ("elasticidad de precios / regresión", 4, 2), ("price elasticity models", 2, None),
])  # fmt: skip
def test_a_regression_model_fitted_on_real_work_is_beginner_machine_learning(engine, text, level, ml):
    """A regression model fitted on real work at intermediate or more is fitted, validated and used to predict: a
    beginner at machine-learning fundamentals beside the statistics it is; below intermediate, nothing of it."""
    (parsed,) = engine.parse([{"skills": [{"name": text, "level": level}]}]).parsed
    read = {m["skill"]: m["level"] for m in parsed.matched if m.get("skill")}
    assert read["statistics"] == level
    assert read.get("ml-fundamentals") == ml


@pytest.mark.parametrize(
    "text",
    ["Hilbert spaces", "functional analysis", "optimización convexa", "otimização convexa", "konvexe Optimierung",
     "Wahrscheinlichkeitstheorie", "cálculo diferencial e integral"],
)  # fmt: skip
def test_maths_named_in_its_own_words_or_another_language_is_math_for_ml(matcher, text):
    assert {m.target for m in matcher.resolve(text) if m.target} == {"math-for-ml"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("logistic regression and gradient boosting for churn prediction", {"ml-fundamentals"}),
        ("regresión logística y random forest con scikit-learn", {"ml-fundamentals"}),
        ("Machine Learning Specialization - linear and logistic regression", {"ml-fundamentals"}),
        ("logistic regression with statsmodels for a cohort study", {"statistics"}),  # statsmodels is statistics
        ("marketing mix modelling", {"statistics"}),  # no machine learning beside it
    ],
)
def test_a_regression_model_beside_machine_learning_is_the_model_it_teaches(matcher, text, expected):
    """A statistical model whose practice shows ML fundamentals (a named regression) read beside machine learning in
    one entry is the model machine learning teaches: the entry is ML fundamentals, not statistics besides."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Solid background in ML, probability and linear algebra", {"ml-fundamentals", "math-for-ml"}),
        ("grounding in deep learning, calculus and probability", {"dl-fundamentals", "math-for-ml"}),
        ("linear algebra refresher (eigenvalues, Bayes) for ML", {"math-for-ml"}),  # what the maths is for
    ],
)
def test_a_foundation_in_ml_beside_maths_is_machine_learning_too(matcher, text, expected):
    """A foundation, background or grounding in ML names machine learning itself beside the maths, not what the
    maths is for."""
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    "text", ["U-Net", "nnU-Net", "Mask R-CNN", "trained a U-Net for crack segmentation on drone photos"]
)
def test_a_named_image_network_is_deep_learning(matcher, text):
    """A U-Net or an R-CNN is a convolutional network, deep learning as a CNN or ResNet is (session 42)."""
    assert read(matcher, text) == (("skill", "dl-fundamentals"),)


@pytest.mark.parametrize(
    "text", ["time series forecasting", "time-series forecasting", "Time series forecasting (Prophet / ARIMA)"]
)
def test_time_series_forecasting_is_statistics(matcher, text):
    """Forecasting a time series is the statistics of trend and seasonality, as time series analysis is (session 42)."""
    assert read(matcher, text) == (("skill", "statistics"),)


@pytest.mark.parametrize(
    ("text", "level", "skill", "shown"), [("JupyterLab", 3, "python", 2), ("MongoDB Atlas", 3, "sql-and-data", 1)]
)
def test_another_spelling_of_a_tool_of_no_skill_reads_nothing_but_its_use_shows_the_skill(
    engine, text, level, skill, shown
):
    """JupyterLab is Jupyter and MongoDB Atlas is MongoDB: names of no skill whose use on real work shows one (session 42)."""
    batch = engine.parse([{"skills": [{"name": text, "level": level}]}])
    assert {m.target for m in engine.parser.matcher.resolve(text) if m.target} == set()
    assert batch.levels[0][engine.catalog.skill_ids.index(skill)] == shown


@pytest.mark.parametrize(
    ("text", "level", "expected"),
    [
        ("Postman", 1, 1),
        ("Postman", 4, 2),
        ("Postman collections and environments for regression runs", 4, 2),
        ("Built REST APIs in Flask, tested with Postman", 4, 4),
    ],
)
def test_an_api_client_shows_web_apis_from_the_callers_side(engine, text, level, expected):
    """Postman used shows HTTP and REST as the caller, a beginner at web APIs however well it is known; a backend built
    beside it is read as rated (session 42)."""
    batch = engine.parse([{"skills": [{"name": text, "level": level}]}])
    assert batch.levels[0][engine.catalog.skill_ids.index("web-apis")] == expected


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("AI säkert med elevernas texter", "responsible-ai"),
        ("KI sicher nutzen im Kollegium", "responsible-ai"),
        ("usar la IA de manera segura con datos de alumnos", "responsible-ai"),
        ("Renderings aus Handskizzen mit KI", "stable-diffusion"),
        ("sketch-to-render for competition entries", "stable-diffusion"),
        ("copys con la voz de la marca", "prompt-engineering"),
        ("ad variants for every audience", "prompt-engineering"),
        ("wissen, was hinter den Modellen steckt", "ml-fundamentals"),
    ],
)
def test_safe_use_sketch_renders_brand_voice_and_what_is_behind_models_in_several_languages(matcher, goal, skill):
    """Using AI safely is responsible AI, renders from sketches image generation, a brand's voice prompting, what is
    behind the models machine learning, in whichever language a goal is written (session 42)."""
    assert matcher.read_goals([goal])[goal].skills == (skill,)


def test_speech_asked_to_run_locally_is_local_models_beside_it(matcher):
    local, cloud = "offline voice commands, nothing in the cloud", "voice commands for our app"
    assert set(matcher.read_goals([local])[local].skills) == {"multimodal-apis", "ollama"}
    assert matcher.read_goals([cloud])[cloud].skills == ("multimodal-apis",)


@pytest.mark.parametrize(
    "text", ["consumo de APIs REST", "consumo di API REST", "consommation d'API REST", "integração com APIs RESTful"]
)
def test_a_rest_api_named_noun_first_is_read_as_in_english(matcher, text):
    """Spanish, Italian, French and Portuguese put the adjective after the noun: "consumo de APIs REST" is "consuming
    REST APIs", the client side of web APIs up to intermediate, as the English is (session 42)."""
    (match,) = matcher.resolve(text)
    assert (match.target, match.up_to) == ("web-apis", 3)
    (english,) = matcher.resolve("consuming REST APIs")
    assert (english.target, english.up_to) == (match.target, match.up_to)


@pytest.mark.parametrize("text", ["ColdFusion / CFML", "Adobe ColdFusion 2021", "CFML (Lucee)", "Visual FoxPro 9"])
def test_legacy_business_languages_are_other_languages(matcher, text):
    """CFML, FoxPro and their kind are languages a developer writes whole applications in (session 42)."""
    assert {m.target for m in matcher.resolve(text)} == {"programming-languages"}


@pytest.mark.parametrize("text", ["DataRobot (AutoML)", "H2O Driverless AI", "AutoML", "PyCaret"])
def test_an_automl_tool_is_machine_learning_fundamentals_at_aware(matcher, text):
    """The tool trains and ranks the models; its user reads validation metrics on a leaderboard: aware (session 42)."""
    (match,) = matcher.resolve(text)
    assert (match.target, match.up_to) == ("ml-fundamentals", 1) and "leaderboard" in match.reason


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("serve our model cheaper", ("inference-optimization",)),
        ("make our detector cheaper to serve", ("inference-optimization",)),
        ("cut our GPU bill for the vision model", ("inference-optimization",)),
        ("lower our GPU inference costs", ("inference-optimization",)),
        ("GPU cost per request for our Mistral endpoint", ("inference-optimization",)),
        ("cut our inference costs on OpenAI", ("cost-and-latency",)),
        ("route easy questions to a cheaper model", ("cost-and-latency",)),
        ("cut our OpenAI bill", ("cost-and-latency",)),
    ],
)
def test_serving_ones_own_model_cheaper_is_inference_optimization(matcher, goal, skills):
    """Serving a model of one's own cheaper is paid in GPUs and cut by quantising it, batching and a faster engine
    (inference optimisation), not an API's token price (cost and latency, kept for API bills and routing)."""
    assert matcher.read_goals([goal])[goal].skills == skills


# Session 42c: fine-tuning, queries and principles as German, Turkish and pinyin write them; school maths.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # German puts the verb after what was fine-tuned, as "RoBERTa fine-tuning" does.
        ("BERT feinjustieren", (("skill", "supervised-fine-tuning"), ("skill", "bert"))),
        ("RoBERTa feintunen für Sentimentanalyse", (("skill", "supervised-fine-tuning"), ("skill", "bert"))),
        # Pinyin "weitiao" is fine-tuning; beside LoRA it is the parameter-efficient way, as "LoRA fine-tuning" is.
        ("da moxing weitiao", (("skill", "supervised-fine-tuning"),)),
        ("Qwen LoRA weitiao", (("skill", "peft"),)),
        ("LoRA-Feinabstimmung", (("skill", "peft"),)),
    ],
)
def test_fine_tuning_is_read_in_german_and_pinyin(matcher, text, expected):
    assert read(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("PostgreSQL sorguları", ("skill", "sql-and-data")),  # Turkish "queries", as "PostgreSQL queries"
        ("MySQL sorgusu yazma", ("skill", "sql-and-data")),
        # pinyin "principles", as "Transformer basics" (the transformer module, as "Transformer" alone is)
        ("Transformer yuanli", ("module", "transformer-architecture")),
        ("PyTorch jichu", ("skill", "pytorch")),
    ],
)
def test_words_around_a_name_are_framing_in_turkish_and_pinyin(matcher, text, skill):
    assert read(matcher, text) == (skill,)


@pytest.mark.parametrize("text", ["maths (spécialité)", "Mathe LK", "high school maths", "A-level maths"])
def test_school_maths_is_maths_for_ml_up_to_beginner(matcher, text):
    (match,) = matcher.resolve(text)
    assert (match.target, match.up_to) == ("math-for-ml", 2)


def test_plain_maths_is_not_capped(matcher):
    (match,) = matcher.resolve("maths")
    assert match.target == "math-for-ml" and match.up_to is None


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("IA en la consulta sin comprometer los datos de los pacientes", "responsible-ai"),
        ("Patientendaten beim KI-Einsatz schützen", "responsible-ai"),
        ("una política de uso de IA para el claustro", "responsible-ai"),
        ("resúmenes automáticos de las actas", "llm-apis"),
        ("résumés automatiques des rapports mensuels", "llm-apis"),
    ],
)
def test_patient_data_ai_policies_and_automatic_summaries_in_several_languages(matcher, goal, skill):
    """Patients' data kept safe and a policy for using AI are responsible AI, an automatic summary a model writes
    (the LLM API), in whichever language a goal is written (session 42)."""
    assert matcher.read_goals([goal])[goal].skills == (skill,)


@pytest.mark.parametrize(
    "text",
    ["algebra liniowa", "rachunek prawdopodobieństwa", "analiza matematyczna", "lineinaya algebra",
     "teoriya veroyatnostey", "линейная алгебра", "lineer cebir", "analisi matematica"],
)  # fmt: skip
def test_maths_in_polish_russian_turkish_and_italian_is_math_for_ml(matcher, text):
    """Linear algebra, probability and analysis named in another language or script are the maths ML is built on
    (session 43); unread, a maths undergraduate's profile read no maths at all."""
    assert {m.target for m in matcher.resolve(text) if m.target} == {"math-for-ml"}


@pytest.mark.parametrize(
    ("text", "level", "statistics"), [("rachunek prawdopodobieństwa", 4, 3), ("teoriya veroyatnostey", 3, 2)]
)
def test_probability_theory_in_polish_and_russian_shows_statistics_as_in_english(engine, text, level, statistics):
    """Probability theory named in another language shows statistics as "probability theory" does (session 43)."""
    (parsed,) = engine.parse([{"skills": [{"name": text, "level": level}]}]).parsed
    read = {m["skill"]: m["level"] for m in parsed.matched if m.get("skill")}
    assert (read["math-for-ml"], read["statistics"]) == (level, statistics)


@pytest.mark.parametrize("text", ["statystyka", "statistika", "статистика", "istatistik"])
def test_statistics_in_polish_russian_and_turkish_is_statistics(matcher, text):
    assert {m.target for m in matcher.resolve(text) if m.target} == {"statistics"}


@pytest.mark.parametrize(
    ("text", "level", "dl"), [("YOLOv8 / Ultralytics", 4, 4), ("YOLO", 3, 3), ("ran YOLOv8 on a Jetson Nano", 2, None)]
)
def test_a_yolo_detector_used_at_intermediate_shows_deep_learning(engine, text, level, dl):
    """A YOLO detector rated intermediate or more has been trained on one's own images: deep learning up to that level;
    run as shipped, at beginner, it shows nothing (session 43; it was unread)."""
    (parsed,) = engine.parse([{"skills": [{"name": text, "level": level}]}]).parsed
    read = {m["skill"]: m["level"] for m in parsed.matched if m.get("skill")}
    assert read.get("dl-fundamentals") == dl


@pytest.mark.parametrize(
    ("text", "skill"),
    [("PyTorch thoda bahut", "pytorch"), ("SQL troche", "sql-and-data"), ("Python biraz", "python"),
     ("Python nemnogo", "python")],
)  # fmt: skip
def test_words_for_a_little_are_framing_in_hinglish_polish_turkish_and_russian(matcher, text, skill):
    assert read(matcher, text) == (("skill", skill),)


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("move to LLM research", "language-models"),  # was the LLM API
        ("perekhod v issledovaniya LLM", "language-models"),
        ("Wechsel in die LLM-Forschung", "language-models"),
        ("distil our model to run on phones", "model-compression"),  # "distil" spelt with one l; was Ollama
        ("distil a smaller student model", "model-compression"),
        ("utiliser l'IA pour les notes cliniques sans risque", "responsible-ai"),
        ("usar la IA en la consulta de forma segura", "responsible-ai"),
    ],
)
def test_llm_research_distilling_and_using_ai_safely_in_other_languages(matcher, goal, skill):
    """LLM research is the models themselves, not their API; distilling is model compression however it is spelt;
    using AI "without risk" in French or Spanish is responsible AI (session 43)."""
    assert matcher.read_goals([goal])[goal].skills == (skill,)


@pytest.mark.parametrize("text", ["wav2vec2 fine-tuning", "Whisper fine-tuning (call audio)", "XLS-R fine-tuning"])
def test_fine_tuning_an_open_speech_model_is_task_specific_fine_tuning(matcher, text):
    """The checkpoint alone names no skill; fine-tuning it on one's own labelled audio is fine tuning (session 43)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == {"supervised-fine-tuning"}


@pytest.mark.parametrize(
    "goal", ["tsuuwa no youyaku wo LLM de", "kaigi no youyaku", "customer emails ka summary LLM se"]
)
def test_a_summary_or_a_task_done_with_an_llm_in_romaji_and_hinglish_is_the_llm_api(matcher, goal):
    assert matcher.read_goals([goal])[goal].skills == ("llm-apis",)


def test_distilling_spirits_is_still_no_model_compression(matcher):
    goal = "distil whisky at home"
    assert "model-compression" not in matcher.read_goals([goal])[goal].skills


def test_patient_data_in_a_retrieval_goal_stays_retrieval(matcher):
    goal = "RAG over patient data"
    assert matcher.read_goals([goal])[goal].skills == ("rag",)


def test_learning_about_llms_is_the_fundamentals_and_how_they_work_the_models(matcher):
    """A goal of learning about LLMs, as a newcomer asks it, is what they are and can do (Gen AI fundamentals); how
    they work inside stays language models, and so does "LLMs" named alone (session 42)."""
    about, inside, named = "learn about LLMs for my new job", "how LLMs work", "LLMs"
    assert matcher.read_goals([about])[about].skills == ("genai-fundamentals",)
    assert matcher.read_goals([inside])[inside].skills == ("language-models",)
    assert matcher.read_goals([named])[named].skills == ("language-models",)


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("LLM ile rapor özetleri", "llm-apis"),
        ("resumir informes trimestrales con un LLM", "llm-apis"),
        ("robot that understands spoken commands from greenhouse workers", "multimodal-apis"),
        ("Sprachbefehle für die Maschine", "multimodal-apis"),
        ("detección de defectos con pocas imágenes etiquetadas usando modelos fundacionales", "multimodal"),
    ],
)
def test_goals_in_other_languages_ask_for_the_skill_they_name(matcher, goal, skill):
    assert matcher.read_goals([goal])[goal].skills == (skill,)


# Session 43 (goals): documents searched by meaning, leaked documents as a source, testing chatbots.


@pytest.mark.parametrize(
    "goal",
    [
        "search leaked documents by meaning",
        "duizenden pdf's doorzoeken op betekenis",
        "Tausende PDFs nach Bedeutung durchsuchen",
        "buscar en miles de PDF por significado",
    ],
)
def test_searching_documents_by_meaning_is_semantic_search(matcher, goal):
    """Finding documents by what they say is semantic search; a leaked document is a source to read, not a leak."""
    assert matcher.read_goals([goal])[goal].skills == ("semantic-search",)


def test_documents_searched_by_meaning_for_answers_stay_retrieval_and_a_leak_to_stop_stays_security(matcher):
    answers, leak = "search PDFs by meaning and answer questions", "stop prompts leaking our data"
    assert matcher.read_goals([answers])[answers].skills == ("rag",)
    assert matcher.read_goals([leak])[leak].skills == ("ai-security",)


@pytest.mark.parametrize(
    "goal", ["test chatbots and LLM features", "test LLM features in our app", "test AI features before release"]
)
def test_testing_chatbots_or_llm_features_is_app_evaluation(matcher, goal):
    """Testing an LLM feature asks how to judge what it answers (test sets, graders), not how to call it."""
    assert matcher.read_goals([goal])[goal].skills == ("app-evaluation",)


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Apex (avanzado)", "programming-languages"),
        ("Rust (intermedio)", "programming-languages"),
        ("Swift (fortgeschritten)", "programming-languages"),
        ("Ruby (zaawansowany)", "programming-languages"),
        ("Docker (avancé)", "containers"),
        ("Helm (sehr gute Kenntnisse)", "containers"),
    ],
)
def test_a_level_word_in_parentheses_rates_the_everyday_name_before_it(matcher, text, skill):
    # A level word in any language the catalog's levels name is a qualifier, not an unknown part beside which an
    # everyday name would be read as the everyday word ("Docker (port of Felixstowe)").
    assert {m.target for m in matcher.resolve(text)} == {skill}


def test_an_everyday_name_beside_an_unknown_qualifier_stays_unread(matcher):
    assert {m.target for m in matcher.resolve("Go (board game)")} <= {None}


@pytest.mark.parametrize("text", ["Prophet (tried)", "fbprophet", "Facebook Prophet forecasts"])
def test_prophet_is_statistical_forecasting(matcher, text):
    assert {m.target for m in matcher.resolve(text)} - {None} == {"statistics"}


def test_prophet_beside_words_naming_nothing_known_is_the_everyday_word(matcher):
    assert {m.target for m in matcher.resolve("Prophet (Old Testament studies)")} <= {None}


# ---------------------------------------------------------------------------
# Session 43, third blind batch: language pairs, German scripts, SDK tools, and goals in other languages
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["DE>IT", "DE/IT", "EN-FR", "traduzione tecnica EN/DE>IT"])
def test_a_translators_language_pair_is_no_name_spelled_without_spaces(matcher, text):
    assert ("skill", "self-attention") not in read(matcher, text)
    assert matching._language_pair("de it") and not matching._language_pair("de")


def test_deit_itself_is_still_the_vision_transformer(matcher):
    assert read(matcher, "DeiT") == (("skill", "self-attention"),)


@pytest.mark.parametrize(("text", "skill"), [("Python Skripte", "python"), ("Bash-Skripte", "linux-shell")])
def test_german_scripts_are_things_made_with_the_language(matcher, text, skill):
    assert read(matcher, text) == (("skill", skill),)


@pytest.mark.parametrize("text", ["Vercel AI SDK (streaming, tools)", "Anthropic SDK (tools, streaming)"])
def test_an_llm_sdks_tools_named_among_its_features_are_tool_calling(matcher, text):
    assert set(read(matcher, text)) == {("skill", "llm-apis"), ("skill", "tool-calling")}


def test_a_tool_built_with_an_llm_api_is_not_tool_calling(matcher):
    assert read(matcher, "integrated the OpenAI API into a support tool") == (("skill", "llm-apis"),)


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("reduzir a conta da OpenAI", "cost-and-latency"),
        ("bajar los costes de la API de OpenAI", "cost-and-latency"),
        ("Kosten der OpenAI-API senken", "cost-and-latency"),
        ("criar uma conta da OpenAI", "llm-apis"),  # an account, not a bill
        ("bot ijibu kutoka kwa nyaraka zetu", "rag"),
        ("bot que responde a partir dos nossos documentos", "rag"),
        ("Code-Reviews mit KI", "ai-coding-assistants"),
        ("code reviews", "git"),
        ("LLM für Anforderungsprüfung", "llm-apis"),
        ("understand how LLMs for translation work", "language-models"),
        ("saber se as respostas estão certas", "app-evaluation"),
        ("know if the answers are right", "app-evaluation"),
    ],
)
def test_goals_of_a_bill_answers_from_documents_ai_code_reviews_and_an_llm_for_a_task(matcher, goal, skill):
    assert matcher.read_goals([goal])[goal].skills == (skill,)


@pytest.mark.parametrize(
    "goal",
    [
        "LLM assistant that answers stock questions via tools",
        "LLM chatbot that books meetings through its tools",
        "KI-Assistent, der über Tools unsere Daten abfragt",
        "un assistant LLM qui interroge notre CRM via des outils",
    ],
)
def test_an_llm_assistant_working_via_tools_asks_for_tool_calling(matcher, goal):
    """The tools such an assistant calls are the next thing to learn; calling the model is the step before."""
    assert matcher.read_goals([goal])[goal].skills == ("tool-calling",)


@pytest.mark.parametrize(
    ("goal", "skill"),
    [("an agent that acts via tools on our CRM", "ai-agents"), ("connect Claude to our CRM tools with MCP", "mcp")],
)
def test_tools_beside_an_agent_or_mcp_keep_that_reading(matcher, goal, skill):
    assert matcher.read_goals([goal])[goal].skills == (skill,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rachunek prawdopodobieństwa i statystyka", {"math-for-ml", "statistics"}),  # Polish "i"
        ("Docker oraz Kubernetes", {"containers"}),
        ("istatistik ve olasılık teorisi", {"statistics", "math-for-ml"}),  # Turkish "ve"
        ("Git och Docker", {"git", "containers"}),  # Swedish "och"
        ("Python dan SQL", {"python", "sql-and-data"}),  # Indonesian "dan"
        ("Python I SQL", set()),  # a capital I is English for oneself, never a joiner
        ("i know little bit pandas and numpy", {"python"}),  # nor is a lowercase one opening the entry
        ("Go player, 3 dan amateur", set()),  # a Go rank joins nothing known
    ],
)
def test_and_in_polish_turkish_swedish_and_indonesian_joins_two_names(matcher, text, expected):
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize("text", ["OpenAI API (streaming + tools)", "Gemini API (tools + streaming)"])
def test_a_plus_between_an_llm_apis_features_joins_them_as_a_comma_does(matcher, text):
    assert set(read(matcher, text)) == {("skill", "llm-apis"), ("skill", "tool-calling")}


def test_a_plus_inside_a_name_stays_part_of_it(matcher):
    assert ("skill", "programming-languages") in set(read(matcher, "C++ + Python"))


@pytest.mark.parametrize("goal", ["catching quality drops", "alerting on quality drops of our RAG bot"])
def test_catching_quality_drops_is_monitoring_beside_evaluation(matcher, goal):
    assert "llm-observability" in matcher.read_goals([goal])[goal].skills


@pytest.mark.parametrize(
    "goal", ["routing requests across providers with LiteLLM", "LiteLLM failover between OpenAI and Gemini"]
)
def test_routing_through_a_gateway_asks_for_model_providers_not_the_api(matcher, goal):
    skills = matcher.read_goals([goal])[goal].skills
    assert "model-providers" in skills
    assert "llm-apis" not in skills


def test_a_gateway_named_without_routing_stays_the_api(matcher):
    assert matcher.read_goals(["set up LiteLLM"])["set up LiteLLM"].skills == ("llm-apis",)


def test_measuring_answer_quality_stays_evaluation_alone(matcher):
    assert matcher.read_goals(["measure quality of answers"])["measure quality of answers"].skills == (
        "app-evaluation",
    )


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("fine-tuner un LLM sur nos données", "supervised-fine-tuning"),  # French infinitive
        ("fine-tunear un modelo con nuestros datos", "supervised-fine-tuning"),  # Spanish
        ("fine-tuner ESM sur nos familles d'enzymes", "bert"),  # a protein encoder, as "fine-tune ESM" is
    ],
)
def test_other_languages_infinitives_of_fine_tune_ask_for_fine_tuning(matcher, goal, skill):
    assert matcher.read_goals([goal])[goal].skills == (skill,)


def test_a_fine_tuner_in_an_english_goal_is_no_verb(matcher):
    assert matcher.read_goals(["become a piano fine tuner"])["become a piano fine tuner"].skills == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Docker nel cluster Kubernetes", {"containers"}),  # Italian "in the" joins as "in" does
        ("SQL nelle analisi di vendita", {"sql-and-data"}),
        ("gli agenti AI", {"ai-agents"}),  # Italian "the"
        ("usar Docker en producción", {"containers"}),  # Spanish "to use" frames as "use" does
        ("Git nutzen", {"git"}),
        ("Kubernetes gebruiken", {"containers"}),
    ],
)
def test_italian_articles_and_in_the_and_other_languages_to_use_frame_a_name(matcher, text, expected):
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    ("text", "skill"),
    [("Biopython (parsing FASTA, running BLAST)", "python"), ("Bioconductor", "programming-languages")],
)
def test_biologys_libraries_are_their_languages(matcher, text, skill):
    assert {m.target for m in matcher.resolve(text) if m.target} == {skill}


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("add an LLM project to my portfolio", ("llm-apis",)),  # read language models before (session 44)
        ("ship an LLM side project", ("llm-apis",)),
        ("ein LLM-Projekt für mein Portfolio", ("llm-apis",)),  # unread before
        ("understand how LLMs actually work", ("language-models",)),  # how they work inside stays
        ("run a 70B model on our own GPUs", ("gpu-computing", "quantization")),
        ("serve Llama 3 70B on our own hardware", ("deployment", "quantization")),
        ("serve Llama 3 8B on our own hardware", ("deployment",)),  # a small model fits as it is
        ("afinar Llama con nuestros datos legales", ("supervised-fine-tuning",)),
        ("affiner un modèle sur nos données métier", ("supervised-fine-tuning",)),
        ("afinar mis prompts para el soporte", ("prompt-engineering",)),  # refining prompts, no model tuned
        ("monitorare gli LLM in produzione", ("llm-observability",)),
    ],
)
def test_goals_of_an_llm_project_a_70b_model_afinar_and_monitorare(matcher, goal, skills):
    assert matcher.read_goals([goal])[goal].skills == skills


@pytest.mark.parametrize("text", ["Retrofit + OkHttp", "Alamofire"])
def test_an_apps_http_client_is_the_client_side_of_web_apis(matcher, text):
    found = matcher.resolve(text)
    assert {m.target for m in found} == {"web-apis"}
    assert all(m.up_to == 3 for m in found)


@pytest.mark.parametrize(
    "text", ["WordPress (themes and plugins)", "WordPress (temas y plugins)", "custom WooCommerce plugins"]
)
def test_wordpress_plugins_and_themes_are_backend_web_development(matcher, text):
    assert {m.target for m in matcher.resolve(text)} == {"web-apis"}


def test_wordpress_alone_names_no_skill(matcher):
    assert {m.target for m in matcher.resolve("WordPress")} == {None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mashinnoe obuchenie", {"ml-fundamentals"}),  # Russian typed in Latin letters
        ("glubokoe obuchenie", {"dl-fundamentals"}),
        ("ABAP OO / CDS / RAP", {"programming-languages", None}),
        ("BERT weitiao (query classification)", {"supervised-fine-tuning", "bert"}),  # pinyin for fine-tuning
        ("TRL (SFTTrainer, DPO)", {"supervised-fine-tuning", "rlhf"}),  # a preference trainer named keeps rlhf
        ("TRL (SFTTrainer)", {"supervised-fine-tuning"}),
        ("Azure OpenAI (preuve de concept)", {"model-providers", "llm-apis"}),  # a PoC called the model
        ("Bedrock PoC", {"model-providers", "llm-apis"}),
        ("Azure OpenAI", {"model-providers"}),
    ],
)
def test_session44_names_in_other_languages_and_spellings(matcher, text, expected):
    assert {m.target for m in matcher.resolve(text)} == expected


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("chatbot interne sur notre Confluence", "rag"),  # a chatbot over a wiki answers from its pages
        ("KI-Chatbot für unser Confluence", "rag"),
        ("MCP server for our Confluence", "mcp"),
        ("helyi LLM futtatása a saját szervereinken", "ollama"),  # Hungarian: run a local LLM on our servers
        ("VLA-Modelle für Greifaufgaben verstehen", "multimodal"),
    ],
)
def test_session44_goals_of_a_wiki_chatbot_a_local_llm_and_vla_models(matcher, goal, skill):
    assert matcher.read_goals([goal])[goal].skills == (skill,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ParsBERT fine-tune ba Hugging Face", {"bert", "hugging-face"}),  # Finglish "with"
        ("RAG ba LangChain", {"rag", "langchain"}),
        ("Ba Dinh district office", set()),
    ],
)
def test_persian_ba_joins_as_with_does(matcher, text, expected):
    assert {m.target for m in matcher.resolve(text) if m.target} == expected


@pytest.mark.parametrize(
    "text", ["Introduction to Large Language Models (Google)", "Intro to LLMs (Coursera)", "LLM course on Udemy"]
)
def test_a_course_on_how_language_models_work_is_language_models_up_to_2(matcher, text):
    """A course on how large language models work, named as a course, is the concepts met: language models up to 2, a
    restricted form (session 44); the subject named alone stays whole."""
    assert {m.target: m.up_to for m in matcher.resolve(text) if m.target} == {"language-models": 2}
    assert {m.target: m.up_to for m in matcher.resolve("large language models") if m.target} == {
        "language-models": None
    }


@pytest.mark.parametrize("text", ["OpenAI via Make", "OpenAI module in Make", "Claude API through Make scenarios"])
def test_a_models_api_called_from_make_is_llm_apis_up_to_2(matcher, text):
    """Make (the no-code automation tool, once Integromat) named after a model's API is the API called from its
    module, configured, not coded: Using LLM APIs up to 2, as Make.com already was (session 44)."""
    assert {m.target: m.up_to for m in matcher.resolve(text) if m.target} == {"llm-apis": 2}


@pytest.mark.parametrize("text", ["Prompt Design in Vertex AI", "prompt design in Amazon Bedrock"])
def test_prompts_designed_in_a_providers_platform_are_prompting_not_the_provider(matcher, text):
    """Prompts designed in a provider's console are prompting, not model providers (session 44)."""
    assert {m.target for m in matcher.resolve(text) if m.target} == {"prompt-engineering"}
    assert "model-providers" in {m.target for m in matcher.resolve("Vertex AI") if m.target}


@pytest.mark.parametrize("text", ["AI Safety Fundamentals", "BlueDot AI Safety Fundamentals course"])
def test_the_ai_safety_fundamentals_course_is_responsible_ai_up_to_2(matcher, text):
    """BlueDot's AI Safety Fundamentals teaches AI's risks and governance as reading: responsible AI up to 2, not the
    whole safety module with its guardrails and red-teaming (session 44)."""
    assert {m.target: m.up_to for m in matcher.resolve(text) if m.target} == {"responsible-ai": 2}


ROLE_GOALS = [
    ("become a data scientist", "ai-engineer"),
    ("get a junior data scientist job", "ai-engineer"),
    ("Data Scientist werden", "ai-engineer"),
    ("devenir data scientist", "ai-engineer"),
    ("convertirme en científico de datos", "ai-engineer"),
    ("switch to AI engineering", "ai-engineer"),
    ("become an ML engineer", "ai-engineer"),
    ("become an LLM engineer within a year", "ai-engineer"),
    ("land a machine learning engineer role", "ai-engineer"),
    ("convertirme en ingeniero de IA", "ai-engineer"),
    ("devenir ingénieur en IA", "ai-engineer"),
    ("KI-Ingenieur werden", "ai-engineer"),
    ("AI/ML engineer", "ai-engineer"),
    ("get a job as an AI developer", "software-developer"),
    ("become a GenAI developer at a startup", "software-developer"),
    ("AI Application Developer", "software-developer"),
    ("become a research scientist at a frontier lab", "data-scientist"),
    ("ML Research Engineer", "data-scientist"),
    ("work as an ML researcher on pretraining", "data-scientist"),
]
NOT_ROLE_GOALS = [
    "work with data scientists",
    "help our AI engineers",
    "work with an ML engineer on deployment",
    "build a dashboard for the data scientist",
    "trabajar con los ingenieros de IA",
    "move into an AI team",
    "become a software developer",  # any developer's title, not the AI app developer's
    "learn data science",
    "RAG over our docs",
]


@pytest.mark.parametrize(("goal", "role"), ROLE_GOALS)
def test_a_goal_wishing_for_a_job_title_names_its_role(catalog, goal, role):
    assert matching.RoleReader(catalog.roles).role(goal) == role


@pytest.mark.parametrize("goal", NOT_ROLE_GOALS)
def test_a_job_title_held_by_others_or_no_role_title_names_no_role(catalog, goal):
    assert matching.RoleReader(catalog.roles).role(goal) is None


def test_a_longer_title_is_read_before_a_shorter_one_within_it(catalog):
    """ "AI research scientist" is the builder's, not read by a shorter title inside it."""
    assert matching.RoleReader(catalog.roles).role("become an AI research scientist") == "data-scientist"


@pytest.mark.parametrize("text", ["VASP / DFT", "density functional theory", "Quantum ESPRESSO", "DFT calculations"])
def test_density_functional_theory_is_the_maths_machine_learning_uses_to_intermediate(matcher, text):
    """Electronic-structure codes solve large eigenproblems self-consistently and relax structures by gradient-based
    optimisation, as the finite element method's linear systems do: maths for machine learning, up to 3."""
    assert {(m.target, m.up_to) for m in matcher.resolve(text) if m.target} == {("math-for-ml", 3)}


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("RAG infra for the AI team", ("rag", "vector-databases")),  # read RAG alone before (session 44)
        ("build our RAG infrastructure", ("rag", "vector-databases")),
        ("RAG ingestion pipeline for all our documents", ("rag", "vector-databases")),
        ("infraestructura RAG para el equipo de datos", ("rag", "vector-databases")),
        ("a RAG demo for the infra team", ("rag",)),  # the team's name is no infrastructure asked for
        ("RAG chatbot for HR policies", ("rag",)),
    ],
)
def test_a_goal_of_rag_infrastructure_asks_for_the_vector_database_beside_rag(matcher, goal, skills):
    assert matcher.read_goals([goal])[goal].skills == skills


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Axolotl (LoRA, configs YAML)", {"peft": None}),
        ("fine-tuning Qwen / Llama", {"supervised-fine-tuning": None}),
        ("fine tuning PID loops", {}),
        ("Next.js (app router)", {"programming-languages": None}),
        ("AI agents (pakai Claude Code tiap hari)", {"ai-coding-assistants": None}),
        ("AI agents built with LangGraph", {"ai-agents": None, "agent-frameworks": None}),
        ("Open WebUI (RAG com PDF)", {"ollama": None, "rag": 1}),
        ("RAG pipeline behind Open WebUI with Qdrant", {"vector-databases": None}),
    ],
)
def test_session_45_readings(matcher, text, expected):
    """Axolotl is a fine-tuning framework (adapters mostly, as Unsloth); "fine-tuning" leading an open model's
    family is the activity done to it; Next.js's App Router is no API route; agents named with the coding assistant
    that is the agent are the assistant used; RAG in a chat app that holds it is its document-chat feature used, aware
    of retrieval at most (session 45)."""
    assert {m.target: m.up_to for m in matcher.resolve(text) if m.target} == expected
