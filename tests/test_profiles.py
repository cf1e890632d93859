"""Profile normalisation and input errors (recommender/profiles.py, through the engine)."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recommender.engine import InputError
from recommender.profiles import DEFAULT_HOURS_PER_WEEK, MAX_HOURS_PER_WEEK, ProfileParser
from skills import load_catalog

LEVELS = st.integers(0, 5)


def levels_of(engine, skills) -> dict[str, int]:
    """Levels one valid profile rates itself, by skill id (zeros left out; nothing inferred)."""
    row = np.zeros(engine.arrays.n_skills, dtype=np.int8)
    parsed = engine.parser.parse_skills(skills, row)
    assert not parsed.errors, parsed.errors
    return {sid: int(v) for sid, v in zip(engine.arrays.skill_ids, row, strict=True) if v}


def parsed_of(engine, skills):
    (parsed,) = engine.parse([{"skills": skills}]).parsed
    assert not parsed.errors, parsed.errors
    return parsed


def errors_of(engine, request) -> dict[str, list[str]]:
    with pytest.raises(InputError) as info:
        engine.recommend(request)
    return info.value.errors


# ---------------------------------------------------------------------------
# What a profile rates
# ---------------------------------------------------------------------------


def test_skill_entries_set_their_skill(engine):
    assert levels_of(engine, [{"name": "PyTorch", "level": 3}, {"name": "vector DB", "level": 1}]) == {
        "pytorch": 3,
        "vector-databases": 1,
    }


@pytest.mark.parametrize(("level", "credited"), [(4, 2), (2, 2), (1, 1)])
def test_a_restricted_form_of_a_skill_is_credited_up_to_its_cap_and_says_why(engine, catalog, level, credited):
    """matching.yaml's up_to: SOQL is a small part of SQL, so SOQL at 4 is SQL at 2, with the reason; at or below
    its cap it says the cap and why, but nothing cut."""
    (rule,) = [r for r in catalog.name_rules if r.name == "SOQL"]
    parsed = engine.parse([{"skills": [{"name": "SOQL", "level": level}]}])
    assert parsed.levels[0][catalog.skill_ids.index(rule.means)] == credited == min(level, rule.up_to)
    (item,) = parsed.parsed[0].matched
    assert item["level"] == credited
    if credited < level:
        assert item["reason"] == f"credited at {credited} at most, not {level}: {rule.reason}"
    else:
        assert item["reason"] == f"credited at {rule.up_to} at most: {rule.reason}"


def test_tensorrt_alone_is_inference_optimisation_that_implies_no_language_model_internals(engine, catalog):
    """A computer-vision engineer's TensorRT is inference optimisation for any network: it implies nothing of what
    LLM inference builds on (decoders, GPT), which the skill held whole would (TensorRT-LLM is serving)."""
    ids = catalog.skill_ids
    alone = engine.parse([{"skills": [{"name": "TensorRT", "level": 3}]}])
    # GPU computing up to 2 is TensorRT's practice (levels round one), a credit that implies nothing either
    assert {ids[i]: int(v) for i, v in enumerate(alone.levels[0]) if v} == {
        "inference-optimization": 3,
        "gpu-computing": 2,
    }
    assert alone.restricted[0][ids.index("inference-optimization")]
    whole = engine.parse([{"skills": [{"name": "speculative decoding", "level": 3}]}])
    assert whole.levels[0][ids.index("gpt")] > 0 and whole.levels[0][ids.index("inference-optimization")] == 3


def test_a_product_read_by_its_use_is_credited_as_that_skill_and_says_why(engine, catalog):
    """matching.yaml's uses: a chat product asked to debug code is a coding assistant; what it wrote is not
    the person's own skill."""
    use = next(u for u in catalog.use_rules if u.means == "ai-coding-assistants")
    entry = f"uses {use.products[0]} to write and {use.purposes[2]} Python scripts"
    parsed = engine.parse([{"skills": [{"name": entry, "level": 3}]}])
    (item,) = [m for m in parsed.parsed[0].matched if m["skill"] == use.means]  # and its practice (prompting)
    assert (item["skill"], item["level"], item["match"], item["reason"]) == (use.means, 3, "phrase", use.reason)
    assert parsed.levels[0][catalog.skill_ids.index("python")] == 0


@pytest.mark.parametrize("level", [0, 1, 2, 3, 4, 5])
def test_a_product_used_on_real_work_also_shows_its_practice_and_says_why(engine, catalog, level):
    """matching.yaml's practice: "ChatGPT for drafting memos" at 2 or more is Gen AI fundamentals up to 1 and
    prompt engineering up to 1 too (prompted on real work), at 3 or more prompt engineering up to 2, with the reason
    of the rule that credits most, once; below 2 it is awareness only."""
    # the prompting tiers (Gen AI fundamentals up to 2 at 4 or more is levels round two's, tested below)
    tiers = [p for p in catalog.practice_rules if "ChatGPT" in p.products and p.means == "prompt-engineering"]
    assert len(tiers) == 2
    met = [p for p in tiers if level >= p.from_level]
    practice = max(met, key=lambda p: p.up_to) if met else tiers[0]
    parsed = engine.parse([{"skills": [{"name": "ChatGPT for drafting memos", "level": level}]}])
    shown = [m for m in parsed.parsed[0].matched if m["skill"] == practice.means]
    got = parsed.levels[0][catalog.skill_ids.index(practice.means)]
    if met:
        assert got == min(level, practice.up_to) == (1 if level == 2 else 2)
        (item,) = shown
        assert item["reason"] == f"credited at {got} at most, not {level}: {practice.reason}"
    else:
        assert got == 0 and shown == []
    assert parsed.restricted[0][catalog.skill_ids.index(practice.means)] == (got > 0)


@pytest.mark.parametrize(("level", "maths", "ml"), [(0, 0, 0), (1, 0, 0), (2, 0, 0), (3, 0, 0), (4, 2, 0), (5, 3, 1)])
def test_a_skill_named_as_a_product_shows_its_practice_from_any_entry_read_as_it(engine, catalog, level, maths, ml):
    """matching.yaml's practice with a skill's id among its products: an entry read as statistics itself (an alias,
    "SAS", or a phrase) at 4 also shows the maths under machine learning up to 2, at 5 up to 3 and ML fundamentals
    up to 1 (aware), as restricted forms, each with the reason of the rule that credits most, once; below 4 it
    shows nothing."""
    shown_by = {(p.means, p.from_level, p.up_to) for p in catalog.practice_rules if "statistics" in p.products}
    assert shown_by == {("math-for-ml", 4, 2), ("math-for-ml", 5, 3), ("ml-fundamentals", 5, 1)}
    tiers = [p for p in catalog.practice_rules if "statistics" in p.products and p.means == "math-for-ml"]
    col = catalog.skill_ids.index("math-for-ml")
    for entry in ("SAS", "Mixed models / MMRM, survival analysis, sample size calc"):
        parsed = engine.parse([{"skills": [{"name": entry, "level": level}]}])
        assert parsed.levels[0][catalog.skill_ids.index("ml-fundamentals")] == ml
        shown = [m for m in parsed.parsed[0].matched if m["skill"] == "math-for-ml"]
        got = parsed.levels[0][col]
        if maths:
            (rule,) = [p for p in tiers if p.up_to == maths]
            (item,) = shown
            assert got == item["level"] == maths
            assert item["reason"] == f"credited at {maths} at most, not {level}: {rule.reason}"
        else:
            assert got == 0 and shown == []
        assert parsed.restricted[0][col] == (got > 0)


