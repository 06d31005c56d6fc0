"""mypy --strict holds on the models, the extractors and the normalisers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_models_extractors_and_normalisers_pass_mypy_strict():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "pipeline/models.py", "extractors", "pipeline/normalise", "pipeline/nlp"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("Success: no issues found")
