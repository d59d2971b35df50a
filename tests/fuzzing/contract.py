"""The contract every mutant must meet when it is labelled.

For one mutant (bytes, a file name and a description of the mutation):
copy it into a fresh folder, label it through the service the way a user
does, and judge the outcome:

- status "failed": the message is one clean sentence (no traceback text,
  no "unexpected problem", no exception class names, no raw bytes, no name
  of our own temp file) and the file is byte-identical to the mutant;
- status "labelled": the file changed and
  * ZIP packages: every member of the mutant other than the metadata parts
    is there exactly once with identical raw bytes, CRC, method and sizes;
    `zipfile.testzip` passes if it passed on the mutant; the document's
    library opens it if it opened the mutant; an ODF `mimetype` that was
    first and stored still is; no Override or relationship Id is doubled
    by the write; a label part we wrote is one Office can find;
  * PDF: the mutant is a byte prefix of the result (in an unsigned PDF
    the old label may instead be blanked in place: see
    `blanked_label_problem`); pypdf reads it with
    the same page count if it read the mutant, and sees our label in the
    information dictionary; `qpdf --check` (if
    installed) finds no error where it found none before;
  * our own reader shows our label, and other tools' labels that were
    there are still there;
- status "unchanged": the file is byte-identical;
- always: no `.~labeler-*.tmp` left in the folder, and the audit log
  gained exactly one entry if and only if the file changed.

Anything else is a violation, described in a short sentence.
"""
from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from pathlib import Path

from tests.fuzzing.case import Case, Verdict
from tests.fuzzing.contract_names import (CT_NS, CUSTOM_CT, CUSTOM_REL, LABELINFO_CT, LABELINFO_REL, MARKING_PARTS,
                                          METADATA_PARTS, ODF_SUFFIXES, OOXML_SUFFIXES, REL_NS, TEMP_GLOB)
from tests.fuzzing.probes import (_quiet, zip_members, model_members, testzip_ok, _read_member, open_with_library,
                                  pypdf_label, qpdf_check, pdf_signed, _LABEL_NAME, _XMP_LABEL_ELEMENT,
                                  _XMP_LABEL_ATTRIBUTE, _INFO_LABEL_KEY, _pdf_string_end, label_property_spans,
                                  blanked_label_problem, _xml, _override_counts, _rel_id_counts, _find_ci,
                                  _label_part_types, _resolve, _labels)
from tests.fuzzing.zipmodel import LOCAL_SIG

__all__ = [
    "CT_NS",
    "CUSTOM_CT",
    "CUSTOM_REL",
    "Case",
    "ContractChecker",
    "LABELINFO_CT",
    "LABELINFO_REL",
    "LOCAL_SIG",
    "MARKING_PARTS",
    "METADATA_PARTS",
    "ODF_SUFFIXES",
    "OOXML_SUFFIXES",
    "REL_NS",
    "TEMP_GLOB",
    "Verdict",
    "_INFO_LABEL_KEY",
    "_LABEL_NAME",
    "_UNCLEAN",
    "_XMP_LABEL_ATTRIBUTE",
    "_XMP_LABEL_ELEMENT",
    "_find_ci",
    "_label_part_types",
    "_labels",
    "_override_counts",
    "_pdf_string_end",
    "_quiet",
    "_read_member",
    "_rel_id_counts",
    "_resolve",
    "_xml",
    "blanked_label_problem",
    "label_property_spans",
    "model_members",
    "open_with_library",
    "pdf_signed",
    "pypdf_label",
    "qpdf_check",
    "testzip_ok",
    "unclean_message",
    "zip_members",
]

_UNCLEAN = [
    (re.compile(r"Traceback|File \"|line \d+, in "), "traceback text"),
    (re.compile(r"unexpected problem", re.I), "'unexpected problem'"),
    (re.compile(r"\b[A-Z]\w*(Error|Exception|Warning)\b|\b\w+Error\(|zlib\.error|struct\.error"),
     "an exception class name"),
    (re.compile(r"'NoneType'|object has no attribute|object is not|unsupported operand|index out of range"
                r"|invalid literal for|not subscriptable|takes \d+ positional|unhashable|KeyError"
                r"|got an unexpected|must be (str|int|bytes)"), "Python exception text"),
    (re.compile(r"""\bb'|\bb"|\\x[0-9a-fA-F]{2}|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"""), "raw bytes"),
    (re.compile(r"\.~labeler-\w+\.tmp"), "the name of our temp file"),
    (re.compile(r"\n"), "a line break"),
]


