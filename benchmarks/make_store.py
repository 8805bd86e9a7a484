"""Write a large store in the bundled schema, for the benchmark: make_store.py OUT [N [YEARS]].

The bundled events are replicated, their years spread over YEARS years ending in 2018 (8 by
default: a year keeps an eighth; 200 for the million-event store: a year keeps 1/200).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "events.json"


def main() -> None:
    out = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    years = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    store = json.loads(BUNDLED.read_text(encoding="utf-8"))
    # No source file travels with the copy, so quotes are not checked against a text.
    for source in store["sources"]:
        source.pop("file", None)
    originals = store["events"]
    events = []
    for n in range(count):
        event = dict(originals[n % len(originals)])
        year = 2019 - years + n % years
        event["id"] = f"{event['id']}-{n}"
        event["date"] = f"{year}{event['date'][4:]}"
        events.append(event)
    store["events"] = events
    out.write_text(json.dumps(store, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"{out}: {count} events, {out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
