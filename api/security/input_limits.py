"""Limits on what a request body may be, checked before the body is parsed.

A JSON body is also refused (400) when Python's parser would accept it but the
service could not use it: a number of more than 4,300 digits or a lone UTF-16
surrogate escape (:mod:`api.security.json_text`); both were 500s.

The size limit is Flask's (``MAX_CONTENT_LENGTH``, 413; cohorts set their own) and
the per-field limits (skills per profile, string lengths, rows per cohort) live in
the schemas. What is added here is the nesting depth of JSON bodies
(``JSON_MAX_DEPTH``, default 32; the service's own documents nest four or five
levels): deeper bodies get a 400 instead of making the parser recurse into a 500.

The check sits in the request class, where the body is read, rather than in a
``before_request`` hook: the cohort endpoint raises the body-size limit in its own
hook, which runs after the app's hooks, so a hook here would read cohort bodies
under the wrong limit.
"""

from __future__ import annotations

import io

import flask
from flask import current_app
from flask_smorest import abort
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.utils import cached_property

from api.security import json_depth, json_text


class Request(flask.Request):
    """Flask's request; a JSON body nested deeper than ``JSON_MAX_DEPTH`` is refused on reading."""

    _depth_checked = False

    @cached_property
    def stream(self):
        limit = self.max_content_length
        if self.content_length is not None or limit is None or not self.environ.get("wsgi.input_terminated"):
            return super().stream  # a length: werkzeug refuses an announced length over the limit
        return io.BytesIO(_read_at_most(self.environ["wsgi.input"], limit))

    def get_data(self, cache: bool = True, as_text: bool = False, parse_form_data: bool = False):
        data = super().get_data(cache=cache, as_text=as_text, parse_form_data=parse_form_data)
        if not self._depth_checked and self.is_json:
            self._depth_checked = True
            limit = current_app.config["JSON_MAX_DEPTH"]
            body = data.encode() if isinstance(data, str) else data
            if json_depth.exceeds(body, limit):
                abort(400, message=f"The request body nests arrays and objects more than {limit} levels deep.")
            if problem := json_text.problem(body):
                abort(400, message=problem)
        return data


def _read_at_most(raw, limit: int) -> bytes:
    """The whole of an unsized body, or 413 as soon as it passes ``limit`` bytes."""
    parts, size = [], 0
    while chunk := raw.read(min(64 * 1024, limit + 1 - size)):
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            raise RequestEntityTooLarge()
    return b"".join(parts)


def init_app(app) -> None:
    app.request_class = Request
