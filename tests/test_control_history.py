"""The control history under `city`: who took a place from whom, capture by capture."""

from __future__ import annotations

from helpers import invoke


def test_control_history_lists_each_change_of_hands() -> None:
    result = invoke("city", "كوباني", env={"COLUMNS": "120"})
    assert result.stdout.splitlines()[-3:] == [
        "تاريخ السيطرة على كوباني:",
        "  26 كانون الثاني 2015: القوات الكردية السورية، انتزعها من تنظيم الدولة الإسلامية",
        "  تحت سيطرة القوات الكردية السورية منذ 26 كانون الثاني 2015.",
    ]
    dabiq = invoke("city", "Dabiq", "--lang", "en").stdout.splitlines()[-1]
    assert dabiq == "  Oct 2016: (the text does not say) ← Islamic State group"


def test_a_long_history_line_wraps_under_its_own_indent() -> None:
    lines = invoke("city", "كوباني", env={"COLUMNS": "60"}).stdout.splitlines()
    start = lines.index("تاريخ السيطرة على كوباني:")
    assert all(line.startswith("  ") and len(line) <= 60 for line in lines[start + 1:])
