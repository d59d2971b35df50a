"""`labeler labels`: the labels of the scheme in force."""
from __future__ import annotations

from labeler.commands.common import EXIT_OK, load_scheme, print_json


def register(sub) -> None:
    p = sub.add_parser("labels", help="List the labels of the scheme.")
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    scheme = load_scheme(args)
    if args.json:
        print_json([{"id": l.id, "name": l.name("en"), "rank": l.rank} for l in scheme.labels])
    else:
        print(f"{scheme.name} (version {scheme.version})")
        for label in scheme.labels:
            print(f"  {label.rank}. {label.name('en')}  [{label.id}]")
    return EXIT_OK
