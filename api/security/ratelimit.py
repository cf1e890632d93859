"""Rate limits: per API key on ``/v1/``, and limits blueprints declare for themselves.

Blueprints whose requests cost more than most (a cohort is thousands of profiles)
or that anyone can reach (the form) declare a limit of their own with
:func:`limit_blueprint`; this module knows no blueprint by name. On ``/v1/`` a
blueprint's limit counts per key on top of the API-wide one; elsewhere, per client
address.

The limits are settings (:mod:`api.settings`): ``RATE_LIMIT``, ``COHORT_RATE_LIMIT`` and
``FORM_RATE_LIMIT``, in the ``limits`` library's notation (``600/minute`` or
``20/second;600/minute``); ``RATELIMIT_STORAGE_URI`` (``memory://`` counts per worker
process, ``redis://host:6379`` shares counts between workers and servers) and the other
``RATELIMIT_*`` settings keep flask-limiter's names and meanings.

A refused request gets 429 in the one error shape with ``Retry-After`` (seconds).

The policy is one ``before_request`` hook on top of the ``limits`` library (the
counters flask-limiter itself keeps): the limits are parsed once, at start-up, and a
request costs one or two counter hits. flask-limiter spent ~0.45 ms per request
resolving, filtering and scoping its limits again on every request, twice what the
minimal benchmark app spends on a whole request. In Redis, counters are kept by
limits under the keys flask-limiter used, so shared counts carry over.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from typing import NamedTuple

from flask import request
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import STRATEGIES as STRATEGY_CLASSES
from werkzeug.exceptions import TooManyRequests

from api.security.auth import ENVIRON_KEY as KEY_NAME
from api.security.auth import PROTECTED_PREFIX
from api.settings import ConfigError

EXTENSION = "careerpath.limiter"
KEY_PREFIX = "careerpath"
API_SCOPE = "v1"  # one budget shared by every /v1/ endpoint
# While the storage is unreachable it is probed again after 1, 2, 4 ... 32 seconds, then from 1 again.
MAX_BACKEND_CHECKS = 5
# How often expired in-memory counters are dropped (see memory_storage).
SWEEP_SECONDS = 1.0
# Where the hook leaves the seconds for the after_request hook, which sets Retry-After on
# whichever response the 429 became (the JSON error, or the form's page).
_RETRY_AFTER = "careerpath.retry_after"


class Limit(NamedTuple):
    """One parsed limit: what it counts (``scope``; None: the endpoint) and what a refusal says."""

    item: RateLimitItem
    scope: str | None
    what: str


class Declared(NamedTuple):
    """A limit a blueprint declares for itself: the setting that holds it, what it counts, which methods
    and which of its endpoints it leaves out."""

    setting: str
    what: str
    methods: frozenset[str] | None  # None: every method
    exempt: frozenset[str]  # endpoint names within the blueprint


class OwnLimits(NamedTuple):
    """A blueprint's own limits, parsed: alone (off ``/v1/``) and with the API-wide limit (on it)."""

    methods: frozenset[str] | None
    exempt: frozenset[str]
    alone: list[Limit]
    with_api: list[Limit]

    def applies(self, method: str, endpoint: str) -> bool:
        return (self.methods is None or method in self.methods) and endpoint.rpartition(".")[2] not in self.exempt


def limit_blueprint(
    blueprint, setting: str, what: str, methods: tuple[str, ...] | None = None, exempt: tuple[str, ...] = ()
) -> None:
    """Declare that ``blueprint``'s requests (of ``methods``; all by default; but those of the
    endpoints in ``exempt``) count against the limit in the config key ``setting`` too; ``what``
    names them in the 429 message."""
    declared = Declared(setting, what, frozenset(methods) if methods else None, frozenset(exempt))

    def register(state) -> None:
        limits = state.app.extensions.get(EXTENSION)
        if limits is not None:  # None: rate limiting is switched off
            limits.add_own(state.name, declared, state.app.config)

    blueprint.record_once(register)


def memory_storage(uri: str = "memory://", **options) -> MemoryStorage:
    """limits' ``memory://`` storage, dropping expired counters inline once a second rather than from a thread.

    MemoryStorage starts a 10 ms timer thread to drop expired counters whenever none is
    running: under steady traffic a new thread every few requests. Under gunicorn's
    gevent workers that cost 0.10 ms of CPU a request (1.36 -> 1.26 ms per request in a
    worker under wrk, docs/performance.md), more than counting the request. Counters are
    checked for expiry when read either way; the sweep only keeps abandoned keys from
    piling up. This replaces a private method (on the instance: a subclass would have
    limits wrap its methods twice), which the profile justifies; a limits release without
    it keeps its own timer threads.
    """
    storage = MemoryStorage(uri, **options)
    expire = getattr(storage, "_MemoryStorage__expire_events", None)
    if expire is not None and hasattr(storage, "_MemoryStorage__schedule_expiry"):
        next_sweep = 0.0

        def sweep_now_and_then() -> None:
            nonlocal next_sweep
            now = time.monotonic()
            if now >= next_sweep:
                next_sweep = now + SWEEP_SECONDS
                expire()

        storage._MemoryStorage__schedule_expiry = sweep_now_and_then
    return storage


