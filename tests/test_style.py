"""The code base stays ruff clean (the linter settings live in pyproject.toml)."""

import shutil
import subprocess
import sys

from conftest import ROOT


def test_ruff_clean():
    ruff = shutil.which("ruff") or str(ROOT / ".venv" / "bin" / "ruff")
    result = subprocess.run([ruff, "check", "--no-cache", str(ROOT)], capture_output=True, text=True, cwd=ROOT,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_package_imports_without_side_effects():
    result = subprocess.run([sys.executable, "-c", "import analysis, sys; print(len(analysis.__all__))"],
                            capture_output=True, text=True, check=True)
    assert int(result.stdout) >= 5
