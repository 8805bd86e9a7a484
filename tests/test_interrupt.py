"""Ctrl-C at any moment: exit 130, no traceback, also during start-up imports."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import ROOT, clean_env

pytestmark = pytest.mark.slow  # real processes, pseudo-terminals, large stores


def interrupted_after(seconds: float, *args: str) -> subprocess.CompletedProcess[bytes]:
    process = subprocess.Popen([sys.executable, "-m", "syria_timeline", *args], cwd=ROOT,
                               env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(seconds)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


ARGS = ("list", "--year", "2017", "--json")


def timed(command: list[str]) -> tuple[float, bytes]:
    began = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=clean_env(), capture_output=True, check=True)
    return time.perf_counter() - began, result.stdout


@pytest.fixture(scope="module")
def timing() -> tuple[float, float, bytes]:
    """Python's own start-up, a whole run, and the run's complete output."""
    interpreter, _ = timed([sys.executable, "-c", "pass"])
    whole, output = timed([sys.executable, "-m", "syria_timeline", *ARGS])
    return interpreter, whole, output


# From the end of the interpreter's own start-up (before it, Python's handler is in charge:
# a documented limit) through Typer's imports and the tool's own, to the answer.
@pytest.mark.parametrize("fraction", [0.2, 0.3, 0.4, 0.55, 0.7, 0.85])
def test_ctrl_c_during_start_up(fraction: float, timing: tuple[float, float, bytes]) -> None:
    interpreter, whole, output = timing
    result = interrupted_after(interpreter + fraction * (whole - interpreter), *ARGS)
    assert result.stderr == b""
    # Exit 130 with the document whole or not started; or, when the signal came after the
    # answer, while Python shut down (its default handler back) or after the exit, that
    # answer whole.
    assert (result.returncode, result.stdout) in {
        (130, b""), (130, output), (-signal.SIGINT, output), (0, output)}


def test_ctrl_c_during_a_long_query(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_store.py"), str(big), "40000"],
                   check=True, capture_output=True)
    result = interrupted_after(1.0, "--data", str(big), "list", "--json")
    assert result.returncode == 130
    assert result.stderr == b""
    assert result.stdout == b""  # a document is written whole or not at all
