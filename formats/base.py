"""The contract every file family implements.

A handler reads every label in a file and writes ours.  Writing is one
transaction for all families (DESIGN.md, "A write is a transaction"):

1. read the input strictly and plan the change (`_plan`);
2. stream the new file into a temp file beside the original;
3. verify the temp file completely (the plan's `verify`, then a re-read
   with the family's own reader): it parses, keeps every
   original byte it must keep, and carries exactly the new label;
4. hand the verified file to the caller's `commit` (the audit trail): if it
   raises, nothing is replaced;
5. keep owner, group, mode, ACLs and xattrs, fsync, `os.replace`.

Before step 5 the original is byte-identical whatever fails.

Cost (formats/atomic.py).  A write costs about one crash-safe copy of the
file: the new file's SHA-256 (which the audit records) is computed on a
second thread that follows the writer through the temp file, the kernel is
asked to start writing the temp file's final bytes to disk as they are
copied, and the temp file's fsync runs on a third thread while the new
file is verified and the audit entry is written.  The rename waits for the fsync, the verification and
the audit entry; so before step 5 the new file is complete, on disk,
verified and recorded, as the order above says.  A crash between the audit
entry and the rename leaves an entry for a change that did not happen, as
it always could (the entry is written before the rename by design); it
never leaves a change without an entry.

Verifying cheaply, without weakening "every original member is there once
with identical raw bytes".  A member the plan does not change is copied
from the original into the temp file with `copy_file_range`
(formats/copying.py): the kernel moves the bytes file to file, they never
pass through Python.  Reading both files back to compare such a range
would compare the page cache with itself.  So the transaction keeps a log
of the kernel copies of its temp file: (where in the temp file, which file
by device and inode, from which offset, how many bytes — logged only when
one `copy_range` was done entirely by the kernel, and dropped if the writer
later moves back over it).  The ZIP check (formats/zippkg_checks.py) still
parses the new directory strictly, finds every kept member there exactly
once with the original's CRC, sizes and method, and its local entry
(header, data, descriptor) exactly as long as the original's; it then
accepts the bytes as identical only if the log shows that range of the
temp file lies inside one kernel copy from that range of the original
file, at the same shift (unchanged members that follow each other are
copied in one go), and compares byte for byte otherwise.  A PDF's kept
prefix is checked the same way (formats/pdf_open.compare_prefix), its
blanked ranges and new revision are read back.  The original cannot have
changed since it was read: its identity (size, mtime, ctime, inode) is
checked after the temp file is written, before the verification, and
again just before the rename.  What this does not re-check is the kernel's
own copy — which a read-back from the page cache could not check either.

A handler also says which files are its own (DESIGN.md, "Format handlers"):
`extensions` and `media_types` it declares, `sniff(head, path)` scores the
content (the registry asks every handler and takes the surest), and
`misnamed(head, path, expected)` explains a file it recognises although it
is not what its extension promises.  `extract_text` is optional: the text
of a document for content hints (formats/text.py).
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, ClassVar
from collections.abc import Callable

from .errors import CHANGED, CORRUPT, UNSUPPORTED, VANISHED, FormatError, from_os_error
from .model import OURS, LabelStamp, ReadResult
from .text import TextCut, TextLimit

if TYPE_CHECKING:  # .atomic (hashlib, tempfile, threads) is imported by the first write: reading needs none of it
    from .atomic import FileIdentity

# What `sniff` answers: how sure a handler is that a file is its kind.
NOT_MINE = 0
FALLBACK = 1  # takes any file, but only when no other handler does (file attributes)
LIKELY = 50  # the content fits, though not unambiguously
SURE = 100  # the content says so (the registry stops asking)

# A plan writes the complete new file to the stream it is given.  It may
# carry a `verify(original, new)` attribute: the family's structural check
# of the new file (raise FormatError), run before anything is replaced; and
# a `note`: a sentence for the person, passed on in the PreparedWrite.  A
# check that reads the new file's labels with the family's own reader while
# it has the file open returns that ReadResult, and it serves as the re-read
# (the file is not opened and parsed once more); one that returns None is
# followed by `_read(new)`.
WritePlan = Callable[[BinaryIO], None]


@dataclass(frozen=True)
class PreparedWrite:
    """A verified new file, waiting to replace the original."""

    path: Path  # the original
    temp: Path  # the new file, complete and verified (its fsync may still be running; the rename waits for it)
    content_sha256: str  # of the new file
    # A sentence the person should read with the outcome (e.g. "earlier
    # revisions of this signed PDF still hold the old label"), from the plan.
    note: str | None = None
    # The new file as its family's reader saw it during the check: the file
    # that replaces the original, so callers need not read it again.
    result: ReadResult | None = None


# Called with the prepared write just before the replace; raising aborts it.
Commit = Callable[[PreparedWrite], None]


def _changed_since(path: Path, identity: FileIdentity) -> bool:
    from .atomic import FileIdentity

    try:
        return FileIdentity.of(path) != identity
    except OSError:
        return True


def stamp_matches(result: ReadResult, stamp: LabelStamp | None) -> bool:
    """Whether a re-read shows exactly the label that was meant to be written."""
    ours = result.ours
    if stamp is None:
        return ours is None
    if ours is None or ours.id != stamp.label_id:
        return False
    raw = ours.raw
    # The fields a reader shows must have survived serialisation unchanged.
    expected = {"Labeler_SetBy": stamp.set_by, "Labeler_SetDate": stamp.set_at, "Labeler_Method": stamp.method,
                "Labeler_SchemeId": stamp.scheme_id}
    return all(raw.get(k) == v for k, v in expected.items())


class FormatHandler(ABC):
    """Reads and writes labels in one family of files."""

    name: ClassVar[str]  # human name of the family, e.g. "Office document"
    # Lower case, with dot.  A handler with extensions is a document format:
    # the union of them is the default `must_label` of a scheme.
    extensions: ClassVar[frozenset[str]] = frozenset()
    media_types: ClassVar[frozenset[str]] = frozenset()  # IANA media types of the family
    travels_with_file: ClassVar[bool] = True

    @abstractmethod
    def sniff(self, head: bytes, path: Path) -> int:
        """How sure this handler is that the file is its kind, from its first
        bytes `head` (up to 1 KiB) and, when that is not enough, a quick look
        at `path` (the ZIP directory, the OLE directory).  NOT_MINE (0) is
        "not mine"; higher is surer (FALLBACK, LIKELY, SURE).  Never raises
        for a damaged file: that is "not mine"."""

    def misnamed(self, head: bytes, path: Path, expected: FormatHandler) -> FormatError | None:
        """Why a file this handler recognises, but does not take, is not the
        `expected` document its extension promises; None: not recognised."""
        return None

    def text_extensions(self) -> frozenset[str]:
        """Extensions of the files whose text `extract_text` reads (no file access)."""
        if type(self)._extract_text is FormatHandler._extract_text:
            return frozenset()
        return self.extensions

    def extract_text(self, path: Path, limit: TextLimit) -> str:
        """The document's text, as much as `limit` allows.

        When the limit ends the reading, the text read so far is returned
        and the limit knows why.  FormatError when nothing can be read
        (encrypted, damaged, not a kind of file whose text is read)."""
        path = Path(path)
        try:
            self._extract_text(path, limit)
        except TextCut:
            pass
        except OSError as exc:
            raise from_os_error(exc, path.name) from None
        return limit.text()

    def _extract_text(self, path: Path, limit: TextLimit) -> None:
        """Feed the document's text to `limit` (formats/text.py); override to read text."""
        raise FormatError(UNSUPPORTED, f"{path.name} is not a kind of document whose text can be read "
                                       "(only documents and plain-text files are).")

    def read(self, path: Path) -> ReadResult:
        """Every label in the file, ours and foreign ones."""
        try:
            return self._read(Path(path))
        except OSError as exc:
            raise from_os_error(exc, Path(path).name) from None

    def write(self, path: Path, stamp: LabelStamp | None, commit: Commit | None = None) -> bool:
        """Put our label `stamp` in the file (None removes ours).

        Returns False when the file already said exactly that and was not
        touched.  Raises FormatError with the file unchanged on failure;
        an exception from `commit` also leaves the file unchanged and is
        passed on.
        """
        from .atomic import FileIdentity, check_can_replace, remove_stale_temp_files, replace_atomically

        path = Path(path)
        try:
            check_can_replace(path)
            remove_stale_temp_files(path.parent)
            identity = FileIdentity.of(path)
            plan = self._plan(path, stamp)
            if plan is None:
                return False
            try:
                with replace_atomically(path, identity, want_sha256=commit is not None) as tx:
                    plan(tx.out)
                    tx.finish()  # the fsync runs while the new file is verified
                    result = self._verify_new(path, tx.temp, stamp, getattr(plan, "verify", None))
                    if commit is not None:
                        digest = tx.sha256()  # mostly computed while the file was written
                        # The audit entry is written while the new file's fsync may still run;
                        # the rename waits for both (see "Cost" above).
                        commit(PreparedWrite(path, tx.temp, digest, getattr(plan, "note", None), result))
            except FormatError as exc:
                # Damage found while copying may just be another program
                # saving the file under us: say so, rather than "corrupt".
                if exc.kind not in (CHANGED, VANISHED) and _changed_since(path, identity):
                    raise FormatError(CHANGED, f"{path.name} was changed by another program while it was "
                                               "being labelled, so nothing was written; try again.") from None
                raise
            return True
        except OSError as exc:
            raise from_os_error(exc, path.name, writing=True) from None

    def clear(self, path: Path, commit: Commit | None = None) -> bool:
        return self.write(path, None, commit)

    def _verify_new(self, original: Path, new: Path, stamp: LabelStamp | None, verify) -> ReadResult:
        """Refuse to replace the original with anything but a complete, correct file; return its read."""
        try:
            checked = verify(original, new) if verify is not None else None
            result = checked if isinstance(checked, ReadResult) else self._read(new)
        except FormatError as exc:
            if exc.kind in (CHANGED, VANISHED):
                raise
            raise FormatError(CORRUPT, f"{original.name} was not labelled: the new file failed its check "
                                       f"({exc.message}); the original was left as it was.") from None
        if not stamp_matches(result, stamp):
            what = "still carries a label" if stamp is None else "does not carry the new label exactly"
            raise FormatError(CORRUPT, f"{original.name} was not labelled: read back, the new file {what}; "
                                       "the original was left as it was.")
        return result

    @abstractmethod
    def _read(self, path: Path) -> ReadResult: ...

    @abstractmethod
    def _plan(self, path: Path, stamp: LabelStamp | None) -> WritePlan | None:
        """Read what is needed and return how to write the new file, or None
        when nothing would change."""


ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


