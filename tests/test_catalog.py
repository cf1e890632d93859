"""The shipped Gen AI catalog: what it must contain and the rules its data keeps."""

from __future__ import annotations

import graphlib
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skills import normalize_key
from skills.catalog import FasterWith

REQUIRED_IDS = (
    "ml-fundamentals",
    "dl-fundamentals",
    "pytorch",
    "transformer-architecture",
    "embeddings",
    "self-attention",
    "tokenization",
    "transformer-types",
    "bert",
    "gpt",
    "t5",
    "pretraining",
    "model-optimization",
    "quantization",
    "fine-tuning",
    "peft",
    "rlhf",
    "instruction-tuning",
    "evaluation",
    "deployment",
    "llm-apps",
    "llm-apis",
    "langchain",
    "hugging-face",
    "ollama",
    "prompt-engineering",
    "rag",
    "vector-databases",
    "ai-agents",
    "llmops",
    "multimodal",
    "stable-diffusion",
    "python",
    "encoder",
    "decoder",
    "layer-normalization",
    "language-models",
    "training-objectives",
    "training-strategies",
    "model-compression",
    "inference-optimization",
    "continual-pretraining",
    "open-vs-closed-models",
)

# Issue 16's missing topics and issue 15's adjacent engineering skills, by the ids other data uses.
ADDED_IDS = (
    "software-engineering",
    "programming-languages",
    "sql-and-data",
    "web-apis",
    "git",
    "linux-shell",
    "containers",
    "cloud-platforms",
    "ci-cd",
    "statistics",
    "dl-frameworks-other",
    "gpu-computing",
    "llm-parameters",
    "model-providers",
    "ai-coding-assistants",
    "context-engineering",
    "semantic-search",
    "mcp",
    "agent-frameworks",
    "llm-observability",
    "cost-and-latency",
    "safety",
    "ai-security",
    "guardrails",
    "responsible-ai",
    "multimodal-apis",
    "distributed-training",
)


def module_track(catalog, skill_id: str) -> str:
    return catalog.module(catalog.skill(skill_id).module).track


# ---------------------------------------------------------------------------
# Contents
# ---------------------------------------------------------------------------


def test_shape(catalog):
    assert catalog.name == "genai"
    assert len(catalog.skills) == 72
    assert len(catalog.modules) == 15
    assert catalog.role_ids == ("data-scientist", "software-developer", "ai-engineer")


@pytest.mark.parametrize("ident", REQUIRED_IDS + ADDED_IDS)
def test_required_id_is_a_skill_or_module(catalog, ident):
    assert catalog.has_skill(ident) or catalog.has_module(ident)


def test_skill_and_module_ids_do_not_overlap(catalog):
    assert not {s.id for s in catalog.skills} & {m.id for m in catalog.modules}


def test_every_module_has_skills(catalog):
    for module in catalog.modules:
        assert catalog.module_skills(module.id), module.id


@pytest.mark.parametrize(
    ("role_id", "track"),
    [("data-scientist", "builder"), ("software-developer", "user"), ("ai-engineer", "both")],
)
def test_role_tracks(catalog, role_id, track):
    assert catalog.role(role_id).track == track


def test_software_developer_does_no_pretraining_or_rlhf(catalog):
    role = catalog.role("software-developer")
    assert not [s for s in role.skills if catalog.skill(s).module == "pretraining"]
    assert not [s for s in role.skills if "pretraining" in s]
    assert "rlhf" not in role.skills
    # ...while the builder roles do have pretraining skills.
    for builder in ("data-scientist", "ai-engineer"):
        assert any(catalog.skill(s).module == "pretraining" for s in catalog.role(builder).skills)


def test_data_scientist_has_no_langchain(catalog):
    assert "langchain" not in catalog.role("data-scientist").skills
    assert "langchain" in catalog.role("software-developer").skills


def test_ai_engineer_spans_builder_and_user_modules(catalog):
    role = catalog.role("ai-engineer")
    modules_used = {catalog.skill(s).module for s in role.skills}
    for module in catalog.modules:
        if module.track in ("builder", "user"):
            assert module.id in modules_used, f"ai-engineer has no skill from {module.track} module {module.id}"
    assert {module_track(catalog, s) for s in role.skills} == {"builder", "user", "both"}


