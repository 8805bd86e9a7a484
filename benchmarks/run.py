"""Start-up and scale benchmark: run by hand, never by the test suite.

    .venv/bin/python benchmarks/run.py [--runs 25]

Every command runs as a whole process, all commands alternated round by round so that
machine noise falls on all of them alike; medians are reported, and the goals are ratios of
medians from this one run. Peak memory is the child's own maximum RSS (wait4).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
TIMELINE = str(Path(PYTHON).with_name("timeline"))
TYPER_FLOOR = """
import typer
app = typer.Typer()
@app.command()
def main(name: str = "world") -> None:
    print(name)
app()
"""


def run_once(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS in bytes of one run, output discarded."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss * 1024


def measure(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, int]]:
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, int] = dict.fromkeys(commands, 0)
    for command in commands.values():  # warm the page cache and the check cache
        run_once(command)
    for _ in range(runs):
        for name, command in commands.items():
            elapsed, peak = run_once(command)
            times[name].append(elapsed)
            peaks[name] = max(peaks[name], peak)
    return {name: (statistics.median(times[name]), peaks[name]) for name in commands}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the import benchmark")
    parser.add_argument("--million", action="store_true",
                        help="also the million-event store and its index (several minutes)")
    args = parser.parse_args()
    if not shutil.which("jq"):
        raise SystemExit("jq is needed for the large-store comparison (apt-get install jq)")
    with tempfile.TemporaryDirectory() as scratch:
        floor = Path(scratch, "typer_floor.py")
        floor.write_text(TYPER_FLOOR)
        big = Path(scratch, "big.json")
        subprocess.run([PYTHON, str(HERE / "make_store.py"), str(big), str(args.events)],
                       check=True, stdout=subprocess.DEVNULL)
        os.environ["XDG_CACHE_HOME"] = str(Path(scratch, "cache"))
        small = measure({
            "python -c pass": [PYTHON, "-c", "pass"],
            "typer hello (floor)": [PYTHON, str(floor)],
            "timeline list --year 2017 --json": [TIMELINE, "list", "--year", "2017", "--json"],
            "timeline list --year 2017 (table, piped)": [TIMELINE, "list", "--year", "2017"],
            # On a pseudo-terminal (util-linux `script`): the bidi path, shaping and reordering.
            "pty: python -c pass": ["script", "-qec", f"{PYTHON} -c pass", "/dev/null"],
            "pty: timeline list --year 2017 (app)": [
                "script", "-qec", f"{TIMELINE} list --year 2017 --bidi app", "/dev/null"],
            "pty: timeline list --year 2017 (terminal)": [
                "script", "-qec", f"{TIMELINE} list --year 2017 --bidi terminal", "/dev/null"],
        }, args.runs)
        large = measure({
            "timeline (100k) list --year 2017 --json": [
                TIMELINE, "--data", str(big), "list", "--year", "2017", "--json"],
            "jq (100k) 2017 filter": [
                "jq", '[.events[] | select(.date|startswith("2017"))]', str(big)],
        }, max(args.runs // 5, 3))
        size = big.stat().st_size
        imports = measure_imports(Path(scratch), args.rows, max(args.runs // 20, 2))
        million = measure_million(Path(scratch), args.runs) if args.million else None
    report(small, large, size)
    report_imports(imports)
    if million is not None:
        report_million(*million)


def measure_million(scratch: Path, runs: int) -> tuple[dict[str, tuple[float, int]], int]:
    """Issue 17: a million events (the bundled ones over 200 years), with its index."""
    store = scratch / "million.json"
    subprocess.run([PYTHON, str(HERE / "make_store.py"), str(store), "1000000", "200"],
                   check=True, stdout=subprocess.DEVNULL)
    year = [TIMELINE, "--data", str(store), "list", "--year", "2017", "--json"]
    cache = scratch / "million-cache"
    first = []
    for _ in range(2):  # a fresh cache each time: the check and the index build
        shutil.rmtree(cache, ignore_errors=True)
        os.environ["XDG_CACHE_HOME"] = str(cache)
        first.append(run_once(year))
    found = measure({
        "start-up: timeline list --year 2017 --json (bundled)": [
            TIMELINE, "list", "--year", "2017", "--json"],
        "1M: list --year 2017 --json (indexed)": year,
        "1M: summary --by place --json": [TIMELINE, "--data", str(store), "summary", "--by",
                                          "place", "--json"],
    }, runs)
    found.update(measure({
        "1M: city تدمر --json": [TIMELINE, "--data", str(store), "city", "تدمر", "--json"],
        "jq (1M): place == palmyra": ["jq", '[.events[] | select(.place == "palmyra")]',
                                      str(store)],
        "jq (1M): 2017 filter": ["jq", '[.events[] | select(.date|startswith("2017"))]',
                                 str(store)],
    }, 2))
    found["1M: first query (check + index build)"] = (
        statistics.median(t for t, _ in first), max(p for _, p in first))
    return found, store.stat().st_size


def report_million(found: dict[str, tuple[float, int]], size: int) -> None:
    print(f"million-event store: {size / 2**20:.0f} MiB")
    start = found["start-up: timeline list --year 2017 --json (bundled)"][0]
    for name, (median, peak) in found.items():
        print(f"{name:55} {median:8.2f} s {median / start:7.2f}x start-up  {peak / 2**20:7.1f} MiB")
    year, year_peak = found["1M: list --year 2017 --json (indexed)"]
    jq_year = found["jq (1M): 2017 filter"][0]
    goals = [
        ("1M list --year 2017 --json <= 3x start-up", year / start, 3.0),
        ("its peak RSS <= 0.2x the store's size", year_peak / size, 0.2),
        ("1M summary --by place --json <= 5x start-up",
         found["1M: summary --by place --json"][0] / start, 5.0),
        ("1M city تدمر --json <= 0.1x jq", found["1M: city تدمر --json"][0]
         / found["jq (1M): place == palmyra"][0], 0.1),
        ("1M first query <= 0.5x jq", found["1M: first query (check + index build)"][0]
         / jq_year, 0.5),
    ]
    for label, value, limit in goals:
        print(f"{'met ' if value <= limit else 'MISSED'} {label}: {value:.2f}")


READ_CSV = "import csv, sys; sum(1 for _ in csv.reader(open(sys.argv[1], newline='')))"


def measure_imports(scratch: Path, rows: int, runs: int) -> dict[str, tuple[float, int]]:
    """`timeline import` of a made-up export of `rows` rows, against Python merely reading it."""
    export = scratch / "acled.csv"
    subprocess.run([PYTHON, str(HERE / "make_export.py"), "acled", str(export), "--rows", str(rows)],
                   check=True, stdout=subprocess.DEVNULL)
    out = scratch / "imported" / "store.json"
    found = measure({
        f"python csv.reader over the export ({rows // 1000}k rows)": [PYTHON, "-c", READ_CSV,
                                                                      str(export)],
        f"timeline import acled ({rows // 1000}k rows)": [
            TIMELINE, "import", "acled", str(export), "-o", str(out), "--force"],
    }, runs)
    # The first query on the new store checks it whole, every quote against the export.
    cache = scratch / "cache"
    first = []
    for _ in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        first.append(run_once([TIMELINE, "--data", str(out), "list", "--year", "2017", "--json"]))
    found["first query on the imported store (full check)"] = (
        statistics.median(t for t, _ in first), max(p for _, p in first))
    return found


def report_imports(found: dict[str, tuple[float, int]]) -> None:
    base = next(iter(found.values()))[0]
    for name, (median, peak) in found.items():
        print(f"{name:55} {median:7.2f} s {median / base:6.2f}x csv  {peak / 2**20:6.1f} MiB")
    median, peak = list(found.values())[1]
    print(f"{'met ' if median <= 30 else 'MISSED'} import under 30 s: {median:.1f} s")
    print(f"{'met ' if peak <= 400 * 2**20 else 'MISSED'} import under 400 MB: "
          f"{peak / 2**20:.0f} MiB")


def report(small: dict[str, tuple[float, int]], large: dict[str, tuple[float, int]],
           size: int) -> None:
    base = small["python -c pass"][0]
    pty = small["pty: python -c pass"][0]
    print(f"{'command':45} {'median':>9} {'ratio':>7}  peak RSS")
    for name, (median, peak) in small.items():
        ratio = median / (pty if name.startswith("pty") else base)
        print(f"{name:45} {median * 1000:7.1f}ms {ratio:6.2f}x  {peak / 2**20:6.1f} MiB")
    jq = large["jq (100k) 2017 filter"][0]
    for name, (median, peak) in large.items():
        print(f"{name:45} {median * 1000:7.1f}ms {median / jq:6.2f}x jq  "
              f"{peak / 2**20:6.1f} MiB = {peak / size:.2f}x file")
    print(f"store file: {size / 2**20:.1f} MiB")
    ours_json = small["timeline list --year 2017 --json"][0] / base
    ours_table = small["timeline list --year 2017 (table, piped)"][0] / base
    floor = small["typer hello (floor)"][0] / base
    print(f"above Typer's own floor ({floor:.2f}x): JSON +{ours_json - floor:.2f}x, "
          f"piped table +{ours_table - floor:.2f}x (pty rows: ratios to `python -c pass` "
          "run the same way)")
    ours_big, ours_peak = large["timeline (100k) list --year 2017 --json"]
    goals = [
        ("list --json <= 6.5x python -c pass", ours_json, 6.5),
        ("table piped <= 9x python -c pass", ours_table, 9.0),
        ("100k store <= 0.5x jq", ours_big / jq, 0.5),
        ("100k peak RSS <= 2x file size", ours_peak / size, 2.0),
    ]
    for label, value, limit in goals:
        print(f"{'met ' if value <= limit else 'MISSED'} {label}: {value:.2f}")


if __name__ == "__main__":
    main()