def test_a_skills_practice_never_lowers_what_an_entry_rates_nor_comes_from_a_restricted_form(engine, catalog):
    """An entry rating the maths itself wins over the practice ("linear algebra" at 1 stays 1); a restricted form of
    statistics ("sensitivity and specificity", up to 2) is not statistics practised, and shows no maths."""
    col = catalog.skill_ids.index("math-for-ml")
    rated = engine.parse([{"skills": [{"name": "SAS", "level": 5}, {"name": "linear algebra", "level": 1}]}])
    assert rated.levels[0][col] == 1 and not rated.restricted[0][col]
    capped = engine.parse([{"skills": [{"name": "sensitivity and specificity", "level": 5}]}])
    assert capped.levels[0][col] == 0


@pytest.mark.parametrize(("entry", "level", "prompting", "rag"), [
    ("OpenAI API", 2, 0, 0), ("OpenAI API", 3, 2, 0), ("OpenAI API", 5, 2, 0), ("Anthropic SDK", 4, 2, 0),
    ("LangChain", 2, 0, 0), ("LangChain", 3, 2, 2), ("LlamaIndex", 5, 2, 2), ("LangChain", 1, 0, 0),
])  # fmt: skip
def test_a_models_api_or_an_llm_framework_on_real_work_shows_prompting_and_a_framework_retrieval(
    engine, entry, level, prompting, rag
):
    """Using LLM APIs or an LLM framework read at 3 or more shows prompt engineering up to 2, and a framework RAG up
    to 2, as restricted forms (levels round one); at 2 they show nothing, and what they imply is unchanged."""
    got = levels_of(engine, [{"name": entry, "level": level}])
    assert (got.get("prompt-engineering", 0), got.get("rag", 0)) == (prompting, rag)
    # LLM parameters up to 2 only from an API at 5 (round two): from 4 it tipped a persona's best fit (docs/matching.md)
    assert got.get("llm-parameters", 0) == (2 if (entry, level) == ("OpenAI API", 5) else 0)


@pytest.mark.parametrize(("entry", "level", "read", "python"), [
    ("FastAPI", 3, "web-apis", 2), ("Flask", 2, "web-apis", 2), ("Flask", 1, "web-apis", 0), ("Django", 5, "web-apis", 2),
    ("spaCy", 3, "language-models", 2), ("NLTK", 2, "language-models", 2), ("MLflow", 3, "llmops", 2),
    ("Gradio", 3, "hugging-face", 2),
])  # fmt: skip
def test_a_python_framework_on_real_work_shows_python(engine, entry, level, read, python):
    """A Python framework or library (a rule reading it whole, as FastAPI, or up to a level, as spaCy) used on real
    work shows Python up to 2 besides what it is read as; an entry rating Python itself wins."""
    got = levels_of(engine, [{"name": entry, "level": level}])
    assert got[read] == min(level, 2 if read in ("language-models", "llmops", "hugging-face") else level)
    assert got.get("python", 0) == python
    assert levels_of(engine, [{"name": entry, "level": level}, {"name": "Python", "level": 1}])["python"] == 1


@pytest.mark.parametrize(("entry", "level", "dl", "torch"), [
    ("Hugging Face", 2, 0, 0), ("Hugging Face transformers", 3, 1, 0), ("Hugging Face", 4, 1, 1),
])  # fmt: skip
def test_the_hugging_face_stack_on_real_work_shows_deep_learning_and_pytorch(engine, entry, level, dl, torch):
    """Hugging Face read at 3 or more shows deep-learning fundamentals up to 1, at 4 or more PyTorch up to 1."""
    got = levels_of(engine, [{"name": entry, "level": level}])
    assert (got.get("dl-fundamentals", 0), got.get("pytorch", 0)) == (dl, torch)


@pytest.mark.parametrize(("entry", "level", "gpu"), [
    ("PyTorch", 5, 2), ("PyTorch Lightning", 5, 2), ("Pytorch expert", 5, 2), ("PyTorch", 4, 0), ("PyTorch", 3, 0),
])  # fmt: skip
def test_pytorch_used_at_expert_level_shows_gpu_computing(engine, entry, level, gpu):
    """PyTorch at 5 shows GPU computing up to 2 (models moved to a GPU, sized to its memory, mixed precision); at 4 it
    shows none (measured and dropped: a GPU step pushed an NLP PhD's decoder out of the first five)."""
    got = levels_of(engine, [{"name": entry, "level": level}])
    assert got.get("gpu-computing", 0) == gpu
    assert got["pytorch"] == level


@pytest.mark.parametrize(("entry", "level", "shown"), [
    ("vLLM", 3, {"inference-optimization": 2, "gpu-computing": 2}), ("vLLM", 2, {}),
    ("Triton Inference Server", 3, {"inference-optimization": 2}), ("TensorRT", 3, {"gpu-computing": 2}),
    ("Azure OpenAI", 3, {"cloud-platforms": 2}), ("Amazon Bedrock", 4, {"cloud-platforms": 2}),
    ("Vertex AI", 3, {"cloud-platforms": 2}), ("Azure OpenAI", 2, {}),
])  # fmt: skip
def test_a_model_server_or_a_clouds_model_platform_on_real_work_shows_what_runs_it(engine, entry, level, shown):
    """A model server at 3 or more shows inference optimisation up to 2 (vLLM and TensorRT GPU computing up to 2), a
    cloud's model platform its cloud up to 2; the rules reading them keep their readings (serving, model providers)."""
    got = levels_of(engine, [{"name": entry, "level": level}])
    extra = ("inference-optimization", "gpu-computing", "cloud-platforms")
    assert {k: v for k, v in got.items() if k in extra and not (entry == "TensorRT" and k == extra[0])} == shown
    read = {"vLLM": "deployment", "Triton Inference Server": "deployment", "TensorRT": "inference-optimization"}
    assert got[read.get(entry, "model-providers")] == level


@pytest.mark.parametrize(("entry", "level", "read", "shown"), [
    ("pandas", 3, "python", {"sql-and-data": 2}), ("pandas", 1, "python", {}),
    ("LangGraph", 3, "agent-frameworks", {"langchain": 2}), ("QLoRA", 3, "peft", {"quantization": 1}),
    ("QLoRA", 2, "peft", {}), ("llama.cpp", 3, "ollama", {"quantization": 1}),
])  # fmt: skip
def test_a_library_on_real_work_shows_the_skill_beside_it(engine, entry, level, read, shown):
    """pandas shows SQL and data up to 2, LangGraph LLM frameworks up to 2, QLoRA and llama.cpp quantisation up to 1
    (aware), each read as before; pgvector (SQL) and RAG (semantic search) were measured and dropped (two dev
    personas' best fit or plan moved)."""
    got = levels_of(engine, [{"name": entry, "level": level}])
    assert got[read] == level
    assert {k: got[k] for k in ("sql-and-data", "langchain", "quantization") if k in got} == shown


@pytest.mark.parametrize(("level", "shown"), [(2, 0), (3, 1), (5, 1)])
def test_quantisation_on_real_work_shows_inference_optimisation(engine, level, shown):
    """Quantisation read at 3 or more ("GPTQ", "quantization (GPTQ, AWQ)") shows inference optimisation up to 1."""
    for entry in ("GPTQ", "quantization (GPTQ, AWQ)"):
        assert levels_of(engine, [{"name": entry, "level": level}]).get("inference-optimization", 0) == shown


