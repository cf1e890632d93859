"""The self-assessment form: a plain Flask blueprint, not part of the JSON API.

``GET /`` is the form (``?role=`` narrows it; any answer can ride in the query
string). ``POST /`` checks the CSRF token and the answers, then redirects to
``GET /plan?<answers>``: the results live at an address that reproduces them
(reload, bookmark, share; nothing is stored), and a reload does not send the form
again. ``/plan.json``, ``/plan.md`` and ``/plan.ics`` take the same query string
and download the plan as the API's JSON, as Markdown and as a calendar. Every route
builds the engine request through :mod:`api.web.answers` and calls
``engine.recommend``, the JSON API's code path.

The pages work without JavaScript; ``static/web.js`` only narrows the form
instantly, counts progress and offers a print button. The hardening headers (:mod:`api.security.headers`) are set on this
blueprint's responses only, so the JSON API's responses are left as they are.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from urllib.parse import urlencode

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_wtf.csrf import generate_csrf, validate_csrf
from werkzeug.exceptions import HTTPException
from wtforms.validators import ValidationError

from api.errors import error_response
from api.security.form_limits import limit_engine_routes
from api.security.headers import PAGE_HEADERS
from api.web import display, exports
from api.web.answers import DONE, GENERAL, GOALS, HOURS, MODULE, ROLE, SKILL, Answers, tick_level
from recommender.engine import InputError
from recommender.plan_markdown import first_for_goals, only_closest, plan_markdown

bp = Blueprint(
    "web",
    __name__,
    template_folder="templates",
    static_folder="static",
    # Not /static: the app serves api/static there too, but without this
    # blueprint's headers; the pages link to /assets only.
    static_url_path="/assets",
)

NARROW = "narrow"  # the no-JS "show this role's skills" button's action
START = "start"  # the calendar's first Monday, YYYY-MM-DD (default: the next Monday)
EMPTY = "Tick something you have done or choose a target role: with nothing to go on, any plan would be a guess."
ORDER = "careerpath.web.module_order"  # app.extensions key
# Anyone can reach the form: every route that scores a profile is rate-limited per address and capped.
limit_engine_routes(bp, exempt=("form", "static"), name_prefixes=(SKILL, MODULE))


@bp.record_once
def _setup(state) -> None:
    app = state.app
    if not app.secret_key:
        # CSRF tokens live in the signed session cookie. A key made up here serves one
        # server start (its gunicorn workers fork after this and share it); restarts and
        # several servers behind one address need CAREERPATH_SECRET_KEY.
        app.secret_key = secrets.token_hex(32)
        app.logger.info("CAREERPATH_SECRET_KEY is not set; using a per-process key for form CSRF tokens")
    if app.config.get("SESSION_COOKIE_SAMESITE") is None:
        app.config["SESSION_COOKIE_SAMESITE"] = "Lax"


@bp.after_request
def _headers(response):
    for name, value in PAGE_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.endpoint != "web.static":
        # Pages carry a CSRF token and someone's answers: keep them out of shared caches.
        response.headers.setdefault("Cache-Control", "no-store")
    return response


# -- routes ----------------------------------------------------------------------


@bp.get("/")
def form():
    answers = _answers(request.args)
    notices = []
    if answers.role and not _catalog().has_role(answers.role):
        notices.append(f"There is no role {answers.role!r}; showing every skill.")
    return _form_page(answers, notices=notices)


@bp.post("/")
def submit():
    answers = _answers(request.form)
    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError as exc:
        # Expired or missing token: keep the answers and let them send the form again,
        # saying what happened in words that are not "CSRF".
        why = (
            "This page was open for a long time, so the form expired."
            if "expired" in str(exc)
            else "We could not confirm the form was sent from this page (the server may have restarted)."
        )
        return _form_page(answers, notices=[f"{why} Your answers are kept: please send it again."], status=400)
    if request.form.get("action") == NARROW:
        # Post/redirect/get: the role lands in the query string with every answer.
        return redirect(url_for("web.form", **answers.query(), _anchor="skills"), code=303)
    # Checked here, scored once at the results' address (issue 14: the engine ran twice per submit).
    errors = _errors(answers)
    if errors:
        return _form_page(answers, errors=errors, status=400)
    # Post/redirect/get: the results' address carries the answers and reproduces them.
    return redirect(url_for("web.results", **answers.query()), code=303)


@bp.get("/plan")
def results():
    answers, response, errors = _requested_plan()
    if errors:
        return _form_page(answers, errors=errors, status=400)
    return _results_page(answers, response)


@bp.get("/plan.json")
def download():
    answers, response, errors = _requested_plan()
    body, status = ({"errors": errors}, 400) if errors else (response, 200)
    response = current_app.response_class(
        json.dumps(body, indent=2, ensure_ascii=False) + "\n", status=status, mimetype="application/json"
    )
    if status == 200:
        response.headers["Content-Disposition"] = 'attachment; filename="careerpath-plan.json"'
    return response


@bp.get("/plan.md")
def markdown():
    answers, response, errors = _requested_plan()
    if errors:
        return _form_page(answers, errors=errors, status=400)
    return _attachment(plan_markdown(response, _catalog()), "text/markdown", "careerpath-plan.md")


@bp.get("/plan.ics")
def calendar():
    answers, response, errors = _requested_plan()
    start_text = request.args.get(START, "")
    try:
        start = dt.date.fromisoformat(start_text) if start_text else exports.first_monday(dt.date.today())
    except ValueError:
        errors = {**errors, GENERAL: [f"start: {start_text!r} is not a date; write it as YYYY-MM-DD."]}
    if errors:
        return _form_page(answers, errors=errors, status=400)
    # The answers alone name the plan: the same plan from another start date keeps its UIDs (it moves).
    body = exports.plan_calendar(response, _catalog(), start, urlencode(sorted(answers.query().items()), doseq=True))
    return _attachment(body, "text/calendar", "careerpath-plan.ics")


@bp.app_errorhandler(404)
def _not_found(error: HTTPException):
    """An address nothing answers: a page for a browser, the API's JSON error for anything else.

    Registered on the app (an unknown address belongs to no blueprint) by status code, so
    Flask asks it before the API's handler for every 404; a 404 from an API route (an
    unknown skill) is handed back to the API's error shape, and one from this blueprint
    (a missing asset) is this blueprint's page.
    """
    if request.blueprint == bp.name:
        return _http_error(error)
    wants_page = request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html"
    if not wants_page or request.blueprint is not None:
        return error_response(error)
    message = f"There is no page at {request.path}. The self-assessment starts from the home page."
    response = current_app.make_response(
        (render_template("web_error.html", title="Page not found", message=message), 404)
    )
    return _headers(response)


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    # The app answers errors in JSON for the API; a person at the form gets a page.
    return render_template("web_error.html", title=error.name, message=error.description), error.code


@bp.errorhandler(Exception)
def _unexpected(error: Exception):
    current_app.logger.exception("unhandled error on the form: %s", request.path)
    message = "Something went wrong on our side. Your answers were not lost: go back and try again."
    return render_template("web_error.html", title="Something went wrong", message=message), 500


# -- helpers -----------------------------------------------------------------------


def _engine():
    return current_app.extensions["careerpath"]


def _catalog():
    return _engine().catalog


def _tick() -> int:
    return tick_level(_catalog().max_level)


def _answers(values) -> Answers:
    """The answers in a form or query string, a tick rating a module at the catalog's tick level."""
    return Answers.from_fields(values, _tick())


