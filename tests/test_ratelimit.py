"""Rate limits: per key on /v1/, lower for cohorts, per address on the form, 429 with Retry-After."""

from __future__ import annotations

import shutil
import subprocess
import time

import pytest
import requests
from api_helpers import assert_error
from limits import parse
from limits.strategies import FixedWindowRateLimiter
from security_helpers import bearer, keyed_app, make_keys
from server_helpers import free_port, kill, start_server
from web_helpers import csrf_token

from api.app import create_app
from api.security import ratelimit
from api.settings import ConfigError

COHORT = {"profiles": [{"id": "m-1", "skills": []}], "steps": 1}


def limited_app(engine, **limits):
    return create_app({"TESTING": True, "ENGINE": engine, **limits})


def assert_limited(response) -> dict:
    body = assert_error(response, 429)
    retry = int(response.headers["Retry-After"])
    assert 1 <= retry <= 60
    return body


def test_v1_requests_share_one_budget_and_429_says_when_to_retry(engine):
    client = limited_app(engine, RATE_LIMIT="3/minute").test_client()
    assert [client.get(p).status_code for p in ("/v1/skills", "/v1/roles", "/v1/skills/rag")] == [200] * 3
    body = assert_limited(client.post("/v1/recommendations", json={"skills": []}))
    assert "3 per 1 minute" in body["message"] and "Retry-After" in body["message"]
    # Public paths are not counted, nor refused.
    assert client.get("/health").status_code == 200
    assert client.get("/openapi.json").status_code == 200
    # Successful responses carry no Retry-After.
    assert "Retry-After" not in client.get("/health").headers


def test_limits_are_per_key(engine, tmp_path):
    key_file = tmp_path / "keys"
    keys = make_keys(key_file, "portal-a", "portal-b")
    client = keyed_app(engine, key_file, RATE_LIMIT="2/minute").test_client()
    a, b = bearer(keys["portal-a"]), bearer(keys["portal-b"])
    assert client.get("/v1/roles", headers=a).status_code == 200
    assert client.get("/v1/roles", headers=a).status_code == 200
    body = assert_limited(client.get("/v1/roles", headers=a))
    assert "this API key" in body["message"]
    # The same address with another key has its own budget: portals behind one NAT do not starve each other.
    assert client.get("/v1/roles", headers=b).status_code == 200
    # The key via X-API-Key is the same key, with the same budget.
    assert_limited(client.get("/v1/roles", headers={"X-API-Key": keys["portal-a"]}))


