"""Shell completion: Typer's protocol as bash calls it, and a real interactive bash on a pty."""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import ROOT, clean_env, complete

pytestmark = pytest.mark.slow  # real processes, pseudo-terminals, large stores


@pytest.mark.parametrize(("line", "offered"), [
    ("timeline city Pal", ["Palmyra"]),
    ("timeline city الر", ["الرقة"]),  # and not its English name: one match is inserted
    ("timeline city رق", ["الرقة"]),  # the article is optional
    ("timeline city Tadm", ["Palmyra"]),  # an alias finds the name
    ("timeline city عين", ["كوباني"]),
    ("timeline city دي", ["دير\\ الزور"]),  # bash inserts completions as they are: escaped
    ("timeline city مخيم", ["مخيم\\ اليرموك"]),
    ("timeline list --place Ra", ["Raqqa\\ Governorate", "Raqqa"]),
    ("timeline list --actor قس", ["قوات\\ سوريا\\ الديموقراطية"]),
    ("timeline list --victor الجيش", ["الجيش\\ السوري", "الجيش\\ التركي"]),
    ("timeline list --loser داع", ["تنظيم\\ الدولة\\ الإسلامية"]),
    ("timeline list --actor YP", ["Syrian\\ Kurdish\\ forces"]),
    ("timeline list --type air", ["airstrikes"]),
    ("timeline show 2017-10-1", ["2017-10-14-mayadin", "2017-10-17-raqqa"]),
    ("timeline show كوب", ["كوباني"]),
])
def test_completion_values(line: str, offered: list[str]) -> None:
    assert complete(line) == offered


def test_zsh_and_fish_get_names_unescaped() -> None:
    for shell in ("zsh", "fish"):
        env = {"_TIMELINE_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": "timeline city دي",
               "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
        result = subprocess.run([sys.executable, "-m", "syria_timeline"], capture_output=True,
                                env=clean_env(env), cwd=ROOT, timeout=60)
        assert "دير الزور" in result.stdout.decode("utf-8"), shell
        assert "دير\\ الزور" not in result.stdout.decode("utf-8"), shell


def read_until(fd: int, wanted: bytes, seconds: float = 30) -> bytes:
    """What the terminal shows until `wanted` appears (or the time is up)."""
    seen = b""
    deadline = time.monotonic() + seconds
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_tab_in_a_real_bash_completes_a_two_word_place_as_one_argument(tmp_path: Path) -> None:
    wrapper = tmp_path / "timeline"
    wrapper.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m syria_timeline '
                       '"$@"\n')
    wrapper.chmod(0o755)
    shown = subprocess.run([str(wrapper), "--show-completion", "bash"], capture_output=True,
                           env=clean_env(), timeout=60)
    assert shown.returncode == 0, shown.stderr.decode()
    script = shown.stdout
    (tmp_path / "completion.bash").write_bytes(script)
    env = clean_env({"PATH": f"{tmp_path}:{os.environ['PATH']}", "LANG": "C.UTF-8",
                     "LC_ALL": "C.UTF-8", "PS1": "READY> ", "TERM": "dumb", "COLUMNS": "100"})
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(shutil.which("bash") or "bash", ["bash", "--norc", "--noprofile", "-i"], env)
    try:
        read_until(fd, b"READY> ")
        os.write(fd, f"source {tmp_path / 'completion.bash'}\n".encode())
        read_until(fd, b"READY> ")
        os.write(fd, "timeline city دي\t".encode())
        completed = read_until(fd, "الزور ".encode())
        assert "ر\\ الزور ".encode() in completed  # bash typed the rest, escaped
        os.write(fd, b" --json --lang en\n")
        answer = read_until(fd, b"READY> ").decode("utf-8", "replace")
        assert "unexpected extra argument" not in answer
        assert '"2017-11-02-deir-ez-zor"' in answer
    finally:
        os.write(fd, b"exit\n")
        os.waitpid(pid, 0)
