"""``careerpath keys``: create, list and revoke the API keys of ``CAREERPATH_API_KEYS_FILE``.

A running server re-reads the file within a second of a change, so a new key works,
and a revoked one stops working, without a restart.
"""

from __future__ import annotations

import click

from api.cli.common import EnvOption
from api.security.keys import KeyFileError, create_key, load_keys, revoke_key, tighten

FILE_OPTION = click.option(
    "--file",
    "path",
    cls=EnvOption,
    envvar="CAREERPATH_API_KEYS_FILE",
    required=True,
    type=click.Path(dir_okay=False),
    help="The key file (env CAREERPATH_API_KEYS_FILE, which the server reads too).",
)


def _tighten(path) -> None:
    """An existing key file others can read is made owner-only, and the user is told."""
    if tighten(path):
        click.echo(f"Warning: {path} was readable or writable by other users; it is owner-only (600) now.", err=True)


def _fail(exc: Exception, path):
    message = str(exc) if isinstance(exc, KeyFileError) else f"{path}: {exc.strerror or exc}"
    raise click.ClickException(message) from None


@click.group("keys")
def keys_command():
    """Manage API keys. The file stores only each key's SHA-256 hash, beside its name.

    Rotate a key: create one under a new name, give it to the portal, then revoke the old one.
    """


@keys_command.command("create")
@click.argument("name")
@FILE_OPTION
def create_command(name, path):
    """Create a key called NAME and print it, once: only its hash is stored."""
    try:
        _tighten(path)
        key = create_key(path, name)
    except (KeyFileError, OSError) as exc:  # OSError: e.g. the file's directory does not exist
        _fail(exc, path)
    # The key alone on stdout, so KEY=$(careerpath keys create portal) captures it.
    click.echo(key)
    click.echo(f"Key {name!r} added to {path}. Store it now: it cannot be shown again.", err=True)


@keys_command.command("list")
@FILE_OPTION
def list_command(path):
    """List the keys' names (the keys themselves are not stored)."""
    try:
        _tighten(path)
        store = load_keys(path)
    except (KeyFileError, OSError) as exc:
        _fail(exc, path)
    if not store:
        click.echo(f"no keys in {path}", err=True)
    for name, digest in store.entries:
        # A short fingerprint of the hash tells keys apart in an audit without revealing anything.
        click.echo(f"{name}\t{digest[:15]}…")


@keys_command.command("revoke")
@click.argument("name")
@FILE_OPTION
def revoke_command(name, path):
    """Remove the key called NAME; servers refuse it within a second."""
    try:
        _tighten(path)
        removed = revoke_key(path, name)
    except (KeyFileError, OSError) as exc:
        _fail(exc, path)
    if not removed:
        raise click.ClickException(f"no key named {name!r} in {path}")
    click.echo(f"Key {name!r} revoked.", err=True)
