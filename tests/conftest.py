"""Shared fixtures."""

import os
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
THRESHOLD = REPO_ROOT / ".venv" / "bin" / "threshold"


def threshold_env(**extra: str) -> dict[str, str]:
    """The environment for a `threshold` subprocess: no THRESHOLD_* settings leaking in from outside."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("THRESHOLD_")}
    return {**env, **extra}


@pytest.fixture(scope="session")
def built_index(tmp_path_factory) -> Path:
    """A full index of the bundled corpus, built once per session with the real `threshold ingest`."""
    index = tmp_path_factory.mktemp("index")
    result = subprocess.run(
        [str(THRESHOLD), "ingest", "--index", str(index), "--json"],
        cwd=REPO_ROOT,
        env=threshold_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, f"threshold ingest failed ({result.returncode}):\n{result.stderr}"
    return index
