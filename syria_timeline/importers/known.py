"""The datasets the tool imports, by the name the command line gives them."""

from __future__ import annotations

from syria_timeline.importers.acled import ACLED
from syria_timeline.importers.layouts import Layout
from syria_timeline.importers.ucdp import UCDP

LAYOUTS: dict[str, Layout] = {"acled": ACLED, "ucdp": UCDP}
ACLED_REMINDER = ("ACLED data are for your own use under ACLED's terms of use: do not share "
                  "this store or the copy of the export under its sources/ folder. Cite: Armed "
                  "Conflict Location & Event Data Project (ACLED), acleddata.com.")