def test_mlflow_and_the_azure_ai_exam_show_what_they_are_used_with(engine):
    """MLflow at 3 or more shows ML fundamentals up to 1 (aware) besides Python; AI-900 at 2 or more is Gen AI
    fundamentals up to 2 and shows Azure, its cloud, up to 1."""
    assert levels_of(engine, [{"name": "MLflow", "level": 3}]) == {"llmops": 2, "python": 2, "ml-fundamentals": 1}
    assert levels_of(engine, [{"name": "MLflow", "level": 2}]) == {"llmops": 2, "python": 2}
    got = levels_of(engine, [{"name": "Azure AI-900 certified", "level": 3}])
    assert got == {"genai-fundamentals": 2, "cloud-platforms": 1}


@pytest.mark.parametrize(("entry", "level", "shown"), [
    ("ChatGPT", 5, {"genai-fundamentals": 2}), ("ChatGPT", 3, {"genai-fundamentals": 1}),
    ("context windows", 2, {"genai-fundamentals": 1}), ("context windows", 1, {"genai-fundamentals": 0}),
    ("MLOps", 3, {"deployment": 2, "ci-cd": 1}), ("MLOps", 2, {"deployment": 0, "ci-cd": 0}),
    ("sentence-transformers", 3, {"hugging-face": 1, "embeddings": 3}), ("SBERT", 2, {"hugging-face": 1}),
    ("RAGAS", 3, {"rag": 2}), ("RAGAS", 2, {"rag": 0}),
    ("diffusion models", 4, {"pytorch": 1}), ("Stable Diffusion", 3, {"pytorch": 0}),
    ("OpenAI Assistants API", 3, {"tool-calling": 1}), ("Assistants API", 2, {"tool-calling": 0, "llm-apis": 2}),
    ("Kubernetes", 5, {"cloud-platforms": 1}), ("K8s", 3, {"cloud-platforms": 0}),
    ("AWS Certified Machine Learning - Specialty", 3, {"cloud-platforms": 2, "ml-fundamentals": 3}),
    ("prompt caching", 3, {"cost-and-latency": 2}), ("prompt caching", 2, {"cost-and-latency": 1}),
    ("R", 3, {"statistics": 2}), ("R", 2, {"statistics": 1}), ("MATLAB", 3, {"math-for-ml": 1}),
    ("MATLAB", 2, {"math-for-ml": 0}), ("probability theory", 3, {"statistics": 2}),
    ("Kaggle Grandmaster", 5, {"dl-fundamentals": 2}), ("Kaggle Master", 3, {"dl-fundamentals": 0}),
    ("large language models", 4, {"prompt-engineering": 1}), ("OpenAI embeddings API", 2, {"llm-apis": 2}),
    ("mixed precision training", 2, {"training-optimization": 2}),
    # reading round thirteen: a marketing mix model built on real work is fitted, validated and tuned to predict
    ("Bayesian MMM (PyMC, Robyn)", 4, {"statistics": 4, "ml-fundamentals": 2}),
    ("media mix modeling", 3, {"ml-fundamentals": 2}), ("marketing mix modelling", 2, {"ml-fundamentals": 0}),
    # reading round seventeen: the model named beside the language it is fitted in still shows its practice
    ("Stan - Bayesian MMM w/ adstock + hill saturation", 4, {"statistics": 4, "ml-fundamentals": 2}),
])  # fmt: skip
def test_levels_round_two_practices_credit_the_skill_beside_an_entry(engine, entry, level, shown):
    """Levels round two's practices (docs/matching.md): each entry, at the level given, shows the skills beside it up
    to their caps, and below a practice's `from` nothing of them."""
    got = levels_of(engine, [{"name": entry, "level": level}])
    assert {sid: got.get(sid, 0) for sid in shown} == shown


@pytest.mark.parametrize(("entry", "level", "shown"), [
    ("Excel VBA", 3, {"sql-and-data": 2, "programming-languages": 2}),
    ("Excel VBA", 5, {"sql-and-data": 2, "programming-languages": 3}), ("Excel VBA", 2, {"sql-and-data": 0}),
    ("VBA", 5, {"programming-languages": 3, "sql-and-data": 0}), ("VBA", 4, {"programming-languages": 2}),
    ("Power BI", 3, {"sql-and-data": 2}), ("Power BI", 2, {"sql-and-data": 0}),
    ("MongoDB", 4, {"sql-and-data": 1}), ("Elasticsearch", 3, {"sql-and-data": 1}),
    ("Streamlit", 3, {"python": 2}), ("Streamlit", 2, {"python": 0}), ("Jupyter notebooks", 4, {"python": 2}),
    ("OpenCV", 3, {"python": 1}), ("Power BI, Python", 3, {"python": 3, "sql-and-data": 2}),
])  # fmt: skip
def test_a_tool_used_at_a_level_shows_the_skill_it_is_used_through(engine, entry, level, shown):
    """Levels round three (session 41): a tool used on real work at 3 or more shows what it is used through, even
    when its name reads no skill (Power BI, MongoDB, Streamlit: a practice through a rule meaning none), and an
    expert's VBA is intermediate programming; below `from` nothing of it."""
    got = levels_of(engine, [{"name": entry, "level": level}])
    assert {sid: got.get(sid, 0) for sid in shown} == shown


def test_a_tool_of_no_skill_still_reads_as_nothing_and_says_why(engine):
    """The name alone reads nothing (it is listed as unmatched, with its reason), the credit is a restricted form."""
    parsed = engine.parse([{"skills": [{"name": "MongoDB", "level": 3}]}])
    (unmatched,) = parsed.parsed[0].unmatched
    assert unmatched["input"] == "MongoDB" and unmatched["reason"]
    (item,) = parsed.parsed[0].matched
    assert item["skill"] == "sql-and-data" and item["level"] == 1 and "credited at 1 at most, not 3" in item["reason"]
    assert parsed.restricted[0][engine.catalog.skill_ids.index("sql-and-data")]


@pytest.mark.parametrize(("entry", "level", "statistics"), [
    ("probability", 4, 3), ("probability", 5, 3), ("signal processing, probability", 4, 3),
    ("probabilidades", 4, 3), ("probability theory", 4, 3), ("probability theory", 3, 2), ("probability", 3, 0),
    ("linear algebra + probability refresher", 4, 0),
])  # fmt: skip
def test_probability_practised_at_an_advanced_level_is_intermediate_statistics(engine, entry, level, statistics):
    """Probability at 4 or more (an engineer's propagation and fading statistics) is inference worked with daily:
    statistics up to 3 beside the maths; below 4, or named as maths for ML, it stays the maths it names."""
    got = levels_of(engine, [{"name": entry, "level": level}])
    assert got.get("statistics", 0) == statistics
    assert got["math-for-ml"] >= 3


@pytest.mark.parametrize(("level", "prompting"), [(1, 0), (2, 1), (3, 2)])
def test_a_product_read_by_its_use_keeps_its_practice(engine, catalog, level, prompting):
    """A chat assistant asked to write code is a coding assistant (a use), and it was still prompted on real work:
    "ChatGPT Plus - I ask it to write my SQL" shows prompt engineering as "ChatGPT for drafting memos" does."""
    got = levels_of(engine, [{"name": "ChatGPT Plus - I ask it to write my SQL", "level": level}])
    assert (got["ai-coding-assistants"], got.get("prompt-engineering", 0)) == (level, prompting)


