"""Matching what people type to catalog skills and modules (recommender/matching.py)."""

from __future__ import annotations

import pytest

from recommender.matching import Match, SkillMatcher
from skills import normalize_key


@pytest.fixture(scope="module")
def matcher(engine) -> SkillMatcher:
    return engine.parser.matcher


# The spellings the engine issue names, plus a few more of the same kind.
KNOWN = [
    ("Retrieval-Augmented Generation", "rag"),
    ("pytorch", "pytorch"),
    ("PyTorch", "pytorch"),
    ("Lang Chain", "langchain"),
    ("vector DB", "vector-databases"),
    ("Prompt engineering", "prompt-engineering"),
    ("HuggingFace", "hugging-face"),
    ("Hugging Face", "hugging-face"),
    ("  hugging_face  ", "hugging-face"),
    ("RAG", "rag"),
    ("LoRA", "peft"),
    ("function calling", "tool-calling"),
]


@pytest.mark.parametrize(("text", "skill"), KNOWN)
def test_known_spellings_land_on_their_skill_with_full_confidence(matcher, text, skill):
    assert matcher.match(text) == Match("skill", skill, 1.0)


@pytest.mark.parametrize(
    ("typo", "skill"),
    [
        ("pytorhc", "pytorch"),
        ("langchian", "langchain"),
        ("promt engineering", "prompt-engineering"),
        ("embedings", "embeddings"),
        ("vectr database", "vector-databases"),
    ],
)
def test_typos_match_with_confidence_below_one(matcher, typo, skill):
    match = matcher.match(typo)
    assert (match.kind, match.target) == ("skill", skill)
    assert matcher.threshold <= match.confidence < 1.0


@pytest.mark.parametrize(("text", "module"), [("retrieval", "retrieval"), ("Fine tuning", "fine-tuning")])
def test_module_names_match_the_module(matcher, text, module):
    assert matcher.match(text) == Match("module", module, 1.0)


def test_every_id_name_and_alias_matches_exactly(catalog, matcher):
    for skill in catalog.skills:
        for text in (skill.id, skill.name, *skill.aliases):
            assert matcher.match(text) == Match("skill", skill.id, 1.0), text
    for module in catalog.modules:
        for text in (module.id, module.name):
            assert matcher.match(text) == Match("module", module.id, 1.0), text


@pytest.mark.parametrize("text", ["basket weaving", "rust", "", "   ", "!!!"])
def test_unrelated_text_is_unmatched(matcher, text):
    match = matcher.match(text)
    assert match.kind is None and match.target is None
    assert match.confidence < matcher.threshold


def test_unmatched_text_gets_close_suggestions_from_the_catalog(catalog, matcher):
    match = matcher.match("quantum computing")
    assert match.target is None
    assert "quantization" in match.suggestions
    assert len(match.suggestions) <= matcher.n_suggestions
    known = set(catalog.skill_ids) | {m.id for m in catalog.modules}
    assert set(match.suggestions) <= known


def test_threshold_decides_between_match_and_suggestion(catalog):
    strict = SkillMatcher(catalog, threshold=0.99)
    lenient = SkillMatcher(catalog, threshold=0.5)
    assert lenient.match("pytorhc").target == "pytorch"
    typo = strict.match("pytorhc")
    assert typo.target is None
    assert "pytorch" in typo.suggestions
    # Exact keys do not depend on the threshold.
    assert strict.match("Lang Chain").target == "langchain"


def test_matching_ignores_case_punctuation_and_spacing(matcher):
    for text in (
        "retrieval augmented generation",
        "RETRIEVAL_AUGMENTED   GENERATION",
        "retrieval-augmented-generation",
    ):
        assert normalize_key(text) == normalize_key("Retrieval-Augmented Generation")
        assert matcher.match(text).target == "rag"


def test_matches_are_stable_across_calls_and_instances(catalog, matcher):
    fresh = SkillMatcher(catalog)
    for text in ("pytorhc", "basket weaving", "quantum computing", "vector DB"):
        first = matcher.match(text)
        assert matcher.match(text) == first
        assert fresh.match(text) == first


def test_unmatched_text_is_returned_in_the_profile_not_dropped(engine):
    request = {"skills": [{"name": "pytorch", "level": 3}, {"name": "basket weaving", "level": 4}]}
    response = engine.recommend(request)
    assert response["profile"]["unmatched"] == [{"input": "basket weaving", "suggestions": []}]
    assert [m["skill"] for m in response["profile"]["matched"]] == ["pytorch"]
    # ...and it changes nothing else.
    without = engine.recommend({"skills": [{"name": "pytorch", "level": 3}]})
    assert {k: v for k, v in response.items() if k != "profile"} == {k: v for k, v in without.items() if k != "profile"}


def test_a_typo_is_reported_with_its_confidence(engine):
    response = engine.recommend({"skills": [{"name": "pytorhc", "level": 2}]})
    (matched,) = response["profile"]["matched"]
    assert matched["input"] == "pytorhc"
    assert matched["skill"] == "pytorch"
    assert matched["level"] == 2
    assert 0 < matched["confidence"] < 1


@pytest.mark.parametrize(
    "text",
    [
        "data engineering",
        "cloud architecture",
        "rust programming",
        "kubernetes admin",
        "web design",
        "computer networks",
    ],
)
def test_one_shared_word_does_not_carry_a_match(matcher, text):
    # Each shares a word with some alias ("prompt engineering", "llama architecture",
    # "python programming", ...) but means something else.
    match = matcher.match(text)
    assert match.target is None, match
    assert match.confidence < matcher.threshold


@pytest.mark.parametrize(
    ("text", "target"),
    [("PyTorch framework", "pytorch"), ("agent framework", "agents"), ("RAG pipeline", "rag"), ("bert model", "bert")],
)
def test_filler_words_do_not_block_a_match(matcher, text, target):
    assert matcher.match(text).target == target
