"""The benchmark's baseline: a Flask app that only parses the JSON body.

Served by the same gunicorn setup as ``careerpath serve`` (api.server.serve_wsgi:
gevent workers, JSON access log), so the difference is what careerpath does per request.

With ``--answers WORKLOAD`` it answers each of that workload's bodies with careerpath's
own answer, worked out before serving, instead of ``{"ok": true}``: the cost of moving
answers of that size (a whole plan is 85-96 KB) through gunicorn, the kernel and wrk,
which no work in the app can remove.

    python benchmarks/minimal_app.py --port 8001 --workers 2
    python benchmarks/minimal_app.py --port 8001 --answers readme
"""

from __future__ import annotations

import argparse
import json

import orjson
from flask import Flask, request

from api.server import default_workers, serve_wsgi

app = Flask(__name__)


@app.post("/v1/recommendations")
def parse_only():
    request.get_json()
    return {"ok": True}


@app.get("/health")
def health():
    return {"status": "ok"}


def answering(workload: str) -> Flask:
    """The same app, answering every body of ``workload`` (as bench_api sends it) with careerpath's answer."""
    from bench_api import WORKLOADS

    from recommender.engine import Engine

    engine = Engine.load()
    answers = {json.dumps(body).encode(): orjson.dumps(engine.recommend(body)) for body in WORKLOADS[workload]()}
    sized = Flask(__name__)

    @sized.post("/v1/recommendations")
    def answer():
        request.get_json()
        return sized.response_class(answers[request.get_data()], mimetype="application/json")

    sized.get("/health")(health)
    return sized


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--answers", metavar="WORKLOAD", help="answer with careerpath's answers to this workload")
    args = parser.parse_args()
    serve_wsgi(answering(args.answers) if args.answers else app, host=args.host, port=args.port, workers=args.workers)