def test_a_product_shows_each_of_its_practices(engine, catalog):
    """A product may be named by several practice rules: agents shipped in Copilot Studio at 3 show AI agents up to 1
    and, as any no-code assistant used on real work, Gen AI fundamentals up to 2 (one rule used to hide the other)."""
    parsed = engine.parse([{"skills": [{"name": "Copilot Studio", "level": 3}]}])
    got = {m["skill"]: m["level"] for m in parsed.parsed[0].matched}
    assert got == {"prompt-engineering": 2, "genai-fundamentals": 2, "ai-agents": 1}


def test_an_entry_naming_only_a_restricted_form_does_not_outrank_a_joined_entry_rating_the_skill(engine):
    """ "Excel" alone rates a spreadsheet (SQL and data up to 1), not SQL: "SQL (bootcamp module)" at 2 counts."""
    skills = [{"name": "SQL (bootcamp module)", "level": 2}, {"name": "Excel", "level": 4}]
    assert levels_of(engine, skills)["sql-and-data"] == 2


def test_a_restricted_form_never_lowers_what_a_module_entry_rated(engine, catalog):
    """ "Prompting" at 4 rates the module's skills 4; "Voiceflow" beside it (prompt engineering up to 2) takes
    nothing away, nor marks the skill as held only in a restricted form."""
    skills = [{"name": "Voiceflow", "level": 4}, {"name": "Prompting", "level": 4}]
    assert levels_of(engine, skills)["prompt-engineering"] == 4
    parsed = engine.parse([{"skills": skills}])
    assert not parsed.restricted[0][catalog.skill_ids.index("prompt-engineering")]
    # A skill's own entry still wins over its module: "prompt engineering" at 2 beside "Prompting" at 4 is 2.
    own = [{"name": "prompt engineering", "level": 2}, {"name": "Prompting", "level": 4}]
    assert levels_of(engine, own)["prompt-engineering"] == 2


def test_of_two_restricted_forms_in_one_phrase_the_higher_cap_counts(engine):
    """Power Query's data wrangling (up to 2) is shown as well as the pivots' (up to 1)."""
    assert levels_of(engine, [{"name": "Excel - pivots, XLOOKUP, Power Query", "level": 4}])["sql-and-data"] == 2


def test_a_practice_credited_at_the_entrys_own_level_says_its_cap_without_a_cut(engine, catalog):
    """A custom GPT at 2 is Gen AI fundamentals at 2 at most: nothing was cut, so the reason says no "not 2"."""
    (practice,) = (p for p in catalog.practice_rules if "Custom GPTs" in p.products and p.means == "genai-fundamentals")
    level = practice.up_to
    parsed = engine.parse([{"skills": [{"name": "Custom GPTs", "level": level}]}])
    (item,) = [m for m in parsed.parsed[0].matched if m["skill"] == practice.means]
    assert item["reason"] == f"credited at {level} at most: {practice.reason}"


def test_a_products_practice_never_overrides_the_skill_rated_itself_nor_holds_back_what_is_implied(engine, catalog):
    pe = catalog.skill_ids.index("prompt-engineering")
    chatgpt = {"name": "ChatGPT", "level": 4}
    rated, implied = engine.parse(
        [
            {"skills": [chatgpt, {"name": "prompt engineering", "level": 0}]},
            {"skills": [chatgpt, {"name": "RAG", "level": 4}]},
        ]
    ).levels
    assert (rated[pe], implied[pe]) == (0, 3)


def test_a_products_practice_rises_over_a_restricted_form_of_the_same_skill(engine, catalog):
    """A chat product credits Gen AI fundamentals up to 1; an assistant built in a no-code builder and used on real
    work shows up to 2 of it (its practice). The restricted credit is no rating of the skill itself: the higher wins."""
    gf = catalog.skill_ids.index("genai-fundamentals")
    (builder,) = (p for p in catalog.practice_rules if p.means == "genai-fundamentals" and "Custom GPTs" in p.products)
    entries = [{"name": "ChatGPT", "level": 4}, {"name": builder.products[0], "level": 3}]
    parsed = engine.parse([{"skills": entries}, {"skills": [*entries, {"name": "Gen AI", "level": 1}]}])
    assert parsed.levels[0][gf] == min(3, builder.up_to) > 1
    assert parsed.restricted[0][gf]
    assert parsed.levels[1][gf] == 1  # the skill rated itself wins


def test_an_entry_naming_a_skill_alone_outranks_one_naming_it_among_others(engine, catalog):
    entries = [{"name": "Python", "level": 2}, {"name": "Rasa (NLU and custom actions in Python)", "level": 3}]
    parsed = engine.parse([{"skills": entries}])
    assert parsed.levels[0][catalog.skill_ids.index("python")] == 2
    (merge,) = parsed.parsed[0].merged
    assert merge == {"skill": "python", "level": 2, "from": [{"index": i, **e} for i, e in enumerate(entries)]}


def test_an_entry_leading_with_a_skill_rates_it_as_one_naming_it_alone(engine, catalog):
    kotlin = {"name": "Kotlin Multiplatform + Compose, 4 yrs Kotlin", "level": 4}
    assert levels_of(engine, [kotlin, {"name": "Swift basics", "level": 2}])["programming-languages"] == 4
    groovy = {"name": "Jenkins shared libraries (Groovy)", "level": 5}  # Groovy in passing: Java is rated
    assert (
        levels_of(engine, [groovy, {"name": "Java (reading more than writing)", "level": 2}])["programming-languages"]
        == 2
    )


@pytest.mark.parametrize("sign", ["/", "+", "&"])
def test_a_skill_set_beside_words_naming_nothing_known_is_what_the_entry_rates(engine, catalog, sign):
    """ "Unity 2022 LTS / C#" is about C# as much as about Unity, which names nothing known; after a part naming a
    known skill ("Docker / Kotlin"), the language is named in passing and an entry rating it alone wins."""
    unity = {"name": f"Unity 2022 LTS {sign} C# (6 years, 3 shipped titles)", "level": 5}
    assert levels_of(engine, [unity, {"name": "C++ (university)", "level": 2}])["programming-languages"] == 5
    # After a part naming a known skill, the part is named in passing, as before.
    docker = {"name": f"Docker {sign} Kotlin (small tools)", "level": 5}
    assert (
        levels_of(engine, [docker, {"name": "Java (reading more than writing)", "level": 2}])["programming-languages"]
        == 2
    )


def test_a_plain_list_of_names_rates_each_of_them(engine, catalog):
    """ "C++, bash, perl (kaldi recipes)" lists three names as equals, each rated at the entry's level: bash there
    outranks SLURM leading another entry at 3; a name after words that are no name stays in passing."""
    listed = {"name": "C++, bash, perl (kaldi recipes)", "level": 4}
    slurm = {"name": "SLURM + 8xA100 box, bf16 mixed precision", "level": 3}
    assert levels_of(engine, [listed, slurm])["linux-shell"] == 4
    passing = {"name": "Kaldi recipes, mostly bash", "level": 4}
    assert levels_of(engine, [passing, slurm])["linux-shell"] == 3


