"""Goals: what a person wants to build next, read as skill names, and a plan that takes their way first."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from engine_strategies import ARRAYS, CATALOG, N_SKILLS, SCORER, fixed_roles, level_rows
from hypothesis import given, settings
from hypothesis import strategies as st

from recommender import cohort
from recommender.engine import InputError
from recommender.profiles import MAX_GOALS, ParsedProfile

PROPERTY = settings(max_examples=80, deadline=None)
SKILLS = CATALOG.skill_ids
BEGINNER = 2  # kernels._toward_goals: a goal is wanted to the level below work use, 2 of 0-5
PRACTISED = 3  # a goal already used at work is left to the plan's own order


def goal_row(*skill_ids: str) -> np.ndarray:
    row = np.zeros((1, N_SKILLS), dtype=bool)
    for sid in skill_ids:
        row[0, SKILLS.index(sid)] = True
    return row


def steps(scores) -> list[tuple[str, int, int, bool]]:
    p = scores.plans
    n = int(min(p.n_steps[0], p.skill.shape[1]))
    return [
        (SKILLS[p.skill[0, k]], int(p.from_level[0, k]), int(p.to_level[0, k]), bool(p.toward_goal[0, k]))
        for k in range(n)
    ]


def role_skills(role: int) -> list[str]:
    return [SKILLS[s] for s in np.flatnonzero(ARRAYS.targets[role] > 0)]


# -- the plan ------------------------------------------------------------------------------------------------


@PROPERTY
@given(level_rows(), fixed_roles, st.data())
def test_the_way_to_a_goal_comes_first_and_reaches_it(row, role, data):
    """Steps taken for the goal are a prefix of the plan, and by its end the goal is at beginner level (or its
    role's level, or one up from where the person is); every prerequisite in between is met on the way. A goal
    held at work level already, or at the role's level, takes nothing first."""
    goal = data.draw(st.sampled_from(role_skills(role)))
    s = SKILLS.index(goal)
    scores = SCORER.score(row[None, :], np.array([role]), goals=goal_row(goal))
    plan = steps(scores)
    flags = [toward for *_, toward in plan]
    assert flags == sorted(flags, reverse=True), "a step toward the goal came after one that is not"
    target = int(ARRAYS.targets[role, s])
    wanted = min(target, max(BEGINNER, int(row[s]) + 1))
    if row[s] < min(target, PRACTISED):
        reached = max([to for sid, _, to, toward in plan if sid == goal and toward], default=int(row[s]))
        assert reached >= wanted
    else:
        assert not any(flags), "a goal already held at work or the role's level plans nothing first"


@PROPERTY
@given(level_rows(), fixed_roles)
def test_no_goals_plans_as_before(row, role):
    """An all-false goals matrix is no goals: the same plan, step for step, as goals=None."""
    plain = SCORER.score(row[None, :], np.array([role]))
    empty = SCORER.score(row[None, :], np.array([role]), goals=np.zeros((1, N_SKILLS), dtype=bool))
    for name in ("skill", "from_level", "to_level", "hours", "score", "fit_after"):
        np.testing.assert_array_equal(getattr(plain.plans, name), getattr(empty.plans, name))
    assert not plain.plans.toward_goal.any()


def test_the_scoring_loop_plans_the_roles_own_skills_only():
    """A goal outside the role changes nothing in the loop's plan: the engine plans a detour to it on a widened copy
    of the role (recommender.goal_ways, tests/test_goal_ways.py), a bare scorer does not."""
    developer = CATALOG.role_ids.index("software-developer")
    outside = next(sid for sid in SKILLS if sid not in role_skills(developer))
    row = np.zeros((1, N_SKILLS), dtype=np.int8)
    plain = SCORER.score(row, np.array([developer]))
    aimed = SCORER.score(row, np.array([developer]), goals=goal_row(outside))
    np.testing.assert_array_equal(plain.plans.skill, aimed.plans.skill)
    assert not aimed.plans.toward_goal.any()


def test_the_way_to_a_goal_stops_at_the_level_wanted():
    """A goal begun (language models at 2, the role wants 4) takes one level first, 2 -> 3 (20 h), not the
    whole step to the role's level (60 h): the rest of the step waits for the plan's own order."""
    scientist = CATALOG.role_ids.index("data-scientist")
    row = np.zeros((1, N_SKILLS), dtype=np.int8)
    held = {"python": 4, "statistics": 4, "math-for-ml": 4, "ml-fundamentals": 5, "dl-fundamentals": 2}
    for sid, level in {**held, "pytorch": 2, "embeddings": 2, "self-attention": 2, "language-models": 2}.items():
        row[0, SKILLS.index(sid)] = level
    assert ARRAYS.targets[scientist, SKILLS.index("language-models")] == 4
    plan = steps(SCORER.score(row, np.array([scientist]), goals=goal_row("language-models")))
    first = next(step for step in plan if step[0] == "language-models")
    assert first == ("language-models", 2, 3, True)


def test_goals_move_rag_forward_for_a_web_developer():
    """A React developer asking for RAG gets retrieval within the first steps, not after the prompting track."""
    developer = CATALOG.role_ids.index("software-developer")
    row = np.zeros((1, N_SKILLS), dtype=np.int8)
    row[0, SKILLS.index("programming-languages")] = 3
    row[0, SKILLS.index("web-apis")] = 3
    before = [sid for sid, *_ in steps(SCORER.score(row, np.array([developer])))]
    after = steps(SCORER.score(row, np.array([developer]), goals=goal_row("rag")))
    order = [sid for sid, *_ in after]
    assert order.index("rag") < before.index("rag")
    assert after[order.index("rag")][3], "the goal's own step is flagged as taken for it"
    assert order.index("rag") < 5, "a first RAG app over an in-memory index is within the first five steps"
    for needed in ("embeddings", "llm-apis"):
        assert order.index(needed) < order.index("rag")
    # Past a first app, RAG needs a vector database (``beyond: 2``): its stage reaching 2 comes first.
    past = next(i for i, (sid, lo, _, _) in enumerate(after) if sid == "rag" and lo >= 2)
    database = next(i for i, (sid, _, hi, _) in enumerate(after) if sid == "vector-databases" and hi >= 2)
    assert database < past


def test_the_plan_says_which_goals_its_role_holds_and_which_roles_hold_the_others(engine):
    answer = engine.recommend(
        {"skills": [], "goals": ["RAG over our docs", "GPU"], "target_role": "software-developer"}, limit=1
    )
    holders = [r.id for r in CATALOG.roles if "gpu-computing" in r.skills]
    assert answer["plan"]["goals"] == [
        {"skill": "gpu-computing", "in_role": False, "detour": False, "roles": holders},
        {"skill": "rag", "in_role": True},
    ]
    assert holders and "software-developer" not in holders
    assert engine.recommend({"skills": []}, limit=1)["plan"]["goals"] == []


def test_goal_rows_must_match_the_levels():
    with pytest.raises(ValueError, match="goals must have shape"):
        SCORER.score(np.zeros((2, N_SKILLS), dtype=np.int8), goals=np.zeros((1, N_SKILLS), dtype=bool))


# -- reading goals -------------------------------------------------------------------------------------------


def read(engine, goals) -> ParsedProfile:
    out = ParsedProfile()
    engine.parser.parse_goals(goals, np.zeros(N_SKILLS, dtype=bool), out)
    return out


def test_goals_read_as_skill_names_are(engine):
    out = read(engine, ["RAG over our docs", "LoRA", "zzqx blorf"])
    assert not out.errors
    assert out.goals[0] == {"input": "RAG over our docs", "skills": ["rag"]}
    assert out.goals[1]["skills"] == ["peft"]
    assert out.goals[2]["skills"] == [] and "suggestions" in out.goals[2]


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("stop the bot inventing prices", "guardrails"),
        ("slow responses in the client portal", "cost-and-latency"),
        ("answer questions from our Notion wiki", "rag"),
        ("transcribe support calls", "multimodal-apis"),
        ("train a YOLO model for defect detection", "dl-fundamentals"),
        ("write unit tests faster with AI", "ai-coding-assistants"),
        ("AI product search", "semantic-search"),
        ("train an image model on my own style", "stable-diffusion"),
    ],
)
def test_a_goal_naming_no_skill_is_read_by_what_its_words_ask_for(engine, goal, skill):
    """matching.yaml's wants: a problem to solve names the skill a mentor plans toward; a skill entry with the
    same words credits nothing (what someone wants to fix is not what they know)."""
    assert read(engine, [goal]).goals[0]["skills"] == [skill]
    assert not engine.parse([{"skills": [{"name": goal, "level": 3}]}]).levels.any()


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("become a research assistant in an NLP lab", []),
        ("get promoted from assistant to manager", []),
        ("apply for virtual assistant jobs", []),
        ("password generator", []),
        ("trabajo de asistente administrativo", []),
        ("AI research assistant for literature review", ["llm-apis"]),
        ("AI teaching assistant for my course", ["llm-apis"]),
        ("asistente WhatsApp para productores", ["llm-apis"]),
        ("AI-assistent för handläggare", ["llm-apis"]),
        ("شات بوت لخدمة العملاء", ["llm-apis"]),
    ],
)
def test_a_want_rules_word_inside_one_of_its_unless_phrases_does_not_count(engine, goal, skills):
    """A job ("research assistant in", "from assistant", "assistant job") or a program written without a model
    ("password generator") holds the API rule's word only inside a phrase saying it is not a thing to build; the
    same word outside them, or in another language, still asks for the API."""
    assert read(engine, [goal]).goals[0]["skills"] == skills