def test_role_entries_are_valid(catalog):
    for role in catalog.roles:
        core = [s for s, rs in role.skills.items() if rs.tier == "core"]
        assert core, role.id
        for skill_id, rs in role.skills.items():
            assert catalog.has_skill(skill_id), (role.id, skill_id)
            assert 1 <= rs.level <= 5, (role.id, skill_id)
            assert 0 < rs.weight <= 1, (role.id, skill_id)
            assert rs.tier in ("core", "optional"), (role.id, skill_id)


def test_skill_hours(catalog):
    for skill in catalog.skills:
        assert len(skill.hours) == 5, skill.id
        assert all(h > 0 for h in skill.hours), skill.id


# ---------------------------------------------------------------------------
# Prerequisites
# ---------------------------------------------------------------------------


def test_prerequisite_graph_is_acyclic(catalog):
    graph = {s.id: set(s.prerequisites) for s in catalog.skills}
    order = list(graphlib.TopologicalSorter(graph).static_order())  # raises CycleError on a cycle
    assert sorted(order) == sorted(catalog.skill_ids)


def test_file_order_is_a_topological_order(catalog):
    position = {skill_id: i for i, skill_id in enumerate(catalog.skill_ids)}
    for skill in catalog.skills:
        for prerequisite in skill.prerequisites:
            assert position[prerequisite] < position[skill.id], f"{skill.id} comes before {prerequisite}"


def test_skills_are_grouped_by_module_in_module_order(catalog):
    module_position = {m.id: i for i, m in enumerate(catalog.modules)}
    positions = [module_position[s.module] for s in catalog.skills]
    assert positions == sorted(positions)


def test_no_skill_lists_a_prerequisite_twice_or_itself(catalog):
    for skill in catalog.skills:
        assert len(set(skill.prerequisites)) == len(skill.prerequisites), skill.id
        assert skill.id not in skill.prerequisites


@pytest.mark.parametrize("role_id", ["data-scientist", "software-developer", "ai-engineer"])
def test_role_is_prerequisite_closed(catalog, role_id):
    role = catalog.role(role_id)
    for skill_id, rs in role.skills.items():
        skill = catalog.skill(skill_id)
        # A prerequisite needed only past a level the role's target does not pass is not needed.
        needed = {p for p in skill.prerequisites if rs.level > skill.prerequisites_beyond.get(p, 0)}
        missing = needed - set(role.skills)
        assert not missing, f"{role_id}: {skill_id} needs {sorted(missing)}, which the role lacks"


# ---------------------------------------------------------------------------
# Levels
# ---------------------------------------------------------------------------


def test_levels(catalog):
    assert [lv.value for lv in catalog.levels] == [0, 1, 2, 3, 4, 5]
    assert [lv.word for lv in catalog.levels] == [
        "none",
        "aware",
        "beginner",
        "intermediate",
        "advanced",
        "expert",
    ]
    catalog_words = {lv.word for lv in catalog.levels}
    assert {word: value for word, value in catalog.level_words.items() if word in catalog_words} == {
        "none": 0,
        "aware": 1,
        "beginner": 2,
        "intermediate": 3,
        "advanced": 4,
        "expert": 5,
    }
    # The other words people write name the level they mean, and no two levels share a word.
    assert {word: catalog.level_words[word] for word in ("basic", "novice", "competent", "proficient", "master")} == {
        "basic": 2,
        "novice": 2,
        "competent": 3,
        "proficient": 4,
        "master": 5,
    }
    assert len(catalog.level_words) == sum(1 + len(lv.also) for lv in catalog.levels)
    assert all(lv.description for lv in catalog.levels)


# ---------------------------------------------------------------------------
# Keys: ids, names and aliases people type
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "target"),
    [
        ("RAG", "skill:rag"),
        ("PEFT", "skill:peft"),
        ("LLMOps", "skill:llmops"),
        ("HuggingFace", "skill:hugging-face"),
        ("Hugging Face", "skill:hugging-face"),
        ("Lang Chain", "skill:langchain"),
        ("LangChain", "skill:langchain"),
        ("vector DB", "skill:vector-databases"),
        ("Retrieval-Augmented Generation", "skill:rag"),
        ("LoRA", "skill:peft"),
        ("Stable_Diffusion", "skill:stable-diffusion"),
        ("fine-tuning", "module:fine-tuning"),
        ("Retrieval and RAG", "module:retrieval"),
        ("React", "skill:programming-languages"),  # the JavaScript UI library
        ("ReAct", "skill:ai-agents"),  # reason + act, the agent pattern: case alone tells them apart
        ("ReAct-style agents", "skill:ai-agents"),
    ],
)
def test_typed_names_resolve(catalog, typed, target):
    assert catalog.keys()[normalize_key(typed)] == target


