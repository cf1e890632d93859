"""Running a WSGI app under gunicorn, with a JSON-lines access log, safe from slow clients.

Used by ``careerpath serve`` and by ``benchmarks/bench_api.py`` (so the baseline app
is served exactly the same way).

Slow clients (docs/security.md, "Slow clients"): gunicorn's sync worker spends a whole
process on a connection until its request has arrived, so two idle half-sent requests
stopped a 2-CPU server. The workers here are gunicorn's gevent workers: a connection
waiting for bytes holds a greenlet (a few KB), not a process. The request head must
arrive within ``HEADER_TIMEOUT`` seconds (gunicorn's keepalive, which the gevent worker
applies to reading every request's head), and :class:`ReadBodyFirst` reads the whole
body, each read within ``BODY_READ_TIMEOUT`` and all of it within ``BODY_TIMEOUT``, before the app runs: no CPU is spent on a
request before it is complete, and the app always sees a body with a length.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import time
from datetime import UTC, datetime

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

REQUEST_ID_HEADER = "x-request-id"
API_KEY_ENVIRON = "careerpath.api_key"  # set by api.security.auth; kept literal so this module needs no Flask
# A request head (request line and headers) must arrive in full within this many seconds.
HEADER_TIMEOUT = 5
# A body that sends nothing for this many seconds is dropped (408) ...
BODY_READ_TIMEOUT = 10
# ... and so is one still arriving after this many (64 MiB, the largest, at 1 MB/s takes 64 s).
BODY_TIMEOUT = 120
# Connections one worker holds at once, idle or slow ones included (gunicorn's worker_connections).
WORKER_CONNECTIONS = 2000
# Bodies up to this size are buffered in memory; larger ones in a temporary file.
SPOOL_BYTES = 1024 * 1024
_READ_SIZE = 64 * 1024


def default_workers() -> int:
    """One worker per usable CPU: the work is CPU-bound, so more only queue."""
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


class ReadBodyFirst:
    """WSGI middleware: the request body is read in full before the app is called.

    Each read must bring bytes within ``read_timeout`` seconds and the whole body must have
    arrived within ``total_timeout`` (408 otherwise): a client trickling a byte now and then
    cannot hold a connection for hours. At most
    ``max_bytes`` are read: a larger body, announced or chunked, reaches the app with its
    true length and no bytes, so the app answers 413 under its own limit for that path.
    The app then always sees a ``Content-Length`` and never a chunked stream, so it cannot
    score a body cut short. ``deadline(seconds)`` is a context manager that interrupts a
    read (gevent's ``Timeout`` under the gevent worker).
    """

    def __init__(self, app, max_bytes: int, read_timeout: float, deadline, total_timeout: float = BODY_TIMEOUT):
        self.app = app
        self.max_bytes = max_bytes
        self.read_timeout = read_timeout
        self.total_timeout = total_timeout
        self.deadline = deadline

    def __call__(self, environ, start_response):
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        announced = _announced_length(environ)
        if not chunked and not announced:
            return self.app(environ, start_response)
        if not chunked and announced > self.max_bytes:
            return self.app(environ, start_response)  # the app refuses it from the header, unread
        # Flask has read what it needs by the time the app returns, so the buffer can close then.
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as body:
            try:
                size = self._read(environ["wsgi.input"], body, announced if not chunked else None)
            except TimeoutError:
                return _request_timeout(start_response, self.read_timeout, self.total_timeout)
            body.seek(0)
            environ["wsgi.input"] = body if size <= self.max_bytes else io.BytesIO()
            environ["CONTENT_LENGTH"] = str(size)
            environ.pop("HTTP_TRANSFER_ENCODING", None)
            environ["wsgi.input_terminated"] = False
            return self.app(environ, start_response)

    def _read(self, stream, body, length: int | None) -> int:
        """Copy the body into ``body``; its size (one byte over ``max_bytes`` at most: enough to refuse it)."""
        size = 0
        give_up = time.monotonic() + self.total_timeout
        while size <= self.max_bytes and (length is None or size < length):
            want = _READ_SIZE if length is None else min(_READ_SIZE, length - size)
            left = give_up - time.monotonic()
            if left <= 0:
                raise TimeoutError
            with self.deadline(min(self.read_timeout, left)):  # raises TimeoutError
                chunk = stream.read(want)
            if not chunk:
                break
            body.write(chunk)
            size += len(chunk)
        return size


class TakeTurns:
    """WSGI middleware: before each request, the worker serves whatever else is ready.

    gunicorn's gevent worker reads a kept-alive connection's next request without yielding
    when its bytes have already arrived, so a client that always has its next request in
    flight kept a worker to itself while others waited (p99 of 2-4 s at 32 connections in
    ``benchmarks/bench_api.py``). ``pause()`` (``gevent.sleep(0)`` under the gevent worker)
    puts this request behind the connections that were ready before it.
    """

    def __init__(self, app, pause):
        self.app = app
        self.pause = pause

    def __call__(self, environ, start_response):
        self.pause()
        return self.app(environ, start_response)


def _announced_length(environ) -> int:
    try:
        return max(0, int(environ.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def _request_timeout(start_response, read_seconds: float, total_seconds: float):
    body = json.dumps(
        {
            "code": 408,
            "status": "Request Timeout",
            "message": f"The request body did not arrive in time: each part must come within {read_seconds:g} s "
            f"and all of it within {total_seconds:g} s.",
            "errors": {},
        }
    ).encode()
    start_response(
        "408 Request Timeout",
        [("Content-Type", "application/json"), ("Content-Length", str(len(body))), ("Connection", "close")],
    )
    return [body]


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


def gevent_deadline(seconds: float):
    """A context manager that raises TimeoutError in this greenlet after ``seconds``."""
    from gevent import Timeout  # only in the workers' code path: the CLI stays light

    return Timeout(seconds, TimeoutError)


def gevent_yield() -> None:
    """Let every other ready greenlet of this worker run first."""
    from gevent import sleep  # only in the workers' code path: the CLI stays light

    sleep(0)


def serve_wsgi(
    app, *, host: str, port: int, workers: int, log_level: str = "info", max_body: int = 64 * 1024 * 1024
) -> None:
    """Serve ``app`` until SIGTERM/SIGINT; gunicorn lets in-flight requests finish
    (graceful timeout 30 s) before the workers exit. ``max_body``: the largest body any
    path of the app accepts (more is not read; the app answers 413)."""
    Server(
        TakeTurns(ReadBodyFirst(app, max_body, BODY_READ_TIMEOUT, gevent_deadline), gevent_yield),
        {
            "bind": bind_address(host, port),
            "workers": workers,
            # Cooperative workers: a slow or idle connection holds a greenlet, not the process.
            "worker_class": "gevent",
            "worker_connections": WORKER_CONNECTIONS,
            # The gevent worker reads each request head under this timeout (and closes idle kept-alive connections).
            "keepalive": HEADER_TIMEOUT,
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
