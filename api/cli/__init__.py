"""The ``careerpath`` command line: one module per command, loaded when that command runs.

``careerpath skills`` need not import Flask, and ``careerpath keys`` need not load the
engine, so the group imports a command's module only when the command is asked for
(click's documented lazy-loading pattern); ``careerpath --help`` lists the commands
from :data:`COMMANDS` without importing any.
"""

from __future__ import annotations

import importlib
import os
from typing import NamedTuple

import click


class Command(NamedTuple):
    target: str  # "module:attribute" of the click command
    summary: str  # its first sentence, for careerpath --help without importing every command


COMMANDS = {
    "skills": Command("api.cli.catalog:skills_command", "List the catalog's modules, skills and roles."),
    "validate": Command(
        "api.cli.validate:validate_command",
        "Check a catalog DIRECTORY; if it is broken, list every problem (file, line, fix) and exit 1.",
    ),
    "recommend": Command(
        "api.cli.recommend:recommend_command",
        "Print the recommendation for the request JSON in REQUEST_FILE ('-' for stdin).",
    ),
    "evaluate": Command(
        "api.cli.evaluate:evaluate_command",
        "Cross-validated NDCG@10 of the ranking model against the catalog-order baseline.",
    ),
    "fit": Command(
        "api.cli.fit:fit_command", "Fit the ranking model on reference plans in DATA_PATH and save it to --out."
    ),
    "serve": Command("api.cli.serve:serve_command", "Serve the HTTP API (docs at /docs) until SIGTERM or Ctrl-C."),
    "batch": Command(
        "api.cli.batch:batch_command", "Score every row of INPUT (CSV, JSON Lines or Parquet) into --out."
    ),
    "keys": Command("api.cli.keys:keys_command", "Manage API keys."),
}
# Commands that spread their work over processes or threads of their own: BLAS thread
# pools inside each would only compete with them for the cores. Set before their
# modules import numpy.
OWN_PARALLELISM = frozenset({"serve", "batch"})
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


class LazyGroup(click.Group):
    """A group whose commands are imported from :data:`COMMANDS` on first use."""

    def list_commands(self, ctx) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx, cmd_name):
        command = COMMANDS.get(cmd_name)
        if command is None:
            return None
        if cmd_name in OWN_PARALLELISM:
            for var in BLAS_THREADS:
                os.environ.setdefault(var, "1")
        module, _, attribute = command.target.partition(":")
        return getattr(importlib.import_module(module), attribute)

    def format_help_text(self, ctx, formatter) -> None:
        super().format_help_text(ctx, formatter)
        # The domain's words are the catalog's: read its title only, not the whole catalog.
        from skills.loader import ENV_VAR, catalog_title

        title = catalog_title()
        if title:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(f"Catalog: {title}. Commands take another with --catalog DIR or {ENV_VAR}.")

    def format_commands(self, ctx, formatter) -> None:
        # From the table: listing the commands must not import them all (Flask, the engine, scikit-learn).
        with formatter.section("Commands"):
            formatter.write_dl([(name, COMMANDS[name].summary) for name in self.list_commands(ctx)])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="careerpath")
def main():
    """careerpath: role fit and learning plans on a skill catalog."""