def _member_names(path: Path) -> set[str] | None:
    """The member names of a ZIP archive, or None when it cannot be read as one."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            return set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


class PackageHandler(FormatHandler):
    """A family stored as a ZIP package: only metadata members change."""

    def _plan(self, path: Path, stamp: LabelStamp | None) -> WritePlan | None:
        from .zippkg import ZipPackage

        package = ZipPackage(path)
        try:
            changes = self._changes(package, stamp)
        except BaseException:
            package.close()
            raise
        if not changes:
            package.close()
            return None

        def write(out: BinaryIO) -> None:
            with package:
                package.rewrite(out, changes)

        def verify(original: Path, new: Path) -> ReadResult | None:
            from .zippkg import verify_rewrite

            return verify_rewrite(original, new, changes, self._read_package)

        write.verify = verify  # type: ignore[attr-defined]
        return write

    def _read_package(self, package) -> ReadResult | None:
        """The labels of an open package (the one `_read` would open), or None if the family reads
        only by path: the check of a rewrite then hands on its reading of the new file."""
        return None

    @abstractmethod
    def _changes(self, package, stamp: LabelStamp | None) -> dict[str, bytes | None]:
        """Member name → new bytes (None deletes) to label the open package."""

    def _sniff_package(self, head: bytes, path: Path, marker: Callable[[set[str]], bool]) -> int:
        """SURE for a ZIP named like this family, or whose members show `marker`; else NOT_MINE."""
        if not head.startswith(ZIP_MAGIC):
            return NOT_MINE
        if path.suffix.lower() in self.extensions:
            return SURE  # the content is decided when reading (a damaged package is refused then)
        names = _member_names(path)
        return SURE if names is not None and marker(names) else NOT_MINE

    def misnamed(self, head: bytes, path: Path, expected: FormatHandler) -> FormatError | None:
        if head.startswith(ZIP_MAGIC):
            return FormatError(CORRUPT, f"{path.name} is a ZIP archive, not a {expected.name}, so it may be "
                                        "misnamed; it was left as it was.")
        return None


__all__ = ["ZIP_MAGIC", "Commit", "FormatHandler", "PackageHandler", "PreparedWrite", "WritePlan", "OURS", "NOT_MINE",
           "FALLBACK", "LIKELY", "SURE"]
