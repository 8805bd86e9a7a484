"""Stores and source texts that are not ordinary files, too large, or outside the store's folder.

Each case ends within seconds with one clear line on stderr: nothing hangs (a FIFO), nothing
fills memory (/dev/zero), and no file outside the store's folder is ever read.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import SOURCE, complete, invoke, run


@pytest.fixture
def special(tmp_path: Path) -> Iterator[Callable[[str, Path], Path]]:
    """special(kind, path) makes a FIFO, a socket or a folder at `path` (or names a device)."""
    sockets: list[socket.socket] = []

    def make(kind: str, path: Path) -> Path:
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "socket":
            server = socket.socket(socket.AF_UNIX)
            server.bind(str(path))
            sockets.append(server)
        elif kind == "folder":
            path.mkdir()
        else:
            return Path(kind)  # a device: /dev/zero, /dev/urandom
        return path

    yield make
    for server in sockets:
        server.close()


KINDS = {
    "fifo": "is a named pipe (FIFO), not a file",
    "socket": "is a socket, not a file",
    "folder": "is a folder; give the path of a store's JSON file",
    "/dev/zero": "is a character device, not a file",
    "/dev/urandom": "is a character device, not a file",
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_store_that_is_not_a_file_is_refused_before_reading(
        kind: str, tmp_path: Path, special: Callable[[str, Path], Path]) -> None:
    path = special(kind, tmp_path / "store.json")
    # A FIFO read would block: the timeout is part of the test.
    query = run("--data", str(path), "list", "--json", timeout=20)
    assert (query.returncode, query.stdout) == (1, b"")
    assert query.stderr.decode() == f"Error: {path}: {KINDS[kind]}\n"
    checked = run("validate", str(path), timeout=20)
    assert (checked.returncode, checked.stdout) == (1, b"")
    assert checked.stderr.decode() == f"{path}: {KINDS[kind]}\n1 problem in {path}\n"


def test_completion_with_a_fifo_as_the_store_does_not_freeze_the_shell(
        tmp_path: Path, special: Callable[[str, Path], Path]) -> None:
    fifo = special("fifo", tmp_path / "store.json")
    assert complete("timeline city Pal", env={"TIMELINE_DATA": str(fifo)}) == []
    assert "Palmyra" in complete("timeline city Pal")


SOURCE_KINDS = {
    "fifo": "is a named pipe (FIFO), not a file",
    "socket": "is a socket, not a file",
    "folder": "is a folder, not a file",
}


@pytest.mark.parametrize("kind", list(SOURCE_KINDS))
def test_a_source_text_that_is_not_a_file_is_a_store_problem(
        kind: str, make_store: Any, special: Callable[[str, Path], Path]) -> None:
    path = make_store(lambda d: d["sources"][0].update(file="sources/special"))
    special(kind, path.parent / "sources" / "special")
    result = run("--data", str(path), "list", "--json", timeout=20)
    assert (result.returncode, result.stdout) == (1, b"")
    assert result.stderr.decode() == (f"Error: {path}: source afp-2018-05-21: field 'file': "
                                      f"{SOURCE_KINDS[kind]}\n")


def test_a_store_over_the_size_limit_is_refused(make_store: Any,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_store()
    monkeypatch.setattr("syria_timeline.store.loading.MAX_STORE_BYTES", 1000)
    result = invoke("--data", str(path), "list", "--json")
    assert (result.exit_code, result.stdout) == (1, "")
    size = path.stat().st_size
    assert result.stderr == f"Error: {path}: is {size:,} bytes; the limit is 1,000\n"


def test_a_source_text_over_the_size_limit_is_refused(make_store: Any,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_store()
    monkeypatch.setattr("syria_timeline.store.sources.MAX_SOURCE_BYTES", 100)
    result = invoke("--data", str(path), "list", "--json")
    assert (result.exit_code, result.stdout) == (1, "")
    size = SOURCE.stat().st_size
    assert result.stderr == (f"Error: {path}: source afp-2018-05-21: field 'file': is {size:,} "
                             "bytes; the limit is 100\n")


OUTSIDE = {
    "absolute": ("/etc/passwd", "'/etc/passwd' is an absolute path; give a path relative to the "
                                "store, inside its folder"),
    "parent": ("../secret.txt", "'../secret.txt' leads outside the store's folder; source texts "
                                "must be inside it"),
    "nested parent": ("sources/../../secret.txt", "'sources/../../secret.txt' leads outside the "
                                                  "store's folder; source texts must be inside it"),
    "link": ("sources/link.txt", "'sources/link.txt' leads outside the store's folder; source "
                                 "texts must be inside it"),
}


@pytest.mark.parametrize("case", list(OUTSIDE))
def test_source_texts_outside_the_store_folder_are_never_read(case: str, tmp_path: Path,
                                                               make_store: Any) -> None:
    store_folder = tmp_path / "store"
    store_folder.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("كلمة السر", encoding="utf-8")
    name, message = OUTSIDE[case]

    def edit(document: dict[str, Any]) -> None:
        document["sources"][0]["file"] = name
        document["events"][0]["quote"] = "كلمة السر"  # found only in the secret file

    path = make_store(edit, name="store/store.json")
    (store_folder / "sources").mkdir(exist_ok=True)
    (store_folder / "sources" / "link.txt").symlink_to(secret)
    result = invoke("--data", str(path), "list", "--json")
    assert (result.exit_code, result.stdout) == (1, "")
    # Refused for where it is, and no word on whether the quote is in it.
    assert result.stderr == f"Error: {path}: source afp-2018-05-21: field 'file': {message}\n"


def test_a_missing_source_text_warns_and_queries_still_answer(make_store: Any) -> None:
    path = make_store(lambda d: d["sources"][0].update(file="sources/gone.txt"))
    missing = path.parent / "sources" / "gone.txt"
    result = invoke("--data", str(path), "list", "--year", "2017", "--json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 6
    assert result.stderr == (f"Warning: source text not found: {missing}; the quotes of source "
                             "afp-2018-05-21 are not verified\n")


def test_validate_counts_a_missing_source_text(make_store: Any) -> None:
    path = make_store(lambda d: d["sources"][0].update(file="sources/gone.txt"))
    result = invoke("validate", str(path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{path}: source afp-2018-05-21: field 'file': not found: "
                             f"{path.parent / 'sources' / 'gone.txt'}\n1 problem in {path}\n")


def test_a_source_text_that_is_not_utf8_names_line_and_column(make_store: Any) -> None:
    path = make_store()
    text = path.parent / "sources" / SOURCE.name
    text.write_bytes("سطر\nنص ".encode() + b"\xe9")  # "نص " is 5 bytes: the 6th is bad
    result = invoke("--data", str(path), "list", "--json")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {path}: source afp-2018-05-21: field 'file': {text}: "
                             "line 2, column 6: byte 0xe9 is not UTF-8\n")
