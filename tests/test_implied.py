"""Implied knowledge (recommender/implied.py): prerequisites of what a person holds."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from recommender.alternatives import Alternatives
from recommender.implied import RULE, Implication, experienced_level, implied_level
from skills import Catalog, Level, Skill

MAX_LEVEL = 5  # the shipped catalog's top level


@pytest.fixture(scope="module")
def implication(catalog) -> Implication:
    return Implication(catalog)


def ancestors(catalog, skill_id: str) -> set[str]:
    prerequisites = {s.id: s.prerequisites for s in catalog.skills}
    seen, todo = set(), list(prerequisites[skill_id])
    while todo:
        p = todo.pop()
        if p not in seen:
            seen.add(p)
            todo.extend(prerequisites[p])
    return seen


def one_by_one(catalog, levels: np.ndarray) -> np.ndarray:
    """The rule applied skill by skill until nothing changes: slow, plain, for comparison.

    A prerequisite the row meets by an alternative (``or``), held at its level as said, is no edge for that row.
    """
    index = {sid: i for i, sid in enumerate(catalog.skill_ids)}
    out = levels.copy()
    for row in out:
        said = row.copy()
        met = {
            (s.id, p)
            for s in catalog.skills
            for p, alts in s.prerequisite_alternatives.items()
            if any(said[index[a]] >= n for a, n in alts)
        }
        kept = dataclasses.replace(
            catalog,
            skills=tuple(
                dataclasses.replace(s, prerequisites=tuple(p for p in s.prerequisites if (s.id, p) not in met))
                for s in catalog.skills
            ),
        )
        above = {s.id: ancestors(kept, s.id) for s in kept.skills}
        changed = True
        while changed:
            changed = False
            for skill in kept.skills:
                held = int(row[index[skill.id]])
                lifts = [
                    (p, implied_level(held, skill.prerequisite_levels.get(p), in_use=p in skill.prerequisites_in_use))
                    for p in skill.prerequisites
                    if held > skill.prerequisites_beyond.get(p, 0)  # one needed past a level: by a skill above it
                ]
                lifts += [(a, experienced_level(held)) for a in above[skill.id]]
                for p, lifted in lifts:
                    if lifted > row[index[p]]:
                        row[index[p]] = lifted
                        changed = True
    return out


def rows(catalog, n):
    return arrays(np.int8, (n, len(catalog.skills)), elements=st.integers(0, catalog.max_level))


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_the_vectorised_pass_equals_the_rule_applied_edge_by_edge(catalog, implication, data):
    levels = data.draw(rows(catalog, data.draw(st.integers(1, 4))))
    got = levels.copy()
    implication.apply(got)
    np.testing.assert_array_equal(got, one_by_one(catalog, levels))


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_implied_levels_never_lower_what_was_said_and_are_reported(catalog, implication, data):
    said = data.draw(rows(catalog, 3))
    levels = said.copy()
    inferred = implication.apply(levels)
    assert (levels >= said).all()
    raised = np.zeros_like(levels, dtype=bool)
    raised[inferred.rows, inferred.skills] = True
    np.testing.assert_array_equal(raised, levels > said)
    np.testing.assert_array_equal(levels[inferred.rows, inferred.skills], inferred.levels)
    # The source is a skill the person holds, and one that does imply the level.
    assert (said[inferred.rows, inferred.sources] > 0).all()


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_implication_is_monotone_and_idempotent(catalog, implication, data):
    """Holding more implies no less, for profiles that meet the same prerequisites another way: another
    language held at 3 implies less Python by design (tests/test_alternatives.py), so those levels are kept."""
    low = data.draw(rows(catalog, 2))
    high = np.maximum(low, data.draw(rows(catalog, 2)))
    alternatives = Alternatives(catalog)
    high[:, alternatives.alt_skill] = low[:, alternatives.alt_skill]
    a, b = low.copy(), high.copy()
    implication.apply(a)
    implication.apply(b)
    assert (b >= a).all()
    again = a.copy()
    assert len(implication.apply(again).rows) == 0
    np.testing.assert_array_equal(again, a)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_counting_raises_the_same_levels_as_the_cells_it_does_not_record(catalog, data):
    """What files use (count) and what the API shows (apply) agree, across row blocks too."""
    implication = Implication(catalog)
    implication.BLOCK_ROWS = data.draw(st.integers(1, 3))
    said = data.draw(rows(catalog, data.draw(st.integers(0, 7))))
    rated = data.draw(arrays(bool, said.shape))
    shown, counted = said.copy(), said.copy()
    cells = implication.apply(shown, rated)
    counts = implication.count(counted, rated)
    np.testing.assert_array_equal(counted, shown)
    np.testing.assert_array_equal(counts, np.bincount(cells.rows, minlength=len(said)))
    assert (counted[rated] == said[rated]).all()  # what the person said stays as said


@st.composite
def random_catalogs(draw, max_level: int = MAX_LEVEL) -> Catalog:
    """A catalog of up to 12 skills on a random prerequisite graph, some prerequisites with a stated level, some
    used whenever their dependent is (``in_use``).

    Catalog order is shuffled against the graph's order, so ties between sources are tested too. Its level
    scale runs 0..``max_level``.
    """
    n = draw(st.integers(1, 12))
    ids = [f"s{i}" for i in draw(st.permutations(range(n)))]
    skills = []
    for i, sid in enumerate(ids):
        prerequisites = draw(st.lists(st.sampled_from(ids[:i]), unique=True, max_size=4)) if i else []
        stated = {p: draw(st.integers(1, max_level)) for p in prerequisites if draw(st.booleans())}
        in_use = frozenset(p for p in prerequisites if draw(st.booleans()))
        skills.append(
            Skill(
                sid,
                sid,
                "m",
                "",
                tuple(prerequisites),
                (1.0,) * max_level,
                prerequisite_levels=stated,
                prerequisites_in_use=in_use,
            )
        )
    order = draw(st.permutations(skills))
    levels = tuple(Level(v, f"level {v}", "") for v in range(max_level + 1))
    return Catalog("random", "Random", "", "1", levels, (), tuple(order), ())


# The shipped 0..5 scale, and a shorter one a catalog may declare (issue 19 §2).
any_scale = st.sampled_from([MAX_LEVEL, 3]).flatmap(lambda top: random_catalogs(max_level=top))


@settings(max_examples=60, deadline=None)
@given(catalog=any_scale)
def test_each_pair_implies_what_the_rule_gives_one_skill_held_alone(catalog):
    """The (held skill, prerequisite) tables equal the rule applied edge by edge to a person holding one skill."""
    implication = Implication(catalog)
    n, n_levels = len(catalog.skills), catalog.n_levels
    assert implication.n_levels == n_levels
    tables = np.zeros((n, n, n_levels), dtype=np.int32)  # (held, prerequisite, level held)
    for k, src in enumerate(implication.source):
        tables[src, implication.target[implication.group_of[k]]] = implication.table[
            implication.offset[k] : implication.offset[k] + n_levels
        ]
    for src in range(n):
        for held in range(n_levels):
            alone = np.zeros((1, n), dtype=np.int8)
            alone[0, src] = held
            expected = one_by_one(catalog, alone)[0]
            expected[src] = 0  # a skill is not its own prerequisite
            np.testing.assert_array_equal(tables[src, :, held], expected)


@settings(max_examples=60, deadline=None)
@given(catalog=any_scale, data=st.data())
def test_on_random_graphs_the_pass_equals_the_rule_applied_edge_by_edge(catalog, data):
    levels = data.draw(rows(catalog, data.draw(st.integers(1, 3))))
    got = levels.copy()
    inferred = Implication(catalog).apply(got)
    np.testing.assert_array_equal(got, one_by_one(catalog, levels))
    assert (levels[inferred.rows, inferred.sources] > 0).all()


def test_the_rule(catalog):
    assert implied_level(5, 2) == 2 and implied_level(2, 3) == 2
    assert implied_level(RULE.stated_from - 1, 3) == 0
    assert implied_level(RULE.unstated_from, None) == RULE.unstated_level
    assert implied_level(RULE.unstated_from - 1, None) == 0
    assert experienced_level(RULE.experienced_from) == RULE.experienced_from - 1
    assert experienced_level(RULE.experienced_from - 1) == 0
    # A prerequisite used whenever the skill is: implied at the level held, from the level a stated one is.
    assert implied_level(4, 2, in_use=True) == 4 and implied_level(5, None, in_use=True) == 5
    assert implied_level(RULE.stated_from, 1, in_use=True) == RULE.stated_from
    assert implied_level(RULE.stated_from - 1, 1, in_use=True) == 0


def test_running_a_product_on_a_hosted_model_is_calling_its_api(engine):
    """Tool calling and the providers' platforms are done through a model's API: used at work (3), the API is read
    at 3 too, not at the 2 tool calling needs to start; a course-level mention (1) implies nothing."""
    read = engine.parse(
        [
            {"skills": [{"name": "function calling", "level": 3}]},
            {"skills": [{"name": "Azure OpenAI", "level": 4}]},
            {"skills": [{"name": "function calling", "level": 1}]},
        ]
    )
    llm_apis = read.levels[:, engine.catalog.skill_ids.index("llm-apis")]
    assert llm_apis.tolist() == [3, 4, 0]


def test_loading_open_models_at_work_is_knowing_what_they_are(engine):
    """Hugging Face starts from the Gen AI orientation (fundamentals at 1): used on real work (3) it reads the
    fundamentals at 2, at a course's level (2) at 1, and a mention (1) implies nothing."""
    read = engine.parse([{"skills": [{"name": "Hugging Face", "level": level}]} for level in (3, 2, 1)])
    genai = read.levels[:, engine.catalog.skill_ids.index("genai-fundamentals")]
    assert genai.tolist() == [2, 1, 0]


