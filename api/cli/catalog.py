"""``careerpath skills``: the catalog's modules, skills and roles, listed."""

from __future__ import annotations

import json
import sys

import click

from api.cli.common import CATALOG_OPTION, open_catalog


@click.command("skills")
@CATALOG_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")
def skills_command(catalog_dir, as_json):
    """List the catalog's modules, skills and roles."""
    catalog = open_catalog(catalog_dir)
    if as_json:
        json.dump(catalog_as_dict(catalog), sys.stdout, indent=2)
        sys.stdout.write("\n")
        return
    click.echo(f"{catalog.title} (catalog {catalog.name} {catalog.version})\n")
    click.echo("Levels: " + ", ".join(f"{lv.value} {lv.word}" for lv in catalog.levels))
    if catalog.tracks:
        click.echo("Tracks: " + ", ".join(f"{t.name} ({t.id})" for t in catalog.tracks))
    click.echo()
    for module in catalog.modules:
        click.secho(f"{module.name} [{', '.join(filter(None, (module.id, module.track)))}]", bold=True)
        for skill in catalog.module_skills(module.id):
            prereqs = ", ".join(_needed(skill, p) for p in skill.prerequisites) or "-"
            click.echo(f"  {skill.id:<24} {skill.name:<36} needs: {prereqs}")
    click.echo()
    for role in catalog.roles:
        core = sum(rs.tier == "core" for rs in role.skills.values())
        click.secho(f"{role.title} [{role.id}" + (f", track {role.track}]" if role.track else "]"), bold=True)
        click.echo(f"  {len(role.skills)} skills ({core} core): {role.summary}")


def _needed(skill, prerequisite: str) -> str:
    """A prerequisite as the table lists it: its id, and past which level of the skill it is needed, if not from
    the start (``beyond``)."""
    beyond = skill.prerequisites_beyond.get(prerequisite)
    return prerequisite if beyond is None else f"{prerequisite} (past {beyond})"


def catalog_as_dict(catalog) -> dict:
    return {
        "name": catalog.name,
        "title": catalog.title,
        "description": catalog.description,
        "version": catalog.version,
        "levels": [vars(lv) for lv in catalog.levels],
        "tracks": [vars(t) for t in catalog.tracks],
        "modules": [vars(m) for m in catalog.modules],
        "skills": [
            {
                "id": s.id,
                "name": s.name,
                "module": s.module,
                "description": s.description,
                "prerequisites": list(s.prerequisites),
                "prerequisite_levels": dict(s.prerequisite_levels),
                "prerequisites_beyond": dict(s.prerequisites_beyond),
                "hours": list(s.hours),
                "faster_with": [r._asdict() for r in s.faster_with],
                "aliases": list(s.aliases),
                "resources": [vars(r) | {"levels": list(r.levels) if r.levels else None} for r in s.resources],
            }
            for s in catalog.skills
        ],
        "roles": [
            {
                "id": r.id,
                "title": r.title,
                "track": r.track,
                "summary": r.summary,
                "skills": {k: vars(v) for k, v in r.skills.items()},
            }
            for r in catalog.roles
        ],
    }