@pytest.mark.parametrize("copilot", ["Copilot", "Copilot daily", "played with Copilot"])
def test_a_bare_copilot_in_a_developers_profile_is_github_copilot(engine, catalog, copilot):
    """Beside a programming language rated 3 or more, "Copilot" alone is the developer's GitHub Copilot; elsewhere,
    or with words saying what else it was used in or for, it keeps its reading as a chat product."""
    entry = {"name": copilot, "level": 3}
    node = {"name": "Node.js / TypeScript (Express) 4 yrs", "level": 4}
    developer = parsed_of(engine, [node, entry])
    read = [m for m in developer.matched if m["input"] == copilot]
    assert [(m["skill"], m["level"]) for m in read] == [("ai-coding-assistants", 3)]
    assert "GitHub Copilot" in read[0]["reason"]
    assert "ai-coding-assistants" not in levels_of(engine, [{"name": "Excel", "level": 4}, entry])
    assert "ai-coding-assistants" not in levels_of(engine, [{"name": "Python (one course)", "level": 2}, entry])
    edge = {"name": "Copilot in the Edge sidebar for emails", "level": 3}
    assert "ai-coding-assistants" not in levels_of(engine, [node, edge])


def test_entries_that_all_name_a_skill_among_others_merge_at_the_highest(engine, catalog):
    entries = [{"name": "PyTorch & JAX", "level": 4}, {"name": "PyTorch, TensorFlow", "level": 3}]
    assert levels_of(engine, entries)["pytorch"] == 4


def test_a_module_rates_every_skill_of_the_module(engine, catalog):
    got = levels_of(engine, [{"name": "foundations", "level": 2}])
    assert got == {s.id: 2 for s in catalog.module_skills("foundations")}
    assert len(got) > 1


def test_a_module_named_as_a_whole_implies_what_its_skills_build_on(engine, catalog):
    """A module's rating implies its skills' prerequisites as a skill named on its own does (measured in session 43
    against holding them a level lower, or implying nothing: both lost labelled levels and dev personas). Naming
    "prompting" at 2 says a beginner who prompts, who knows Gen AI basics; no step of the plan reteaches from 0 what
    a module's skills rest on."""
    (parsed,) = engine.parse([{"skills": [{"name": "prompting", "level": 2}]}]).parsed
    inferred = {r["skill"]: r["level"] for r in parsed.inferred}
    assert inferred["genai-fundamentals"] >= 1
    assert inferred["llm-apis"] == 2  # structured outputs are produced through a model's API
    levels = dict(
        zip(
            catalog.skill_ids,
            engine.parse([{"skills": [{"name": "transformer architecture", "level": 3}]}]).levels[0].tolist(),
            strict=True,
        )
    )
    assert levels["self-attention"] == 3 and 2 <= levels["dl-fundamentals"] <= 3


@pytest.mark.parametrize("module_first", [True, False])
def test_a_skill_rated_itself_wins_over_its_module(engine, catalog, module_first):
    entries = [{"name": "retrieval", "level": 4}, {"name": "rag", "level": 1}]
    if not module_first:
        entries.reverse()
    got = levels_of(engine, entries)
    expected = {s.id: 4 for s in catalog.module_skills("retrieval")} | {"rag": 1}
    assert got == expected


def test_a_skill_rated_zero_overrides_its_module(engine, catalog):
    got = levels_of(engine, [{"name": "retrieval", "level": 4}, {"name": "rag", "level": 0}])
    assert got == {s.id: 4 for s in catalog.module_skills("retrieval") if s.id != "rag"}


def test_module_entries_are_echoed_with_their_skills(engine, catalog):
    response = engine.recommend({"skills": [{"name": "Retrieval", "level": "intermediate"}]})
    (record,) = response["profile"]["matched"]
    assert record["module"] == "retrieval"
    assert record["skills"] == [s.id for s in catalog.module_skills("retrieval")]
    assert record["level"] == 3
    assert "skill" not in record


@pytest.mark.parametrize(
    ("given", "value"),
    [
        ("none", 0),
        ("aware", 1),
        ("beginner", 2),
        ("intermediate", 3),
        ("advanced", 4),
        ("expert", 5),
        ("Advanced", 4),
        ("  EXPERT ", 5),
        ("3", 3),
        (3.0, 3),
        (0, 0),
        (5, 5),
    ],
)
def test_levels_as_numbers_or_words(engine, given, value):
    response = engine.recommend({"skills": [{"name": "python", "level": given}]})
    assert response["profile"]["matched"][0]["level"] == value
    python = engine.arrays.skill_ids.index("python")
    assert engine.parse([{"skills": [{"name": "python", "level": given}]}]).levels[0, python] == value


def test_every_catalog_level_word_is_accepted(engine, catalog):
    for level in catalog.levels:
        for word in (level.word, *level.also):
            assert levels_of(engine, [{"name": "python", "level": word}]).get("python", 0) == level.value


@pytest.mark.parametrize(
    ("given", "value"), [("basic", 2), ("Basic", 2), ("Working  Knowledge", 3), (" proficient ", 4)]
)
def test_the_other_words_people_write_for_a_level_name_it(engine, given, value):
    """'basic' is how many people say beginner; case and the spaces around or between words do not matter."""
    assert levels_of(engine, [{"name": "python", "level": given}])["python"] == value


@pytest.mark.parametrize(
    ("given", "value"),
    [
        ("básico", 2),
        ("Débutant", 2),
        ("Anfänger", 2),
        ("Grundkenntnisse", 2),
        ("intermedio", 3),
        ("Intermédiaire", 3),
        ("gute Kenntnisse", 3),
        ("avanzado", 4),
        ("Fortgeschritten", 4),
        ("sehr gute Kenntnisse", 4),
        ("EXPERTO", 5),
        ("gevorderd", 4),
        ("średnio", 3),
        ("Zaawansowany", 4),
        ("orta", 3),
        ("ileri düzey", 4),
        ("mahir", 4),
        ("nybörjare", 2),
        ("confirmé", 4),
    ],
)
def test_level_words_in_other_languages_name_the_level_with_or_without_accents(engine, given, value):
    """Spreadsheets and forms filled in Spanish, Portuguese, French, German, Italian, Dutch, Polish, Turkish,
    Indonesian or Swedish give levels in their words."""
    assert levels_of(engine, [{"name": "python", "level": given}])["python"] == value
    assert levels_of(engine, [{"name": "python", "level": given.upper()}])["python"] == value


@pytest.mark.parametrize(
    ("given", "value"), [("rusty", 2), ("Decent", 3), ("mid", 3), ("strong", 4), ("some exposure", 1)]
)
def test_everyday_english_level_words_name_the_level(engine, given, value):
    assert levels_of(engine, [{"name": "python", "level": given}])["python"] == value


@pytest.mark.parametrize("given", ["good", "some", "okay"])
def test_a_word_meaning_two_levels_is_refused_naming_the_scale(engine, given):
    (message,) = errors_of(engine, {"skills": [{"name": "python", "level": given}]})["skills.0.level"]
    assert "not a level" in message
    assert "intermediate" in message


@pytest.mark.parametrize(("given", "value"), [("3/5", 3), (" 4 / 5 ", 4), ("1/5", 1), ("5/5", 5)])
def test_a_rating_out_of_the_scales_top_is_that_level(engine, given, value):
    assert levels_of(engine, [{"name": "python", "level": given}])["python"] == value


@pytest.mark.parametrize(
    ("given", "says"), [("7/10", "rates out of 10, not 5"), ("6/5", "out of range"), ("3/", "not a level")]
)
def test_a_rating_on_another_scale_is_refused_naming_the_scale(engine, given, says):
    (message,) = errors_of(engine, {"skills": [{"name": "python", "level": given}]})["skills.0.level"]
    assert says in message
    assert "expert" in message