def test_unless_phrases_cancel_only_the_words_inside_them():
    from recommender.matching import _holds_outside

    words = ("research", "assistant", "in", "a", "lab", "and", "a", "bot")
    assistant, bot = ("assistant",), ("bot",)
    assert not _holds_outside(words, [assistant], [("research", "assistant", "in")])
    assert _holds_outside(words, [assistant, bot], [("research", "assistant", "in")])  # the bot is outside
    assert _holds_outside(words, [assistant], [("lab", "assistant")])  # not next to it: counts


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("assistant answering HR policy questions", "rag"),
        ("bot that looks up answers in our documents", "rag"),
        ("assistant that answers staff questions with our docs", "rag"),
        ("Telegram bot that answers disruption questions", "llm-apis"),
        ("write an AI policy for staff", "responsible-ai"),
    ],
)
def test_questions_on_a_policy_or_answered_with_our_documents_are_rag(engine, goal, skill):
    """A bot answering policy questions, or with or using an organisation's documents, answers from them (RAG);
    questions on live data are the API alone, and an AI policy stays responsible AI."""
    assert read(engine, [goal]).goals[0]["skills"] == [skill]


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("recipe and allergen assistant", "llm-apis"),
        ("Telegram bot that answers disruption questions", "llm-apis"),
        ("CAPS quiz generator", "llm-apis"),
        ("lab report feedback helper", "llm-apis"),
        ("bot that answers questions from our HR handbook", "rag"),
        ("stop the support bot making up refund rules", "guardrails"),
        ("code assistant for our legacy COBOL", "ai-coding-assistants"),
        ("make the report generator more reliable", "app-evaluation"),
    ],
)
def test_an_assistant_bot_helper_or_generator_built_is_an_app_on_a_model(engine, goal, skill):
    """What someone builds, named by its kind alone, calls a model from code (the API's rule, last in the order):
    anything more particular the goal names (documents, made-up answers, code, reliability) is read first."""
    assert read(engine, [goal]).goals[0]["skills"] == [skill]


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("本地语音助手", ["multimodal-apis"]),
        ("在RK3588上跑一个小模型", ["quantization"]),
        ("公司知识库问答", ["rag"]),
        ("社内ナレッジベースのチャットボット", ["rag"]),
        ("本地运行开源大模型", ["ollama"]),
        ("ローカルLLMを動かしたい", ["ollama"]),
        ("写小说", []),  # writing novels holds no rule's term
    ],
)
def test_chinese_and_japanese_goals_are_read_by_the_terms_inside_their_unspaced_runs(engine, goal, skills):
    """Chinese and Japanese write no spaces between words: a want rule's term in those scripts ("语音", speech;
    "知识库", knowledge base) is found inside the run, the first rule holding one deciding, as in English."""
    assert read(engine, [goal]).goals[0]["skills"] == skills