def test_every_id_and_name_resolves_to_itself(catalog):
    keys = catalog.keys()
    for skill in catalog.skills:
        for text in (skill.id, skill.name, *skill.aliases):
            assert keys[normalize_key(text)] == f"skill:{skill.id}", text
    for module in catalog.modules:
        for text in (module.id, module.name):
            assert keys[normalize_key(text)] == f"module:{module.id}", text


def test_keys_are_normalised(catalog):
    keys = catalog.keys()
    assert len(keys) > 2 * len(catalog.skills)
    for key in keys:
        assert key and normalize_key(key) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Retrieval-Augmented Generation", "retrieval augmented generation"),
        ("  vector__DB  ", "vector db"),
        ("C++ / C#", "c++ c#"),
        ("llama.cpp", "llama.cpp"),
        ("Mathématiques, algèbre linéaire", "mathematiques algebre lineaire"),  # accents fold, not split words
        ("Claude's API", "claude api"),  # a possessive says whose
        ("線形代数!", "線形代数"),  # CJK script is kept as letters, not dropped as punctuation
        ("بايثون", "بايثون"),  # so are Arabic, Cyrillic, Greek and Hebrew
        ("Питон", "питон"),
        ("8 yıl, głębokie, Straße", "8 yil glebokie strasse"),  # Latin letters no accent folding takes apart
        ("Linux驱动开发", "linux 驱动开发"),  # a Latin name written into a script without spaces is a word of its own
        ("嵌入式Linux", "嵌入式 linux"),
        ("Claude\u2019s", "claude"),
        ("", ""),
        ("ReAct", "reasonact"),  # the agent pattern keeps a key of its own: case alone tells it from React
        ("React", "react"),
        ("REACT", "react"),
        ("ReAct-style agent", "reasonact style agent"),
    ],
)
def test_normalize_key_examples(text, key):
    assert normalize_key(text) == key


@pytest.mark.parametrize("text", ["\u03d2", "\U0001d6a8", "\u213f", "\u33c1"])  # ϒ, 𝚨, ℿ, ㏁
def test_a_compatibility_form_decomposing_to_a_capital_keys_in_lower_case(text):
    key = normalize_key(text)
    assert key == key.lower() and normalize_key(key) == key


@given(st.text())
def test_normalize_key_is_idempotent_and_canonical(text):
    key = normalize_key(text)
    assert normalize_key(key) == key
    word = r"[0-9a-z+#.\u0370-\u03ff\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+"  # and other scripts
    assert re.fullmatch(rf"({word}( {word})*)?", key)


SEPARATORS = st.sampled_from([" ", "  ", "-", "_", " - ", "\t", "--"])


@st.composite
def retyped(draw, text: str) -> str:
    """``text`` as someone might type it: any case, any separators between words, padding."""
    words = text.split(" ")
    cased = ["".join(c.upper() if draw(st.booleans()) else c for c in word) for word in words]
    out = cased[0]
    for word in cased[1:]:
        out += draw(SEPARATORS) + word
    return draw(st.sampled_from(["", " ", "-"])) + out + draw(st.sampled_from(["", " ", "_"]))


@given(data=st.data())
def test_any_key_survives_case_and_separator_changes(catalog, data):
    keys = catalog.keys()
    key = data.draw(st.sampled_from(sorted(keys)))
    typed = data.draw(retyped(key))
    assert keys.get(normalize_key(typed)) == keys[key], typed


# ---------------------------------------------------------------------------
# Prerequisite levels and what they let a plan do
# ---------------------------------------------------------------------------


def test_prerequisite_levels_name_listed_prerequisites(catalog):
    for skill in catalog.skills:
        assert set(skill.prerequisite_levels) <= set(skill.prerequisites), skill.id
        assert all(1 <= level <= 5 for level in skill.prerequisite_levels.values()), skill.id


@pytest.mark.parametrize("role_id", ["data-scientist", "software-developer", "ai-engineer"])
def test_role_targets_cover_the_prerequisite_levels_its_skills_need(catalog, role_id):
    role = catalog.role(role_id)
    for skill_id, rs in role.skills.items():
        skill = catalog.skill(skill_id)
        for prerequisite, level in skill.prerequisite_levels.items():
            if rs.level <= skill.prerequisites_beyond.get(prerequisite, 0):
                continue  # needed only past a level the role's target does not pass
            assert role.skills[prerequisite].level >= level, f"{role_id}: {skill_id} needs {prerequisite} at {level}"


