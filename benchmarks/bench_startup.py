"""Start-up times of the commands people run, each in a fresh process. A script, not a test::

    python benchmarks/bench_startup.py              # 5 runs of each, best and median
    python benchmarks/bench_startup.py --repeat 9 --wait-idle 60

It measures, wall time from starting the process:

* ``careerpath recommend examples/request.json``: one profile, start to exit (goal < 1 s);
  its "basket weaving" matches nothing, so the matcher looks for a typo (scikit-learn);
  ``recommend_known_names`` is the same request without it;
* ``careerpath serve``: start to the first 200 from ``GET /health`` (goal < 2 s);
* ``python -c pass`` and importing the engine and loading it, for scale;

and lists the heavy modules the recommend command imports (scikit-learn, scipy.stats,
skops and pandas should not be among them). ``careerpath batch`` of a million rows
against the pyarrow floor is ``benchmarks/bench_batch.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_batch import wait_idle  # noqa: E402
from servers import free_port, time_to_first_200  # noqa: E402

HEAVY = ("sklearn", "scipy.stats", "skops", "pandas", "pyarrow", "matplotlib", "flask")
REQUEST = ROOT / "examples" / "request.json"
MODULES_AFTER_RECOMMEND = """
import runpy, sys
sys.argv = ["careerpath", "recommend", sys.argv[1]]
try:
    runpy.run_module("api.cli", run_name="__main__")
except SystemExit:
    pass
print(" ".join(sorted(m for m in sys.modules if m in {heavy!r})), file=sys.stderr)
"""


def run_once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def serve_once(workers: int, timeout: float = 60) -> float:
    """Seconds from starting ``careerpath serve`` to the first 200 from /health."""
    port = free_port()
    command = [sys.executable, "-m", "api.cli", "serve", "--port", str(port), "--workers", str(workers)]
    return time_to_first_200(command, port, timeout=timeout, cwd=ROOT)


def summary(times: list[float]) -> dict:
    return {"best_s": round(min(times), 3), "median_s": round(statistics.median(times), 3), "runs": len(times)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers for the serve measurement")
    parser.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS", help="wait for idle CPUs first")
    args = parser.parse_args()
    if args.wait_idle:
        print(f"idle share before measuring: {wait_idle(args.wait_idle)}", flush=True)
    python = sys.executable
    commands = {
        "python_pass": [python, "-c", "pass"],
        "engine_load": [python, "-c", "from recommender.engine import Engine; Engine.load()"],
        "recommend": [python, "-m", "api.cli", "recommend", str(REQUEST)],
    }
    known = json.loads(REQUEST.read_text())
    known["skills"] = [s for s in known["skills"] if s["name"] != "basket weaving"]
    known_path = ROOT / "benchmarks" / "out" / "request-known-names.json"
    known_path.parent.mkdir(exist_ok=True)
    known_path.write_text(json.dumps(known))
    commands["recommend_known_names"] = [python, "-m", "api.cli", "recommend", str(known_path)]
    run_once(commands["recommend"])  # numba's cache and the OS's file cache warm, as on a server
    results: dict = {"cpus": os.cpu_count(), "load_1min": round(os.getloadavg()[0], 2)}
    for name, command in commands.items():
        results[name] = summary([run_once(command) for _ in range(args.repeat)])
        print(name, results[name], flush=True)
    results["serve_first_200"] = summary([serve_once(args.workers) for _ in range(args.repeat)])
    results["serve_first_200"]["workers"] = args.workers
    print("serve_first_200", results["serve_first_200"], flush=True)
    probe = subprocess.run(
        [python, "-c", MODULES_AFTER_RECOMMEND.format(heavy=set(HEAVY)), str(REQUEST)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    results["heavy_modules_imported_by_recommend"] = probe.stderr.split()
    print(json.dumps(results, indent=2))
    print(
        f"\nrecommend {results['recommend']['best_s']} s, with known names only "
        f"{results['recommend_known_names']['best_s']} s (goal < 1 s) | "
        f"serve to first 200 {results['serve_first_200']['best_s']} s (goal < 2 s)"
    )


if __name__ == "__main__":
    main()
