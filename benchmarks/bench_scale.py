"""Catalogs of 100 to 30,000 skills: start-up, validation, answers, batch scoring and memory (issue 19 §4). A script::

    python benchmarks/bench_scale.py                     # 100, 1,000, 10,000 and 30,000 skills
    python benchmarks/bench_scale.py --sizes 1000 10000 --repeat 3

For each size it writes a catalog directory in the shipped format under
``benchmarks/out/scale-<n>/``: a random layered prerequisite graph in modules of 100
skills (10 layers each; a skill names about 10 prerequisites, in the two layers of its
module before its own and one in the first module, the foundations; half with a
level), and 50 roles of about 300 skills each (foundations and most of three modules,
as a real role covers a region of a taxonomy). Then it measures, each in a fresh process:

* ``careerpath validate DIR`` (goal at 10,000 skills: < 10 s);
* ``careerpath recommend`` of one profile and ``careerpath serve`` to the first 200
  from ``/health``, wall time (goal < 10 s each);
* in-process, after ``Engine.load``: one recommendation with 10 steps (< 5 ms), a
  beginner's whole plan (< 50 ms), ``Engine.score`` of sparse profiles in blocks of
  10,000 rows, first 10 steps (>= 20,000 profiles/s), and that process's peak memory
  (< 2 GiB);

and prints a table of the medians with each figure's growth from the size before.
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

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from servers import free_port, time_to_first_200  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
N_ROLES = 50
WORDS = ("none", "aware", "beginner", "practitioner", "senior", "expert")
PREREQUISITES = 11  # at most, per skill: 10 in its module, 1 in the foundations
MODULE_SIZE = 100
LAYERS = 10  # per module
GOALS = {  # the goals at 10,000 skills
    "validate_s": ("<", 10),
    "recommend_s": ("<", 10),
    "serve_s": ("<", 10),
    "one_ms": ("<", 5),
    "whole_plan_ms": ("<", 50),
    "profiles_per_s": (">=", 20_000),
    "peak_mib": ("<", 2048),
}
IN_PROCESS = """
import json, resource, sys, time
import numpy as np
import skills
from recommender.arrays import CatalogArrays
from recommender.engine import Engine, Scorer
from recommender.modelio import load_model

directory, request_path, rows, whole_engine = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
out = {}
t = time.perf_counter()
catalog = skills.load_catalog(directory)
out["load_s"] = time.perf_counter() - t
model = load_model()
t = time.perf_counter()
scorer = Scorer(CatalogArrays.from_catalog(catalog), model.coef)
out["tables_s"] = time.perf_counter() - t
a = scorer.arrays
rng = np.random.default_rng(1)

def sparse_profiles(n):
    # A person rates some of one role's skills and a few others; half ask for that role, half for the best fit.
    levels = np.zeros((n, a.n_skills), dtype=np.int8)
    role = rng.integers(0, a.n_roles, n)
    for i in range(n):
        own = a.role_skill[a.role_ptr[role[i]] : a.role_ptr[role[i] + 1]]
        picked = np.concatenate([rng.choice(own, min(len(own), int(rng.integers(5, 40))), replace=False),
                                 rng.integers(0, a.n_skills, 5)])
        levels[i, picked] = rng.integers(0, 6, len(picked))
    return levels, np.where(rng.random(n) < 0.5, -1, role)

def median_ms(call, rounds):
    call()
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        call()
        times.append(time.perf_counter() - t)
    return float(np.median(times)) * 1e3

one, target = sparse_profiles(1)
out["score_one_ms"] = median_ms(lambda: scorer.score(one, target, None, 10), 200)
out["score_whole_ms"] = median_ms(lambda: scorer.score(np.zeros_like(one), np.zeros(1, int), None, None), 50)
elapsed = 0.0
for start in range(0, rows, 10_000):
    levels, targets = sparse_profiles(min(10_000, rows - start))
    t = time.perf_counter()
    scorer.score(levels, targets, None, 10)
    elapsed += time.perf_counter() - t
