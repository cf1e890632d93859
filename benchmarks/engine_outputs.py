"""Every output array of ``Engine.score``, saved from one source tree and compared bit for bit from another.

A change to the scoring loop must leave its answers the same bits. Run the code before
(a copy of the tree) with ``save`` and the code after with ``compare``::

    PYTHONPATH=/tmp/before python benchmarks/engine_outputs.py save /tmp/scores.npz
    python benchmarks/engine_outputs.py compare /tmp/scores.npz          # exit 1 on any difference
    python benchmarks/engine_outputs.py save /tmp/s10k.npz --catalog benchmarks/out/scale-10000

The profiles: on the shipped catalog the engine benchmark's cohort (levels ~ Binomial(5, p),
p ~ U(0, 1); random targets and hours), on another catalog bench_scale's sparse profiles (5-40
of one role's skills rated, 5 others). Each is scored with limits none, 10 and 0.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

import skills
from recommender.engine import Engine
from recommender.modelio import default_model_path, load_model

LIMITS = (None, 10, 0)
SCORES = ("levels", "fit", "missing", "role_order", "has_best_fit", "target")


def profiles(engine: Engine, n: int, sparse: bool, seed: int = 7):
    """``(levels, targets, hours_per_week)`` for ``n`` profiles."""
    a, top = engine.arrays, engine.catalog.max_level
    rng = np.random.default_rng(seed)
    hours = rng.integers(1, 81, size=n).astype(np.float64)
    if not sparse:
        levels = rng.binomial(top, rng.random((n, 1)), size=(n, a.n_skills)).astype(np.int8)
        return levels, rng.integers(-1, a.n_roles, size=n), hours
    levels = np.zeros((n, a.n_skills), dtype=np.int8)
    role = rng.integers(0, a.n_roles, n)
    for i in range(n):
        own = a.role_skill[a.role_ptr[role[i]] : a.role_ptr[role[i] + 1]]
        rated = rng.choice(own, min(len(own), int(rng.integers(5, 40))), replace=False)
        picked = np.concatenate([rated, rng.integers(0, a.n_skills, 5)])
        levels[i, picked] = rng.integers(0, top + 1, len(picked))
    return levels, np.where(rng.random(n) < 0.5, -1, role), hours


def outputs(engine: Engine, levels, targets, hours) -> dict[str, np.ndarray]:
    out = {}
    for limit in LIMITS:
        scores = engine.score(levels, targets, hours, limit)
        out |= {f"{limit}.{name}": getattr(scores, name) for name in SCORES}
        out |= {f"{limit}.plans.{name}": value for name, value in vars(scores.plans).items()}
    return out


def same(x: np.ndarray, y: np.ndarray) -> bool:
    """The same shape, type and bits (NaN equal to NaN, -0.0 not equal to +0.0)."""
    if x.shape != y.shape or x.dtype != y.dtype:
        return False
    if x.dtype.kind == "f":
        return np.array_equal(x, y, equal_nan=True) and np.array_equal(np.signbit(x), np.signbit(y))
    return np.array_equal(x, y)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["save", "compare"])
    parser.add_argument("file", type=Path)
    parser.add_argument("--catalog", help="a catalog directory (default: the shipped catalog)")
    parser.add_argument("--profiles", type=int, default=20_000)
    args = parser.parse_args()
    catalog = skills.load_catalog(args.catalog or skills.default_catalog_dir())
    engine = Engine(catalog, load_model(default_model_path()))
    got = outputs(engine, *profiles(engine, args.profiles, sparse=args.catalog is not None))
    if args.mode == "save":
        np.savez_compressed(args.file, **got)
        print(f"saved {len(got)} arrays to {args.file}")
        return 0
    saved = np.load(args.file)
    differ = [name for name in saved.files if name not in got or not same(saved[name], got[name])]
    print(f"compared {len(saved.files)} arrays: " + (f"DIFFER {differ}" if differ else "identical"))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