def _hours_to_start(catalog, skill_id: str) -> float:
    """Hours from an empty profile until ``skill_id`` can start: each prerequisite up to the level it is
    needed at, and recursively what those levels need (every shipped prerequisite names its level)."""
    needed: dict[str, int] = {}

    def need(ident: str) -> None:
        skill = catalog.skill(ident)
        assert set(skill.prerequisite_levels) == set(skill.prerequisites), f"{ident} has a bare prerequisite"
        for prerequisite, level in skill.prerequisite_levels.items():
            if level > needed.get(prerequisite, 0):
                needed[prerequisite] = level
                need(prerequisite)

    need(skill_id)
    return sum(sum(catalog.skill(ident).hours[:level]) for ident, level in needed.items())


def _closure(catalog, skill_id: str) -> set[str]:
    seen: set[str] = set()
    stack = [skill_id]
    while stack:
        for prerequisite in catalog.skill(stack.pop()).prerequisites:
            if prerequisite not in seen:
                seen.add(prerequisite)
                stack.append(prerequisite)
    return seen


def test_first_model_call_is_within_reach_of_a_beginner(catalog):
    """Issue 16: an app developer should not spend 120 hours on Python before the first model call."""
    assert _hours_to_start(catalog, "llm-apis") <= 30
    assert catalog.skill("llm-apis").prerequisite_levels["python"] <= 2


def test_rag_is_built_by_someone_who_writes_code_without_help(catalog):
    # A Python beginner (2) firms up Python before building RAG; a developer in another language at work (3)
    # builds it in that language, as they call the model's API.
    skill = catalog.skill("rag")
    assert skill.prerequisite_levels["python"] == 3
    assert skill.prerequisite_alternatives["python"] == (("programming-languages", 3),)
    assert "python" not in skill.prerequisites_beyond


def test_user_path_skills_do_not_wait_for_training_side_skills(catalog):
    # Embeddings, the concept both paths need, is gated on Python alone (985dd25): semantic search builds on it.
    training_side = {"ml-fundamentals", "dl-fundamentals", "math-for-ml", "pytorch"}
    for skill_id in ("llm-apis", "semantic-search", "vector-databases", "rag", "multimodal-apis", "ai-agents"):
        assert not _closure(catalog, skill_id) & training_side, skill_id


def test_quantization_overview_needs_no_deep_learning(catalog):
    # What 4- and 8-bit builds trade is an overview (1); quantising a model oneself needs deep learning at 2.
    skill = catalog.skill("quantization")
    assert skill.prerequisite_levels["dl-fundamentals"] == 2
    assert skill.prerequisites_beyond["dl-fundamentals"] == 1


def test_inference_optimization_overview_needs_no_gpt(catalog):
    # What a KV cache and continuous batching are for (1) needs no GPT architecture; using and tuning them in a
    # serving engine (2 on) does. Quantisation and GPU computing are needed from the start.
    skill = catalog.skill("inference-optimization")
    assert skill.prerequisite_levels["gpt"] == 2
    assert skill.prerequisites_beyond["gpt"] == 1
    assert "quantization" not in skill.prerequisites_beyond
    assert "gpu-computing" not in skill.prerequisites_beyond


def test_gpu_nodes_and_a_prebuilt_server_are_in_reach_of_an_expert_linux_admin(catalog):
    # Installing the NVIDIA driver and CUDA on servers, and running vLLM's OpenAI-compatible server on them, is
    # server work: an expert Linux admin (5) starts both without PyTorch, Python services or web APIs, as someone
    # who runs Kubernetes at work (4) does.
    gpu = catalog.skill("gpu-computing")
    assert gpu.prerequisite_alternatives["pytorch"] == (("containers", 4), ("linux-shell", 5))
    serving = catalog.skill("deployment")
    for pre in ("python", "web-apis"):
        assert serving.prerequisite_alternatives[pre] == (("containers", 4), ("linux-shell", 5))
    assert serving.prerequisite_levels["hugging-face"] == 2
    assert "hugging-face" not in serving.prerequisite_alternatives


def test_responsible_ai_needs_to_know_what_gen_ai_is_not_its_course(catalog):
    # Bias, privacy, copyright, the EU AI Act and an organisation's AI policy need knowing what a generative model
    # is and does (1), not the introductory Gen AI course (2).
    skill = catalog.skill("responsible-ai")
    assert dict(skill.prerequisite_levels) == {"genai-fundamentals": 1}
    assert "genai-fundamentals" not in skill.prerequisites_beyond


