"""The SQLite index behind large stores: the same answers as reading the store, never stale."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from exports import UCDP_ROWS, write_ucdp
from helpers import ROOT, clean_env, invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from syria_timeline.store import building, index
from syria_timeline.store import loading as store

pytestmark = pytest.mark.slow  # real processes, pseudo-terminals, large stores


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled events 600 times over eight years, and spans of days from an import."""
    folder = tmp_path_factory.mktemp("big")
    path = folder / "big.json"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_store.py"), str(path), "600"],
                   check=True, capture_output=True)
    document = json.loads(path.read_text(encoding="utf-8"))
    spans = [dict(UCDP_ROWS[3], id=str(n), date_start=start, date_end=end, where_prec="1")
             for n, (start, end) in enumerate([("2016-12-29", "2017-01-02"), ("2017-03-30",
                                               "2017-04-02"), ("2015-06-01", "2015-06-07")])]
    imported = folder / "ged" / "store.json"
    assert invoke("import", "ucdp", str(write_ucdp(folder, spans)), "-o", str(imported)
                  ).exit_code == 0
    extra = json.loads(imported.read_text(encoding="utf-8"))
    document["events"] += extra["events"]
    document["places"] += [p for p in extra["places"] if p["id"] not in
                           {q["id"] for q in document["places"]}]
    document["actors"] += [a for a in extra["actors"] if a["id"] not in
                           {b["id"] for b in document["actors"]}]
    document["sources"] += extra["sources"]
    (folder / "sources").mkdir(exist_ok=True)
    (folder / "sources" / "ged-syria.csv").write_bytes((folder / "ged-syria.csv").read_bytes())
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