def test_a_chinese_or_japanese_term_is_found_inside_a_run_other_words_whole():
    from recommender.matching import _spans

    words = ("在", "rk3588", "上跑一个小模型")
    assert _spans(words, ("小模型",)) == [range(2, 3)]
    assert _spans(words, ("rk",)) == []  # a Latin word is matched whole, never inside another
    assert _spans(("本地语音助手",), ("语音",)) == [range(0, 1)]


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("on-device AI", ["ollama"]),
        ("small LLMs on edge devices", ["ollama"]),
        ("running small LLMs locally", ["ollama"]),
        ("TinyML on microcontrollers", ["quantization"]),
        ("on-device note summaries in our app", ["llm-apis"]),
        ("ask-my-notes search on device", ["semantic-search"]),
        ("on-device LLM with Core ML", ["llm-apis"]),
        ("Gemini Nano on-device in our app", ["llm-apis"]),
        ("how LLMs work", ["language-models"]),
    ],
)
def test_a_model_run_on_a_device_is_a_local_model_unless_the_platform_provides_it(engine, goal, skills):
    """A model run on a phone, a board or an edge box is a local model (llama.cpp, MLC LLM); anything more particular
    the goal names (a summary, a search) is read first, and the phone maker's own on-device model, reached through
    its framework (Core ML, Gemini Nano), is its API. LLMs named alone are still how language models work."""
    assert read(engine, [goal]).goals[0]["skills"] == skills


@pytest.mark.parametrize(
    ("goal", "skills"),
    [
        ("validating a vendor LLM", ["app-evaluation", "model-evaluation"]),
        ("LLM evaluation against gold standard labels", ["app-evaluation", "model-evaluation"]),
        ("evaluating our RAG chatbot before launch", ["app-evaluation"]),
        ("ML weather models", ["dl-fundamentals"]),
        ("AI weather forecasting like GraphCast", ["dl-fundamentals"]),
        ("clean plates / set extensions", ["stable-diffusion"]),
        ("ML compilers (MLIR)", ["gpu-computing"]),
        ("get into deep learning compilers like TVM", ["gpu-computing"]),
    ],
)
def test_judging_a_vendor_model_weather_models_vfx_plates_and_ml_compilers(engine, goal, skills):
    """Validating a vendor's model against labels or human coders judges the model itself beside the app's test
    sets; an application's own evaluation stays app evaluation. ML weather models are deep networks, a VFX clean
    plate or set extension is inpainting with a diffusion model, and an ML compiler lowers graphs to GPU kernels."""
    assert read(engine, [goal]).goals[0]["skills"] == skills


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("get better at SQL", "sql-and-data"),
        ("learn pytorch properly", "pytorch"),
        ("understand what embeddings actually are", "embeddings"),
        ("I want to learn LangChain", "langchain"),
    ],
)
def test_a_goal_is_read_by_the_name_it_asks_about(engine, goal, skill):
    """The asking around a name ("get better at", "properly") is dropped when the whole reads as nothing."""
    assert read(engine, [goal]).goals[0] == {"input": goal, "skills": [skill]}


def test_the_first_want_rule_the_goal_holds_decides(engine):
    """'stop the chatbot inventing numbers' holds a chatbot (a model API call) but asks for guardrails: rules go
    from the most particular problem to the most general, and the first held wins."""
    rules = [w.means for w in CATALOG.want_rules]
    assert rules.index("guardrails") < rules.index("llm-apis")
    assert read(engine, ["stop the chatbot inventing numbers"]).goals[0]["skills"] == ["guardrails"]


@pytest.mark.parametrize(
    ("goal", "skill"),
    [
        ("fine-tune Llama with LoRA", "peft"),
        ("instruction-tune a base model", "instruction-tuning"),
        ("train a small GPT from scratch", "gpt"),
    ],
)
def test_a_goal_naming_a_particular_way_of_training_reads_it_not_fine_tuning(engine, goal, skill):
    """LoRA is the parameter-efficient way of fine-tuning, a more particular skill: its rule comes ahead of the
    fine-tuning rules, so the goal reads PEFT rather than the first, general fine-tuning rule."""
    rules = [w.means for w in CATALOG.want_rules]
    assert rules.index(skill) < rules.index("supervised-fine-tuning")
    assert read(engine, [goal]).goals[0]["skills"] == [skill]


