"""careerpath's app with the engine's answers worked out before serving: the service minus the engine.

Every request still goes through the whole app (request id, rate limit, content-type
check, marshmallow validation, flask-smorest, orjson, gunicorn), but the recommendation
for each of the benchmark's bodies is looked up instead of computed. ``bench_api.py
--precomputed`` serves it beside the other two, so the figures show how much of the
gap to the minimal app is the engine and how much the rest of the request.

    python benchmarks/precomputed_app.py --port 8002 --workload varied
"""

from __future__ import annotations

import argparse
import os

# As careerpath serve does, before numpy is imported: one BLAS thread per worker.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import orjson  # noqa: E402

from api.app import create_app  # noqa: E402
from api.server import default_workers, serve_wsgi  # noqa: E402


class Precomputed:
    """The engine, with ``recommend`` answered from a table made before serving."""

    def __init__(self, engine, requests):
        self.engine = engine
        self.answers = {self._key(r): engine.recommend(r) for r in requests}

    @staticmethod
    def _key(request) -> bytes:
        return orjson.dumps(request, option=orjson.OPT_SORT_KEYS)

    def recommend(self, request, limit=None):
        answer = self.answers.get(self._key(request))
        return self.engine.recommend(request, limit) if answer is None or limit is not None else answer

    def __getattr__(self, name):  # catalog, model, ... for /health and the rest
        return getattr(self.engine, name)


def build(workload: str):
    from bench_api import WORKLOADS

    from api.v1.recommendations import REQUEST_SCHEMA

    app = create_app()
    # Keyed by the request as the view receives it: after validation, defaults filled in.
    requests = [REQUEST_SCHEMA.load(body) for body in WORKLOADS[workload]()]
    app.extensions["careerpath"] = Precomputed(app.extensions["careerpath"], requests)
    return app


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8002)
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--workload", default="varied")
    args = parser.parse_args()
    serve_wsgi(build(args.workload), host=args.host, port=args.port, workers=args.workers)
