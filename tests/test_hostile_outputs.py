"""Hostile outputs and environments: what `--force` may replace, where the tool may write,
what a failure leaves behind, memory limits, merged figures, and the flags of earlier releases.

The rule under test is one (`files.write_outputs` / `check_output`): never over an input of
the same command, a device or a folder, even with `--force`; never over an existing file
without it; always whole; the folders a failed command made are removed again.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from exports import write_acled
from helpers import ROOT, SOURCE, STORE, clean_env, invoke, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from syria_timeline.cli.app import released_flags
from syria_timeline.errors import BadValue
from syria_timeline.files import write_outputs

ARTICLE_DAY = "2018-05-21"


def one_line_error(result: Any, code: int, message: str) -> None:
    assert (result.exit_code, result.stdout, result.stderr) == (code, "", f"Error: {message}\n")


# --- --force never replaces an input, a device or a folder ---------------------------------------


def test_extract_never_writes_over_its_article(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(SOURCE.read_bytes())
    result = invoke("extract", str(article), "--published", ARTICLE_DAY, "-o", str(article),
                    "--force")
    one_line_error(result, 2, f"--output: {article} is the article itself; inputs are only read")
    assert article.read_bytes() == SOURCE.read_bytes()


def test_merge_never_writes_over_an_input_store(make_store: Any) -> None:
    store = make_store()
    before = store.read_bytes()
    result = invoke("merge", "bundled", str(store), "-o", str(store), "--force")
    one_line_error(result, 2, f"--output: {store} is one of the stores to merge; inputs are "
                              "only read")
    assert store.read_bytes() == before


def test_the_write_rule_never_replaces_an_input_even_forced(tmp_path: Path) -> None:
    """What merge copies (source texts) goes through the same rule as the store it writes."""
    text = tmp_path / "sources" / "article.txt"
    text.parent.mkdir()
    text.write_bytes(b"the input")
    with pytest.raises(BadValue) as refused:
        write_outputs({text: b"another text", tmp_path / "store.json": b"{}"}, inputs=[text],
                      force=True)
    assert str(refused.value) == f"{text} is one of its inputs; inputs are only read"
    assert text.read_bytes() == b"the input" and not (tmp_path / "store.json").exists()


def test_import_never_writes_over_its_export(tmp_path: Path) -> None:
    export = write_acled(tmp_path)
    before = export.read_bytes()
    result = invoke("import", "acled", str(export), "-o", str(export), "--force")
    assert result.exit_code == 2
    assert result.stderr.endswith(f"Error: --output: {export} is the export itself; inputs are "
                                  "only read\n")
    assert export.read_bytes() == before


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_force_never_replaces_a_device(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    result = invoke("merge", "bundled", "-o", device, "--force")
    one_line_error(result, 2, f"--output: {device} is a character device; only a regular file is "
                              "written")
    assert not Path(device).is_file()


def test_force_never_replaces_a_folder_and_leaves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = invoke("merge", "bundled", "-o", str(folder), "--force")
    one_line_error(result, 2, f"--output: {folder} is a folder; only a regular file is written")
    assert list(tmp_path.iterdir()) == [folder] and list(folder.iterdir()) == []


# --- paths that cannot be written: one line, the README's exit codes -------------------------------


def test_an_output_below_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    target = tmp_path / "file" / "store.json"
    result = invoke("merge", "bundled", "-o", str(target))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (f"Error: --output: {tmp_path / 'file' / 'sources' / SOURCE.name}: "
                             f"{tmp_path / 'file'} is a file, not a folder\n")


def test_a_path_of_five_thousand_characters(tmp_path: Path) -> None:
    target = str(tmp_path / ("a" * 5000) / "store.json")
    result = invoke("merge", "bundled", "-o", target)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.endswith(": not a usable path\n") and len(result.stderr) < 200


@pytest.mark.parametrize("command", ["extract", "merge", "import"])
def test_a_folder_that_cannot_be_made(command: str, tmp_path: Path) -> None:
    target = "/proc/no-such-folder/store.json"  # /proc takes no new folder, even from root
    args = {"extract": ["extract", str(SOURCE), "--published", ARTICLE_DAY],
            "merge": ["merge", "bundled"],
            "import": ["import", "acled", str(write_acled(tmp_path))]}[command]
    result = invoke(*args, "-o", target)
    assert result.exit_code == 1 and result.stdout == ""
    last = result.stderr.splitlines()[-1]
    assert last.startswith("Error: --output: /proc/no-such-folder") and "cannot" in last
    assert "Traceback" not in result.stderr


def test_a_failed_import_leaves_no_folder_it_made(tmp_path: Path) -> None:
    export = tmp_path / "acled.csv"
    export.write_text("event_id_cnty,event_date\nSYR1,2017-10-17\n", encoding="utf-8")
    result = invoke("import", "acled", str(export), "-o", str(tmp_path / "new" / "deep" / "s.json"))
    assert result.exit_code == 1
    assert not (tmp_path / "new").exists()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00/"),
                    min_size=1, max_size=40))
def test_any_output_name_is_written_whole_or_refused_in_one_line(name: str, tmp_path: Path) -> None:
    folder = tmp_path / "any"
    folder.mkdir(exist_ok=True)
    target = folder / name / "store.json"
    result = invoke("merge", "bundled", "-o", str(target), "--force")
    assert result.stdout == "" and "Traceback" not in result.stderr
    if result.exit_code == 0:
        assert json.loads(target.read_text(encoding="utf-8"))["events"]
    else:
        assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("Error: ")
    assert not [p for p in folder.rglob("*.tmp")]


# --- the cache: only the tool's own folder --------------------------------------------------------


def test_a_link_in_the_cache_is_never_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                make_store: Any) -> None:
    import syria_timeline.store.loading as loading

    monkeypatch.setattr(loading, "LAZY_BYTES", 1000)  # a "large" store: checked once, remembered
    store = make_store()
    cache = tmp_path / "cache" / "syria-timeline"
    cache.mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (cache / "checked").symlink_to(outside)
    result = invoke("--data", str(store), "list", "--year", "2017", "--json")
    assert result.exit_code == 0
    assert list(outside.iterdir()) == []


# --- memory: a limit is not a traceback ------------------------------------------------------------


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))


@pytest.mark.slow
def test_a_memory_limit_of_one_gigabyte_is_room_enough() -> None:
    result = subprocess.run([sys.executable, "-m", "syria_timeline", "list", "--year", "2017",
                             "--json"], capture_output=True, env=clean_env(), cwd=ROOT,
                            timeout=60, preexec_fn=_limited)
    assert result.returncode == 0, result.stderr.decode()
    assert len(json.loads(result.stdout)) == 6


def test_running_out_of_memory_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def exhausted(*_: Any, **__: Any) -> Any:
        raise MemoryError

    monkeypatch.setattr("syria_timeline.store.loading.read_store_bytes", exhausted)
    result = invoke("--data", str(STORE), "list")
    one_line_error(result, 1, "not enough memory for this (the process's memory limit, "
                              "`ulimit -v`, or the machine's); nothing was written")


# --- merge: every account's figures kept, a missing text named -------------------------------------


def test_a_missing_source_text_is_named(make_store: Any, tmp_path: Path) -> None:
    store = make_store()
    (tmp_path / "sources" / SOURCE.name).unlink()
    result = invoke("merge", str(store), "-o", str(tmp_path / "out" / "merged.json"))
    assert result.exit_code == 1
    assert str(tmp_path / "sources" / SOURCE.name) in result.stderr
    assert not (tmp_path / "out").exists()


# --- promises kept: the flags of earlier releases ---------------------------------------------------


@pytest.mark.parametrize(("typed", "read"), [
    (["list", "--no-bidi"], ["list", "--bidi", "off"]),
    (["list", "--bidi"], ["list", "--bidi", "app"]),
    (["list", "--bidi", "--year", "2017"], ["list", "--bidi", "app", "--year", "2017"]),
    (["list", "--bidi", "terminal"], ["list", "--bidi", "terminal"]),
    (["list", "--", "--no-bidi"], ["list", "--", "--no-bidi"]),
])
def test_the_flags_of_release_1_0_are_read_as_they_meant(typed: list[str], read: list[str]) -> None:
    assert released_flags(typed) == read


@pytest.mark.slow
def test_no_bidi_as_a_process_prints_the_table() -> None:
    old, new = run("list", "--year", "2017", "--no-bidi"), run("list", "--year", "2017",
                                                                 "--bidi", "off")
    assert (old.returncode, old.stdout, old.stderr) == (0, new.stdout, b"")


# --- dataset values at the edge of the calendar and of integers -------------------------------------


def test_a_timestamp_past_year_9999_is_no_publication_day(tmp_path: Path) -> None:
    from exports import ACLED_ROWS

    row = {**ACLED_ROWS[0], "timestamp": "999999999999"}
    out = tmp_path / "store" / "store.json"
    result = invoke("import", "acled", str(write_acled(tmp_path, [row])), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    listed = invoke("--data", str(out), "list", "--json", "--hijri")
    assert listed.exit_code == 0 and len(json.loads(listed.stdout)) == 1


def test_the_last_month_of_the_calendar_is_a_bad_row_named_by_its_line(tmp_path: Path) -> None:
    from exports import ACLED_ROWS

    row = {**ACLED_ROWS[0], "event_date": "9999-12-31", "time_precision": "3", "year": "9999"}
    export = write_acled(tmp_path, [row])
    result = invoke("import", "acled", str(export), "-o", str(tmp_path / "store" / "s.json"))
    assert result.exit_code == 1 and result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith(f"Error: {export}: line 2: event_date ")
    assert not (tmp_path / "store").exists()
