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
    report(small, large, size)
    report_imports(imports)


READ_CSV = "import csv, sys; sum(1 for _ in csv.reader(open(sys.argv[1], newline='')))"


def measure_imports(scratch: Path, rows: int, runs: int) -> dict[str, tuple[float, int]]:
    """`timeline import` of a made-up export of `rows` rows, against Python merely reading it."""
    export = scratch / "acled.csv"
    subprocess.run([PYTHON, str(HERE / "make_export.py"), "acled", str(export), str(rows)],
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