def unclean_message(message: str | None) -> str | None:
    """Why `message` is not one clean sentence for a person, or None."""
    if not message or not message.strip():
        return "no message"
    for pattern, what in _UNCLEAN:
        if pattern.search(message):
            return f"it contains {what}"
    if len(message) > 600:
        return f"it is {len(message)} characters long"
    if not message.rstrip().endswith((".", "!", "?", ")")):
        return "it does not end like a sentence"
    return None


# ----------------------------------------------------------------- the check

class ContractChecker:
    """Labels mutants through the service and judges each outcome."""

    def __init__(self, workdir: Path, label_id: str = "strictly-confidential", keep_bad: Path | None = None):
        from policy import load_builtin

        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.scheme = load_builtin()
        self.label = self.scheme.label(label_id)
        self.keep_bad = keep_bad
        self.count = 0

    def check(self, case: Case) -> Verdict:
        from labeler.org.audit import AuditLog
        from labeler.core.service import LabelService

        self.count += 1
        folder = Path(tempfile.mkdtemp(prefix="case-", dir=self.workdir))
        docs = folder / "docs"
        docs.mkdir()
        path = docs / case.name
        path.write_bytes(case.data)
        audit = AuditLog(folder / "audit.jsonl")
        service = LabelService(self.scheme, user="fuzzer", audit=audit)
        verdict = Verdict(case)
        bad = verdict.problems
        suffix = path.suffix.lower()
        is_pdf = suffix == ".pdf"
        is_zip = suffix in OOXML_SUFFIXES | ODF_SUFFIXES

        # What the mutant looked like to others, before we touch it.
        before_labels = _labels(path)
        lib_before = open_with_library(path) if (is_zip or is_pdf) else (False, None)
        qpdf_before = qpdf_check(path) if is_pdf else None

        try:
            with _quiet():
                outcome = service.apply(path, self.label)
        except BaseException as exc:  # the service promises an Outcome, never an exception
            bad.append(f"apply raised {type(exc).__name__}: {exc}"[:300])
            outcome = None
        after = path.read_bytes() if path.exists() else None
        if outcome is not None:
            verdict.status, verdict.kind, verdict.message = outcome.status, outcome.kind, outcome.message
        changed = after != case.data

        leftovers = [p.name for p in docs.glob(TEMP_GLOB)]
        if leftovers:
            bad.append(f"temp file left behind: {leftovers[0]}")
        extra_files = sorted(p.name for p in docs.iterdir() if p.name != case.name and p.name not in leftovers)
        if extra_files:
            bad.append(f"unexpected file(s) left in the folder: {extra_files[:3]}")
        try:
            entries = len(audit.entries())
        except Exception as exc:
            entries = -1
            bad.append(f"audit log unreadable: {type(exc).__name__}")
        if entries != (1 if changed else 0):
            bad.append(f"audit log has {entries} entries but the file {'changed' if changed else 'did not change'}")

        status = verdict.status
        if after is None:
            bad.append("the file is gone")
        elif outcome is None:
            pass
        elif status == "failed":
            why = unclean_message(outcome.message)
            if why:
                bad.append(f"failure message is not a clean sentence: {why}")
            if outcome.kind == "internal-error":
                bad.append("failed with an internal error (a bug reached the user)")
            if changed:
                bad.append("failed but the file was changed")
        elif status == "unchanged":
            if changed:
                bad.append("said unchanged but the file was changed")
        elif status == "labelled":
            if not changed:
                bad.append("said labelled but the file is byte-identical")
            else:
                if is_zip:
                    self._check_zip(case, path, after, lib_before, bad)
                elif is_pdf:
                    self._check_pdf(case, path, after, lib_before, qpdf_before, bad)
                self._check_labels(path, before_labels, bad)
        else:
            bad.append(f"unexpected status {status!r}")

        if bad and self.keep_bad is not None:
            self._keep(verdict, after)
        shutil.rmtree(folder, ignore_errors=True)
        return verdict

    # -- labelled ZIP packages -------------------------------------------------
    def _check_zip(self, case: Case, path: Path, after: bytes, lib_before, bad: list[str]) -> None:
        old = zip_members(case.data)
        new = zip_members(after)
        if old is None:
            # Python's zipfile refuses the mutant (e.g. a version it does not know):
            # compare through the raw directory instead, and ask of the result no more
            # than of the mutant.
            old, new = model_members(case.data), model_members(after)
            if old is None:
                bad.append("labelled a file whose ZIP directory cannot be parsed consistently "
                           "(ambiguous input accepted)")
                return
            if new is None:
                bad.append("the labelled file's ZIP directory cannot be parsed")
                return
        elif new is None:
            bad.append("the labelled file is not a ZIP archive Python's zipfile can open (the mutant was)")
            return
        new_counts: dict[str, int] = {}
        for m in new:
            new_counts[m["name"]] = new_counts.get(m["name"], 0) + 1
        old_types = _xml(_read_member(case.data, _find_ci([m["name"] for m in old], "[Content_Types].xml") or ""))
        label_parts = _label_part_types(old_types)
        by_name = {}
        for m in new:
            by_name.setdefault(m["name"], m)
        for m in old:
            low = m["name"].lower()
            if low in METADATA_PARTS or low in label_parts or MARKING_PARTS.fullmatch(low):
                continue
            count = new_counts.get(m["name"], 0)
            if count != 1:
                bad.append(f"member {m['name']!r} appears {count} times in the labelled file")
                continue
            twin = by_name[m["name"]]
            if (twin["crc"], twin["method"], twin["csize"], twin["usize"]) != \
                    (m["crc"], m["method"], m["csize"], m["usize"]):
                bad.append(f"member {m['name']!r} has a different CRC, method or size after labelling")
            elif twin["raw"] != m["raw"]:
                bad.append(f"member {m['name']!r} has different raw bytes after labelling")
        doubled = [n for n, c in new_counts.items() if c > 1]
        old_names = [m["name"] for m in old]
        for n in doubled:
            if old_names.count(n) < new_counts[n]:
                bad.append(f"labelling doubled member {n!r}")
        if testzip_ok(case.data) and not testzip_ok(after):
            bad.append("zipfile.testzip fails on the labelled file (it passed on the mutant)")
        lib_after = open_with_library(path)
        if lib_before[0] and not lib_after[0]:
            bad.append(f"the document library no longer opens it: {lib_after[1]}")
        elif lib_before[0] and lib_after[1] != lib_before[1]:
            bad.append(f"the document library sees different content: {lib_before[1]!r} -> {lib_after[1]!r}")
        suffix = path.suffix.lower()
        if suffix in ODF_SUFFIXES:
            if old and old[0]["name"] == "mimetype" and old[0]["method"] == zipfile.ZIP_STORED and \
                    not (new[0]["name"] == "mimetype" and new[0]["method"] == zipfile.ZIP_STORED):
                bad.append("mimetype is no longer the first, stored member")
        if suffix in OOXML_SUFFIXES:
            self._check_opc(case.data, after, old, new, bad)

    def _check_opc(self, before: bytes, after: bytes, old, new, bad: list[str]) -> None:
        old_names, new_names = [m["name"] for m in old], [m["name"] for m in new]
        ct_old = _xml(_read_member(before, _find_ci(old_names, "[Content_Types].xml") or ""))
        ct_new_name = _find_ci(new_names, "[Content_Types].xml")
        ct_new = _xml(_read_member(after, ct_new_name or ""))
        rels_old = _xml(_read_member(before, _find_ci(old_names, "_rels/.rels") or ""))
        rels_new = _xml(_read_member(after, _find_ci(new_names, "_rels/.rels") or ""))
        oc, nc = _override_counts(ct_old), _override_counts(ct_new)
        for part, count in nc.items():
            if count > 1 and count > oc.get(part, 0):
                bad.append(f"labelling doubled the content-type Override for {part}")
        oi, ni = _rel_id_counts(rels_old), _rel_id_counts(rels_new)
        for rid, count in ni.items():
            if count > 1 and count > oi.get(rid, 0):
                bad.append(f"labelling doubled the relationship Id {rid}")
        # A label part that the write created or changed must be one Office finds:
        # a package relationship of its type points at it and its content type says what it is.
        for part, rel_type, ctype in (("docProps/custom.xml", CUSTOM_REL, CUSTOM_CT),):
            old_m = next((m for m in old if m["name"].lower() == part.lower()), None)
            new_m = next((m for m in new if m["name"].lower() == part.lower()), None)
            if new_m is None or (old_m is not None and old_m["raw"] == new_m["raw"]):
                continue
            if rels_new is None or not any(
                    r.get("Type") == rel_type and r.get("TargetMode") != "External"
                    and _resolve(r.get("Target") or "") == new_m["name"].lower()
                    for r in rels_new.iter(f"{REL_NS}Relationship")):
                bad.append(f"the label was written to {new_m['name']} but no package relationship "
                           "points at it (Office will not see the label)")
            if ct_new is not None and not any(
                    (o.get("PartName") or "").lower() == "/" + new_m["name"].lower() and
                    o.get("ContentType") == ctype for o in ct_new.iter(f"{CT_NS}Override")):
                bad.append(f"the label was written to {new_m['name']} without its content type Override")

    # -- labelled PDFs -------------------------------------------------------------
    def _check_pdf(self, case: Case, path: Path, after: bytes, lib_before, qpdf_before, bad: list[str]) -> None:
        if not after.startswith(case.data):
            why = "the PDF is signed" if pdf_signed(case.data) else blanked_label_problem(case.data, after)
            if why:
                bad.append(f"the original bytes are not an identical prefix of the labelled PDF ({why})")
        lib_after = open_with_library(path)
        if lib_before[0] and not lib_after[0]:
            bad.append(f"pypdf no longer reads it: {lib_after[1]}")
        elif lib_before[0] and lib_after[1] != lib_before[1]:
            bad.append(f"pypdf sees {lib_after[1]} pages, it saw {lib_before[1]} before")
        seen = pypdf_label(path)
        if seen != self.label.id:
            bad.append(f"pypdf does not see our label in the info dictionary (it sees {seen!r})")
        q = qpdf_check(path)
        if q is not None and qpdf_before in (0, 3) and q == 2:
            bad.append("qpdf --check finds errors in the labelled file (none before)")
        elif q is not None and qpdf_before == 0 and q == 3:
            bad.append("qpdf --check warns about the labelled file (it did not before)")

    def _check_labels(self, path: Path, before, bad: list[str]) -> None:
        result = _labels(path)
        if result is None:
            bad.append("our own reader cannot read the labelled file")
            return
        if result.ours is None or result.ours.id != self.label.id:
            bad.append(f"our reader does not show our label (it shows {getattr(result.ours, 'id', None)!r})")
        if before is None:
            return
        ms_site = self.label.microsoft.site_id if self.label.microsoft else None
        kept = {(f.system, f.id) for f in result.foreign}
        for f in before.foreign:
            if f.system == "tscp":
                continue  # our label carries a TSCP category: replacing it is the point
            if f.system == "microsoft" and ms_site and \
                    (f.raw.get("SiteId") or f.raw.get("siteId") or "").strip("{}").lower() == ms_site:
                continue
            if (f.system, f.id) not in kept:
                bad.append(f"another tool's label was dropped: {f.system} {f.id}")

    def _keep(self, verdict: Verdict, after: bytes | None) -> None:
        dest = self.keep_bad / f"{self.count:05d}-{verdict.case.cls}"
        dest.mkdir(parents=True, exist_ok=True)
        (dest / ("mutant-" + verdict.case.name)).write_bytes(verdict.case.data)
        if after is not None and after != verdict.case.data:
            (dest / ("result-" + verdict.case.name)).write_bytes(after)
        (dest / "README.txt").write_text(verdict.describe() + "\n", encoding="utf-8")