def test_a_module_is_an_area_not_a_goal(engine):
    """'agents' names a module: reported with its skills as suggestions, and nothing planned first."""
    row = np.zeros(N_SKILLS, dtype=bool)
    out = ParsedProfile()
    engine.parser.parse_goals(["agents"], row, out)
    (goal,) = out.goals
    assert goal["skills"] == [] and goal["modules"] == ["agents"]
    assert set(goal["suggestions"]) == {s.id for s in CATALOG.module_skills("agents")}
    assert not row.any()


@pytest.mark.parametrize(
    ("goal", "skills", "modules"),
    [
        # "safely" is an everyday word, no typo of the safety module: the words alone ask for responsible AI
        ("using AI safely with pupil data", ["responsible-ai"], []),
        ("learn how transformers work", ["self-attention"], ["transformer-architecture"]),
        ("agents", [], ["agents"]),  # the module by its own name: the area asked for
    ],
)
def test_words_asking_for_a_skill_of_the_module_a_goal_names_say_which(engine, goal, skills, modules):
    """A module names an area: the goal's words asking for one of its skills (matching.yaml's wants) say which;
    words asking for another module's skill, or none, leave the area alone."""
    read_ = read(engine, [goal]).goals[0]
    assert read_["skills"] == skills and read_.get("modules", []) == modules


@pytest.mark.parametrize(
    ("goals", "field", "message"),
    [
        ("RAG", "goals", "must be a list"),
        (["RAG", ""], "goals.1", "must be a non-empty name"),
        (["RAG", 3], "goals.1", "must be a non-empty name"),
        (["x"] * (MAX_GOALS + 1), "goals", f"at most {MAX_GOALS}"),
    ],
)
def test_bad_goals_name_the_field(engine, goals, field, message):
    with pytest.raises(InputError) as caught:
        engine.recommend({"skills": [], "goals": goals})
    assert message in " ".join(caught.value.errors[field])


def test_the_answer_says_why_a_step_comes_now(engine):
    answer = engine.recommend(
        {"skills": [{"name": "TypeScript", "level": 3}], "goals": ["RAG over our docs"], "target_role": None}
    )
    assert answer["profile"]["goals"] == [{"input": "RAG over our docs", "skills": ["rag"]}]
    steps_ = answer["plan"]["steps"]
    rag = next(s for s in steps_ if s["skill"] == "rag")
    assert rag["reasons"][0] == "one of the goals you named: Retrieval-augmented generation"
    before = steps_[: steps_.index(rag)]
    assert before and all(s["reasons"][0].startswith("on the way to your goal") for s in before)


# -- what a person's work calls for first (matching.yaml's concerns) ----------------------------------------------

HEALTH_RECORDS = "you work with patients' health records"


@pytest.mark.parametrize(
    ("entry", "concerned"),
    [
        ("Epic ClinDoc build (flowsheets, SmartPhrases)", True),
        ("ChatGPT for drafting policies (never w/ PHI!!)", True),
        ("HiX (ChipSoft) report exports", True),
        ("patients' records in SystmOne", True),
        ("Optix practice management system", True),  # an optometry practice's patient records
        ("ChatGPT for referral letters (no patient names)", True),
        ("Jira epics and story mapping", False),  # "Epic" alone is a Jira word
        ("PHP 8 / Laravel", False),
        ("physiotherapy exercise leaflets", False),  # health work, no records
    ],
)
def test_entries_naming_patients_records_make_responsible_ai_a_concern(engine, entry, concerned):
    found = engine.parser.matcher.concerns(entry)
    assert [c.skill for c in found] == (["responsible-ai"] if concerned else [])


@pytest.mark.parametrize(
    ("entry", "concerned"),
    [
        ("DME (dossier médical électronique)", True),
        ("historia clínica electrónica (Selene)", True),
        ("prontuário eletrônico do paciente", True),
        ("elektronische Patientenakte", True),
        ("dossier de presse", False),  # a dossier, no patient in it
    ],
)
def test_patients_records_named_in_other_languages_make_responsible_ai_a_concern(engine, entry, concerned):
    """An electronic medical record in French, Spanish, Portuguese or German holds the same patients' data as an
    EHR does (session 43)."""
    found = engine.parser.matcher.concerns(entry)
    assert [c.skill for c in found] == (["responsible-ai"] if concerned else [])


@pytest.mark.parametrize(
    ("entry", "concerned"),
    [
        ("SEND Code of Practice, EHCP writing", True),
        ("Arbor MIS", True),
        ("safeguarding records on CPOMS", True),
        ("send the weekly newsletter", False),  # "SEND" alone is a verb
        ("phonics and guided reading", False),  # teaching, no records
    ],
)
def test_entries_naming_childrens_records_make_responsible_ai_a_concern(engine, entry, concerned):
    found = engine.parser.matcher.concerns(entry)
    assert [c.skill for c in found] == (["responsible-ai"] if concerned else [])
    assert all(c.reason.startswith("you work with children's records") for c in found)


def concerns_of(engine, skills, goals=None):
    batch = engine.parse([{"skills": skills, **({"goals": goals} if goals else {})}])
    return batch, batch.parsed[0]


