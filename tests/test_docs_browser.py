"""/docs in a real browser: Swagger UI renders the API from the app's own assets, offline."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = os.environ.get("CAREERPATH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def test_swagger_ui_renders_every_operation_without_another_host(web_server):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}; ./scripts/test installs Debian's chromium package")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            errors, elsewhere = [], []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

            # Anything but the app itself fails, as it would on a machine without internet.
            def offline(route):
                if urlsplit(route.request.url).hostname == "127.0.0.1":
                    route.continue_()
                else:
                    elsewhere.append(route.request.url)
                    route.abort()

            page.route("**/*", offline)
            page.goto(web_server + "/docs")
            page.wait_for_selector(".opblock", timeout=30_000)
            paths = page.locator(".opblock-summary-path").all_inner_texts()
            assert {"/health", "/v1/skills", "/v1/roles/{role_id}", "/v1/recommendations"} <= {
                text.replace("\u200b", "") for text in paths
            }
            assert elsewhere == []
            assert errors == []
        finally:
            browser.close()
