"""`--excel`: CSV that Excel and LibreOffice open with Arabic intact, and that runs no formula."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from helpers import event, invoke


@pytest.mark.parametrize("args", [["list"], ["city", "الرقة"], ["summary", "--by", "place"],
                                  ["places"], ["actors"]], ids=" ".join)
def test_excel_is_utf8_with_bom_and_crlf(args: list[str]) -> None:
    result = invoke(*args, "--excel")
    assert result.exit_code == 0
    data = result.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbf")
    plain = invoke(*args, "--csv").stdout
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows == list(csv.reader(io.StringIO(plain)))  # the same cells as --csv
    assert data.count(b"\r\n") == len(rows)  # every record ends with CRLF


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_no_cell_is_read_as_a_formula(start: str, make_store: Any) -> None:
    def edit(document: dict[str, Any]) -> None:
        document["sources"][0].pop("file")
        event(document, "2017-10-17-raqqa")["summary_en"] = f"{start}HYPERLINK(\"x\")"

    path = make_store(edit)
    data = invoke("--data", str(path), "list", "--excel").stdout_bytes.decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(data, newline="")) for c in row]
    assert f"'{start}HYPERLINK(\"x\")" in cells
    assert not any(c[:1] in ("=", "+", "@") for c in cells)
    exact = invoke("--data", str(path), "list", "--csv").stdout
    assert f"{start}HYPERLINK" in exact  # --csv stays exact for programs
