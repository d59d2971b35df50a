"""`labeler scheme import-baf FILE`: start a scheme from a LibreOffice/TSCP BAF policy."""
from __future__ import annotations

import sys
from pathlib import Path

from labeler.commands.common import EXIT_OK, EXIT_SOME_FAILED, UsageError


def register_import_baf(actions) -> None:
    p = actions.add_parser("import-baf", help="Turn a LibreOffice/TSCP BAF policy (XML) into a scheme file.",
                           description="Read a BAF policy XML, as LibreOffice's classification uses, and write a "
                                       "scheme TOML with one label per category and their TSCP mappings. "
                                       "Sharing rules are defaulted conservatively and marked '# review'.")
    p.add_argument("file", metavar="FILE", help="the BAF policy XML")
    p.add_argument("--out", metavar="SCHEME.toml", help="where to write the scheme (default: print it)")
    p.add_argument("--force", action="store_true", help="replace an existing --out file")
    p.set_defaults(func=run)


def run(args) -> int:
    from policy.baf import BafImportError, import_baf

    source = Path(args.file)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {source}: {exc.strerror or exc}.") from None
    try:
        text = import_baf(data, str(source))
    except BafImportError as exc:
        print(f"Not imported: {exc}", file=sys.stderr)
        return EXIT_SOME_FAILED
    if not args.out:
        sys.stdout.write(text)
        return EXIT_OK
    out = Path(args.out)
    if out.exists() and not args.force:
        raise UsageError(f"{out} exists; use --force to replace it.")
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"Not imported: cannot write {out} ({exc.strerror or exc}).", file=sys.stderr)
        return EXIT_SOME_FAILED
    print(f"Wrote {out}. Review the sharing rules and texts marked '# review', set the scheme id and "
          "version, then check it with: labeler scheme validate " + str(out))
    return EXIT_OK
