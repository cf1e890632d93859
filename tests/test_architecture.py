"""The import layers hold: skills <- recommender <- api, api's own layers, and no circles.

The contracts are declared in setup.cfg (``[importlinter]``); this runs them with
import-linter's ``lint-imports``, which reads imports statically, function-level
imports included.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def lint_imports() -> str:
    return shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))


def test_import_contracts_are_kept():
    result = subprocess.run(
        [lint_imports(), "--config", str(ROOT / "setup.cfg"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
