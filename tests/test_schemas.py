"""The request schema's shortcut for plain skill entries agrees with the nested schema it stands in for."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from marshmallow import ValidationError

from api.v1.schemas import (
    MAX_LEVEL_WORD_LENGTH,
    MAX_NAME_LENGTH,
    RecommendationRequestSchema,
    SkillRatingSchema,
    plain_ratings,
)

NESTED = SkillRatingSchema(many=True)
REQUEST = RecommendationRequestSchema()

# Values near every edge the shortcut checks: lengths, ranges, types that look alike.
names = st.one_of(
    st.text(max_size=5),
    st.text(min_size=MAX_NAME_LENGTH - 1, max_size=MAX_NAME_LENGTH + 1),
    st.sampled_from(["Python", "RAG", " pytorch ", ""]),
    st.integers(),
    st.none(),
    st.binary(max_size=3),
)
levels = st.one_of(
    st.integers(min_value=-2, max_value=7),
    st.floats(allow_nan=True),
    st.sampled_from([3.0, 2.5, True, False, None, "", "   ", " Advanced ", "EXPERT", "3", "ß"]),
    st.text(max_size=4),
    st.text(min_size=MAX_LEVEL_WORD_LENGTH - 1, max_size=MAX_LEVEL_WORD_LENGTH + 2),
    st.lists(st.integers(), max_size=1),
)
entries = st.one_of(
    st.fixed_dictionaries({"name": names, "level": levels}),
    st.fixed_dictionaries({"name": names}, optional={"level": levels, "extra": st.integers()}),
    st.dictionaries(st.sampled_from(["name", "level", "Name", "skill"]), levels, max_size=3),
    st.sampled_from([None, "Python", 3, ["Python", 3]]),
)


def nested_load(value):
    try:
        return NESTED.load(value)
    except ValidationError:
        return "invalid"


@settings(max_examples=400)
@given(st.lists(entries, max_size=6))
def test_plain_entries_load_as_the_nested_schema_loads_them(value):
    plain = plain_ratings(value)
    if plain is not None:  # it only ever answers for input the schema takes, and the same way
        assert plain == nested_load(value)


@given(st.lists(st.fixed_dictionaries({"name": st.text(min_size=1, max_size=30), "level": levels}), max_size=6))
def test_the_shortcut_answers_for_every_valid_plain_profile(value):
    loaded = nested_load(value)
    if loaded != "invalid" and all(type(e["level"]) in (int, str) for e in value):
        assert plain_ratings(value) == loaded


@pytest.mark.parametrize(
    ("skills", "path"),
    [
        ([{"name": "Python", "level": 9}], "skills.0.level"),
        ([{"name": "Python", "level": 3}, {"name": "", "level": 3}], "skills.1.name"),
        ([{"name": "Python", "level": 3, "years": 2}], "skills.0.years"),
        ([{"name": "Python", "level": 3}, "RAG"], "skills.1._schema"),
    ],
)
def test_a_bad_entry_after_good_ones_is_still_named_by_its_path(skills, path):
    with pytest.raises(ValidationError) as info:
        REQUEST.load({"skills": skills})
    entry, _, field = path.split(".", 1)[1].partition(".")
    assert field in info.value.messages["skills"][int(entry)]
