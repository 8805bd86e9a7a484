"""Output that cannot be written: a closed stdout, a full disk, a reader that leaves.

Every command, and --version and --help, ends with one line on stderr and exit 1: never a
traceback, never a claim of success. A closed pipe (`| head -1`) stays quiet.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, STORE, clean_env, run

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


# --- answers of an indexed store, written as bytes (`console.write_encoded`) ----------------------

@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A store above the size that is indexed, its index built, with a C1 character in one
    event; the environment that finds the index."""
    import json

    folder = tmp_path_factory.mktemp("indexed")
    path = folder / "big.json"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_store.py"), str(path),
                    "6000"], check=True, capture_output=True)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["events"][0]["summary_en"] = "a\x85b"  # NEL: shown escaped, never sent raw
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    env = {"XDG_CACHE_HOME": str(folder / "cache")}
    first = run("--data", str(path), "list", "--jsonl", env=env)
    assert first.returncode == 0 and first.stdout.count(b"\n") == 6000
    assert list((folder / "cache").glob("syria-timeline/index/*.sqlite"))
    return path, env


ANSWERS = [["list", "--json"], ["list", "--jsonl"], ["city", "Raqqa", "--json"]]


@pytest.mark.parametrize("args", ANSWERS, ids=" ".join)
def test_indexed_answers_fail_whole_on_a_closed_stdout_or_a_full_disk(
        indexed: tuple[Path, dict[str, str]], args: list[str]) -> None:
    path, env = indexed
    for redirect, message in ((">&-", b"Error: standard output is closed; nothing can be "
                                      b"written\n"),
                              (">/dev/full", b"Error: cannot write the output: No space left "
                                             b"on device\n")):
        if redirect == ">/dev/full" and not Path("/dev/full").exists():
            continue
        result = subprocess.run(
            ["bash", "-c", f"'{sys.executable}' -m syria_timeline --data '{path}' "
                           f"{' '.join(args)} {redirect}"],
            capture_output=True, cwd=ROOT, timeout=60, env=clean_env(env))
        assert (result.returncode, result.stderr) == (1, message)


def test_indexed_answers_end_quietly_when_the_reader_leaves(
        indexed: tuple[Path, dict[str, str]]) -> None:
    path, env = indexed
    script = f"'{sys.executable}' -m syria_timeline --data '{path}' list --jsonl | head -c 1"
    result = subprocess.run(["bash", "-c", script], capture_output=True, cwd=ROOT, timeout=60,
                            env=clean_env(env))
    assert (result.stdout, result.stderr) == (b"{", b"")


def test_indexed_answers_are_bytes_in_a_pipe_and_shown_safe_on_a_terminal(
        indexed: tuple[Path, dict[str, str]]) -> None:
    import json

    from helpers import on_terminal

    path, env = indexed
    piped = run("--data", str(path), "list", "--jsonl", "--limit", "1", env=env)
    assert piped.stdout.startswith(b"{") and b"a\\u0085b" in piped.stdout
    assert json.loads(piped.stdout)["summary_en"] == "a\x85b"
    raw, _ = on_terminal(["--data", str(path), "list", "--jsonl", "--limit", "1"], 200, env)
    assert "a\\u0085b" in raw and "\x85" not in raw
    assert raw.replace("\r\n", "\n") == piped.stdout.decode("utf-8")
