"""API keys on ``/v1/``: ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``.

Setting ``API_KEYS_FILE`` (``CAREERPATH_API_KEYS_FILE``) switches keys on. From then
on every ``/v1/`` request needs a key from the file, even when the file holds none:
revoking the last key must lock the API, never open it. Without the setting the API
is open and the start-up log says so. ``/health``, ``/openapi.json``, ``/docs`` and the
form are public either way.

The file is re-read when it changes (checked at most once a second, by every worker),
so a key created or revoked with ``careerpath keys`` takes effect within
``API_KEYS_RELOAD_SECONDS`` without restarting the server (see :class:`KeyRing`).

The key's *name* is what the rest of the app sees, in the WSGI environ: rate limits
count per name and the access log writes it. The key itself is never stored, echoed
or logged.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from flask import current_app, request
from flask_smorest import abort

from api.security.keys import KeyFileError, KeyStore, load_keys, parse_keys, read_key_file, readable_by_others
from api.settings import ConfigError

EXTENSION = "careerpath.keys"
# The access log (api.server.JsonAccessLogger) reads the key's name from here.
ENVIRON_KEY = "careerpath.api_key"
PROTECTED_PREFIX = "/v1/"
REALM = 'Bearer realm="careerpath"'


class KeyRing:
    """The key file's current keys, re-read every ``reload_seconds``.

    Each worker reads the file itself, on the first request after ``reload_seconds`` have
    passed, and compares its contents (not its time stamp, which a quick rewrite can leave
    unchanged): a key revoked with ``careerpath keys revoke`` is refused by every worker
    within ``API_KEYS_RELOAD_SECONDS`` (1 s by default) of the file changing.

    A file that becomes broken after start-up (a bad line, half-written, deleted, not
    readable) never keeps a revoked key alive: only keys that were in force *and* are
    still written on a well-formed line stay in force, and the log says so once. A key
    missing from the file is refused, so a deleted or unreadable file refuses every key.
    """

    def __init__(self, path: str | os.PathLike, reload_seconds: float, logger=None):
        self.path = Path(path)
        self.log = logger or logging.getLogger(__name__)
        self.reload_seconds = reload_seconds
        self._lock = threading.Lock()
        self._checked = time.monotonic()
        self._text = read_key_file(self.path)  # KeyFileError at start-up: the server must not start
        self._store = self._good = load_keys(self.path)
        self._broken = False

    @property
    def store(self) -> KeyStore:
        now = time.monotonic()
        if now - self._checked >= self.reload_seconds:
            with self._lock:
                if now - self._checked >= self.reload_seconds:
                    self._checked = now
                    self._reload_if_changed()
        return self._store

    def _reload_if_changed(self) -> None:
        try:
            text = read_key_file(self.path)
        except KeyFileError as exc:
            text, found, problems = None, KeyStore(()), [str(exc)]
        else:
            if text == self._text:
                return
            found, problems = parse_keys(text, self.path)
        self._text = text
        if not problems:
            self._store = self._good = found
            self._broken = False
            self.log.info("API keys: reloaded %s (%d key(s))", self.path, len(found.entries))
            return
        # Broken: keep only the keys in force before that are still written as they were.
        self._store = KeyStore(tuple(entry for entry in self._good.entries if entry in found.entries))
        if not self._broken:
            self.log.error(
                "API keys: %s; only the %d key(s) in force before and still in the file stay in force",
                problems[0],
                len(self._store.entries),
            )
            self._broken = True

    def verify(self, key: str | None) -> str | None:
        return self.store.verify(key)


def presented_key() -> str | None:
    """The key the request carries, if any: a Bearer token first, else ``X-API-Key``."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return request.headers.get("X-API-Key", "").strip() or None


# Where _identify leaves a refused request's 401 for _refuse, which runs after the rate limiter:
# requests with a wrong key count against their address's budget, so guessing keys is throttled too.
_REFUSAL = "careerpath.refusal"


def _identify() -> None:
    ring: KeyRing | None = current_app.extensions.get(EXTENSION)
    # Preflights carry no credentials by design (CORS), so they must pass to be answered.
    if ring is None or request.method == "OPTIONS" or not request.path.startswith(PROTECTED_PREFIX):
        return
    key = presented_key()
    name = ring.verify(key)
    request.environ[ENVIRON_KEY] = name  # None: logged as a refused request without a name
    if name is None:
        request.environ[_REFUSAL] = "missing" if key is None else "invalid"


def _refuse() -> None:
    refusal = request.environ.get(_REFUSAL)
    if refusal == "missing":
        abort(
            401,
            message="This API needs a key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.",
            headers={"WWW-Authenticate": REALM},
        )
    if refusal == "invalid":
        abort(
            401,
            message="The API key is not valid: it is mistyped or was revoked.",
            headers={"WWW-Authenticate": f'{REALM}, error="invalid_token"'},
        )


def init_app(app) -> None:
    """Load the key file named by ``API_KEYS_FILE`` (if set) and find each ``/v1/`` request's key name.

    Must be registered before the rate limiter's hook, which counts per key name (per
    address when there is none); :func:`refuse_init_app` after it answers the 401s.
    """
    path = app.config["API_KEYS_FILE"]
    if path is None:
        app.extensions[EXTENSION] = None
        app.logger.warning(
            "API keys are not configured (CAREERPATH_API_KEYS_FILE): the /v1/ API is open to anyone who can reach it"
        )
        return  # nothing to check, on any request
    try:
        ring = KeyRing(path, app.config["API_KEYS_RELOAD_SECONDS"], app.logger)
    except KeyFileError as exc:
        raise ConfigError(f"CAREERPATH_API_KEYS_FILE: {exc}") from None
    app.extensions[EXTENSION] = ring
    if readable_by_others(path):
        app.logger.warning(
            "API keys: %s can be read or written by other users; make it owner-only (chmod 600 %s)", path, path
        )
    count = len(ring.store.entries)
    if count:
        app.logger.info("API keys: %d key(s) from %s; /v1/ needs one", count, path)
    else:
        app.logger.warning("API keys: %s holds no keys; every /v1/ request is refused until one is created", path)
    app.before_request(_identify)


def refuse_init_app(app) -> None:
    """Answer 401 to a ``/v1/`` request without a valid key: after the rate limiter has counted it."""
    if app.extensions.get(EXTENSION) is not None:
        app.before_request(_refuse)