class RateLimits:
    """The app's limits, its storage and the in-memory fallback for when the storage is down."""

    def __init__(self, app, logger: logging.Logger):
        config = app.config
        self.log = logger
        strategy = STRATEGY_CLASSES[config["RATELIMIT_STRATEGY"]]
        uri = str(config["RATELIMIT_STORAGE_URI"])
        options = config["RATELIMIT_STORAGE_OPTIONS"]

        def in_memory(memory_uri="memory://", **memory_options):
            return strategy(memory_storage(memory_uri, **memory_options))

        if uri.startswith("memory://"):
            self.storage = None  # nothing that can be unreachable
            self.limiter = in_memory(uri, **options)
        else:
            self.storage = storage_from_string(uri, **options)
            try:
                self.limiter = strategy(self.storage)
            except NotImplementedError:
                raise ConfigError(
                    f"CAREERPATH_RATELIMIT_STRATEGY {config['RATELIMIT_STRATEGY']!r} is not supported "
                    f"by the storage {uri!r}"
                ) from None
        fallback = config["RATELIMIT_IN_MEMORY_FALLBACK_ENABLED"]
        if fallback is None:  # a shared storage down must not mean 500s: count in memory until it is back
            fallback = self.storage is not None
        self.fallback = in_memory() if fallback and self.storage is not None else None
        self.storage_dead = False
        self._checks = 0
        self._last_check = 0.0
        self._lock = threading.Lock()

        # Checked in order of their windows, shortest first; the first one refused stops.
        self.api = sorted(_limits(config["RATE_LIMIT"], API_SCOPE, "requests"), key=_window)
        self.own: dict[str, OwnLimits] = {}  # by blueprint name

    def add_own(self, blueprint: str, declared: Declared, config) -> None:
        """Count ``blueprint``'s requests against the limit it declared, as well."""
        own = _limits(config[declared.setting], None, declared.what)
        # A stable sort: the API-wide limit before the blueprint's own of the same window.
        self.own[blueprint] = OwnLimits(
            declared.methods, declared.exempt, sorted(own, key=_window), sorted(self.api + own, key=_window)
        )

    def check(self) -> None:
        """``before_request``: count the request against its limits; 429 over one of them."""
        method = request.method
        if method == "OPTIONS":  # preflights are the browser's, not the portal's: never counted
            return
        rule = request.url_rule
        protected = request.path.startswith(PROTECTED_PREFIX)
        if rule is None and not protected:  # no such route (404/405) off /v1/: nothing is run, nothing is counted
            return
        # On /v1/ a 404 counts too: probing paths, or guessing keys on one, spends the same budget.
        endpoint = rule.endpoint if rule is not None else API_SCOPE
        own = self.own.get(endpoint.rpartition(".")[0])
        if own is not None and not own.applies(method, endpoint):
            own = None
        environ = request.environ
        if protected:
            name = environ.get(KEY_NAME)  # the key's name, set by api.security.auth before this hook
            limits = self.api if own is None else own.with_api
        elif own is not None:
            name, limits = None, own.alone
        else:
            return
        who = f"key:{name}" if name else f"addr:{environ.get('REMOTE_ADDR') or '127.0.0.1'}"
        refused = self._hit(limits, who, endpoint)
        if refused is not None:
            limit, seconds = refused
            environ[_RETRY_AFTER] = seconds
            by = "this API key" if name else "this address"
            raise TooManyRequests(
                f"Too many {limit.what} from {by} (limit: {limit.item}); retry after the seconds in Retry-After."
            )

    def _hit(self, limits: list[Limit], who: str, endpoint: str) -> tuple[Limit, int] | None:
        """Count one request against each limit in turn; the first refusal and its Retry-After, or None."""
        if self.storage_dead:
            self._maybe_revive()
        limiter = self.fallback if self.storage_dead else self.limiter
        try:
            return _hit(limiter, limits, who, endpoint)
        except Exception:
            if self.fallback is None or self.storage_dead:
                raise
            # Counting must not fail requests: each worker counts in memory until the storage is back.
            self.log.warning("Rate limit storage unreachable: counting in memory, per worker, until it is back")
            self.storage_dead = True
            self._checks, self._last_check = 0, time.time()
            return _hit(self.fallback, limits, who, endpoint)

    def _maybe_revive(self) -> None:
        with self._lock:
            if self._checks > MAX_BACKEND_CHECKS:
                self._checks = 0
            now = time.time()
            if now - self._last_check <= 2**self._checks:
                return
            self._last_check = now
            self._checks += 1
        try:
            alive = self.storage.check()
        except Exception:
            alive = False
        if alive:
            self.log.info("Rate limit storage is reachable again")
            self.storage_dead = False


def _hit(limiter, limits: list[Limit], who: str, endpoint: str) -> tuple[Limit, int] | None:
    for limit in limits:
        keys = (KEY_PREFIX, who, limit.scope or endpoint)
        if not limiter.hit(limit.item, *keys):
            reset = limiter.get_window_stats(limit.item, *keys).reset_time
            # a fixed window's reset_time is a whole second: the ceiling could overshoot the window by one
            seconds = min(math.ceil(reset - time.time()), limit.item.get_expiry())
            return limit, max(1, seconds)
    return None


def _limits(value, scope: str | None, what: str) -> list[Limit]:
    return [Limit(item, scope, what) for item in parse_many(str(value))]


def _window(limit: Limit) -> int:
    return limit.item.GRANULARITY.seconds


def _retry_after(response):
    """``Retry-After`` on the 429s of the limits (the JSON error or the form's page alike)."""
    if response.status_code == 429 and "Retry-After" not in response.headers:
        response.headers["Retry-After"] = str(request.environ.get(_RETRY_AFTER, 1))
    return response


def init_app(app) -> RateLimits | None:
    """Rate-limit ``app``. Call after :func:`api.security.auth.init_app`: before_request hooks run in the order they
    were registered, and the key name must be known before requests are counted.
    """
    if not app.config["RATELIMIT_ENABLED"]:
        app.extensions[EXTENSION] = None
        return None
    limits = RateLimits(app, app.logger)
    app.extensions[EXTENSION] = limits
    app.before_request(limits.check)
    app.after_request(_retry_after)
    return limits
