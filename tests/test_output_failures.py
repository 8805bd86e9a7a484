"""Output that cannot be written: a closed stdout, a full disk, a reader that leaves.

Every command, and --version and --help, ends with one line on stderr and exit 1: never a
traceback, never a claim of success. A closed pipe (`| head -1`) stays quiet.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, STORE, clean_env

pytestmark = pytest.mark.slow  # real processes, pseudo-terminals, large stores

COMMANDS = [
    ["list"], ["list", "--json"], ["list", "--csv"], ["city", "الرقة"], ["city", "Raqqa", "--geojson"],
    ["summary"], ["summary", "--json"], ["show", "2017-10-17-raqqa"], ["places"],
    ["actors", "--jsonl"], ["validate", str(STORE)], ["schema"], ["--version"], ["--help"],
    ["list", "--help"],
]


def shell(args: list[str], redirect: str) -> subprocess.CompletedProcess[bytes]:
    words = " ".join(f"'{a}'" for a in args)
    script = f"'{sys.executable}' -m syria_timeline {words} {redirect}"
    return subprocess.run(["bash", "-c", script], capture_output=True, cwd=ROOT, timeout=60,
                          env=clean_env())


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_closed_stdout(args: list[str]) -> None:
    result = shell(args, ">&-")
    assert result.returncode == 1
    assert result.stderr == b"Error: standard output is closed; nothing can be written\n"


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_full_disk(args: list[str]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    result = shell(args, ">/dev/full")
    assert result.returncode == 1
    assert result.stderr == b"Error: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("args", [["list", "--jsonl"], ["list"], ["places", "--csv"], ["schema"]],
                         ids=" ".join)
def test_a_reader_that_leaves_is_no_error(args: list[str]) -> None:
    words = " ".join(f"'{a}'" for a in args)
    script = f"'{sys.executable}' -m syria_timeline {words} | head -c 1 >/dev/null"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", script], capture_output=True,
                            cwd=ROOT, timeout=60, env=clean_env())
    assert result.stderr == b""