@pytest.fixture
def indexing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Stores above 1,000 bytes read lazily (and indexed), with the index in a fresh cache."""
    monkeypatch.setattr(store, "LAZY_BYTES", 1000)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def answers(path: Path, args: list[str], cache: str) -> tuple[int, str, str]:
    result = invoke("--data", str(path), *args, env={"XDG_CACHE_HOME": cache})
    return result.exit_code, result.stdout, result.stderr


QUERIES = st.one_of(
    st.lists(st.sampled_from([
        ["--year", "2017"], ["--year", "2014"], ["--year", "2016"], ["--from", "2017-01-01"],
        ["--to", "2016-06"], ["--from", "2016-08-15", "--to", "2017-01"], ["--type", "capture"],
        ["--place", "Raqqa"], ["--place", "محافظة دير الزور"], ["--actor", "sdf"],
        ["--victor", "islamic-state"], ["--loser", "الجيش السوري"], ["--sort", "-date"],
        ["--limit", "5"], ["--text", "الرقة"], ["--actor", "turkish-army"]]), max_size=3)
    .map(lambda parts: ["list", *[w for p in parts for w in p], "--json"]),
    st.sampled_from([["summary", "--by", key, "--json"] for key in
                     ("year", "month", "place", "actor", "type")])
    .flatmap(lambda s: st.sampled_from([s, [*s, "--year", "2017"], [*s, "--actor", "sdf"]])),
    st.sampled_from([["city", "Raqqa", "--json"], ["city", "الرقة", "--jsonl"],
                     ["list", "--year", "2016", "--jsonl"], ["city", "دير الزور"], ["places", "--json"],
                     ["places"], ["actors", "--json"], ["show", "2017-10-17-raqqa-7"],
                     ["show", "ucdp-1", "--json"], ["show", "raqqa", "2017"],
                     ["summary", "--by", "month"], ["list", "--year", "2017", "--hijri"]]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=QUERIES)
def test_the_index_answers_as_the_store_does(big: Path, tmp_path: Path, args: list[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    whole = answers(big, args, str(tmp_path / "unused"))  # small enough to be read whole
    monkeypatch.setattr(store, "LAZY_BYTES", 1000)
    blocked = tmp_path / "blocked"
    blocked.touch()
    lazy = answers(big, args, str(blocked))  # no cache: read lazily every time
    cache = str(tmp_path / "cache")
    first = answers(big, args, cache)  # checks and builds the index
    indexed = answers(big, args, cache)  # answered from it
    assert index.index_path(big, Path(cache) / "syria-timeline") is not None
    assert whole[:2] == lazy[:2] == first[:2] == indexed[:2]
    assert first[2] == indexed[2] == whole[2]


def test_a_query_on_an_indexed_store_does_not_read_it(big: Path, indexing: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    expected = invoke("--data", str(big), "list", "--year", "2017", "--json").stdout

    def refuse(path: Path) -> bytes:
        raise AssertionError("the store was read")

    monkeypatch.setattr(store, "read_store_bytes", refuse)
    loaded = store.load(big)
    assert isinstance(loaded.events, index.IndexedEvents) and loaded.trusted
    assert invoke("--data", str(big), "list", "--year", "2017", "--json").stdout == expected


def test_an_edited_store_is_never_answered_from_a_stale_index(big: Path, indexing: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    copy = tmp_path / "store.json"
    copy.write_bytes(big.read_bytes())
    (tmp_path / "sources").mkdir()
    for text in (big.parent / "sources").iterdir():
        (tmp_path / "sources" / text.name).write_bytes(text.read_bytes())
    old = json.loads(copy.read_text(encoding="utf-8"))["events"][123]["id"]  # ends in -123
    new = old[:-1] + "x"
    assert json.loads(invoke("--data", str(copy), "show", old, "--json").stdout)["id"] == old
    info = copy.stat()
    # the same length, the old modification time: only the change time tells
    copy.write_bytes(copy.read_bytes().replace(f'"{old}"'.encode(), f'"{new}"'.encode()))
    os.utime(copy, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert copy.stat().st_size == info.st_size
    gone = invoke("--data", str(copy), "show", old, "--json")
    assert gone.exit_code == 1 and gone.stdout == ""
    found = json.loads(invoke("--data", str(copy), "show", new, "--json").stdout)
    assert found["id"] == new
    assert len(list((tmp_path / "cache" / "syria-timeline" / "index").glob("*.sqlite"))) == 1


def test_a_changed_source_text_is_checked_again(big: Path, indexing: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "store.json"
    copy.write_bytes(big.read_bytes())
    (tmp_path / "sources").mkdir()
    export = tmp_path / "sources" / "ged-syria.csv"
    export.write_bytes((big.parent / "sources" / "ged-syria.csv").read_bytes())
    assert invoke("--data", str(copy), "list", "--json").exit_code == 0
    export.write_text(export.read_text(encoding="utf-8").replace("Turkish", "Syrian"),
                      encoding="utf-8")
    result = invoke("--data", str(copy), "list", "--json")
    assert result.exit_code == 1 and result.stdout == ""
    assert "the quote is not found verbatim" in result.stderr


def test_a_broken_index_file_is_not_used(big: Path, indexing: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    expected = invoke("--data", str(big), "summary", "--by", "place", "--json").stdout
    where = index.index_path(big, store.cache_folder())
    assert where is not None and where.exists()
    where.write_bytes(where.read_bytes()[:4096])  # a file cut short
    again = invoke("--data", str(big), "summary", "--by", "place", "--json")
    assert (again.exit_code, again.stdout) == (0, expected)


def test_a_build_that_fails_midway_leaves_no_index(big: Path, indexing: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def half(self: building.Writer, events: Any, spans: Any) -> None:
        calls.append(len(events))
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(self, events, spans)

    real = building.Writer.add
    monkeypatch.setattr(building, "BATCH", 100)
    monkeypatch.setattr(building.Writer, "add", half)
    result = invoke("--data", str(big), "list", "--year", "2017", "--json")
    assert result.exit_code == 0
    assert result.stderr.startswith("Warning: cannot keep an index in ")
    assert "(no space left on device)" in result.stderr
    assert not list((indexing / "syria-timeline" / "index").iterdir())


def run_query(path: Path, cache: Path) -> subprocess.Popen[bytes]:
    env = clean_env({"XDG_CACHE_HOME": str(cache)})
    return subprocess.Popen([sys.executable, "-m", "syria_timeline", "--data", str(path), "list",
                             "--year", "2017", "--json"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=ROOT)


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Large enough (about 20 MB) that its first query takes a while: time to kill it."""
    path = tmp_path_factory.mktemp("large") / "large.json"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_store.py"), str(path),
                    "20000"], check=True, capture_output=True)
    return path