def test_a_level_hint_names_each_level_by_its_own_word_only(engine, catalog):
    (message,) = errors_of(engine, {"skills": [{"name": "python", "level": "guru"}]})["skills.0.level"]
    assert all(level.word in message for level in catalog.levels)
    # As words: "intermedia" (Spanish) is inside "intermediate".
    assert not any(re.search(rf"\b{word}\b", message) for level in catalog.levels for word in level.also)


def test_an_empty_skills_list_is_a_valid_beginner(engine, catalog):
    response = engine.recommend({"skills": []})
    assert not any(response["profile"].values())
    assert all(r["fit"] == 0.0 for r in response["roles"])
    # All fits tie at 0, so the roles come in id order and the first is the target.
    assert [r["role"] for r in response["roles"]] == sorted(catalog.role_ids)
    role = catalog.role(response["target_role"])
    assert response["target_role"] == sorted(catalog.role_ids)[0]
    assert {s["skill"] for s in response["plan"]["steps"]} == set(role.skills)
    first = {}
    for step in response["plan"]["steps"]:
        first.setdefault(step["skill"], step["from_level"])
    assert set(first.values()) == {0}  # nothing held, nothing inferred: each skill is learnt from 0
    assert response["plan"]["hours_per_week"] == DEFAULT_HOURS_PER_WEEK


# ---------------------------------------------------------------------------
# Input errors, keyed by the entry
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("level", [6, -1, 99, 2.5, "guru", "", "3.5", None, True, [3], {"v": 3}])
def test_bad_levels_name_the_entry(engine, level):
    errors = errors_of(engine, {"skills": [{"name": "python", "level": 2}, {"name": "rag", "level": level}]})
    assert list(errors) == ["skills.1.level"]
    (message,) = errors["skills.1.level"]
    assert "expert" in message  # tells the person what would do


def test_a_missing_level_names_the_entry(engine):
    assert errors_of(engine, {"skills": [{"name": "rag"}]}) == {"skills.0.level": ["level is required"]}


@pytest.mark.parametrize("name", [None, "", "   ", 7])
def test_a_missing_name_names_the_entry(engine, name):
    errors = errors_of(engine, {"skills": [{"name": "python", "level": 1}, {"name": name, "level": 2}]})
    assert list(errors) == ["skills.1.name"]


# ---------------------------------------------------------------------------
# Overlapping entries merge
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("second", ["pytorch", "PyTorch", "torch", "pytorch lightning"])
@pytest.mark.parametrize("levels", [(3, 2), (2, 3), (3, 3)])
def test_a_skill_rated_twice_merges_at_the_higher_level(engine, second, levels):
    first, other = levels
    entries = [{"name": "pytorch", "level": first}, {"name": "rag", "level": 1}, {"name": second, "level": other}]
    parsed = parsed_of(engine, entries)
    assert levels_of(engine, entries)["pytorch"] == max(levels)
    assert parsed.merged == [
        {
            "skill": "pytorch",
            "level": max(levels),
            "from": [{"index": 0, "name": "pytorch", "level": first}, {"index": 2, "name": second, "level": other}],
        }
    ]
    assert [m["input"] for m in parsed.matched] == ["pytorch", "rag", second]


@pytest.mark.parametrize(
    ("first", "second", "skill"),
    [("LoRA", "QLoRA", "peft"), ("Python", "pandas", "python"), ("Pinecone", "Chroma", "vector-databases")],
)
def test_realistic_overlaps_are_answered_not_refused(engine, first, second, skill):
    response = engine.recommend({"skills": [{"name": first, "level": 2}, {"name": second, "level": 4}]})
    got = levels_of(engine, [{"name": first, "level": 2}, {"name": second, "level": 4}])
    matched = response["profile"]["matched"]
    # anything else is a practice the entry shows (pandas: SQL; QLoRA: quantisation), credited with its reason
    assert got[skill] == 4 and [m["skill"] for m in matched if m["skill"] == skill] == [skill, skill]
    assert all("reason" in m for m in matched if m["skill"] != skill)


def test_a_module_rated_twice_merges(engine, catalog):
    entries = [{"name": "retrieval", "level": 3}, {"name": "Retrieval", "level": 2}]
    parsed = parsed_of(engine, entries)
    assert levels_of(engine, entries) == {s.id: 3 for s in catalog.module_skills("retrieval")}
    ((merge),) = parsed.merged
    assert merge["module"] == "retrieval" and merge["level"] == 3
    assert [f["index"] for f in merge["from"]] == [0, 1]


def test_exact_duplicates_merge_too(engine):
    entries = [{"name": "rag", "level": 2}] * 3
    parsed = parsed_of(engine, entries)
    assert levels_of(engine, entries) == {"rag": 2}
    assert [f["index"] for f in parsed.merged[0]["from"]] == [0, 1, 2]


def test_only_an_invalid_value_is_an_error_among_overlaps(engine):
    errors = errors_of(engine, {"skills": [{"name": "rag", "level": 2}, {"name": "RAG", "level": 9}]})
    assert list(errors) == ["skills.1.level"]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["pytorch", "torch", "rag", "RAG", "LoRA", "qlora", "python"]), LEVELS)))
def test_a_merged_level_is_the_highest_of_its_entries(engine, ratings):
    entries = [{"name": name, "level": level} for name, level in ratings]
    got = levels_of(engine, entries)
    parsed = parsed_of(engine, entries)
    by_skill: dict[str, list[int]] = {}
    for record in parsed.matched:
        by_skill.setdefault(record["skill"], []).append(record["level"])
    assert {s: max(v) for s, v in by_skill.items() if max(v)} == got
    assert {m["skill"] for m in parsed.merged} == {s for s, v in by_skill.items() if len(v) > 1}


def test_non_object_entries_and_non_list_skills(engine):
    assert list(errors_of(engine, {"skills": ["python"]})) == ["skills.0"]
    assert list(errors_of(engine, {"skills": "python 3"})) == ["skills"]
    assert list(errors_of(engine, {"skills": {"name": "python", "level": 3}})) == ["skills"]


@pytest.mark.parametrize("role", ["astronaut", "AI Engineer", 3, ["ai-engineer"]])
def test_an_unknown_target_role_is_an_error(engine, catalog, role):
    errors = errors_of(engine, {"skills": [], "target_role": role})
    assert list(errors) == ["target_role"]
    assert all(rid in errors["target_role"][0] for rid in catalog.role_ids)  # lists the choices


@pytest.mark.parametrize("role", [None, ""])
def test_no_target_role_means_the_best_fit(engine, role):
    response = engine.recommend({"skills": [{"name": "langchain", "level": 3}], "target_role": role})
    assert response["target_role"] == response["roles"][0]["role"]


@pytest.mark.parametrize("hours", [0, 0.5, 81, 80.5, -3, math.nan, math.inf, "8", True, [8]])
def test_hours_per_week_out_of_range_is_an_error(engine, hours):
    errors = errors_of(engine, {"skills": [], "hours_per_week": hours})
    assert list(errors) == ["hours_per_week"]


@pytest.mark.parametrize("hours", [1, 1.5, 8, 80, 80.0])
def test_hours_per_week_in_range(engine, hours):
    plan = engine.recommend({"skills": [], "hours_per_week": hours})["plan"]
    assert plan["hours_per_week"] == hours
    assert 1 <= plan["hours_per_week"] <= MAX_HOURS_PER_WEEK


@pytest.mark.parametrize("limit", [-1, 1001, 2.5, "5", True])
def test_a_bad_limit_is_an_error(engine, limit):
    assert list(errors_of(engine, {"skills": [], "limit": limit})) == ["limit"]