def test_a_concern_is_planned_as_a_goal_and_says_why(engine):
    skills = [{"name": "Epic ClinDoc build", "level": 4}, {"name": "SQL", "level": 3}]
    answer = engine.recommend({"skills": skills, "target_role": "software-developer"})
    (concern,) = answer["profile"]["concerns"]
    assert concern["input"] == "Epic ClinDoc build" and concern["skill"] == "responsible-ai"
    assert {"skill": "responsible-ai", "in_role": True} in answer["plan"]["goals"]
    steps_ = answer["plan"]["steps"]
    first = next(j for j, s in enumerate(steps_) if s["skill"] == "responsible-ai")
    without = engine.recommend({"skills": skills[1:], "target_role": "software-developer"})["plan"]["steps"]
    assert first < next(j for j, s in enumerate(without) if s["skill"] == "responsible-ai")
    assert steps_[first]["reasons"][0].startswith(HEALTH_RECORDS)
    way = [s["reasons"][0] for s in steps_[:first] if s["reasons"][0].startswith("on the way")]
    assert way and all(reason.endswith("which your work calls for first") for reason in way)


@pytest.mark.parametrize(
    ("skills", "goals"),
    [
        ([{"name": "Epic ClinDoc build", "level": 0}], None),  # rated 0: not their work
        ([{"name": "Epic ClinDoc build", "level": "guru"}], None),  # no level: the entry's own error
        ([{"name": "Epic ClinDoc build", "level": 3}], ["responsible AI"]),  # named as a goal: the goal says it
        ([{"name": "Python", "level": 3}], None),
    ],
)
def test_no_concern_where_the_entry_says_none_or_a_goal_names_it(engine, skills, goals):
    batch, parsed = concerns_of(engine, skills, goals)
    assert parsed.concerns == []
    named = goals is not None and not parsed.errors
    assert batch.goals is None or bool(batch.goals[0, engine.parser._index["responsible-ai"]]) == named


def test_skills_of_the_wrong_shape_are_refused_not_read_for_concerns(engine):
    batch, parsed = concerns_of(engine, 5)
    assert parsed.errors and parsed.concerns == [] and batch.goals is None


def test_a_cohort_column_naming_patients_records_is_a_concern_for_the_rows_rating_it(engine):
    import pandas as pd

    from recommender.cohort import frame_to_batch, results, score_batch

    frame = pd.DataFrame({"id": ["a", "b", "c"], "Epic ClinDoc": [4, 0, "lots"], "python": [2, 2, 2]})
    batch = frame_to_batch(engine, frame, readings=True)
    assert batch.errors == {}  # an ignored column's cells are not checked
    out = results(engine, batch, score_batch(engine, batch, 5), 5)
    assert [len(r["profile"]["concerns"]) for r in out] == [1, 0, 0]
    assert [r["skill"] for r in out[0]["plan"]["steps"]].index("responsible-ai") < 5
    assert "responsible-ai" not in [s["skill"] for s in out[1]["plan"]["steps"]]


def test_the_markdown_plan_and_the_form_say_why_a_concern_comes_first(engine, client):
    from recommender.plan_markdown import plan_markdown

    answer = engine.recommend({"skills": [{"name": "Datix incident data", "level": 3}]})
    text = plan_markdown(answer, engine.catalog)
    assert f'- Because of "Datix incident data", the plan takes Responsible AI first: {HEALTH_RECORDS}' in text


def test_api_answers_and_documents_concerns(client):
    body = {"skills": [{"name": "Cerner PowerChart build", "level": 3}], "limit": 5}
    response = client.post("/v1/recommendations", json=body)
    assert response.status_code == 200
    assert [c["skill"] for c in response.json["profile"]["concerns"]] == ["responsible-ai"]
    spec = client.get("/openapi.json").get_json()
    assert "concerns" in spec["components"]["schemas"]["Profile"]["properties"]


# -- the API, the form and cohorts ---------------------------------------------------------------------------


def test_api_takes_goals_and_documents_them(client):
    body = {"skills": [{"name": "Python", "level": 3}], "goals": ["evals for our chatbot"], "limit": 3}
    response = client.post("/v1/recommendations", json=body)
    assert response.status_code == 200
    assert response.json["profile"]["goals"][0]["skills"] == ["app-evaluation"]
    spec = client.get("/openapi.json").get_json()
    request = spec["components"]["schemas"]["RecommendationRequest"]["properties"]
    assert request["goals"]["maxItems"] == MAX_GOALS


def test_api_refuses_goals_of_the_wrong_shape(client):
    response = client.post("/v1/recommendations", json={"skills": [], "goals": "RAG"})
    assert response.status_code == 422
    assert "goals" in response.json["errors"]


def test_form_reads_goals_from_one_text_box(client):
    page = client.get("/plan", query_string={"skill.python": "3", "goals": "RAG over our docs, agents"})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "reads as Retrieval-augmented generation: the plan starts on the way to it" in text
    assert "names a whole area, too broad to plan first" in text
    assert "on the way to your goal Retrieval-augmented generation" in text
    form = client.get("/", query_string={"goals": "RAG over our docs"}).get_data(as_text=True)
    assert 'name="goals"' in form and 'value="RAG over our docs"' in form


def test_form_reports_too_many_goals_at_the_field(client):
    page = client.get("/plan", query_string={"skill.python": "3", "goals": ",".join(["x"] * (MAX_GOALS + 1))})
    assert page.status_code == 400
    assert 'id="goals-e"' in page.get_data(as_text=True)


def test_a_wide_file_takes_goals_separated_by_semicolons(engine):
    frame = pd.read_csv(io.StringIO("id,python,goals\na,3,RAG over our docs; evals\nb,3,\nc,3, ; \n"))
    batch = cohort.frame_to_batch(engine, frame)
    assert batch.goals is not None
    assert [SKILLS[s] for s in np.flatnonzero(batch.goals[0])] == ["rag", "app-evaluation"]
    assert not batch.goals[1:].any()
    scores = cohort.score_batch(engine, batch, 10)
    assert scores.plans.toward_goal[0].any() and not scores.plans.toward_goal[1:].any()