def test_without_keys_limits_are_per_address(engine):
    client = limited_app(engine, RATE_LIMIT="1/minute").test_client()
    assert client.get("/v1/roles", environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code == 200
    body = assert_limited(client.get("/v1/roles", environ_base={"REMOTE_ADDR": "10.0.0.1"}))
    assert "this address" in body["message"]
    assert client.get("/v1/roles", environ_base={"REMOTE_ADDR": "10.0.0.2"}).status_code == 200


def test_the_cohort_endpoint_has_a_lower_limit_of_its_own(engine):
    client = limited_app(engine, RATE_LIMIT="10/minute", COHORT_RATE_LIMIT="1/minute").test_client()
    assert client.post("/v1/cohorts/recommendations", json=COHORT).status_code == 200
    body = assert_limited(client.post("/v1/cohorts/recommendations", json=COHORT))
    assert "cohort requests" in body["message"]
    # Single profiles still go through: the cohort limit does not spend the API-wide budget.
    assert client.post("/v1/recommendations", json={"skills": [], "limit": 1}).status_code == 200


def test_cohorts_also_count_against_the_api_wide_limit(engine):
    client = limited_app(engine, RATE_LIMIT="2/minute", COHORT_RATE_LIMIT="10/minute").test_client()
    assert client.post("/v1/cohorts/recommendations", json=COHORT).status_code == 200
    assert client.get("/v1/roles").status_code == 200
    assert_limited(client.post("/v1/cohorts/recommendations", json=COHORT))


def test_the_form_post_is_limited_per_address_and_answers_with_a_page(engine):
    client = limited_app(engine, FORM_RATE_LIMIT="2/minute").test_client()
    here = {"REMOTE_ADDR": "192.0.2.7"}
    answers = {"hours": "8", "role": "ai-engineer", "csrf_token": csrf_token(client.get("/").data)}
    for _ in range(2):
        assert client.post("/", data=answers, environ_base=here).status_code == 303  # to the results
    refused = client.post("/", data=answers, environ_base=here)
    assert refused.status_code == 429 and refused.mimetype == "text/html"
    assert int(refused.headers["Retry-After"]) >= 1
    # Reading the form is not limited; nor is another address.
    assert client.get("/", environ_base=here).status_code == 200
    assert client.post("/", data=answers, environ_base={"REMOTE_ADDR": "192.0.2.8"}).status_code == 303


@pytest.mark.parametrize("path", ["/plan", "/plan.json", "/plan.md", "/plan.ics"])
def test_every_form_route_that_runs_the_engine_is_limited_per_address(engine, path):
    client = limited_app(engine, FORM_RATE_LIMIT="2/minute").test_client()
    here = {"REMOTE_ADDR": "192.0.2.9"}
    query = {"role": "ai-engineer", "skill.python": "3"}
    for _ in range(2):
        assert client.get(path, query_string=query, environ_base=here).status_code == 200
    refused = client.get(path, query_string=query, environ_base=here)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    # The form itself and its assets run nothing: never counted.
    assert client.get("/", environ_base=here).status_code == 200
    assert client.get(path, query_string=query, environ_base={"REMOTE_ADDR": "192.0.2.10"}).status_code == 200


def test_preflights_are_never_counted(engine):
    client = limited_app(engine, RATE_LIMIT="1/minute", CORS_ORIGINS="https://portal.example.com").test_client()
    preflight = {"Origin": "https://portal.example.com", "Access-Control-Request-Method": "POST"}
    for _ in range(5):
        assert client.options("/v1/recommendations", headers=preflight).status_code == 200
    assert client.get("/v1/roles").status_code == 200


def test_a_refused_request_is_still_answered_cheaply_and_in_the_one_shape(engine):
    client = limited_app(engine, RATE_LIMIT="1/minute").test_client()
    client.get("/v1/roles")
    # Even a body that would be a 400 or 413 gets the 429: the limit is checked first.
    assert_limited(client.post("/v1/recommendations", data="[" * 100_000, content_type="application/json"))


def test_limits_can_be_switched_off(engine):
    client = limited_app(engine, RATE_LIMIT="1/minute", RATELIMIT_ENABLED=False).test_client()
    assert [client.get("/v1/roles").status_code for _ in range(3)] == [200] * 3


def test_limits_come_from_the_environment(engine, monkeypatch):
    monkeypatch.setenv("CAREERPATH_RATE_LIMIT", "1/minute")
    client = create_app({"TESTING": True, "ENGINE": engine}).test_client()
    assert client.get("/v1/roles").status_code == 200
    assert_limited(client.get("/v1/roles"))


@pytest.mark.parametrize(
    ("setting", "value", "match"),
    [
        ("RATE_LIMIT", "lots", "CAREERPATH_RATE_LIMIT"),
        ("COHORT_RATE_LIMIT", "", "CAREERPATH_COHORT_RATE_LIMIT"),
        ("FORM_RATE_LIMIT", "5 per fortnight", "CAREERPATH_FORM_RATE_LIMIT"),
        ("RATELIMIT_STORAGE_URI", "bogus://localhost", "CAREERPATH_RATELIMIT_STORAGE_URI"),
        ("RATELIMIT_STRATEGY", "leaky-bucket", "CAREERPATH_RATELIMIT_STRATEGY"),
    ],
)
def test_bad_limit_settings_stop_the_server_with_the_variable_named(engine, setting, value, match):
    with pytest.raises(ConfigError, match=match):
        create_app({"TESTING": True, "ENGINE": engine, setting: value})


def test_behind_trusted_proxies_the_forwarded_address_is_counted(engine):
    proxy = {"REMOTE_ADDR": "10.9.9.9"}
    direct = limited_app(engine, RATE_LIMIT="1/minute").test_client()
    assert direct.get("/v1/roles", environ_base=proxy, headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 200
    # Without TRUSTED_PROXIES the header is not believed: both clients are the proxy.
    assert_limited(direct.get("/v1/roles", environ_base=proxy, headers={"X-Forwarded-For": "198.51.100.2"}))

    behind = limited_app(
        engine, RATE_LIMIT="1/minute", TRUSTED_PROXIES=1, TRUSTED_PROXY_ADDRESSES="10.0.0.0/8"
    ).test_client()
    for client_address in ("198.51.100.1", "198.51.100.2"):
        headers = {"X-Forwarded-For": client_address}
        assert behind.get("/v1/roles", environ_base=proxy, headers=headers).status_code == 200
    # Only the proxy's own entry counts: a client cannot pick a fresh address per request.
    spoofed = {"X-Forwarded-For": "203.0.113.77, 198.51.100.1"}
    assert_limited(behind.get("/v1/roles", environ_base=proxy, headers=spoofed))


def test_forwarded_headers_are_believed_only_from_the_proxies_addresses(engine):
    client = limited_app(engine, RATE_LIMIT="1/minute", TRUSTED_PROXIES=1).test_client()  # proxies: loopback
    outsider = {"REMOTE_ADDR": "203.0.113.5"}
    assert (
        client.get("/v1/roles", environ_base=outsider, headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 200
    )
    # A client connecting directly cannot pick a fresh address (and budget) per request.
    assert_limited(client.get("/v1/roles", environ_base=outsider, headers={"X-Forwarded-For": "198.51.100.2"}))
    # A proxy on this host is believed.
    local = {"REMOTE_ADDR": "127.0.0.1"}
    for address in ("198.51.100.3", "198.51.100.4"):
        headers = {"X-Forwarded-For": address}
        assert client.get("/v1/roles", environ_base=local, headers=headers).status_code == 200


@pytest.mark.parametrize("value", ["10.0.0.300", "a proxy", "10.0.0.0/99"])
def test_a_bad_proxy_address_stops_the_server(engine, value):
    with pytest.raises(ConfigError, match="CAREERPATH_TRUSTED_PROXY_ADDRESSES"):
        create_app({"TESTING": True, "ENGINE": engine, "TRUSTED_PROXY_ADDRESSES": value})


def test_requests_with_a_wrong_key_are_counted_against_their_address(engine, tmp_path):
    key_file = tmp_path / "keys"
    make_keys(key_file, "portal-a")
    client = keyed_app(engine, key_file, RATE_LIMIT="3/minute").test_client()
    guesser = {"REMOTE_ADDR": "192.0.2.50"}
    for guess in range(3):
        assert_error(client.get("/v1/roles", headers=bearer(f"cp_guess{guess}"), environ_base=guesser), 401)
    assert_limited(client.get("/v1/roles", headers=bearer("cp_guess4"), environ_base=guesser))
    assert_limited(client.get("/v1/nowhere", headers=bearer("cp_guess5"), environ_base=guesser))
    # Another address is not affected.
    assert_error(client.get("/v1/roles", environ_base={"REMOTE_ADDR": "192.0.2.51"}), 401)


@pytest.mark.parametrize("value", [-1, 11, "two", True])
def test_a_bad_proxy_count_stops_the_server(engine, value):
    with pytest.raises(ConfigError, match="CAREERPATH_TRUSTED_PROXIES"):
        create_app({"TESTING": True, "ENGINE": engine, "TRUSTED_PROXIES": value})


@pytest.fixture
def redis_url(tmp_path):
    """A throwaway redis-server on a free port (skipped where Redis is not installed)."""
    redis = pytest.importorskip("redis", reason="pip install -e '.[redis]'")
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
    try:
        yield f"redis://127.0.0.1:{port}/0", process
    finally:
        process.kill()
        process.wait()


@pytest.mark.server
def test_with_redis_every_worker_shares_one_count_and_losing_redis_fails_open(tmp_path, redis_url):
    url, redis_process = redis_url
    server = start_server(
        tmp_path,
        workers=2,
        env={"CAREERPATH_RATELIMIT_STORAGE_URI": url, "CAREERPATH_RATE_LIMIT": "6/minute"},
    )
    try:
        # New connections spread over both workers; counted in memory, all 12 would pass.
        statuses = [requests.get(f"{server.base}/v1/roles", timeout=10).status_code for _ in range(12)]
        assert statuses == [200] * 6 + [429] * 6
        redis_process.kill()
        redis_process.wait()
        # Counting falls back to each worker's memory: answers go on, never a 500.
        statuses = [requests.get(f"{server.base}/v1/roles", timeout=10).status_code for _ in range(6)]
        assert set(statuses) <= {200, 429} and 200 in statuses
        assert server.stop() == 0
        assert "Traceback" not in server.logs()
    finally:
        kill(server)


@pytest.mark.parametrize("strategy", ["sliding-window-counter", "fixed-window", "moving-window"])
def test_every_strategy_limits_and_says_when_to_retry(engine, strategy):
    client = limited_app(engine, RATE_LIMIT="2/minute", RATELIMIT_STRATEGY=strategy).test_client()
    assert [client.get("/v1/roles").status_code for _ in range(2)] == [200, 200]
    assert_limited(client.get("/v1/roles"))


def test_a_spent_budget_comes_back_when_its_window_has_passed(engine):
    client = limited_app(engine, RATE_LIMIT="1/second", RATELIMIT_STRATEGY="fixed-window").test_client()
    assert client.get("/v1/roles").status_code == 200
    refused = client.get("/v1/roles")
    assert_limited(refused)
    time.sleep(int(refused.headers["Retry-After"]) + 0.05)
    assert client.get("/v1/roles").status_code == 200


def test_when_redis_is_unreachable_requests_are_counted_in_memory(engine, caplog):
    pytest.importorskip("redis", reason="pip install -e '.[redis]'")
    app = limited_app(engine, RATE_LIMIT="2/minute", RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{free_port()}/0")
    client = app.test_client()
    with caplog.at_level("WARNING"):
        assert [client.get("/v1/roles").status_code for _ in range(3)] == [200, 200, 429]
    assert [r.getMessage() for r in caplog.records if "unreachable" in r.getMessage()] == [
        "Rate limit storage unreachable: counting in memory, per worker, until it is back"
    ]


def test_abandoned_in_memory_counters_are_dropped(monkeypatch):
    # Counters are swept inline (no timer thread per few requests): one nobody hits again still goes.
    monkeypatch.setattr(ratelimit, "SWEEP_SECONDS", 0.0)
    storage = ratelimit.memory_storage()
    limiter = FixedWindowRateLimiter(storage)
    item = parse("1/second")
    assert limiter.hit(item, "careerpath", "addr:gone", "v1")
    assert any("addr:gone" in key for key in storage.storage)
    time.sleep(1.1)
    assert limiter.hit(item, "careerpath", "addr:here", "v1")
    assert not any("addr:gone" in key for key in storage.storage)