def test_four_processes_at_once_on_a_fresh_store(large: Path, tmp_path: Path) -> None:
    runs = [run_query(large, tmp_path) for _ in range(4)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0, 0]
    assert len({out for out, _ in outputs}) == 1 and all(err == b"" for _, err in outputs)
    assert len(list((tmp_path / "syria-timeline" / "index").iterdir())) == 1  # no leftovers
    again = run_query(large, tmp_path).communicate(timeout=60)
    assert again == outputs[0]


@pytest.mark.parametrize("after", [0.5, 1.5, 2.5])
def test_a_process_killed_mid_build_leaves_nothing_used(large: Path, tmp_path: Path,
                                                        after: float) -> None:
    expected = run_query(large, tmp_path / "reference").communicate(timeout=120)[0]
    victim = run_query(large, tmp_path / "cache")
    time.sleep(after)
    victim.send_signal(signal.SIGKILL)
    victim.communicate(timeout=60)
    folder = tmp_path / "cache" / "syria-timeline" / "index"
    out, err = run_query(large, tmp_path / "cache").communicate(timeout=120)
    assert (out, err) == (expected, b"")
    # A killed build could not clean up; the next build removes what it left.
    assert [p.name for p in folder.iterdir() if p.suffix == ".tmp"] == []
    assert run_query(large, tmp_path / "cache").communicate(timeout=60) == (expected, b"")


def test_no_cache_folder_at_all(big: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "LAZY_BYTES", 1000)
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", "relative")  # not a folder the tool can name
    result = invoke("--data", str(big), "list", "--year", "2014", "--json")
    assert result.exit_code == 0
    assert result.stderr == ("Warning: no cache folder (HOME and XDG_CACHE_HOME unset): every "
                             "query reads the whole store\n")


def test_completion_on_an_indexed_store_reads_ids_from_the_index(large: Path,
                                                                  tmp_path: Path) -> None:
    from helpers import complete

    assert run_query(large, tmp_path).communicate(timeout=120)[1] == b""  # builds the index
    ids = [e["id"] for e in json.loads(large.read_text(encoding="utf-8"))["events"]]
    wanted = sorted(i for i in ids if i.startswith("2017-10-17-raqqa-1999"))
    offered = complete(f"timeline --data {large} show 2017-10-17-raqqa-1999",
                       env={"XDG_CACHE_HOME": str(tmp_path)})
    assert sorted(offered) == wanted and wanted