def test_experience_does_not_fade_along_a_chain(catalog, implication):
    """Held at 5, every skill it builds on, however far down, is read at 4 at least."""
    index = {sid: i for i, sid in enumerate(catalog.skill_ids)}
    deepest = max(catalog.skills, key=lambda s: len(ancestors(catalog, s.id)))
    levels = np.zeros((1, len(catalog.skills)), dtype=np.int8)
    levels[0, index[deepest.id]] = 5
    implication.apply(levels)
    assert len(ancestors(catalog, deepest.id)) >= 5
    assert all(levels[0, index[a]] >= 4 for a in ancestors(catalog, deepest.id))


def test_a_row_of_one_and_many_rows_agree(catalog, implication):
    rng = np.random.default_rng(7)
    levels = rng.integers(0, MAX_LEVEL + 1, size=(3 * Implication.BLOCK_ROWS // 2, len(catalog.skills)), dtype=np.int8)
    together = levels.copy()
    implication.apply(together)
    for r in (0, 1, len(levels) - 1):
        alone = levels[r : r + 1].copy()
        implication.apply(alone)
        np.testing.assert_array_equal(alone[0], together[r])


def test_no_profiles(catalog, implication):
    empty = np.zeros((0, len(catalog.skills)), dtype=np.int8)
    assert len(implication.apply(empty).rows) == 0


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_restricted_cell_implies_nothing_and_rises_to_what_the_rest_implies(catalog, implication, data):
    """A skill held through a restricted form (matching.yaml's up_to) is as if held at 0 for implying, and
    ends at the higher of its own level and what the rest of the row implies of it; the rest of the row is
    raised as without it, and only cells that rose are listed."""
    said = data.draw(rows(catalog, data.draw(st.integers(1, 4))))
    restricted = data.draw(arrays(bool, said.shape))
    # A skill that meets another's prerequisite instead (`or`: another language at 3 for Python) meets it in any
    # form it is held (recommender.alternatives), which changes what the rest implies: the property holds for the
    # others. Found by a seeded run: programming languages restricted at 3 beside Using LLM APIs.
    alternatives = [
        catalog.skill_ids.index(sid)
        for skill in catalog.skills
        for options in skill.prerequisite_alternatives.values()
        for sid, _ in options
    ]
    restricted[:, alternatives] = False
    got, counted = said.copy(), said.copy()
    cells = implication.apply(got, restricted=restricted)
    counts = implication.count(counted, restricted=restricted)
    without = np.where(restricted, 0, said)
    implication.apply(without)
    np.testing.assert_array_equal(got, np.where(restricted, np.maximum(said, without), without))
    np.testing.assert_array_equal(counted, got)
    np.testing.assert_array_equal(counts, np.bincount(cells.rows, minlength=len(said)))
    assert (got[cells.rows, cells.skills] > said[cells.rows, cells.skills]).all()
    assert (cells.levels == got[cells.rows, cells.skills]).all()
    assert np.count_nonzero(got != said) == len(cells.rows)


def _said(catalog, **levels):
    """One row holding ``levels`` (skill id with _ for -), every one of them rated by the person."""
    row = np.zeros((1, len(catalog.skill_ids)), dtype=np.int8)
    for sid, level in levels.items():
        row[0, catalog.skill_ids.index(sid.replace("_", "-"))] = level
    return row, row > 0


@pytest.mark.parametrize("said_lm", [0, 1])
def test_a_prerequisite_said_unused_bounds_what_a_chain_implies_above_it(catalog, implication, said_lm):
    """Model compression at 4 implies GPT at 3 along the chain; a person who says they only know of language
    models (GPT's prerequisite) at 0-1 is read at GPT one above that, however far the chain reaches."""
    row, rated = _said(catalog, model_compression=4)
    alone = row.copy()
    implication.apply(alone, rated)
    assert alone[0, catalog.skill_ids.index("gpt")] == 3
    row[0, catalog.skill_ids.index("language-models")] = said_lm
    rated[0, catalog.skill_ids.index("language-models")] = True
    counted = row.copy()
    cells = implication.apply(row, rated)
    gpt = catalog.skill_ids.index("gpt")
    assert row[0, gpt] == said_lm + 1
    assert row[0, catalog.skill_ids.index("language-models")] == said_lm  # what was said is kept
    assert row[0, catalog.skill_ids.index("decoder")] == 3  # the rest of the chain is not bounded
    assert gpt in cells.skills.tolist()
    implication.count(counted, rated)
    np.testing.assert_array_equal(counted, row)


def test_a_prerequisite_said_at_beginner_or_above_bounds_nothing(catalog, implication):
    """Only a prerequisite said unused (0) or only known of (1) bounds: a JAX engineer's PyTorch at 2 does not
    hold back the training strategies their distributed training implies."""
    row, rated = _said(catalog, model_compression=4, language_models=2)
    implication.apply(row, rated)
    assert row[0, catalog.skill_ids.index("gpt")] == 3


def test_a_prerequisite_credited_through_a_restricted_form_bounds_nothing(catalog, implication):
    """A restricted credit is held aside at 0 while raising: it says nothing of the whole skill, so it bounds
    nothing above it (it is raised to what the rest implies, as before)."""
    row, rated = _said(catalog, model_compression=4, language_models=1)
    restricted = np.zeros_like(rated)
    restricted[0, catalog.skill_ids.index("language-models")] = True
    implication.apply(row, rated, restricted)
    assert row[0, catalog.skill_ids.index("gpt")] == 3


# ---------------------------------------------------------------------------
# Through the shared parse path
# ---------------------------------------------------------------------------


def test_a_bert_pretrainer_is_not_taught_the_encoder_from_zero(engine, catalog):
    (parsed,) = engine.parse([{"skills": [{"name": "BERT", "level": 5}]}]).parsed
    inferred = {i["skill"]: i for i in parsed.inferred}
    # Pretraining BERT at expert level means working with the encoder at advanced level at least.
    assert inferred["encoder"] == {"skill": "encoder", "level": 4, "from_skill": "bert"}
    assert {"self-attention", "embeddings", "pytorch", "python"} <= set(inferred)
    assert all(i["from_skill"] == "bert" for i in parsed.inferred)


def test_rating_a_chat_product_does_not_hold_back_what_other_skills_imply(engine):
    """ "ChatGPT" is Gen AI fundamentals up to 1, a restricted form; beside RAG at 4 the fundamentals are implied
    at 3, and the plan is the one the profile gets without ChatGPT."""
    rag = {"name": "RAG", "level": 4}
    with_chatgpt, without = engine.recommend_many(
        [
            {"skills": [{"name": "ChatGPT", "level": 4}, rag], "target_role": "software-developer"},
            {"skills": [rag], "target_role": "software-developer"},
        ]
    )
    assert {"skill": "genai-fundamentals", "level": 3, "from_skill": "rag"} in with_chatgpt["profile"]["inferred"]
    assert with_chatgpt["plan"]["steps"] == without["plan"]["steps"]


def test_what_a_person_said_wins_over_what_is_implied(engine):
    batch = engine.parse([{"skills": [{"name": "BERT", "level": 5}, {"name": "encoder", "level": 1}]}])
    levels = dict(zip(engine.arrays.skill_ids, batch.levels[0].tolist(), strict=True))
    assert levels["encoder"] == 1
    assert "encoder" not in {i["skill"] for i in batch.parsed[0].inferred}


def test_a_cohort_and_its_rows_one_by_one_infer_the_same(engine):
    requests = [
        {"skills": [{"name": "deep learning", "level": 4}]},
        {"skills": [{"name": "RAG", "level": 3}, {"name": "python", "level": 1}]},
        {"skills": [{"name": "rag", "level": 9}]},  # invalid: nothing inferred
        {"skills": []},
    ]
    batch = engine.parse(requests)
    for r, request in enumerate(requests):
        alone = engine.parse([request])
        np.testing.assert_array_equal(alone.levels[0], batch.levels[r])
        assert alone.parsed[0].inferred == batch.parsed[r].inferred
    assert batch.parsed[2].inferred == [] and not batch.levels[2].any()


def test_the_plan_starts_from_the_inferred_level(engine):
    response = engine.recommend({"skills": [{"name": "deep learning", "level": 4}], "limit": 1000})
    inferred = {i["skill"]: i["level"] for i in response["profile"]["inferred"]}
    assert inferred["ml-fundamentals"] >= 2
    for step in response["plan"]["steps"]:
        if step["skill"] in inferred:
            assert step["from_level"] >= inferred[step["skill"]]


def test_a_skill_used_through_a_no_code_interface_implies_none_of_its_prerequisites(engine):
    """Stable Diffusion through a web UI is credited up to 2 and says nothing of the Python and deep learning
    the skill builds on; the same skill named in full does."""
    ui, code = engine.parse(
        [
            {"skills": [{"name": "Stable Diffusion in ComfyUI", "level": 3}]},
            {"skills": [{"name": "Stable Diffusion with diffusers", "level": 3}]},
        ]
    ).parsed
    assert [(m["skill"], m["level"]) for m in ui.matched] == [("stable-diffusion", 2)]
    assert ui.inferred == []
    assert [(m["skill"], m["level"]) for m in code.matched] == [("stable-diffusion", 3)]
    assert {"python", "dl-fundamentals"} <= {i["skill"] for i in code.inferred}


def test_a_restricted_form_beside_the_full_skill_rated_higher_implies_as_the_skill(engine):
    (parsed,) = engine.parse(
        [{"skills": [{"name": "ComfyUI", "level": 2}, {"name": "Stable Diffusion with diffusers", "level": 3}]}]
    ).parsed
    assert {"python", "dl-fundamentals"} <= {i["skill"] for i in parsed.inferred}


def test_a_prerequisite_needed_past_a_level_is_implied_only_above_it(engine):
    """RAG needs a vector database past a first app (``beyond: 2``): a first RAG app over an in-memory index says
    nothing of vector databases; RAG used at work (3) implies them at the level needed."""
    beyond = engine.catalog.skill("rag").prerequisites_beyond["vector-databases"]
    first_app, at_work = engine.parse(
        [{"skills": [{"name": "rag", "level": beyond}]}, {"skills": [{"name": "rag", "level": beyond + 1}]}]
    ).parsed
    assert "vector-databases" not in {i["skill"] for i in first_app.inferred}
    assert "embeddings" in {i["skill"] for i in first_app.inferred}
    inferred = {i["skill"]: i["level"] for i in at_work.inferred}
    assert inferred["vector-databases"] == engine.catalog.skill("rag").prerequisite_levels["vector-databases"]


def _said(catalog, **levels) -> tuple[np.ndarray, np.ndarray]:
    index = {sid: i for i, sid in enumerate(catalog.skill_ids)}
    row = np.zeros((1, len(catalog.skills)), dtype=np.int8)
    for sid, level in levels.items():
        row[0, index[sid.replace("_", "-")]] = level
    return row, row > 0


def test_two_skills_said_at_work_along_different_lines_imply_what_they_share_at_their_level(catalog, implication):
    """Supervised fine-tuning at 3 alone reads deep learning at 2; fine-tuning and training objectives at 3 (a masked
    language model written and trained) read it at 3, and machine-learning fundamentals with it."""
    index = {sid: i for i, sid in enumerate(catalog.skill_ids)}
    alone, said = _said(catalog, supervised_fine_tuning=3)
    implication.apply(alone, said)
    assert alone[0, index["dl-fundamentals"]] == 2
    both, said = _said(catalog, supervised_fine_tuning=3, training_objectives=3)
    inferred = implication.apply(both, said)
    assert both[0, index["dl-fundamentals"]] == 3 and both[0, index["ml-fundamentals"]] == 3
    assert (said[0, inferred.sources]).all()
    again = both.copy()  # applied again, nothing more is raised
    assert len(implication.apply(again, said).rows) == 0
    # At 4 and 3, the lower of the two: 3.
    mixed, said = _said(catalog, supervised_fine_tuning=4, training_objectives=3)
    implication.apply(mixed, said)
    assert mixed[0, index["dl-fundamentals"]] == 3
    # What was implied, not said, corroborates nothing: the same levels unrated read as one skill does.
    unsaid, _ = _said(catalog, supervised_fine_tuning=3, training_objectives=3)
    implication.apply(unsaid)
    assert unsaid[0, index["dl-fundamentals"]] == 2


@pytest.mark.parametrize("framework", ["pytorch", "dl-frameworks-other"])
@pytest.mark.parametrize("level", [2, 3, 4])
def test_a_deep_learning_framework_in_use_is_deep_learning_at_its_level(catalog, implication, framework, level):
    """Training networks in PyTorch, TensorFlow, Keras or JAX is deep learning in use (``in_use`` on the edge,
    session 44): the framework at 3 alone reads deep learning at 3, not one below as a skill built on it would."""
    index = {sid: i for i, sid in enumerate(catalog.skill_ids)}
    row, said = _said(catalog, **{framework.replace("-", "_"): level})
    implication.apply(row, said)
    assert row[0, index["dl-fundamentals"]] == level


def test_two_skills_along_one_line_are_one_practice(catalog, implication):
    """Hugging Face and task-specific fine-tuning at 4 both reach the decoder only through language models: they
    say language models, not the decoder, at 4."""
    index = {sid: i for i, sid in enumerate(catalog.skill_ids)}
    row, said = _said(catalog, hugging_face=4, supervised_fine_tuning=4)
    implication.apply(row, said)
    assert row[0, index["decoder"]] == 3
    # A skill the person rated keeps its level.
    rated, said = _said(catalog, pytorch=3, training_objectives=3, dl_fundamentals=1)
    implication.apply(rated, said)
    assert rated[0, index["dl-fundamentals"]] == 1


def test_what_one_row_said_never_corroborates_the_next_rows_claim():
    """A held skill whose pair implies nothing at its level records no corroboration: the group is never claimed,
    so nothing would reset it before the next row (a custom catalog's table may hold 0 at a high level)."""
    from recommender import kernels

    # Skills A (0) and B (1) each build on X (2) along their own line (via 10 and 11), one group targeting X.
    # A's pair implies nothing at any level; B's implies X at 2 from B at 3.
    table = np.array([[0, 0, 0, 0, 0, 0], [0, 0, 0, 2, 2, 2]], dtype=np.int32).reshape(-1)
    levels = np.array([[4, 0, 0], [0, 3, 0]], dtype=np.int8)
    rated = np.array([[True, False, False], [False, True, False]])
    raised_by = np.empty((2, 1), dtype=np.int64)
    kernels.imply_rows(
        levels, rated, rated.copy(), np.array([0, 1, 2, 2], dtype=np.intp), np.array([0, 1], dtype=np.intp),
        np.array([0, 0], dtype=np.intp), np.array([2], dtype=np.intp), table, np.array([0, 6], dtype=np.intp),
        np.zeros(4, dtype=np.intp), np.empty(0, dtype=np.intp), 1, 3, np.array([10, 11], dtype=np.int64), raised_by,
    )  # fmt: skip
    assert levels[0].tolist() == [4, 0, 0]  # A implies nothing, even at 4
    assert levels[1].tolist() == [0, 3, 2]  # one practice at 3 says X at 2, not A's 4 of the row before


def test_a_level_two_lines_corroborate_names_a_source_held_at_that_level(catalog, implication, engine):
    """PyTorch at 3 beside task-specific fine-tuning and BERT at 4: the Python level the two practices corroborate
    is recorded as coming from a skill held at least at it, never from PyTorch at 3 (the single best claim)."""
    row, said = _said(catalog, pytorch=3, supervised_fine_tuning=4, bert=4)
    inferred = implication.apply(row, said)
    for r, skill, level, source in zip(*(x.tolist() for x in inferred), strict=True):
        assert level <= row[r, source], (catalog.skill_ids[skill], level, catalog.skill_ids[source])
    answer = engine.recommend({"skills": [{"name": "PyTorch", "level": 3}, {"name": "fine-tuned BERT", "level": 4}]})
    levels = {e["skill"]: e["level"] for e in answer["profile"]["matched"] if "skill" in e}
    levels.update({i["skill"]: i["level"] for i in answer["profile"]["inferred"]})
    assert all(i["level"] <= levels[i["from_skill"]] for i in answer["profile"]["inferred"])