out["profiles_per_s"] = rows / elapsed
out["scorer_peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
if whole_engine:
    t = time.perf_counter()
    engine = Engine(catalog, model)
    out["engine_s"] = time.perf_counter() - t
    request = json.loads(open(request_path).read())
    out["one_ms"] = median_ms(lambda: engine.recommend({**request, "limit": 10}), 200)
    out["whole_plan_ms"] = median_ms(lambda: engine.recommend({"skills": [], "target_role": request["target_role"]}), 20)
    out["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
out["closure_pairs"] = int(len(a.role_ancestors_idx))
print(json.dumps(out))
"""


# -- catalogs ------------------------------------------------------------------------------------------------


def generate(n: int, directory: Path, seed: int = 0) -> dict:
    """Write a valid catalog of ``n`` skills to ``directory``; return its counts.

    Skills come in modules of ``MODULE_SIZE`` (a domain of the taxonomy), each in
    ``LAYERS`` layers: a skill names up to ``PREREQUISITES`` - 1 prerequisites in the
    two layers of its module before its own, and one in the first module (the
    foundations everyone builds on); about half name a level (1-3).
    """
    rng = np.random.default_rng(seed)
    directory.mkdir(parents=True, exist_ok=True)
    ids = [f"skill-{i:05d}" for i in range(n)]
    per_layer = MODULE_SIZE // LAYERS
    n_edges = 0
    lines = ["# Generated by benchmarks/bench_scale.py: modules of layered skills on a shared foundation module."]
    for i in range(n):
        module, layer = divmod(i, MODULE_SIZE)
        layer //= per_layer
        start = module * MODULE_SIZE
        before = np.arange(start + max(0, layer - 2) * per_layer, start + layer * per_layer)
        picked = rng.choice(before, min(PREREQUISITES - 1, len(before)), replace=False).tolist() if len(before) else []
        if module > 0:
            picked.append(int(rng.integers(MODULE_SIZE // 2, min(MODULE_SIZE, n))))
        named = [
            f"{{skill: {ids[p]}, level: {rng.integers(1, 4)}}}" if rng.random() < 0.5 else ids[p]
            for p in sorted(picked)
        ]
        n_edges += len(named)
        hours = np.sort(rng.integers(1, 60, 5)).tolist()
        lines += [
            f"- id: {ids[i]}",
            f"  name: Skill {i:05d}",
            f"  module: module-{module:03d}",
            f"  description: Generated skill {i}, layer {layer} of module {module}.",
            f"  hours: {hours}",
            *([f"  prerequisites: [{', '.join(named)}]"] if named else []),
        ]
    (directory / "skills.yaml").write_text("\n".join(lines) + "\n")
    n_modules = (n + MODULE_SIZE - 1) // MODULE_SIZE
    modules = [
        f"- {{id: module-{m:03d}, name: Module {m}, track: general, description: Skills of module {m}.}}"
        for m in range(n_modules)
    ]
    (directory / "modules.yaml").write_text("\n".join(modules) + "\n")
    (directory / "roles.yaml").write_text(_roles(n, rng, ids))
    (directory / "catalog.yaml").write_text(
        f"name: scale-{n}\ntitle: Generated catalog of {n} skills\n"
        "description: Layered modules of skills for benchmarks/bench_scale.py.\n"
        "levels:\n"
        + "".join(f"  - {{value: {v}, word: {WORDS[v]}, description: Level {v}.}}\n" for v in range(6))
        + "tracks:\n  - {id: general, name: General, description: Every skill., shared: true}\n"
    )
    return {"skills": n, "edges": n_edges, "modules": n_modules}


def _roles(n: int, rng: np.random.Generator, ids: list[str]) -> str:
    """50 roles of up to 300 skills: some foundations and a sample of three modules (a region of the taxonomy)."""
    n_modules = (n + MODULE_SIZE - 1) // MODULE_SIZE
    lines = []
    for r in range(N_ROLES):
        chosen = rng.choice(np.arange(n_modules), min(3, n_modules), replace=False)
        pool = np.concatenate([np.arange(m * MODULE_SIZE, min(n, (m + 1) * MODULE_SIZE)) for m in chosen])
        skills = rng.choice(pool, int(len(pool) * 0.9), replace=False)
        skills = np.union1d(skills, rng.choice(np.arange(min(MODULE_SIZE, n)), min(30, n // 3), replace=False))
        lines += [f"- id: role-{r:02d}", f"  title: Role {r}", "  track: general", f"  summary: Generated role {r}."]
        lines.append("  skills:")
        for s in skills:
            tier = "core" if rng.random() < 0.7 else "optional"
            level, weight = rng.integers(2, 6), rng.integers(1, 11) / 10
            lines.append(f"    {ids[s]}: {{level: {level}, weight: {weight}, tier: {tier}}}")
    return "\n".join(lines) + "\n"


def request_file(directory: Path) -> Path:
    """A profile of five skills of the first role, asking for that role."""
    import yaml

    role = yaml.safe_load((directory / "roles.yaml").read_text())[0]
    skills = list(role["skills"])[:5]
    path = directory / "request.json"
    body = {"skills": [{"name": s, "level": 3} for s in skills], "target_role": role["id"], "limit": 10}
    path.write_text(json.dumps(body))
    return path


# -- measurements --------------------------------------------------------------------------------------------


def timed(command: list[str], env: dict) -> tuple[float, float]:
    """Wall seconds and peak memory (MiB) of a command run to its end."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(
            f"{' '.join(command)} exited with {process.returncode}: {process.stderr.read().decode()[-2000:]}"
        )
    return elapsed, usage.ru_maxrss / 1024


def serve_first_200(env: dict, timeout: float = 120) -> float:
    port = free_port()
    command = [sys.executable, "-m", "api.cli", "serve", "--port", str(port), "--workers", "1"]
    return time_to_first_200(command, port, env=env, timeout=timeout, cwd=ROOT)


def measure(n: int, repeat: int, rows: int, commands: bool) -> dict:
    """Median figures for a catalog of ``n`` skills; ``commands``: also run the CLI and the whole Engine."""
    directory = OUT / f"scale-{n}"
    counts = generate(n, directory)
    request = request_file(directory)
    env = {**os.environ, "CAREERPATH_CATALOG": str(directory)}
    python = sys.executable
    runs: dict[str, list[float]] = {}
    for _ in range(repeat):
        figures = {}
        if commands:
            figures["validate_s"], _ = timed([python, "-m", "api.cli", "validate", str(directory)], env)
            figures["recommend_s"], figures["recommend_mib"] = timed(
                [python, "-m", "api.cli", "recommend", str(request)], env
            )
            figures["serve_s"] = serve_first_200(env)
        probe = subprocess.run(
            [python, "-c", IN_PROCESS, str(directory), str(request), str(rows), "1" if commands else "0"],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        figures |= json.loads(probe.stdout.strip().splitlines()[-1])
        for name, value in figures.items():
            runs.setdefault(name, []).append(value)
        print(n, {k: round(v, 3) for k, v in figures.items()}, flush=True)
    return counts | {name: statistics.median(values) for name, values in runs.items()}


def table(results: list[dict]) -> str:
    names = [
        "validate_s", "recommend_s", "serve_s", "load_s", "tables_s", "engine_s", "score_one_ms", "score_whole_ms",
        "one_ms", "whole_plan_ms", "profiles_per_s", "scorer_peak_mib", "peak_mib",
    ]  # fmt: skip
    head = "| skills | edges | " + " | ".join(names) + " |"
    lines = [head, "| " + " | ".join(["---:"] * (len(names) + 2)) + " |"]
    before = None
    for row in results:
        cells = [f"{row['skills']:,}", f"{row['edges']:,}"]
        for name in names:
            value = row.get(name)
            if value is None:
                cells.append("-")
                continue
            text = f"{value:,.0f}" if value >= 100 else f"{value:.3g}"
            if before is not None and before.get(name):
                text += f" (x{value / before[name]:.1f})"
            cells.append(text)
        lines.append("| " + " | ".join(cells) + " |")
        before = row
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10_000, 30_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rows", type=int, default=50_000, help="profiles scored in-process, in 10,000-row blocks")
    parser.add_argument(
        "--commands-up-to", type=int, default=10_000, help="larger catalogs: the scoring loop's figures only"
    )
    args = parser.parse_args()
    print(f"cpus {os.cpu_count()}, load {os.getloadavg()[0]:.1f}", flush=True)
    results = [measure(n, args.repeat, args.rows, n <= args.commands_up_to) for n in args.sizes]
    print(table(results))
    for row in results:
        if row["skills"] == 10_000:
            missed = [
                k
                for k, (op, goal) in GOALS.items()
                if k in row and not (row[k] < goal if op == "<" else row[k] >= goal)
            ]
            missed += [k for k in ("score_one_ms",) if row[k] >= GOALS["one_ms"][1]]
            print("goals at 10,000 skills:", "all met" if not missed else f"missed {missed}")


if __name__ == "__main__":
    main()
