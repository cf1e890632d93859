"""The ``careerpath`` command line: one module per command, loaded when that command runs.

``careerpath skills`` need not import Flask, and ``careerpath keys`` need not load the
engine, so the group imports a command's module only when the command is asked for
(click's documented lazy-loading pattern).
"""

from __future__ import annotations

import importlib
import os

import click

# Command name -> "module:attribute" of its click command.
COMMANDS = {
    "skills": "api.cli.catalog:skills_command",
    "validate": "api.cli.catalog:validate_command",
    "recommend": "api.cli.recommend:recommend_command",
    "evaluate": "api.cli.evaluate:evaluate_command",
    "fit": "api.cli.fit:fit_command",
    "serve": "api.cli.serve:serve_command",
    "batch": "api.cli.batch:batch_command",
    "keys": "api.cli.keys:keys_command",
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
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        if cmd_name in OWN_PARALLELISM:
            for var in BLAS_THREADS:
                os.environ.setdefault(var, "1")
        module, _, attribute = target.partition(":")
        return getattr(importlib.import_module(module), attribute)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="careerpath")
def main():
    """careerpath: role fit and learning plans for careers in Gen AI."""
