"""``careerpath recommend``: one profile's fit and plan, as ``POST /v1/recommendations`` gives it."""

from __future__ import annotations

import json

import click

from api.cli.common import CATALOG_OPTION, MODEL_OPTION, RANKING_OPTION
from api.cli.engine import open_engine
from recommender.engine import InputError
from recommender.plan_markdown import plan_markdown


@click.command("recommend")
@click.argument("request_file", type=click.File("r", encoding="utf-8"))
@click.option("--markdown", is_flag=True, help="Print the plan as Markdown to read or keep, not JSON.")
@CATALOG_OPTION
@MODEL_OPTION
@RANKING_OPTION
def recommend_command(request_file, markdown, catalog_dir, model_path, ranking):
    """Print the recommendation for the request JSON in REQUEST_FILE ('-' for stdin).

    The request and response are those of POST /v1/recommendations; --markdown
    prints the same answer for people: fits, how the profile was read, each step
    with its reasons and where to learn it.
    """
    try:
        request = json.load(request_file)
    except json.JSONDecodeError as exc:
        raise click.ClickException(f"{request_file.name}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(request, dict):
        raise click.ClickException(f"{request_file.name}: the request must be a JSON object")
    engine = open_engine(catalog_dir, model_path, ranking)
    try:
        response = engine.recommend(request)
    except InputError as exc:
        click.echo(json.dumps({"errors": exc.errors}, indent=2), err=True)
        raise click.ClickException("the request has errors (listed above)") from None
    click.echo(plan_markdown(response, engine.catalog) if markdown else json.dumps(response, indent=2), nl=not markdown)
