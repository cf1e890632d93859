"""Helpers for the hardening tests: key files and apps with keys configured."""

from __future__ import annotations

from pathlib import Path

from api.app import create_app
from api.security.keys import create_key

# Every /v1/ operation, with what a valid request sends (as test-client kwargs).
V1_REQUESTS = [
    ("GET", "/v1/skills", {}),
    ("GET", "/v1/skills/rag", {}),
    ("GET", "/v1/roles", {}),
    ("GET", "/v1/roles/ai-engineer", {}),
    ("POST", "/v1/recommendations", {"json": {"skills": [], "limit": 1}}),
    ("POST", "/v1/cohorts/recommendations", {"json": {"profiles": [{"id": "m-1", "skills": []}], "steps": 1}}),
]
PUBLIC_PATHS = ["/health", "/openapi.json", "/docs", "/docs/assets/swagger-ui.css", "/", "/plan.json?role=ai-engineer"]


def make_keys(path: Path, *names: str) -> dict[str, str]:
    """Create keys ``names`` in the key file ``path``; returns name -> plaintext key."""
    return {name: create_key(path, name) for name in names}


def keyed_app(engine, key_file: Path, **config):
    """The app in testing mode with API keys from ``key_file`` (re-read at once on change)."""
    return create_app(
        {"TESTING": True, "ENGINE": engine, "API_KEYS_FILE": str(key_file), "API_KEYS_RELOAD_SECONDS": 0, **config}
    )


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}
