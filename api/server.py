"""Running a WSGI app under gunicorn, with a JSON-lines access log.

Used by ``careerpath serve`` and by ``benchmarks/bench_api.py`` (so the baseline app
is served exactly the same way).
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

REQUEST_ID_HEADER = "x-request-id"
API_KEY_ENVIRON = "careerpath.api_key"  # set by api.security.auth; kept literal so this module needs no Flask


def default_workers() -> int:
    """One sync worker per usable CPU: the work is CPU-bound, so more only queue."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class JsonAccessLogger(Logger):
    """gunicorn's logger with one JSON object per request on the access log.

    Only method, path, status, duration, request id and, when API keys are on, the
    key's name are written: never the query string, headers or body, which may carry
    a person's profile or a key.
    """

    def access(self, resp, req, environ, request_time):
        if not self.cfg.accesslog:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        request_id = next((v for k, v in resp.headers if k.lower() == REQUEST_ID_HEADER), None)
        record = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "status": int(status),
            "duration_ms": round(request_time.total_seconds() * 1000, 2),
            "request_id": request_id,
        }
        if API_KEY_ENVIRON in environ:  # keys are configured and this was a /v1/ request
            record["key"] = environ[API_KEY_ENVIRON]  # the key's name (None: refused); never the key
        try:
            self.access_log.info(json.dumps(record))
        except Exception:  # a log line must never take a worker down
            self.exception("could not write the access log")


# Settings only recent gunicorn versions have; skipped, not an error, on older ones.
_NEWER_SETTINGS = frozenset({"control_socket_disable"})


class Server(BaseApplication):
    """gunicorn serving an app that was built before the workers fork.

    Building the app in the master (like gunicorn's ``--preload``) loads the catalog
    and the model once, shares them copy-on-write, and fails fast with a readable
    message instead of workers failing to boot one after another.
    """

    def __init__(self, app, options: dict):
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            if key in _NEWER_SETTINGS and key not in self.cfg.settings:
                continue  # an older gunicorn without that feature
            self.cfg.set(key, value)

    def load(self):
        return self.application


def bind_address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def serve_wsgi(app, *, host: str, port: int, workers: int, log_level: str = "info") -> None:
    """Serve ``app`` until SIGTERM/SIGINT; gunicorn lets in-flight requests finish
    (graceful timeout 30 s) before the workers exit."""
    Server(
        app,
        {
            "bind": bind_address(host, port),
            "workers": workers,
            "worker_class": "sync",
            "proc_name": "careerpath",
            "accesslog": "-",
            "errorlog": "-",
            "loglevel": log_level.lower(),
            "logger_class": JsonAccessLogger,
            # gunicorn's control socket lives at one path per user, so two servers
            # (tests, the benchmark) would fight over it; nothing here uses it.
            "control_socket_disable": True,
        },
    ).run()
