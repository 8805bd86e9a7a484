"""The control history under `city`: who took a place from whom, capture by capture."""

from __future__ import annotations

from helpers import invoke


def test_control_history_lists_each_change_of_hands() -> None:
    result = invoke("city", "كوباني")
    assert result.stdout.splitlines()[-3:] == [
        "تاريخ السيطرة على كوباني:",
        "  26 كانون الثاني 2015: القوات الكردية السورية (من تنظيم الدولة الإسلامية)",
        "  تحت سيطرة القوات الكردية السورية منذ 26 كانون الثاني 2015.",
    ]
    dabiq = invoke("city", "Dabiq", "--lang", "en").stdout.splitlines()[-1]
    assert dabiq == "  Oct 2016: (the text does not say) ← Islamic State group"
