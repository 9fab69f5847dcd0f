"""The shared contract check passes against the installed `threshold` command."""

import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT, THRESHOLD, threshold_env

CHECK = REPO_ROOT.parent / "shared" / "check" / "contract_check.py"


@pytest.mark.skipif(not CHECK.exists(), reason="../shared/check/contract_check.py is not beside this clone")
def test_contract_check_passes(built_index):
    result = subprocess.run(
        [sys.executable, str(CHECK), "--cmd", str(THRESHOLD)],
        env=threshold_env(THRESHOLD_INDEX_DIR=str(built_index)),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " 0 failed" in result.stdout