def test_stable_diffusion_trained_in_a_trainer_needs_no_deep_learning(catalog):
    # Running it (2) and training a style LoRA in a trainer such as kohya_ss (3) need no deep learning course;
    # changing or training the model in code of one's own (past 3) needs deep learning at 2.
    skill = catalog.skill("stable-diffusion")
    assert skill.prerequisite_levels["dl-fundamentals"] == 2
    assert skill.prerequisites_beyond["dl-fundamentals"] == 3


def test_multimodal_models_are_run_from_the_hub_before_they_are_studied(catalog):
    # CLIP, SigLIP and vision-language models are learnt by loading them from the Hub and running them on one's own
    # images, as diffusion models are with diffusers: Hugging Face at 2 from the start, so a vision engineer's way to
    # them opens with something to run (the builder's way takes practice first) rather than 20 hours of theory.
    skill = catalog.skill("multimodal")
    assert skill.prerequisite_levels["hugging-face"] == 2
    assert "hugging-face" not in skill.prerequisites_beyond
    for role in catalog.roles:
        if "multimodal" in role.skills:
            assert role.skills["hugging-face"].level >= 2, role.id


def test_supervised_fine_tuning_builds_on_language_models(catalog):
    assert {"language-models", "decoder"} <= _closure(catalog, "supervised-fine-tuning")


def test_genai_fundamentals_can_come_first(catalog):
    assert catalog.skill("genai-fundamentals").prerequisites == ()
    for role in catalog.roles:
        assert role.skills["genai-fundamentals"].tier == "core", role.id


def test_software_developer_path_starts_from_calling_a_model(catalog):
    role = catalog.role("software-developer")
    builder = {s for s in role.skills if module_track(catalog, s) == "builder"}
    # Embeddings is the one concept of the builder modules that semantic search starts from (985dd25); quantisation
    # only at its overview (1), which needs no deep learning: what a local or on-device model's build trades.
    assert builder <= {"embeddings", "quantization"}, f"the user path holds builder skills {sorted(builder)}"
    assert role.skills["quantization"].level <= catalog.skill("quantization").prerequisites_beyond["dl-fundamentals"]
    assert role.skills["llm-apis"].weight == max(rs.weight for rs in role.skills.values())


def test_software_developer_generates_images_from_an_app_without_deep_learning(catalog):
    # Image generation through diffusers or a hosted diffusion model is app work (roadmap.sh lists it under
    # multimodal): running a pipeline, optional, no higher than the level past which Stable Diffusion needs deep
    # learning, which the user path does not hold; its other prerequisite, Hugging Face, is held at what it needs.
    role, skill = catalog.role("software-developer"), catalog.skill("stable-diffusion")
    held = role.skills["stable-diffusion"]
    assert held.level == 2 and held.tier == "optional"
    assert held.level <= skill.prerequisites_beyond["dl-fundamentals"]
    assert "dl-fundamentals" not in role.skills
    assert role.skills["hugging-face"].level >= skill.prerequisite_levels["hugging-face"]


def test_data_scientist_path_starts_from_maths_and_training(catalog):
    role = catalog.role("data-scientist")
    for skill_id in ("math-for-ml", "statistics", "ml-fundamentals", "dl-fundamentals", "pytorch", "gpu-computing"):
        assert role.skills[skill_id].tier == "core", skill_id
    assert "llm-apis" not in role.skills


def test_ai_engineer_holds_either_path_but_pretraining_at_scale(catalog):
    # The AI Engineer adapts and ships models; pretraining one is the builder's alone (issue 16 §1).
    ai_engineer = set(catalog.role("ai-engineer").skills)
    core = {rid: {s for s, rs in catalog.role(rid).skills.items() if rs.tier == "core"} for rid in catalog.role_ids}
    assert core["software-developer"] <= ai_engineer, sorted(core["software-developer"] - ai_engineer)
    pretraining = {
        s.id for s in catalog.skills if s.module == "pretraining" or "training-strategies" in s.prerequisites
    }
    left_out = core["data-scientist"] - ai_engineer
    assert left_out and left_out <= pretraining, sorted(left_out - pretraining)


def test_role_ids_are_stable_and_titles_say_what_the_role_does(catalog):
    assert catalog.role("data-scientist").title != "Data Scientist"
    assert "foundation models" in catalog.role("data-scientist").title


