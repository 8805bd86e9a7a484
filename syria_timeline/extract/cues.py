"""Words around a date that change what it dates (read where ى is written ي).

«منذ 2014»، «حتى 2017»: the beginning or the end of a state, not a happening — but «منذ بدء الهجوم
في 10 أيلول» dates the beginning itself. «بعد أن أعلن … في 29 حزيران»، «كان قد …»: the sentence
goes back in time, so an earlier month than the date before it is not the next year's.
"""

from __future__ import annotations

import re


def since_before(text: str, start: int) -> bool:
    """Whether «منذ» or «حتى» governs the date at `start` (at most three words before it, in
    the same phrase): a state's beginning or end, not a happening."""
    before = text[max(0, start - 40):start]
    if re.search(r"(?<!\w)منذ\s+(?:بدء|بداية|بدايه|انطلاق|اندلاع|إطلاق|اطلاق)\w*(?:\s+\S+){0,2}\s+في\s*$",
                 before):
        return False  # «منذ بدء الهجوم في 10 أيلول»: the date is the beginning's, a happening
    return re.search(r"(?<!\w)[وف]?(?:منذ|مُنذ|حتي|لغاية)(?:\s+[^\s،,:.؛]+){0,3}\s*$|(?<!\w)قبل\s+$",
                     before) is not None


def flashback(before: str) -> bool:
    """«بعد أن أعلن … في 29 حزيران»، «كان قد …»: back in time, an earlier month is this year's."""
    return re.search(r"(?<!\w)(?:بعد\s+[أا]ن|بعدما|قبل\s+ذلك|(?:كان|كانت)(?:\s+\S+){0,4}\s+قد)(?!\w)",
                     before) is not None