def test_a_wide_file_reports_bad_goals_by_row(engine):
    too_many = ";".join(f"goal {i}" for i in range(MAX_GOALS + 1))
    frame = pd.DataFrame({"id": ["a", "b"], "python": [3, 3], "goals": ["RAG", too_many]})
    batch = cohort.frame_to_batch(engine, frame)
    assert list(batch.errors) == [1]
    assert f"at most {MAX_GOALS}" in batch.errors[1]["goals"][0]


def test_the_cohort_summary_and_report_say_what_members_want(engine):
    from recommender.batch.report import render_report
    from recommender.summary import CohortSummary

    frame = pd.DataFrame(
        {"id": ["a", "b", "c"], "python": [3, 2, 1], "goals": ["RAG over our docs; evals", "RAG over our docs", None]}
    )
    batch = cohort.frame_to_batch(engine, frame)
    summary = CohortSummary(engine.arrays, engine.catalog)
    summary.add(batch, cohort.score_batch(engine, batch, 3))
    goals = summary.to_dict()["goals"]
    assert goals["members"] == 2
    assert [(s["skill"], s["members"]) for s in goals["skills"]] == [("rag", 2), ("app-evaluation", 1)]
    page = render_report(summary.to_dict(), engine.catalog, source="test.csv", ignored=[], model_version="m")
    assert "What members want to learn next" in page and "Retrieval-augmented generation" in page


def test_the_markdown_plan_says_how_each_goal_was_read(engine):
    from recommender.plan_markdown import plan_markdown

    answer = engine.recommend({"skills": [], "goals": ["RAG over our docs", "agents", "zzqx blorf"]}, limit=2)
    text = plan_markdown(answer, engine.catalog)
    assert '- Your goal "RAG over our docs" is read as Retrieval-augmented generation.' in text
    assert '- Your goal "agents" names a whole area, too broad to plan first' in text
    assert '- Your goal "zzqx blorf" names no skill of the catalog' in text
    assert "   - on the way to your goal Retrieval-augmented generation" in text


def test_cohort_records_take_goals(client):
    body = {"profiles": [{"id": "a", "skills": [], "goals": ["RAG"]}, {"id": "b", "skills": []}], "steps": 3}
    response = client.post("/v1/cohorts/recommendations", json=body)
    assert response.status_code == 200
    first, second = response.json["results"]
    assert first["profile"]["goals"] == [{"input": "RAG", "skills": ["rag"]}]
    assert first["plan"]["steps"][0]["reasons"][0].startswith("on the way to your goal")
    assert second["profile"]["goals"] == []


def test_the_way_to_a_goal_stops_at_what_the_person_already_holds():
    """Language models need a decoder at 2, which needs self-attention at 2, which needs deep learning at 3.
    Someone who holds self-attention at 2 (with deep learning at 2) has that part of the way behind them: the goal
    takes the decoder and language models first, and deep learning 2 -> 3 is left to the plan's own order."""
    scientist = CATALOG.role_ids.index("data-scientist")
    row = np.zeros((1, N_SKILLS), dtype=np.int8)
    held = {"python": 4, "statistics": 4, "math-for-ml": 4, "ml-fundamentals": 4, "dl-fundamentals": 2}
    held |= {"pytorch": 3, "embeddings": 2, "self-attention": 2, "layer-normalization": 1, "genai-fundamentals": 1}
    for sid, level in held.items():
        row[0, SKILLS.index(sid)] = level
    plan = steps(SCORER.score(row, np.array([scientist]), goals=goal_row("language-models")))
    taken = [sid for sid, _, _, toward in plan if toward]
    assert taken == ["decoder", "language-models"]
    assert ("dl-fundamentals", 2, 3, False) in plan


def test_a_goal_past_a_staged_level_wants_what_is_needed_there():
    """Someone with a first RAG app (2) who wants RAG is taken to 3, which needs a vector database at 2
    (``beyond: 2``): the plan starts on the vector database, flagged as on the way, then RAG."""
    developer = CATALOG.role_ids.index("software-developer")
    row = np.zeros((1, N_SKILLS), dtype=np.int8)
    for sid, level in {"python": 3, "llm-apis": 2, "prompt-engineering": 2, "embeddings": 1, "rag": 2}.items():
        row[0, SKILLS.index(sid)] = level
    plan = steps(SCORER.score(row, np.array([developer]), goals=goal_row("rag")))
    taken = [(sid, lo, hi) for sid, lo, hi, toward in plan if toward]
    assert [sid for sid, *_ in taken][-1] == "rag" and ("rag", 2, 3) in taken
    assert ("vector-databases", 0, 2) in taken
    assert taken.index(("vector-databases", 0, 2)) < taken.index(("rag", 2, 3))
    assert all(toward for *_, toward in plan[: len(taken)]), "the way to the goal comes first"


