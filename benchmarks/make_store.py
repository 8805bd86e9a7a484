"""Write a large store in the bundled schema, for the benchmark and the tests.

The bundled events are replicated, their years spread over YEARS years ending in 2018 (8 by
default: a year keeps an eighth; 200 for the million-event store: a year keeps 1/200).
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "events.json"


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=(
        "example: make_store.py /tmp/million/store.json 1000000 200 --with-sources"))
    parser.add_argument("out", type=Path, help="the store file to write")
    parser.add_argument("count", type=int, nargs="?", default=100_000,
                        help="how many events (default 100000)")
    parser.add_argument("years", type=int, nargs="?", default=8,
                        help="over how many years ending in 2018 (default 8)")
    parser.add_argument("--with-sources", action="store_true",
                        help="copy the source texts beside the store, so that every quote is "
                             "checked against its article as in a real store (by default the "
                             "sources name no file and quotes go unchecked)")
    args = parser.parse_args()
    if args.count < 0 or not 1 <= args.years <= 2018:
        parser.error("count must be 0 or more, years from 1 to 2018")
    return args


def main() -> None:
    args = arguments()
    store = json.loads(BUNDLED.read_text(encoding="utf-8"))
    for source in store["sources"]:
        if args.with_sources:
            text = BUNDLED.parent / source["file"]
            (args.out.parent / text.parent.name).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(text, args.out.parent / source["file"])
        else:
            source.pop("file", None)
    originals = store["events"]
    events = []
    for n in range(args.count):
        event = dict(originals[n % len(originals)])
        year = 2019 - args.years + n % args.years
        event["id"] = f"{event['id']}-{n}"
        event["date"] = f"{year:04d}{event['date'][4:]}"
        events.append(event)
    store["events"] = events
    args.out.write_text(json.dumps(store, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"{args.out}: {args.count} events, {args.out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