def _unanswerable(answers: Answers, request_dict: dict) -> dict:
    """``{form field: [messages]}`` for answers no plan can come from, before the engine reads them."""
    if answers.too_many:
        return {GENERAL: ["The form has more answers than the catalog has skills; please start again."]}
    # The form ticks catalog modules only; anything else would reach the engine's similarity
    # matching unchecked by the form's cap on made-up names (api.security.form_limits counts skill. and module.).
    unknown = [m for m in answers.done if not _catalog().has_module(m)]
    if unknown:
        return {GENERAL: [f"{', '.join(map(repr, unknown[:3]))}: no such topic on the form; please start again."]}
    if not request_dict["skills"] and not answers.role:
        return {ROLE: [EMPTY]}
    return {}


def _errors(answers: Answers) -> dict:
    """What :func:`_recommend` would refuse, from the engine's reading of the request alone (no scoring)."""
    request_dict, fields = answers.to_request()
    errors = _unanswerable(answers, request_dict)
    if errors:
        return errors
    (parsed,) = _engine().parse([request_dict]).parsed
    return answers.field_errors(parsed.errors, fields)


def _requested_plan() -> tuple[Answers, dict | None, dict]:
    """The answers in the page's query string (a result's address), and their plan or errors."""
    answers = _answers(request.args)
    return (answers, *_recommend(answers))