def test_all_errors_are_reported_together(engine):
    errors = errors_of(
        engine,
        {
            "skills": [{"name": "python", "level": 9}, {"name": "rag", "level": "expert"}, {"name": "", "level": 1}],
            "target_role": "astronaut",
            "hours_per_week": 0,
            "limit": -2,
        },
    )
    assert set(errors) == {"skills.0.level", "skills.2.name", "target_role", "hours_per_week", "limit"}


def test_input_error_message_names_the_field(engine):
    with pytest.raises(InputError, match=r"skills\.0\.level: 9 is out of range"):
        engine.recommend({"skills": [{"name": "python", "level": 9}]})


@pytest.fixture(scope="module")
def example_parser():
    """The profile reader of the web-development example, whose scale is 0..3 (none, basics, working, expert)."""
    return ProfileParser(load_catalog(Path(__file__).resolve().parents[1] / "examples" / "web-development"))


@given(st.integers(-3, 12) | st.sampled_from(["none", "Basics", " working ", "EXPERT", "beginner", "aware", "3", "4"]))
def test_levels_are_read_on_the_catalogs_own_scale(example_parser, value):
    """Numbers 0..3 and the example's words are levels; anything else, the shipped catalog's words included, is an
    error naming the value and the example's scale."""
    words = {"none": 0, "basics": 1, "working": 2, "expert": 3}
    text = value.strip().lower() if isinstance(value, str) else None
    expected = words.get(text, int(text) if text and text.isdigit() else None) if text is not None else value
    read = example_parser.parse_level(value)
    if expected is not None and 0 <= expected <= 3:
        assert read == expected
    else:
        assert isinstance(read, str) and read.endswith("use 0-3 or one of none, basics, working, expert"), read
        assert str(value).strip() in read
        if isinstance(expected, int):
            assert read.startswith(f"{expected} is out of range for the scale 0..3 (none to expert)")


def test_invalid_rows_of_a_batch_carry_their_errors_and_zero_levels(engine):
    batch = engine.parse(
        [
            {"skills": [{"name": "python", "level": 4}]},
            {"skills": [{"name": "python", "level": 4}, {"name": "rag", "level": 8}]},
            "not an object",
        ]
    )
    assert batch.valid.tolist() == [True, False, False]
    assert batch.levels[0].any()
    assert not batch.levels[1:].any()
    assert list(batch.parsed[1].errors) == ["skills.1.level"]
    assert list(batch.parsed[2].errors) == ["_schema"]
    assert batch.levels.dtype == np.int8 and batch.levels.shape == (3, engine.arrays.n_skills)


def test_recommend_many_keeps_errors_in_place(engine):
    out = engine.recommend_many(
        [{"skills": []}, {"skills": [{"name": "rag", "level": 7}]}, 42, {"skills": [], "target_role": "ai-engineer"}]
    )
    assert isinstance(out[0], dict) and isinstance(out[3], dict)
    assert isinstance(out[1], InputError) and list(out[1].errors) == ["skills.0.level"]
    assert isinstance(out[2], InputError) and list(out[2].errors) == ["_schema"]
    assert out[3]["target_role"] == "ai-engineer"


@pytest.mark.parametrize("level", ["²", "３", "1e3", "-1", ""])
def test_odd_digit_strings_are_level_errors_not_crashes(engine, level):
    # str.isdigit() accepts "²", which int() rejects: it must be an input error.
    with pytest.raises(InputError) as caught:
        engine.recommend({"skills": [{"name": "python", "level": level}]})
    assert "skills.0.level" in caught.value.errors


# ---------------------------------------------------------------------------
# The issue's profiles: overlaps answered, engineering experience recognised
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("LoRA", "QLoRA"),
        ("Python", "pandas"),
        ("Docker", "model serving"),
        ("Pinecone", "ChromaDB"),
        ("LangChain", "LlamaIndex"),
        ("Stable Diffusion", "diffusion models"),
        ("OpenAI API", "Anthropic API"),
    ],
)
def test_the_issues_refused_pairs_are_answered(engine, first, second):
    response = engine.recommend({"skills": [{"name": first, "level": 3}, {"name": second, "level": 2}]})
    # an entry may be listed again for a practice it shows (levels round one): each is answered, in order
    assert list(dict.fromkeys(m["input"] for m in response["profile"]["matched"])) == [first, second]


def test_a_senior_java_engineers_experience_counts(engine, catalog):
    entries = [
        {"name": "Java", "level": 5},
        {"name": "Docker", "level": 4},
        {"name": "Kubernetes", "level": 3},
        {"name": "SQL", "level": 4},
        {"name": "REST APIs", "level": 4},
        {"name": "Git", "level": 4},
        {"name": "CI/CD", "level": 3},
        {"name": "AWS", "level": 3},
        {"name": "Linux", "level": 3},
    ]
    got = levels_of(engine, entries)
    assert {catalog.skill(s).module for s in got} == {"software-engineering"}
    assert got == {
        "programming-languages": 5,
        "containers": 4,
        "sql-and-data": 4,
        "web-apis": 4,
        "git": 4,
        "ci-cd": 3,
        "cloud-platforms": 3,
        "linux-shell": 3,
    }
    experienced = engine.recommend({"skills": entries})
    beginner = engine.recommend({"skills": []})
    best = {r["role"]: r["fit"] for r in experienced["roles"]}
    assert any(best[r["role"]] > r["fit"] for r in beginner["roles"])


@pytest.mark.parametrize(
    ("name", "read"),
    [
        # at 4 a chat assistant shows Gen AI fundamentals up to 2 (levels round two), still no model call
        ("ChatGPT Enterprise", {"genai-fundamentals": 2, "prompt-engineering": 2, "llm-apis": 0}),
        ("Intercom Fin", {"prompt-engineering": 2, "genai-fundamentals": 2, "rag": 0, "llm-apis": 0}),
        ("Zendesk AI agents", {"prompt-engineering": 2, "ai-agents": 0, "llm-apis": 0}),
    ],
)
def test_a_chat_plan_or_a_configured_support_bot_used_at_work_is_no_model_call(engine, name, read):
    """A company's chat-assistant plan is the chat assistant; a vendor's support bot configured in its admin pages
    is prompting without code, like the no-code builders: neither is building with a model's API (what is
    implied included)."""
    (row,) = engine.parse([{"skills": [{"name": name, "level": 4}]}]).levels
    got = dict(zip(engine.catalog.skill_ids, row.tolist(), strict=True))
    assert {sid: got[sid] for sid in read} == read


def test_a_rusty_beginners_entry_is_read_as_aware_and_a_rusty_intermediate_as_rated(engine):
    """matching.faded_level: "rusty" at beginner is aware; at intermediate the rater already weighed the rust."""
    assert levels_of(engine, [{"name": "Python, rusty", "level": "beginner"}]) == {"python": 1}
    assert levels_of(engine, [{"name": "Python, rusty", "level": 3}]) == {"python": 3}
    assert levels_of(engine, [{"name": "Python", "level": 2}]) == {"python": 2}


def test_an_assistant_writing_most_of_the_code_caps_the_profiles_languages_at_intermediate(engine):
    """matching.assistant_writes_code: "chatgpt writes most of my code" beside Python at 4 reads Python at 3, and says why."""
    python = {"name": "python (discord.py) like 2 years", "level": 4}
    assert levels_of(engine, [python])["python"] == 4
    helped = [python, {"name": "chatgpt writes most of my code lol", "level": 3}]
    read = levels_of(engine, helped)
    assert read["python"] == 3
    assert read["ai-coding-assistants"] == 3  # the assistant's own reading is not capped
    (item,) = [r for r in parsed_of(engine, helped).matched if r.get("skill") == "python"]
    assert item["reason"].startswith("credited at 3 at most, not 4: an assistant writes")
    assert levels_of(engine, [{"name": "Python", "level": 2}, helped[1]])["python"] == 2  # never raised


