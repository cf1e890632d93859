"""The form's session cookie (it carries the CSRF token): ``Secure`` over HTTPS, its signer made once, none on ``/v1/``.

Flask marks the cookie ``Secure`` only when ``SESSION_COOKIE_SECURE`` is set, which nobody
remembers to do. Here a request over HTTPS (directly, or through a trusted proxy's
``X-Forwarded-Proto``, :mod:`api.security.proxy`) always gets a ``Secure`` cookie; over
plain HTTP (a laptop, the tests) it could not be sent back if it were.

Flask opens the session on every request, the JSON API's too, and builds a new signing
serializer each time to do it (17 µs, a third of what the minimal benchmark app spends
on a whole request in-process); it is built once per set of keys instead. The JSON API
keeps no session at all: its requests get Flask's null session, which refuses writes,
without reading a cookie (15 µs of a ``POST /v1/recommendations`` in-process).
"""

from __future__ import annotations

from flask import request
from flask.sessions import SecureCookieSessionInterface

from api.security.auth import PROTECTED_PREFIX


class SessionInterface(SecureCookieSessionInterface):
    def __init__(self):
        self._signers = {}  # (secret key, fallback keys) -> serializer

    def open_session(self, app, req):
        if req.path.startswith(PROTECTED_PREFIX):
            return None  # Flask then gives the request its null session
        return super().open_session(app, req)

    def get_cookie_secure(self, app) -> bool:
        return super().get_cookie_secure(app) or request.is_secure

    def get_signing_serializer(self, app):
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        signer = self._signers.get(keys)
        if signer is None:
            signer = self._signers[keys] = super().get_signing_serializer(app)
        return signer


def init_app(app) -> None:
    app.session_interface = SessionInterface()
