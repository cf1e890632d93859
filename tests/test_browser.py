"""The self-assessment form in a real browser: Debian's Chromium driven by Playwright.

A person's path through the form, with JavaScript on and off, at desktop and phone
widths: tick what they have done, rate a module as a whole and skills one by one (by
mouse and by keyboard), choose a role, set the hours, submit, and read the results; an empty form, the Back
button, the results' address in another browser, the calendar and Markdown downloads
and the print layout. Screenshots go to ``test-artifacts/``. Every run also checks
that the page logged no console error and asked no host but the app's for anything;
pages are checked with axe-core (``axe-playwright-python``) and for sideways scrolling.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from api.web.answers import tick_level
from skills import load_catalog

pytestmark = [
    pytest.mark.browser,
    # werkzeug's development server (the web_server fixture) reads what is left of a request after answering it,
    # and when Chromium has already dropped the connection (a page left while its icon loads) that read raises
    # before the server closes the response, so the static file it was sending is closed by the garbage
    # collector instead. gunicorn, which serves careerpath, closes it; the test server is all this ignores.
    pytest.mark.filterwarnings(
        r"ignore:Exception ignored in.*FileIO name='.*api/web/static/:pytest.PytestUnraisableExceptionWarning"
    ),
]

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = os.environ.get("CAREERPATH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
WIDTHS = {"desktop": (1280, 900), "phone": (375, 812)}
ROLE = "software-developer"
NOT_A_ROLE_SKILL = "self-attention"  # a Data Scientist skill the Software developer does not need
TICK_LEVEL = tick_level(load_catalog().max_level)  # what a tick rates a module in the shipped catalog

# What the person enters, and the same answers as a JSON API request (a tick on a module
# without a level of its own rates it at TICK_LEVEL).
REQUEST = {
    "skills": [
        {"name": "foundations", "level": 3},
        {"name": "prompting", "level": 2},
        {"name": "llm-apps", "level": TICK_LEVEL},
        {"name": "retrieval", "level": TICK_LEVEL},
        {"name": "python", "level": 4},
        {"name": "llm-apis", "level": 3},
        {"name": "rag", "level": 1},
    ],
    "target_role": ROLE,
    "hours_per_week": 8,
}


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"no Chromium at {CHROMIUM}; ./scripts/test installs Debian's chromium package"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """A page in a fresh context that records console errors and every request's URL."""

    def __init__(self, browser, width: int, height: int, javascript: bool):
        self.browser, self.viewport, self.javascript = browser, {"width": width, "height": height}, javascript
        # Reduced motion: the page scrolls smoothly otherwise, and a click made while it still scrolls can land
        # beside its button on a busy machine (the form's "Show my plan" then submitted nothing, one run in two).
        self.context = browser.new_context(
            viewport=self.viewport, java_script_enabled=javascript, reduced_motion="reduce"
        )
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.urls: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.urls.append(r.url))

    def check_clean(self, refused: int = 0):
        """No console error but the browser's note on each of ``refused`` pages answered 400 (a form to fix)."""
        note = "the server responded with a status of 400"
        assert sum(note in e for e in self.errors) == refused, self.errors
        assert [e for e in self.errors if note not in e] == [], self.errors
        assert self.urls
        others = [u for u in self.urls if urlsplit(u).hostname != "127.0.0.1"]
        assert others == [], others


@pytest.fixture
def visit(browser):
    visits = []

    def open_(width: int, height: int, javascript: bool) -> Visit:
        v = Visit(browser, width, height, javascript)
        visits.append(v)
        return v

    yield open_
    for v in visits:
        v.context.close()


def axe_violations(visit: Visit) -> str:
    """axe-core's report of the page's violations ('' when there are none).

    axe-core is a script: with JavaScript off it cannot run in the page. The page's
    address is then loaded again with JavaScript on but the app's script answered
    empty, which is the same document as the one without JavaScript.
    """
    from axe_playwright_python.sync_playwright import Axe

    if visit.javascript:
        results = Axe().run(visit.page)
    else:
        context = visit.browser.new_context(viewport=visit.viewport)
        try:
            context.route("**/web.js", lambda route: route.fulfill(body="", content_type="text/javascript"))
            page = context.new_page()
            page.goto(visit.page.url)
            results = Axe().run(page)
        finally:
            context.close()
    return results.generate_report() if results.violations_count else ""