@pytest.mark.parametrize("sign", ["/", "+", "&"])
def test_a_language_set_beside_a_web_framework_is_what_the_entry_rates(engine, catalog, sign):
    """ "Drupal 10 / PHP" is about PHP as much as about Drupal, which is written in it: PHP at 4 outranks
    JavaScript rated alone at 2; a tool named before a language ("Docker / Kotlin") still leaves it in passing."""
    drupal = {"name": f"Drupal 10 {sign} PHP", "level": 4}
    assert levels_of(engine, [drupal, {"name": "JavaScript", "level": 2}])["programming-languages"] == 4
    docker = {"name": f"Docker {sign} Kotlin (small tools)", "level": 5}
    assert levels_of(engine, [docker, {"name": "JavaScript", "level": 2}])["programming-languages"] == 2


@pytest.mark.parametrize(
    ("entry", "level", "web"),
    [
        ("Node.js", 3, 2),
        ("Node.js", 5, 2),
        ("Node.js", 2, 0),
        ("NodeJS", 4, 2),
        ("JavaScript / Node.js", 4, 2),
        ("TypeScript, Node.js", 3, 2),
        ("Node.js (Express)", 4, 4),
    ],
)
def test_node_on_real_work_shows_web_apis_as_a_beginner(engine, entry, level, web):
    """Node.js used on real work is server code answering HTTP requests: web APIs up to 2, a restricted form, however
    the entry lists it beside its language; a framework named (Express) is read for itself (session 42)."""
    levels = levels_of(engine, [{"name": entry, "level": level}])
    assert levels.get("web-apis", 0) == web
    assert levels["programming-languages"] == level


def test_a_restricted_form_is_a_floor_under_the_skill_rated_itself(engine):
    """ "SQL (notions)" 1 beside "Power Query" 4: the spreadsheet's data wrangling shows SQL and data up to 2 however
    weak the SQL (session 42); the form never raises past its cap, and a name in passing is no floor."""
    assert levels_of(engine, [{"name": "SQL (notions)", "level": 1}, {"name": "Power Query", "level": 4}]) == {
        "sql-and-data": 2
    }
    assert levels_of(engine, [{"name": "SQL", "level": 3}, {"name": "Power Query", "level": 4}]) == {"sql-and-data": 3}
    assert levels_of(engine, [{"name": "SQL", "level": 1}, {"name": "Power Query", "level": 1}]) == {"sql-and-data": 1}


def test_a_skill_whose_level_comes_from_a_restricted_form_implies_nothing(engine):
    """Raised by the form's floor, the skill is held only through that form: it implies no prerequisites."""
    parsed = engine.parse([{"skills": [{"name": "SQL (notions)", "level": 1}, {"name": "Power Query", "level": 4}]}])
    col = engine.arrays.skill_ids.index("sql-and-data")
    assert parsed.restricted[0, col]


@pytest.mark.parametrize(
    ("entry", "level", "skill"),
    [
        ("Introduction to Large Language Models (Google)", 2, "language-models"),
        ("OpenAI via Make", 3, "llm-apis"),
        ("BlueDot AI Safety Fundamentals course", 2, "responsible-ai"),
    ],
)
def test_a_course_or_a_no_code_connector_implies_no_code_skills(engine, entry, level, skill):
    """A course met (how LLMs work, AI safety's ideas) or a model's API called from a no-code tool credits its skill as
    a restricted form, implying no Python, deep learning or model API under it (session 44); the whole skill does."""
    ids = engine.arrays.skill_ids
    levels = engine.parse([{"skills": [{"name": entry, "level": level}]}]).levels[0]
    assert 0 < levels[ids.index(skill)] <= 2
    assert levels[ids.index("python")] == 0
    assert levels[ids.index("llm-apis")] == (2 if skill == "llm-apis" else 0)
    whole = engine.parse([{"skills": [{"name": "OpenAI API", "level": 3}]}]).levels[0]
    assert whole[ids.index("python")] >= 2


def test_a_goal_naming_a_role_is_the_target_code_only_when_no_target_is_given(engine):
    from recommender.profiles import wished

    roles = list(engine.arrays.role_ids)
    batch = engine.parse(
        [
            {"skills": [], "goals": ["become an ML engineer"]},
            {"skills": [], "goals": ["become an ML engineer"], "target_role": "software-developer"},
            {"skills": [], "goals": ["help our AI engineers"]},
            {"skills": [], "goals": ["RAG over our docs", "get a job as an AI developer", "become an LLM engineer"]},
        ]
    )
    assert batch.targets.tolist() == [
        wished(roles.index("ai-engineer")),
        roles.index("software-developer"),  # an explicit target is never overridden
        -1,
        wished(roles.index("software-developer")),  # the first goal naming a role
    ]
    assert batch.parsed[0].goals == [
        {"input": "become an ML engineer", "skills": [], "role": "ai-engineer", "suggestions": []}
    ]


def test_a_role_wished_for_comes_first_among_near_fits_and_is_planned_for(engine):
    """A business analyst fitting the three roles within a point: the wish decides the best fit and the plan."""
    skills = [
        {"name": "SQL", "level": 3},
        {"name": "Python (pandas)", "level": 3},
        {"name": "Machine learning", "level": 2},
    ]
    plain = engine.recommend({"skills": skills})
    fits = {r["role"]: r["fit"] for r in plain["roles"]}
    assert min(fits.values()) >= 0.75 * max(fits.values())
    for goal, role in [
        ("become a research scientist", "data-scientist"),
        ("get a job as an AI developer", "software-developer"),
        ("become an ML engineer", "ai-engineer"),
    ]:
        answer = engine.recommend({"skills": skills, "goals": [goal]})
        assert (answer["best_fit"], answer["target_role"], answer["roles"][0]["role"]) == (role, role, role)
        assert {r["role"]: r["fit"] for r in answer["roles"]} == fits  # the fits themselves do not change


def test_a_role_wished_for_far_below_the_best_fit_changes_nothing(engine):
    """A wish does not carry someone to a role they fit far less well (kernels._wish_first)."""
    skills = [{"name": "React", "level": 4}, {"name": "OpenAI API", "level": 3}, {"name": "LangChain", "level": 3}]
    plain = engine.recommend({"skills": skills})
    fits = {r["role"]: r["fit"] for r in plain["roles"]}
    assert fits["data-scientist"] < 0.75 * max(fits.values())
    wish = engine.recommend({"skills": skills, "goals": ["become a research scientist"]})
    assert (wish["best_fit"], wish["target_role"]) == (plain["best_fit"], plain["target_role"])
    assert wish["plan"]["steps"] == plain["plan"]["steps"]


def test_an_entry_calling_itself_basic_is_rated_intermediate_at_most(engine):
    """ "PyTorch (basic)" rated 4 rates PyTorch 3 (matching.stated_level); plain "PyTorch" at 4 stays 4."""
    assert levels_of(engine, [{"name": "PyTorch (basic)", "level": 4}])["pytorch"] == 3
    assert levels_of(engine, [{"name": "PyTorch", "level": 4}])["pytorch"] == 4