def test_a_skill_a_goal_needs_goes_on_to_that_level_in_one_step():
    """LLM observability needs the model API at 3, LLM evaluation needs it at 1: the API's step splits there. On the
    way to both goals the API goes on from 1 to 3 in one step, not 1 -> 2 now and 2 -> 3 after the evaluation, so
    both goals are within the first five steps (someone running ML platforms, API held at 1)."""
    developer = CATALOG.role_ids.index("software-developer")
    row = np.zeros((1, N_SKILLS), dtype=np.int8)
    held = {"sql-and-data": 4, "containers": 3, "cloud-platforms": 3, "python": 4, "statistics": 1}
    held |= {"math-for-ml": 1, "ml-fundamentals": 2, "llm-apis": 1, "hugging-face": 2, "deployment": 3, "llmops": 2}
    for sid, level in held.items():
        row[0, SKILLS.index(sid)] = level
    plan = steps(SCORER.score(row, np.array([developer]), goals=goal_row("app-evaluation", "llm-observability")))
    taken = [(sid, lo, hi) for sid, lo, hi, toward in plan if toward]
    assert ("llm-apis", 1, 3) in taken
    assert [sid for sid, *_ in plan[:5]].count("llm-apis") == 1
    assert {"app-evaluation", "llm-observability"} <= {sid for sid, *_ in plan[:5]}


def test_a_long_climb_on_the_way_waits_for_the_shorter_stage_its_first_part_lets_start():
    """RAG needs Python at 3 (60 h from nothing), the model API it builds on needs Python at 1. Someone with no
    Python who wants RAG learns Python to 1, makes the first model call (6 h), then takes Python on to 3: a mentor
    does not set 60 hours of Python before any model (before, Python 0 -> 3 came as one step, the API after it)."""
    developer = CATALOG.role_ids.index("software-developer")
    row = np.zeros((1, N_SKILLS), dtype=np.int8)
    row[0, SKILLS.index("sql-and-data")] = 2
    plan = steps(SCORER.score(row, np.array([developer]), goals=goal_row("rag")))
    order = [(sid, lo, hi) for sid, lo, hi, _ in plan]
    assert ("python", 0, 1) in order and ("python", 1, 3) in order
    assert order.index(("python", 0, 1)) < order.index(("llm-apis", 0, 2)) < order.index(("python", 1, 3))
    assert order.index(("python", 1, 3)) < [sid for sid, *_ in order].index("rag")


def test_a_ready_goal_comes_before_the_rest_of_a_skill_another_goal_needs():
    """Drafting rotas with a model API needs Python at 1, machine learning needs it at 2: once Python is at 1 the API
    goal is ready, and it comes before Python 1 -> 2 (16 h) rather than waiting for it."""
    developer = CATALOG.role_ids.index("software-developer")
    row = np.zeros((1, N_SKILLS), dtype=np.int8)
    row[0, SKILLS.index("sql-and-data")] = 1
    plan = steps(SCORER.score(row, np.array([developer]), goals=goal_row("llm-apis", "ml-fundamentals")))
    order = [(sid, lo) for sid, lo, *_ in plan]
    assert ("python", 0) in order and ("python", 1) in order
    assert order.index(("python", 0)) < order.index(("llm-apis", 0)) < order.index(("python", 1))


def test_a_goal_ready_from_the_start_does_not_wait_behind_other_goals_ways():
    """An NLP engineer of 2020 (the transformer's internals at 4, PyTorch 3) wants GPT-style models, RAG and LoRA.
    GPT needs nothing more: in the model's order it waited behind RAG's way and PEFT's (Hugging Face, the API,
    prompting, supervised fine-tuning) and came seventh. Taking each goal's own ready stage first reaches more of the
    goals not held yet within the first five steps (kernels.GOAL_STEPS), so that order is taken. With RAG needing
    prompting at 2 only past its level 2, the model's order reaches two goals there too (LoRA and RAG): of two orders
    reaching as many, the one reaching a goal at the first step is taken (kernels._other_order), GPT first."""
    engineer = CATALOG.role_ids.index("ai-engineer")
    row = np.zeros((1, N_SKILLS), dtype=np.int8)
    held = {"git": 2, "linux-shell": 2, "containers": 3, "ci-cd": 3, "genai-fundamentals": 3, "python": 5}
    held |= {"statistics": 3, "math-for-ml": 3, "ml-fundamentals": 3, "dl-fundamentals": 3, "pytorch": 3}
    held |= {"embeddings": 4, "self-attention": 4, "layer-normalization": 4, "encoder": 4, "decoder": 4}
    held |= {"language-models": 4, "bert": 4, "tokenization": 3, "prompt-engineering": 1}
    for sid, level in held.items():
        row[0, SKILLS.index(sid)] = level
    plan = steps(SCORER.score(row, np.array([engineer]), goals=goal_row("gpt", "rag", "peft")))
    first_five = [sid for sid, *_ in plan[:5]]
    assert {"gpt", "rag"} <= set(first_five)
    way = [sid for sid, *_, toward in plan if toward]
    assert all(toward for *_, toward in plan[: len(way)]), "the way to the goals is still a prefix of the plan"


def test_a_short_way_to_a_goal_does_not_wait_behind_another_goals_longer_way():
    """A Symfony developer (Python 1, Ollama 2) wants RAG and on-prem serving. In the model's order Python 1 -> 3
    (18.5 h, on the way to deployment) came before embeddings, and RAG sixth: its own stage was never ready within
    the first five steps. Every goal's way is at most five skills here, so an order taking the way of the nearest goal
    first (RAG, 26 h left, before deployment, 44.5 h) is compared, and reaches a goal within the first five steps."""
    developer = CATALOG.role_ids.index("software-developer")
    row = np.zeros((1, N_SKILLS), dtype=np.int8)
    held = {"git": 2, "linux-shell": 3, "programming-languages": 4, "sql-and-data": 4, "web-apis": 4}
    held |= {"containers": 3, "ci-cd": 3, "python": 1, "quantization": 1, "open-vs-closed-models": 1, "ollama": 2}
    for sid, level in held.items():
        row[0, SKILLS.index(sid)] = level
    plan = steps(SCORER.score(row, np.array([developer]), goals=goal_row("rag", "deployment")))
    first_five = [sid for sid, *_ in plan[:5]]
    assert "rag" in first_five and "python" not in first_five[: first_five.index("rag")]
    way = [sid for sid, *_, toward in plan if toward]
    assert {"rag", "deployment"} <= set(way)
    assert all(toward for *_, toward in plan[: len(way)]), "the way to the goals is still a prefix of the plan"