def test_a_copy_of_the_first_event_before_the_events_does_not_misplace_them(
        big: Path, indexing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = json.loads(big.read_text(encoding="utf-8"))
    first = json.dumps(document["events"][0], ensure_ascii=False)
    events = ",\n".join(json.dumps(e, ensure_ascii=False) for e in document["events"])
    rest = {k: v for k, v in document.items() if k != "events"}
    head = json.dumps(rest, ensure_ascii=False)[:-1]
    decoy = tmp_path / "store.json"
    decoy.write_text(f'{head}, "$note": {first}, "events": [{events}]}}', encoding="utf-8")
    (tmp_path / "sources").mkdir()
    for text in (big.parent / "sources").iterdir():
        (tmp_path / "sources" / text.name).write_bytes(text.read_bytes())
    expected = invoke("--data", str(big), "list", "--year", "2016", "--json").stdout
    for _ in range(2):  # no index can be trusted to point at the right bytes: none is kept
        result = invoke("--data", str(decoy), "list", "--year", "2016", "--json")
        assert (result.exit_code, result.stdout) == (0, expected)
        assert result.stderr.endswith("(the events could not be located in the file): every "
                                      "query reads the whole store\n")


def test_an_index_that_breaks_a_query_is_built_again(big: Path, indexing: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    expected = invoke("--data", str(big), "list", "--actor", "sdf", "--json").stdout
    where = index.index_path(big, store.cache_folder())
    assert where is not None
    db = sqlite3.connect(where)
    db.execute("DROP TABLE roles")  # opens fine, fails the first --actor query
    db.commit()
    db.close()
    broken = invoke("--data", str(big), "list", "--actor", "sdf", "--json")
    assert (broken.exit_code, broken.stdout) == (1, "")
    assert broken.stderr == (f"Error: {big}: its index in the cache was broken and has been "
                             "built again; run the command again\n")
    again = invoke("--data", str(big), "list", "--actor", "sdf", "--json")
    assert (again.exit_code, again.stdout, again.stderr) == (0, expected, "")


def test_a_long_first_check_says_so_on_a_terminal_only(tmp_path: Path) -> None:
    from helpers import on_terminal, run

    path = tmp_path / "huge.json"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_store.py"), str(path),
                    "40000"], check=True, capture_output=True)
    assert path.stat().st_size > store.SLOW_BYTES
    note = (f"Note: {path} ({path.stat().st_size / 2**20:,.0f} MiB) is new or changed: checking "
            "it once and indexing it; later queries are answered from the index")
    piped = run("--data", str(path), "summary", "--by", "type", "--json",
                env={"XDG_CACHE_HOME": str(tmp_path / "piped")}, timeout=120)
    assert piped.returncode == 0 and piped.stderr == b""
    _, screen = on_terminal(["--data", str(path), "summary", "--by", "type", "--lang", "en"],
                              200, env={"XDG_CACHE_HOME": str(tmp_path / "terminal")})
    assert note in "".join(line.rstrip() for line in screen.display)
    again, _ = on_terminal(["--data", str(path), "summary", "--by", "type", "--lang", "en"], 200,
                           env={"XDG_CACHE_HOME": str(tmp_path / "terminal")})
    assert "Note:" not in again  # indexed now: nothing to say


@pytest.mark.slow
@pytest.mark.parametrize("folder", ["cache#1", "cache?mode=rw", "c%41che", "with space"])
def test_a_cache_folder_with_uri_characters_keeps_its_index(
        big: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str) -> None:
    monkeypatch.setattr(store, "LAZY_BYTES", 1000)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / folder))
    first = store.load(big)
    again = store.load(big)
    assert isinstance(first.events, index.IndexedEvents) and not first.trusted
    assert isinstance(again.events, index.IndexedEvents) and again.trusted  # not rebuilt
    assert [p.name for p in tmp_path.iterdir()] == [folder]  # no stray file beside it