def assert_no_sideways_scroll(page):
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"the page scrolls sideways: {width[0]} px of content in {width[1]} px"


def shoot(page, name: str):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def rate(page, field: str, level: int):
    """Click the level's label, as a person clicks the segment."""
    page.click(f'label[for="f-{field.replace(".", "-")}-{level}"]')


def tick(page, module: str):
    """Tick "I have done this" for a module, opening "more topics" first when it is there and closed."""
    more = page.locator(f"#more-topics:has(#mod-{module})")
    if more.count() and more.get_attribute("open") is None:
        page.click("#more-topics > summary")
    page.click(f'label[for="done-{module}"]')


def open_module(page, module: str):
    details = page.locator(f"#mod-{module} details.skills")
    if details.get_attribute("open") is None:
        page.click(f"#mod-{module} details.skills > summary")


def rated_through(catalog, role: str, modules) -> int:
    """The role's skills in these modules: each counts as rated when its module is."""
    needed = set(catalog.role(role).skills)
    return sum(1 for m in modules for s in catalog.module_skills(m) if s.id in needed)


def fill_in(page, javascript: bool, catalog):
    expect = playwright_api.expect
    # Nothing ticked: no scale to answer yet, and nothing rated.
    expect(page.locator("#mod-foundations .how-well")).to_be_hidden()
    tick(page, "foundations")
    rate(page, "module.foundations", 3)
    open_module(page, "foundations")
    rate(page, "skill.python", 4)
    tick(page, "prompting")
    rate(page, "module.prompting", 2)
    tick(page, "llm-apps")
    open_module(page, "llm-apps")
    # One rating by keyboard: focus level 2, then the arrow key moves to 3.
    page.focus("#f-skill-llm-apis-2")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#f-skill-llm-apis-3")).to_be_checked()
    tick(page, "retrieval")
    open_module(page, "retrieval")
    rate(page, "skill.rag", 1)

    page.click(f'label[for="role-{ROLE}"]')
    hidden_row = page.locator(f'[data-skill="{NOT_A_ROLE_SKILL}"]')
    narrow_button = page.get_by_role("button", name="Show this role's skills")
    if javascript:
        expect(narrow_button).to_be_hidden()  # the script narrows at once
    else:
        expect(hidden_row).to_be_attached()
        narrow_button.click()  # the server narrows the form
        page.wait_for_url(f"**/?*role={ROLE}*")
        expect(page.locator(f"#role-{ROLE}")).to_be_checked()
    expect(hidden_row).to_be_hidden()
    expect(page.locator("#f-skill-rag-1")).to_be_checked()  # every answer kept through the narrowing
    page.fill("#hours", "8")
    if javascript:
        # Every skill the role needs in the four modules: rated through the module or the tick.
        rated = rated_through(catalog, ROLE, ["foundations", "prompting", "llm-apps", "retrieval"])
        expect(page.locator("[data-rated]")).to_have_text(str(rated))


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("size", list(WIDTHS))
def test_a_person_fills_in_the_form_and_reads_the_plan(visit, web_server, engine, catalog, javascript, size):
    expect = playwright_api.expect
    width, height = WIDTHS[size]
    tag = f"{size}-{width}px-{'js' if javascript else 'nojs'}"
    v = visit(width, height, javascript)
    page = v.page
    page.goto(web_server + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Where do you stand")
    fill_in(page, javascript, catalog)
    shoot(page, f"form-{tag}")
    assert_no_sideways_scroll(page)
    assert axe_violations(v) == ""

    submit(page)
    expected = engine.recommend(REQUEST)
    expect(page.get_by_role("heading", level=1)).to_contain_text(engine.catalog.role(ROLE).title)

    bars = page.locator(".fit-bars > li")
    expect(bars).to_have_count(3)
    assert [bars.nth(i).get_attribute("data-role") for i in range(3)] == [r["role"] for r in expected["roles"]]
    for i in range(3):
        box = bars.nth(i).locator("rect.bar-fill").bounding_box()
        assert box is not None and box["width"] > 0
    first = expected["plan"]["steps"][0]
    expect(page.locator(".plan-table tbody tr").first.locator("th")).to_contain_text(first["name"])
    expect(page.locator(".gantt-rows > li").first).to_contain_text(first["name"])
    expect(page.locator(".plan-table tbody tr")).to_have_count(expected["plan"]["total_steps"])
    assert page.locator(".gantt-rows rect.step-bar").first.bounding_box()["width"] > 0
    shoot(page, f"results-{tag}")
    assert_no_sideways_scroll(page)
    assert axe_violations(v) == ""

    # The download is the same plan; "change my answers" brings every answer back.
    download = page.request.get(page.locator("#download").evaluate("a => a.href"))
    assert download.ok and download.json() == expected
    page.click("#change")
    page.wait_for_load_state()
    for field, level in [
        ("module-foundations", 3),
        ("skill-python", 4),
        ("module-prompting", 2),
        ("skill-llm-apis", 3),
        ("skill-rag", 1),
    ]:
        expect(page.locator(f"#f-{field}-{level}")).to_be_checked()
    for module in ("foundations", "prompting", "llm-apps", "retrieval"):
        expect(page.locator(f"#done-{module}")).to_be_checked()
    expect(page.locator(f"#role-{ROLE}")).to_be_checked()
    expect(page.locator("#hours")).to_have_value("8")
    v.check_clean()


def contrast(color: str, background: str) -> float:
    """WCAG contrast ratio of two computed ``rgb(r, g, b)`` colours."""

    def luminance(text: str) -> float:
        channels = [int(c) / 255 for c in text[text.index("(") + 1 : text.index(")")].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted([luminance(color), luminance(background)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_goal_typed_in_the_form_leads_the_plan(visit, web_server, javascript):
    """The goals box, filled in a phone-sized browser: the plan's first steps say they lead to the goal, and the
    results say how each goal was read; the answers' address keeps the goals for "change my answers"."""
    v = visit(*WIDTHS["phone"], javascript=javascript)
    page = v.page
    page.goto(web_server + "/")
    page.click('label[for="done-foundations"]')
    page.fill("#goals", "RAG over our docs, agents")
    page.get_by_role("button", name="Show my plan").last.click()
    page.wait_for_url("**/plan?*")
    goals = page.locator("#goals-read > li")
    playwright_api.expect(goals).to_have_count(2)
    playwright_api.expect(goals.first).to_contain_text("reads as Retrieval-augmented generation")
    playwright_api.expect(goals.last).to_contain_text("too broad to plan first")
    playwright_api.expect(
        page.get_by_text("on the way to your goal Retrieval-augmented generation").first
    ).to_be_visible()
    assert "goals=RAG" in page.url
    page.click("#change")
    playwright_api.expect(page.locator("#goals")).to_have_value("RAG over our docs, agents")
    assert_no_sideways_scroll(page)
    v.check_clean()


def test_focus_is_visible_and_enter_submits_the_plan(visit, web_server):
    """Keyboard only: the focused segment shows an outline; Enter in hours means "show my plan"."""
    v = visit(*WIDTHS["desktop"], javascript=True)
    page = v.page
    page.goto(web_server + "/")
    # The borders that show where a control is: WCAG 1.4.11 asks 3:1; 4:1 keeps them clear of the edge (they were 3.03).
    panel = page.eval_on_selector(".panel", "el => getComputedStyle(el).backgroundColor")
    for control in ("#hours", 'label[for="role-best"]', ".seg"):
        border = page.eval_on_selector(control, "el => getComputedStyle(el).borderTopColor")
        assert contrast(border, panel) >= 4, (control, border)
    # Tick a module with Space, Tab into its scale (shown by the tick), arrows to a level.
    page.focus("#done-foundations")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "f-module-foundations-0"
    outline = page.eval_on_selector('label[for="f-module-foundations-0"]', "el => getComputedStyle(el).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    playwright_api.expect(page.locator("#f-module-foundations-2")).to_be_checked()
    page.fill("#hours", "6")
    page.press("#hours", "Enter")
    page.wait_for_url("**/plan?*")
    playwright_api.expect(page.locator(".fit-bars > li")).to_have_count(3)
    v.check_clean()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_fresh_form_starts_at_none_and_skills_left_there_take_the_module_rating(
    visit, web_server, engine, catalog, javascript
):
    expect = playwright_api.expect
    v = visit(*WIDTHS["desktop"], javascript=javascript)
    page = v.page
    page.goto(web_server + "/")
    # Every skill control starts with exactly "none" checked; no module is ticked or rated.
    checked = page.eval_on_selector_all(
        "input:checked", "els => els.filter(e => e.name !== 'role').map(e => [e.name, e.value])"
    )
    assert sorted(checked) == sorted([f"skill.{s.id}", "0"] for s in catalog.skills)
    expect(page.locator('label[for="f-skill-python-0"]')).to_contain_text("none")
    if javascript:
        expect(page.locator("[data-rated]")).to_have_text("0")

    # A tick alone: the module and its skills at none stand at the tick's level (outlined).
    module = "foundations"
    skills = [s.id for s in catalog.module_skills(module)]
    style = "el => { const s = getComputedStyle(el); return [s.boxShadow, s.backgroundColor]; }"
    tick(page, module)
    open_module(page, module)
    for field in ("module-foundations", "skill-python"):
        shadow, _ = page.eval_on_selector(f'label[for="f-{field}-{TICK_LEVEL}"]', style)
        assert shadow != "none", field
    if javascript:
        expect(page.locator("[data-rated]")).to_have_text(str(len(skills)))

    # Rate the module as a whole and leave its skills at none.
    rate(page, f"module.{module}", 3)
    expect(page.locator("#f-skill-python-0")).to_be_checked()
    # The inherited level is outlined on each skill at none, and the checked "none" steps back.
    inherited_shadow, _ = page.eval_on_selector('label[for="f-skill-python-3"]', style)
    none_shadow, none_bg = page.eval_on_selector('label[for="f-skill-python-0"]', style)
    plain_shadow, plain_bg = page.eval_on_selector('label[for="f-skill-python-1"]', style)
    assert inherited_shadow != "none" and none_shadow == plain_shadow == "none"
    assert none_bg == plain_bg
    if javascript:
        expect(page.locator("[data-rated]")).to_have_text(str(len(skills)))
    shoot(page, f"form-inherited-{'js' if javascript else 'nojs'}")

    page.get_by_role("button", name="Show my plan").last.click()
    page.wait_for_load_state()
    expected = engine.recommend({"skills": [{"name": module, "level": 3}], "hours_per_week": 10})
    download = page.request.get(page.locator("#download").evaluate("a => a.href"))
    assert download.ok and download.json() == expected
    assert [(m.get("module"), m["level"]) for m in expected["profile"]["matched"]] == [(module, 3)]
    rows = page.locator(".plan-table tbody tr")
    expect(rows).to_have_count(expected["plan"]["total_steps"])
    steps = [s for s in expected["plan"]["steps"] if s["skill"] in skills]
    assert steps and all(s["from_level"] == 3 for s in steps)
    for i, step in enumerate(expected["plan"]["steps"]):
        if step["skill"] in skills:
            expect(rows.nth(i).locator("td.levels")).to_contain_text("3 intermediate →")
    v.check_clean()


def submit(page):
    # The field last typed in is left first, as a person's tap leaves it: its change event (the live counts) runs
    # before the press, not between the button's mousedown and mouseup, where the bar could move on a busy machine.
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.get_by_role("button", name="Show my plan").last.click()
    page.wait_for_load_state()


def plan_rows(page) -> list[str]:
    return page.locator(".plan-table tbody tr th").all_inner_texts()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_an_empty_form_asks_for_a_role_or_an_answer(visit, web_server, catalog, javascript):
    expect = playwright_api.expect
    v = visit(*WIDTHS["desktop"], javascript=javascript)
    page = v.page
    page.goto(web_server + "/")
    submit(page)
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Tick something you have done")
    expect(page.locator(".fit-bars")).to_have_count(0)
    expect(page.locator("#role .field-error")).to_be_visible()
    if javascript:
        expect(summary).to_be_focused()
        summary.get_by_role("link").click()  # to the answer itself, not only near it
        expect(page.locator("#role-best")).to_be_focused()
    shoot(page, f"form-empty-{'js' if javascript else 'nojs'}")
    assert axe_violations(v) == ""
    # A role alone is enough: a plan from scratch for it.
    page.click(f'label[for="role-{ROLE}"]')
    submit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Your path to {catalog.role(ROLE).title}")
    v.check_clean(refused=1)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_back_from_the_results_brings_the_form_back_as_it_was(visit, web_server, catalog, javascript):
    """Issue 18: after Back the answers were restored but the narrowing and the counts were not."""
    expect = playwright_api.expect
    v = visit(*WIDTHS["desktop"], javascript=javascript)
    page = v.page
    page.goto(web_server + "/")
    page.click(f'label[for="role-{ROLE}"]')
    if not javascript:
        page.get_by_role("button", name="Show this role's skills").click()
        page.wait_for_url(f"**/?*role={ROLE}*")
    tick(page, "foundations")
    rate(page, "module.foundations", 3)
    submit(page)
    page.wait_for_url("**/plan?*")
    page.go_back()
    page.wait_for_load_state()
    expect(page.locator(f"#role-{ROLE}")).to_be_checked()
    expect(page.locator("#done-foundations")).to_be_checked()
    expect(page.locator("#f-module-foundations-3")).to_be_checked()
    expect(page.locator(f'[data-skill="{NOT_A_ROLE_SKILL}"]')).to_be_hidden()
    role_skills = set(catalog.role(ROLE).skills)
    if javascript:
        rated = sum(1 for s in catalog.module_skills("foundations") if s.id in role_skills)
        expect(page.locator("[data-rated]")).to_have_text(str(rated))
        expect(page.locator("[data-total]")).to_have_text(str(len(role_skills)))
        expect(page.locator("#mod-foundations [data-count]")).to_have_text(f"{rated} of {rated} rated")
    else:
        # Counts that cannot follow the answers are not shown at all.
        expect(page.locator(".progress-wrap")).to_be_hidden()
        expect(page.locator("#mod-foundations [data-count]")).to_be_hidden()
    shoot(page, f"form-after-back-{'js' if javascript else 'nojs'}")
    v.check_clean()


@pytest.mark.parametrize("size", list(WIDTHS))
def test_the_results_address_reproduces_the_plan_and_the_downloads_parse(visit, web_server, engine, catalog, size):
    import datetime as dt

    from icalendar import Calendar

    from recommender.plan_markdown import plan_markdown

    expect = playwright_api.expect
    v = visit(*WIDTHS[size], javascript=True)
    page = v.page
    page.goto(web_server + "/")
    fill_in(page, True, catalog)
    submit(page)
    page.wait_for_url("**/plan?*")
    expected = engine.recommend(REQUEST)
    rows = plan_rows(page)
    assert len(rows) == expected["plan"]["total_steps"] > 0

    # The same plan after a reload (a GET: nothing is sent again) and in another browser.
    page.reload()
    assert plan_rows(page) == rows
    other = visit(*WIDTHS[size], javascript=False)
    other.page.goto(page.url)
    assert plan_rows(other.page) == rows
    expect(other.page.get_by_role("heading", level=1)).to_have_text(page.locator("h1").inner_text())

    # Optional steps are striped, not only another hue (WCAG 1.4.1).
    fills = page.eval_on_selector_all(".gantt-rows .step-bar", "els => els.map(e => getComputedStyle(e).fill)")
    tiers = [s["tier"] for s in expected["plan"]["steps"]]
    assert "optional" in tiers
    assert all(f.startswith("url(") == (t == "optional") for f, t in zip(fills, tiers, strict=True))

    # Each step lists its resources as links.
    links = page.locator(".plan-table .resources a")
    urls = [r["url"] for s in expected["plan"]["steps"] for r in s["resources"] if r["url"]]
    assert urls and [links.nth(i).get_attribute("href") for i in range(links.count())] == urls

    # The downloads, parsed: a calendar event per step from next Monday, the Markdown of the CLI.
    with page.expect_download() as calendar:
        page.click("#calendar")
    events = Calendar.from_ical(Path(calendar.value.path()).read_bytes()).walk("VEVENT")
    assert calendar.value.suggested_filename == "careerpath-plan.ics"
    assert [str(e["summary"]) for e in events] == [
        f"Learn {s['name']} ({s['hours']:g} h)" for s in expected["plan"]["steps"]
    ]
    monday = events[0].decoded("dtstart")
    assert monday.weekday() == 0 and 0 <= (monday - dt.date.today()).days < 7
    assert events[-1].decoded("dtend") == monday + dt.timedelta(weeks=expected["plan"]["steps"][-1]["end_week"])
    with page.expect_download() as markdown:
        page.click("#markdown")
    assert Path(markdown.value.path()).read_text() == plan_markdown(expected, catalog)

    # Print: the button is there with the script; on paper the buttons and downloads are not.
    expect(page.locator("#print")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("#print")).to_be_hidden()
    expect(page.locator("#keep-plan")).to_be_hidden()
    expect(page.locator(".plan-table")).to_be_visible()
    shoot(page, f"results-print-{size}")
    page.emulate_media(media="screen")
    v.check_clean()
    other.check_clean()


def test_on_a_phone_the_scale_reads_left_to_right_and_nothing_collides(visit, web_server, engine):
    v = visit(*WIDTHS["phone"], javascript=True)
    page = v.page
    page.emulate_media(reduced_motion="reduce")  # scroll at once, so positions can be read
    page.goto(web_server + "/")
    # The six levels of a control sit in one row, 0 on the left.
    tick(page, "foundations")
    tops = page.eval_on_selector_all(
        "#f-module-foundations .seg label", "els => els.map(e => Math.round(e.getBoundingClientRect().top))"
    )
    assert len(tops) == 6 and len(set(tops)) == 1, tops
    # Tabbing to a control that sits under the sticky bar scrolls all of it above the bar (WCAG 2.4.12):
    # the fourth module's tick is put just under the bar, the focus set on the third's, then Tab.
    page.evaluate(
        """() => {
            const [, , second, third] = document.querySelectorAll('[data-module]');  // not foundations, ticked above
            const head = third.querySelector('.topic-head');
            const bar = document.querySelector('.submit-bar').getBoundingClientRect();
            window.scrollBy(0, head.getBoundingClientRect().top - bar.top - 10);
            second.querySelector('.topic-head input').focus({preventScroll: true});
        }"""
    )
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('.topic-head').getBoundingClientRect().bottom")
    bar = page.evaluate("document.querySelector('.submit-bar').getBoundingClientRect().top")
    assert focused <= bar, (focused, bar)

    # The timeline's week labels do not overlap (they read "91100" once).
    rate(page, "module.foundations", 1)
    submit(page)
    page.wait_for_url("**/plan?*")
    boxes = page.eval_on_selector_all(
        "svg.axis text",
        "els => els.filter(e => getComputedStyle(e).display !== 'none')"
        ".map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; })",
    )
    boxes.sort()
    assert all(a[1] <= b[0] for a, b in zip(boxes, boxes[1:], strict=False)), boxes
    shoot(page, "results-phone-axis")
    v.check_clean()


class Person:
    """A user's way through the form, counting each click, key press or typed field as one interaction.

    It keeps what each answer should mean to the engine, so the plan can be checked against it.
    """

    def __init__(self, page):
        self.page, self.interactions = page, 0
        self.expected: dict[str, int] = {}  # module or skill id -> level

    def click(self, selector: str):
        self.interactions += 1
        self.page.click(selector)

    def choose_role(self, role: str):
        self.click(f'label[for="role-{role}"]')

    def tick(self, module: str):
        more = self.page.locator(f"#more-topics:has(#mod-{module})")
        if more.count() and more.get_attribute("open") is None:
            self.click("#more-topics > summary")
        self.click(f'label[for="done-{module}"]')
        self.expected[module] = TICK_LEVEL

    def rate(self, field: str, level: int):
        kind, ident = field.split(".")
        module = (
            ident
            if kind == "module"
            else self.page.locator(f'[data-skill="{ident}"]').evaluate("e => e.closest('[data-module]').dataset.module")
        )
        if not self.page.locator(f"#done-{module}").is_checked():
            self.tick(module)
        if kind == "skill" and self.page.locator(f"#mod-{module} details.skills").get_attribute("open") is None:
            self.click(f"#mod-{module} details.skills > summary")
        self.click(f'label[for="f-{field.replace(".", "-")}-{level}"]')
        self.expected[ident] = level

    def submit(self):
        self.interactions += 1
        submit(self.page)


# Issue 18's three new users: the role they aim at, what they have done (a module ticked, or
# rated as a whole or skill by skill), and the most interactions allowed.
USERS = {
    # Has tried ChatGPT and wants a plan: one tick.
    "beginner": ([], [("tick", "prompting")], 5),
    # Builds backends and has called the OpenAI API.
    "backend-developer": (
        ["software-developer"],
        [
            ("module.software-engineering", 4),
            ("tick", "llm-apps"),
            ("skill.llm-apis", 3),
            ("tick", "prompting"),
            ("module.foundations", 1),
        ],
        12,
    ),
    # Trains models: foundations, transformers and pretraining rated as wholes.
    "ml-researcher": (
        ["data-scientist"],
        [("module.foundations", 5), ("module.transformer-architecture", 4), ("module.pretraining", 3)],
        12,
    ),
}
VISIBLE_WORDS = "() => document.querySelector('main').innerText.split(/\\s+/).filter(Boolean).length"
MAX_WORDS = 400


@pytest.mark.parametrize("user", list(USERS))
def test_each_new_user_gets_a_plan_in_few_interactions(visit, web_server, user):
    roles, answers, most = USERS[user]
    v = visit(*WIDTHS["desktop"], javascript=True)
    person = Person(v.page)
    v.page.goto(web_server + "/")
    for role in roles:
        person.choose_role(role)
    for what, value in answers:
        if what == "tick":
            person.tick(value)
        else:
            person.rate(what, value)
    person.submit()
    v.page.wait_for_url("**/plan?*")
    playwright_api.expect(v.page.locator(".plan-table")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"interactions-{user}.txt").write_text(f"{person.interactions}\n")
    shoot(v.page, f"results-{user}")
    # The plan is for what they said: every tick and rating read as meant.
    plan = v.page.request.get(v.page.locator("#download").evaluate("a => a.href")).json()
    matched = plan["profile"]["matched"]
    read = {
        m.get("module") or m["skill"]: m["level"] for m in matched if (m.get("module") or m["skill"]) in person.expected
    }
    assert read == person.expected
    # Anything more is what those answers show of a neighbouring skill (an API used at 3 shows some prompting),
    # and says so.
    assert all(m.get("reason") for m in matched if (m.get("module") or m["skill"]) not in person.expected)
    assert person.interactions <= most
    v.check_clean()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_the_form_reads_in_under_400_words(visit, web_server, javascript):
    v = visit(*WIDTHS["desktop"], javascript=javascript)
    v.page.goto(web_server + "/")
    words = v.page.evaluate(VISIBLE_WORDS)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"form-words-{'js' if javascript else 'nojs'}.txt").write_text(f"{words}\n")
    assert words < MAX_WORDS


def test_taking_a_tick_off_clears_the_modules_answers(visit, web_server):
    """With the script, an untick means "not done": no level left behind out of sight."""
    expect = playwright_api.expect
    v = visit(*WIDTHS["desktop"], javascript=True)
    page = v.page
    page.goto(web_server + "/")
    tick(page, "prompting")
    rate(page, "module.prompting", 4)
    open_module(page, "prompting")
    rate(page, "skill.prompt-engineering", 5)
    expect(page.locator("#mod-prompting [data-count]")).to_be_visible()
    page.click('label[for="done-prompting"]')
    expect(page.locator("#mod-prompting .how-well")).to_be_hidden()
    assert page.eval_on_selector_all("#mod-prompting input:checked", "els => els.map(e => [e.name, e.value])") == [
        ["skill." + s, "0"]
        for s in page.eval_on_selector_all("#mod-prompting [data-skill]", "els => els.map(e => e.dataset.skill)")
    ]
    expect(page.locator("[data-rated]")).to_have_text("0")
    v.check_clean()


@pytest.mark.parametrize("width, height", [(320, 568), WIDTHS["phone"]], ids=["small-phone", "phone"])
def test_the_live_counts_never_move_show_my_plan_under_a_tap(visit, web_server, catalog, width, height):
    """Leaving a field updates the counts in the sticky bar between a tap's touch and its release: if the counts
    changed the bar's size, the button would move from under the finger and the tap would submit nothing."""
    v = visit(width, height, javascript=True)
    page = v.page
    page.goto(web_server + "/")
    button = page.get_by_role("button", name="Show my plan")

    def place():
        return page.evaluate(
            "() => { const r = document.querySelector('.submit-bar button').getBoundingClientRect();"
            " return [r.left, r.top, r.width, r.height]; }"
        )

    before = place()
    for module in catalog.modules:  # from no skill rated to every one (one digit to two)
        tick(page, module.id)
    playwright_api.expect(page.locator("[data-rated]")).not_to_have_text("0")
    assert len(page.locator("[data-rated]").inner_text()) >= 2
    assert place() == before
    button.click()
    playwright_api.expect(page.locator(".plan-table")).to_be_visible()
    v.check_clean()
