"""The shipped learning resources (skills/data/resources.yaml): shape and coverage, checked offline.

The URLs themselves were checked against stored copies of public pages when the file was written; these
tests check what can be checked without the network: every skill has resources, each is well formed,
and the level bands let a plan stage at any level find something to read.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from skills.catalog import RESOURCE_KINDS

DATA = Path(__file__).resolve().parent.parent / "skills" / "data"
ARXIV = re.compile(r"https://arxiv\.org/abs/\d{4}\.\d{4,5}")


def _load(name: str):
    with (DATA / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


RESOURCES: dict = _load("resources.yaml")
SKILL_IDS = [skill["id"] for skill in _load("skills.yaml")]
MAX_LEVEL = max(level["value"] for level in _load("catalog.yaml")["levels"])  # the top of the catalog's own scale
ENTRIES = [(skill, resource) for skill, resources in RESOURCES.items() for resource in resources]


def _entry_id(entry) -> str:
    skill, resource = entry
    return f"{skill}:{resource['url']}"


def test_every_catalog_skill_has_at_least_two_resources():
    thin = {skill: len(RESOURCES.get(skill) or []) for skill in SKILL_IDS if len(RESOURCES.get(skill) or []) < 2}
    assert not thin, f"skills with fewer than two resources: {thin}"


def test_no_resources_for_unknown_skills():
    assert set(RESOURCES) <= set(SKILL_IDS)


@pytest.mark.parametrize("entry", ENTRIES, ids=_entry_id)
def test_resource_fields(entry):
    _, resource = entry
    assert set(resource) == {"title", "kind", "url", "free", "levels"}
    assert resource["title"].strip() == resource["title"] and resource["title"]
    assert resource["kind"] in RESOURCE_KINDS
    assert type(resource["free"]) is bool
    low, high = resource["levels"]
    assert 1 <= low <= high <= MAX_LEVEL


@pytest.mark.parametrize("entry", ENTRIES, ids=_entry_id)
def test_url_is_well_formed_https(entry):
    _, resource = entry
    parts = urlsplit(resource["url"])
    assert parts.scheme == "https"
    assert "." in parts.hostname and not parts.hostname.startswith(".")
    assert not any(char.isspace() for char in resource["url"])
    assert not parts.fragment, "the page, not an anchor inside it"


@pytest.mark.parametrize("entry", [e for e in ENTRIES if "arxiv.org" in e[1]["url"]], ids=_entry_id)
def test_papers_link_to_the_arxiv_abstract_page(entry):
    _, resource = entry
    assert ARXIV.fullmatch(resource["url"]), "the abstract page (https://arxiv.org/abs/ID), not a PDF or a version"
    assert resource["kind"] == "paper" and resource["free"]


@pytest.mark.parametrize("skill", sorted(RESOURCES))
def test_urls_and_titles_unique_per_skill(skill):
    urls = [resource["url"] for resource in RESOURCES[skill]]
    titles = [resource["title"] for resource in RESOURCES[skill]]
    assert len(urls) == len(set(urls))
    assert len(titles) == len(set(titles))


@pytest.mark.parametrize("skill", sorted(RESOURCES))
def test_bands_cover_every_level(skill):
    """A stage from level a to b picks resources whose band overlaps it, so every level needs one."""
    covered = {level for r in RESOURCES[skill] for level in range(r["levels"][0], r["levels"][1] + 1)}
    assert covered == set(range(1, MAX_LEVEL + 1)), (
        f"levels without a resource: {set(range(1, MAX_LEVEL + 1)) - covered}"
    )


@pytest.mark.parametrize("skill", sorted(RESOURCES))
def test_a_beginner_has_a_free_start(skill):
    """Someone starting from zero can begin without paying."""
    assert any(r["free"] and r["levels"][0] == 1 for r in RESOURCES[skill])
