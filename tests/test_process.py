"""The real entry point, as a process: packaged data, encodings, pipes, and a real terminal."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, on_terminal, run

from syria_timeline.arabic import visual
from syria_timeline.output.layout import cell_width

pytestmark = pytest.mark.slow  # real processes, pseudo-terminals, large stores


def test_module_entry_point_from_another_folder(tmp_path: Path) -> None:
    result = run("list", "--year", "2017", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["id"] == "2017-02-al-bab"


@pytest.mark.parametrize("env", [{"LANG": "C", "LC_ALL": "C"}, {"LC_ALL": "C", "PYTHONIOENCODING": ""},
                                 {"LANG": "en_US.ISO-8859-1", "PYTHONIOENCODING": "latin-1"}])
def test_utf8_whatever_the_locale(env: dict[str, str]) -> None:
    table = run("city", "تدمر", env=env)
    assert table.returncode == 0, table.stderr
    assert "تدمر" in table.stdout.decode("utf-8")
    document = run("list", "--place", "تدمر", "--json", env=env)
    assert json.loads(document.stdout.decode("utf-8"))[0]["place"]["name_ar"] == "تدمر"


def test_piped_output_is_logical_order_without_colour() -> None:
    out = run("city", "الرقة").stdout.decode("utf-8")
    assert "\x1b" not in out
    assert "الرقة" in out and visual("الرقة") not in out
    assert out.splitlines()[1].startswith("│ التاريخ")  # date column first, not mirrored


def test_head_ends_quietly() -> None:
    shell = f"{sys.executable} -m syria_timeline list --jsonl | head -1"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True,
                            cwd=ROOT, timeout=60)
    assert result.stderr == b""
    assert json.loads(result.stdout)["id"] == "2011-conflict-begins"
    big = f"{sys.executable} -m syria_timeline list | head -1"
    result = subprocess.run(["bash", "-c", big], capture_output=True, cwd=ROOT, timeout=60)
    assert result.stderr == b"" and result.stdout.startswith("╭".encode())


def test_errors_are_one_line_no_traceback() -> None:
    result = run("city", "Atlantis")
    assert (result.returncode, result.stdout) == (1, b"")
    assert result.stderr.decode() == "Error: no place called Atlantis; `timeline places` lists them all\n"


@pytest.mark.parametrize("columns", [80, 120])
def test_terminal_table_is_shaped_mirrored_and_fits(columns: int) -> None:
    raw, screen = on_terminal(["list", "--year", "2017"], columns)
    assert raw.startswith("\x1b[8l") and raw.rstrip().endswith("\x1b[8h")
    lines = [line.rstrip() for line in screen.display if line.strip()]
    assert all(cell_width(line) == columns for line in lines)  # harakat take no cell
    assert lines[0].startswith("╭") and lines[0].endswith("╮")
    assert lines[-1].startswith("╰") and lines[-1].endswith("╯")
    header = lines[1]
    # Mirrored: the date column is the rightmost, and its Arabic header is shaped, reversed.
    assert header.rstrip(" │").endswith(visual("التاريخ"))
    assert visual("الجيش السوري") in raw and "الجيش السوري" not in raw
    assert "Traceback" not in raw


def test_no_bidi_on_a_terminal_keeps_logical_order() -> None:
    raw, _ = on_terminal(["list", "--year", "2017", "--bidi", "off"], 100)
    assert "\x1b[8l" not in raw and "الجيش السوري" in raw
    raw, _ = on_terminal(["list", "--year", "2017"], 100, env={"TIMELINE_BIDI": "0"})
    assert "الجيش السوري" in raw


def test_colour_on_a_terminal_and_no_colour_with_no_color() -> None:
    raw, _ = on_terminal(["list", "--lang", "en", "--year", "2017"], 100)
    assert re.search(r"\x1b\[1m", raw)  # bold header
    raw, _ = on_terminal(["list", "--lang", "en", "--year", "2017"], 100, env={"NO_COLOR": "1"})
    assert not re.search(r"\x1b\[[0-9;]*m", raw)


def test_twelve_columns_prints_fields_one_a_line() -> None:
    raw, screen = on_terminal(["list", "--lang", "en", "--year", "2017"], 12)
    lines = [line.rstrip() for line in screen.display if line.strip()]
    assert lines and all(len(line) <= 12 for line in lines)
    assert "Traceback" not in raw


def test_summary_has_bars_on_a_terminal() -> None:
    raw, _ = on_terminal(["summary", "--lang", "en"], 100)
    assert "█" in raw


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_installed_script_name_in_help() -> None:
    result = run("--help")
    assert result.returncode == 0 and b"list" in result.stdout


def test_json_path_imports_no_display_or_date_libraries() -> None:
    script = ("import sys; sys.argv = ['timeline', 'list', '--year', '2017', '--json']\n"
              "from syria_timeline.cli.app import main\n"
              "try:\n    main()\nexcept SystemExit:\n    pass\n"
              "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
              "('rich', 'dateutil', 'bidi', 'arabic_reshaper', 'hijridate', 'msgspec'))\n"
              "print(heavy, file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, cwd=ROOT,
                            timeout=60)
    assert result.returncode == 0
    assert result.stderr.decode().strip() == "[]"


def test_digits_and_latin_keep_their_order_in_shaped_cells() -> None:
    raw, _ = on_terminal(["list", "--year", "2017", "--place", "الباب"], 100)
    assert "2017" in raw and "7102" not in raw
    assert visual("شباط 2017").endswith(visual("شباط")) and "2017" in visual("شباط 2017")
