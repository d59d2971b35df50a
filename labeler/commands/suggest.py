"""`labeler suggest PATH...`: the label the content suggests, with the evidence.

Only a recommendation: nothing is written to any file.  The evidence is
counts per detector ("2 IBAN numbers"); the matched values are never
printed.
"""
from __future__ import annotations

import sys

from labeler.core.files import expand
from labeler.commands.progress import Progress
from labeler import languages
from labeler.commands.common import (EXIT_OK, EXIT_SOME_FAILED, NOT_FOUND, add_path_arguments, given_paths,
                                     load_scheme, missing_sentence, print_json, print_line)


def register(sub) -> None:
    help_text = "Recommend a label from what files contain (nothing is changed)."
    p = sub.add_parser("suggest", help=help_text, description=help_text + " The evidence is given as "
                       "counts, never the sensitive values themselves.")
    add_path_arguments(p)
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")
    p.add_argument("--lang", choices=languages.codes(), default=languages.DEFAULT,
                   help="language of label names and evidence")
    p.set_defaults(func=run)


def rules_for(scheme):
    """The scheme's hint rules, or the built-in ones restricted to labels the scheme has."""
    from labeler.core.counts_as import hint_rules

    return hint_rules(scheme)


def _paths(args):
    """The files to look at: named files always (so they are reported), supported files inside folders."""
    from pathlib import Path

    from labeler.hints import is_supported

    for raw in given_paths(args):
        if missing_sentence(raw):
            yield Path(raw)  # reported as "no such file" by run
        elif args.recursive and Path(raw).is_dir():
            yield from (p for p in expand([raw], True) if is_supported(p))
        else:
            yield Path(raw)


def run(args) -> int:
    import logging

    from labeler.hints import suggest

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    scheme = load_scheme(args)
    rules = rules_for(scheme)
    paths = list(_paths(args))
    progress = Progress(len(paths))
    results: list[dict] = []
    failed = 0
    for path in paths:
        missing = missing_sentence(str(path))
        if missing:
            failed += 1
            progress.step(path.name)
            if args.json:
                results.append({"path": str(path), "recommended": None, "evidence": {}, "summary": "",
                                "truncated": False, "error": missing, "kind": NOT_FOUND})
            else:
                print_line(f"{path}: error: {missing}", file=sys.stderr)
            continue
        s = suggest(path, rules, args.lang)
        label = scheme.find(s.label_id) if s.label_id else None
        if label is not None and label.id != s.label_id:
            label = None
        name = label.name(args.lang) if label else s.label_id
        progress.step(path.name)
        if not s.ok:
            failed += 1
        if args.json:
            results.append({
                "path": str(path),
                "recommended": {"id": s.label_id, "name": name} if s.label_id else None,
                "evidence": dict(s.findings),
                "summary": s.evidence,
                "truncated": s.truncated,
                "error": s.reason if not s.ok else None,
                "kind": s.error,
            })
        elif not s.ok:
            print_line(f"{path}: error: {s.reason}", file=sys.stderr)
        else:
            head = f"{name} [{s.label_id}]" if s.label_id else "no recommendation"
            line = f"{path}: {head} ({s.evidence})"
            if s.truncated:
                line += "; only the beginning of the file was read"
            print_line(line)
            if getattr(args, "verbose", 0):
                for rule in s.matched_rules:
                    print(f"    rule: {' + '.join(rule.detectors)} >= {rule.min_count} -> {rule.label_id}")
    progress.finish()
    if args.json:
        print_json(results)
    elif failed and len(paths) > 1:
        print(f"{failed} of {len(paths)} files could not be read.", file=sys.stderr)
    return EXIT_SOME_FAILED if failed else EXIT_OK