# ---------------------------------------------------------------------------
# Hours and aliases a practitioner would sign
# ---------------------------------------------------------------------------


def test_each_level_step_takes_at_least_as_long_as_the_one_before(catalog):
    for skill in catalog.skills:
        assert list(skill.hours) == sorted(skill.hours), skill.id


@pytest.mark.parametrize(
    ("skill_id", "levels", "at_least"),
    [("rlhf", 3, 40), ("distributed-training", 3, 40), ("deployment", 4, 100), ("python", 2, 10)],
)
def test_hours_issue_16_found_implausible(catalog, skill_id, levels, at_least):
    assert sum(catalog.skill(skill_id).hours[:levels]) >= at_least


@pytest.mark.parametrize(
    ("typed", "wrong"),
    [
        ("ChatGPT", "skill:llm-apis"),
        ("Docker", "skill:deployment"),
        ("Kubernetes", "skill:deployment"),
        ("optimization", "module:model-optimization"),
        ("search", "skill:vector-databases"),
        ("reinforcement learning", "skill:rlhf"),
        ("transformer", "skill:encoder"),
        ("GPT-4", "skill:gpt"),
        ("Llama 2", "skill:ollama"),
        ("reranking", "skill:ml-fundamentals"),
        ("statistics", "skill:math-for-ml"),
        ("TensorFlow", "skill:ai-agents"),
        ("alignment", "skill:rlhf"),
        ("observability", "skill:llmops"),
    ],
)
def test_general_words_and_products_do_not_name_the_wrong_skill(catalog, typed, wrong):
    assert catalog.keys().get(normalize_key(typed)) != wrong


@pytest.mark.parametrize(
    ("typed", "target"),
    [
        ("Docker", "skill:containers"),
        ("K8s", "skill:containers"),
        ("TensorFlow", "skill:dl-frameworks-other"),
        ("JAX", "skill:dl-frameworks-other"),
        ("CUDA", "skill:gpu-computing"),
        ("FSDP", "skill:distributed-training"),
        ("DeepSpeed", "skill:distributed-training"),
        ("sentence-transformers", "skill:semantic-search"),
        ("Weaviate", "skill:vector-databases"),
        ("Claude API", "skill:llm-apis"),
        ("Model Context Protocol", "skill:mcp"),
        ("LangGraph", "skill:agent-frameworks"),
        ("Langfuse", "skill:llm-observability"),
        ("prompt injection", "skill:ai-security"),
        ("EU AI Act", "skill:responsible-ai"),
        ("Whisper", "skill:multimodal-apis"),
        ("GitHub Copilot", "skill:ai-coding-assistants"),
        ("prompt caching", "skill:context-engineering"),
        ("temperature", "skill:llm-parameters"),
        ("A/B testing", "skill:statistics"),
        ("REST APIs", "skill:web-apis"),
        ("SQL", "skill:sql-and-data"),
        ("CI/CD", "skill:ci-cd"),
    ],
)
def test_names_from_issues_15_and_16_resolve(catalog, typed, target):
    assert catalog.keys()[normalize_key(typed)] == target


def test_docs_role_table_matches_the_catalog(catalog):
    """docs/catalog.md states each role's size and hours from zero; they follow the data."""
    text = (Path(__file__).resolve().parents[1] / "docs" / "catalog.md").read_text(encoding="utf-8")
    for role in catalog.roles:
        core = sum(rs.tier == "core" for rs in role.skills.values())
        hours = sum(sum(catalog.skill(s).hours[: rs.level]) for s, rs in role.skills.items())
        row = f"| `{role.id}` | {role.title} | {len(role.skills)} ({core}) | {hours:,.0f} |"
        assert row in text, row


def test_a_deep_learning_practitioner_reads_the_transformer_blocks_in_half_the_hours(catalog):
    # Someone who trains deep networks at work (4) reads layer norm, the encoder and decoder blocks and the language
    # model built on them as the modules they already build; attention itself, the new idea, takes a beginner's hours.
    half = FasterWith("dl-fundamentals", 4, 0.5)
    for skill_id in ("layer-normalization", "encoder", "decoder", "language-models"):
        assert half in catalog.skill(skill_id).faster_with, skill_id
    for skill_id in ("self-attention", "embeddings", "tokenization"):
        assert all(r.skill != "dl-fundamentals" for r in catalog.skill(skill_id).faster_with), skill_id