def _recommend(answers: Answers) -> tuple[dict | None, dict]:
    """``(engine response, {})`` or ``(None, {form field: [messages]})``."""
    request_dict, fields = answers.to_request()
    errors = _unanswerable(answers, request_dict)
    if errors:
        return None, errors
    try:
        return _engine().recommend(request_dict), {}
    except InputError as exc:
        return None, answers.field_errors(exc.errors, fields)


def _attachment(body: str | bytes, mimetype: str, filename: str):
    response = current_app.response_class(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _module_order() -> tuple[str, ...]:
    """The form's module order (:func:`display.beginner_order`), worked out once per app."""
    extensions = current_app.extensions
    if ORDER not in extensions:
        extensions[ORDER] = display.beginner_order(_catalog())
    return extensions[ORDER]


def _form_page(answers: Answers, errors: dict | None = None, notices: list[str] = (), status: int = 200):
    catalog = _catalog()
    role = answers.role if catalog.has_role(answers.role) else None
    errors = errors or {}
    topics = display.form_topics(catalog, _module_order(), answers, role, errors)
    rated, total = display.progress(topics)
    return (
        render_template(
            "web_form.html",
            catalog=catalog,
            topics=topics,
            tick_level=display.level(catalog, _tick()),
            answers=answers,
            role=role,
            rated=rated,
            total=total,
            errors=errors,
            error_list=_error_list(catalog, errors),
            notices=list(notices),
            csrf_token=generate_csrf(),
            SKILL=SKILL,
            MODULE=MODULE,
            ROLE=ROLE,
            HOURS=HOURS,
            GOALS=GOALS,
            DONE=DONE,
            NARROW=NARROW,
        ),
        status,
    )


def _error_list(catalog, errors: dict) -> list[dict]:
    """The error summary: each message with the field's name as people read it."""
    out = []
    for name, messages in errors.items():
        out.append({"field": name, "anchor": _anchor(name), "label": _label(catalog, name), "messages": messages})
    return out


def _anchor(name: str) -> str:
    return "f-" + name.replace(".", "-") if name != GENERAL else "top"


def _label(catalog, name: str) -> str:
    kind, _, ident = name.partition(".")
    if name == ROLE:
        return "Target role"
    if name == HOURS:
        return "Hours per week"
    if name == GOALS:
        return "What you want to build next"
    if kind + "." == SKILL:
        return catalog.skill(ident).name if catalog.has_skill(ident) else f"Skill {ident!r}"
    if kind + "." == MODULE:
        return f"{catalog.module(ident).name} as a whole" if catalog.has_module(ident) else f"Module {ident!r}"
    return "The form"


def _results_page(answers: Answers, response: dict):
    catalog = _catalog()
    query = answers.query()
    return render_template(
        "web_results.html",
        catalog=catalog,
        response=response,
        bars=display.role_bars(response, catalog),
        timeline=display.timeline(response["plan"], catalog),
        milestones=display.milestones(response),
        strengths=display.strengths(response, catalog),
        ignored=display.ignored(response, catalog),
        guessed=display.guessed(response, catalog),
        target=catalog.role(response["target_role"]),
        chosen=bool(answers.role),
        for_goals=first_for_goals(response["roles"]),
        closest=only_closest(response["roles"]),
        change_url=url_for("web.form", **query),
        download_url=url_for("web.download", **query),
        markdown_url=url_for("web.markdown", **query),
        calendar_url=url_for("web.calendar", **query),
        permalink=url_for("web.results", **query, _external=True),
    )