def test_the_way_to_a_goal_takes_practice_before_theory_in_a_role_learnt_in_depth(engine):
    """An RL researcher wanting RLHF, holding the transformer's internals at 1: the way runs through embeddings,
    attention, the decoder and language models, and through Hugging Face (for supervised fine-tuning). Hugging Face,
    something to run, comes first of the way's ready stages, then the theory (goal_ways.practice_first)."""
    scientist = CATALOG.role_ids.index("data-scientist")
    row = np.zeros((1, N_SKILLS), dtype=np.int8)
    held = {"python": 5, "math-for-ml": 5, "statistics": 3, "ml-fundamentals": 3, "dl-fundamentals": 3}
    held |= {"pytorch": 3, "linux-shell": 3, "embeddings": 1, "self-attention": 1, "decoder": 1}
    held |= {"language-models": 1, "genai-fundamentals": 1}  # Hugging Face's prerequisites held: it is ready
    for sid, level in held.items():
        row[0, SKILLS.index(sid)] = level
    plan = steps(engine.score(row, np.array([scientist]), goals=goal_row("rlhf")))
    way = [sid for sid, *_, toward in plan if toward]
    assert way[0] == "hugging-face" and {"self-attention", "language-models", "rlhf"} <= set(way)
    assert all(toward for *_, toward in plan[: len(way)])  # still a prefix of the plan


def test_the_way_to_a_goal_opens_practice_first_in_a_role_learnt_in_depth(engine):
    """The same researcher without the Gen AI orientation Hugging Face needs (1): its two-hour stage opens the way's
    practice, so it comes first of the way's ready stages, then Hugging Face, then the theory
    (kernels._practice_gates). A Korean CV student wanting LoRA had 27 hours of transformer blocks before both."""
    scientist = CATALOG.role_ids.index("data-scientist")
    row = np.zeros((1, N_SKILLS), dtype=np.int8)
    held = {"python": 5, "math-for-ml": 5, "statistics": 3, "ml-fundamentals": 3, "dl-fundamentals": 3}
    held |= {"pytorch": 3, "linux-shell": 3, "embeddings": 1, "self-attention": 1, "decoder": 1}
    held |= {"language-models": 1}
    for sid, level in held.items():
        row[0, SKILLS.index(sid)] = level
    plan = steps(engine.score(row, np.array([scientist]), goals=goal_row("rlhf")))
    way = [sid for sid, *_, toward in plan if toward]
    assert way[:2] == ["genai-fundamentals", "hugging-face"] and {"self-attention", "rlhf"} <= set(way)
    assert all(toward for *_, toward in plan[: len(way)])  # still a prefix of the plan


def test_practice_goes_first_only_in_roles_learnt_in_depth(engine):
    """A developer's way keeps the model's order (the API and Python before the practice built on them); in the
    builder path's role, Gen AI practice goes first, neither the ground nor the model internals."""
    practice = engine.practice_first[:, None] & engine.deepened[None, :]
    developer, scientist = (CATALOG.role_ids.index(r) for r in ("software-developer", "data-scientist"))
    assert not practice[developer].any()
    assert practice[scientist, SKILLS.index("hugging-face")] and practice[scientist, SKILLS.index("peft")]
    assert not practice[scientist, [SKILLS.index(s) for s in ("python", "pytorch", "self-attention", "gpt")]].any()


def test_goals_reached_says_how_soon_and_whether_two_orders_reach_the_same_goals():
    """kernels._new_goals_reached counts the goals not held within the first steps and sets a bit per step reaching
    one, the first step the highest; kernels._same_goals holds only when the other order reaches every one of them."""
    from recommender import kernels

    # Stages 0-1 one skill (a goal's two stages), 2 another goal, 3 a skill on the way, 4 a held goal.
    st_skill = np.array([0, 0, 1, 2, 3], dtype=np.int64)
    st_from = np.array([0, 1, 0, 0, 2], dtype=np.int64)
    lv = np.array([0, 0, 0, 2], dtype=np.int8)
    goal_stage = np.array([True, True, True, False, True])
    late = np.array([3, 4, 0, 1, 2], dtype=np.int64)  # the way, the held goal, goal 0 (one step), goal 1: steps 3, 4
    soon = np.array([2, 0, 1, 3, 4], dtype=np.int64)
    steps = kernels.GOAL_STEPS
    assert kernels._new_goals_reached(late, 5, st_skill, st_from, lv, goal_stage, steps) == (2, 0b00110)
    assert kernels._new_goals_reached(soon, 5, st_skill, st_from, lv, goal_stage, steps) == (2, 0b11000)
    assert kernels._new_goals_reached(late, 5, st_skill, st_from, lv, goal_stage, 3) == (1, 0b001)
    assert kernels._same_goals(late, 5, soon, 5, st_skill, st_from, lv, goal_stage)
    assert not kernels._same_goals(late, 5, soon, 1, st_skill, st_from, lv, goal_stage)  # goal 0 not reached there
