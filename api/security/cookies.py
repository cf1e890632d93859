"""The form's session cookie (it carries the CSRF token) is ``Secure`` whenever the request came over HTTPS.

Flask marks it ``Secure`` only when ``SESSION_COOKIE_SECURE`` is set, which nobody
remembers to do. Here a request over HTTPS (directly, or through a trusted proxy's
``X-Forwarded-Proto``, :mod:`api.security.proxy`) always gets a ``Secure`` cookie; over
plain HTTP (a laptop, the tests) it could not be sent back if it were.
"""

from __future__ import annotations

from flask import request
from flask.sessions import SecureCookieSessionInterface


class SessionInterface(SecureCookieSessionInterface):
    def get_cookie_secure(self, app) -> bool:
        return super().get_cookie_secure(app) or request.is_secure


def init_app(app) -> None:
    app.session_interface = SessionInterface()