@pytest.mark.slow
def test_a_store_edited_while_it_is_indexed_gets_no_index(
        big: Path, indexing: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "store.json"
    copy.write_bytes(big.read_bytes())
    shutil.copytree(big.parent / "sources", tmp_path / "sources")
    expected = invoke("--data", str(big), "list", "--year", "2017", "--json").stdout
    finish = building.Writer.finish

    def edit_meanwhile(self: building.Writer, *args: Any) -> None:
        copy.write_bytes(copy.read_bytes().replace(b'"2017-10-17"', b'"2017-10-18"'))
        finish(self, *args)

    monkeypatch.setattr(building.Writer, "finish", edit_meanwhile)
    result = invoke("--data", str(copy), "list", "--year", "2017", "--json")
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")  # as read
    key = index.index_key(copy)
    assert key is not None
    assert not list((indexing / "syria-timeline" / "index").glob(f"{key[:16]}-*"))  # none kept
    monkeypatch.setattr(building.Writer, "finish", finish)
    now = invoke("--data", str(copy), "list", "--year", "2017", "--json").stdout
    assert now == expected.replace('"2017-10-17"', '"2017-10-18"')
    assert invoke("--data", str(copy), "list", "--year", "2017", "--json").stdout == now


@pytest.mark.slow
def test_an_index_of_another_store_is_never_used(big: Path, indexing: Path, tmp_path: Path
                                                 ) -> None:
    other = tmp_path / "other.json"
    other.write_text(big.read_text(encoding="utf-8").replace("-raqqa-", "-raqa-"),
                     encoding="utf-8")
    shutil.copytree(big.parent / "sources", tmp_path / "sources")
    expected = invoke("--data", str(big), "list", "--year", "2017", "--json").stdout
    assert invoke("--data", str(other), "list", "--json").exit_code == 0
    mine = index.index_path(big, store.cache_folder())
    theirs = index.index_path(other, store.cache_folder())
    assert mine is not None and theirs is not None and theirs.exists()
    mine.write_bytes(theirs.read_bytes())  # forged: the right name, another store's index
    result = invoke("--data", str(big), "list", "--year", "2017", "--json")
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")


@pytest.mark.slow
def test_an_index_whose_events_are_elsewhere_is_removed(big: Path, indexing: Path) -> None:
    import sqlite3

    expected = invoke("--data", str(big), "list", "--year", "2017", "--json").stdout
    where = index.index_path(big, store.cache_folder())
    assert where is not None
    db = sqlite3.connect(where)
    db.execute('UPDATE events SET "offset" = "offset" + 1, length = length - 1')
    db.commit()
    db.close()
    broken = invoke("--data", str(big), "list", "--year", "2017", "--json")
    assert (broken.exit_code, broken.stdout) == (1, "")
    assert "its index in the cache was broken and has been built again" in broken.stderr
    again = invoke("--data", str(big), "list", "--year", "2017", "--json")
    assert (again.exit_code, again.stdout, again.stderr) == (0, expected, "")


@pytest.mark.slow
def test_ctrl_c_during_the_index_build_leaves_nothing(large: Path, tmp_path: Path) -> None:
    process = run_query(large, tmp_path)
    folder = tmp_path / "syria-timeline" / "index"
    deadline = time.monotonic() + 60
    while not (folder.exists() and any(folder.iterdir())) and time.monotonic() < deadline:
        time.sleep(0.005)  # until the temporary index exists
    stopped = time.monotonic()
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert time.monotonic() - stopped < 5  # honoured at once, not when the build is over
    assert (process.returncode, stdout, stderr) == (130, b"", b"")
    assert not list(folder.iterdir())


def _vocabulary() -> list[str]:
    """Words of the bundled store's texts and names, as typed: with and without prefixes."""
    document = json.loads((ROOT / "data" / "events.json").read_text(encoding="utf-8"))
    texts = [e[k] for e in document["events"] for k in ("quote", "summary_ar", "summary_en")]
    texts += [r[k] for kind in ("places", "actors") for r in document[kind]
              for k in ("name_ar", "name_en")]
    found = sorted({w for t in texts for w in t.replace("،", " ").split() if len(w) > 1})
    return found[::3]


TYPED = st.one_of(
    st.sampled_from(_vocabulary()),
    st.sampled_from(_vocabulary()).map(lambda w: "وال" + w),
    st.sampled_from(_vocabulary()).map(lambda w: w + "ً"),
    st.text(st.sampled_from("ابتةرقسلمنويءأإآىـَُِ abcdefkqrsy0123456789-"), min_size=1,
            max_size=6),
)


@pytest.fixture(scope="module")
def text_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("text-cache")


@pytest.mark.slow
@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(TYPED, min_size=1, max_size=3),
       more=st.sampled_from([["list"], ["list", "--year", "2017"], ["list", "--limit", "3"],
                             ["list", "--sort", "-date", "--place", "Raqqa"],
                             ["summary", "--by", "place"], ["summary", "--by", "actor"]]))
def test_text_search_from_the_index_answers_as_reading_the_store(
        big: Path, text_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        words: list[str], more: list[str]) -> None:
    args = [*more, "--text", " ".join(words), "--json"]
    whole = answers(big, args, str(tmp_path / "unused"))  # small enough to be read whole
    monkeypatch.setattr(store, "LAZY_BYTES", 1000)
    indexed = answers(big, args, str(text_cache))  # the first example builds index and words
    assert indexed == whole
    assert list(text_cache.glob("syria-timeline/index/*.words.sqlite"))
