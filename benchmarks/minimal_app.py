"""The benchmark's baseline: a Flask app that only parses the JSON body.

Served by the same gunicorn setup as ``careerpath serve`` (api.server.serve_wsgi:
sync workers, JSON access log), so the difference is what careerpath does per request.

    python benchmarks/minimal_app.py --port 8001 --workers 2
"""

from __future__ import annotations

import argparse

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


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--workers", type=int, default=default_workers())
    args = parser.parse_args()
    serve_wsgi(app, host=args.host, port=args.port, workers=args.workers)
