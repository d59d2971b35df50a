"""The contract every file family implements.

A handler reads every label in a file and writes ours.  Writing follows one
pipeline for all families: refuse what cannot be done safely, remember the
file's identity, let the handler plan the change while reading, then stream
the new file beside the old one and replace it atomically.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import BinaryIO, Callable, ClassVar

from .atomic import FileIdentity, check_can_replace, replace_atomically
from .errors import CHANGED, VANISHED, FormatError, from_os_error
from .model import LabelStamp, ReadResult

# A plan writes the complete new file to the stream it is given.
WritePlan = Callable[[BinaryIO], None]


def _changed_since(path: Path, identity: FileIdentity) -> bool:
    try:
        return FileIdentity.of(path) != identity
    except OSError:
        return True


class FormatHandler(ABC):
    """Reads and writes labels in one family of files."""

    name: ClassVar[str]  # human name of the family, e.g. "Office document"
    extensions: ClassVar[frozenset[str]] = frozenset()  # lower case, with dot
    travels_with_file: ClassVar[bool] = True

    def read(self, path: Path) -> ReadResult:
        """Every label in the file, ours and foreign ones."""
        try:
            return self._read(Path(path))
        except OSError as exc:
            raise from_os_error(exc, Path(path).name) from None

    def write(self, path: Path, stamp: LabelStamp | None) -> bool:
        """Put our label `stamp` in the file (None removes ours).

        Returns False when the file already said exactly that and was not
        touched.  Raises FormatError with the file unchanged on failure.
        """
        path = Path(path)
        try:
            check_can_replace(path)
            identity = FileIdentity.of(path)
            plan = self._plan(path, stamp)
            if plan is None:
                return False
            try:
                with replace_atomically(path, identity) as out:
                    plan(out)
            except FormatError as exc:
                # Damage found while copying may just be another program
                # saving the file under us: say so, rather than "corrupt".
                if exc.kind not in (CHANGED, VANISHED) and _changed_since(path, identity):
                    raise FormatError(CHANGED, f"{path.name} was changed by another program while it was "
                                               "being labelled; nothing was written. Try again.") from None
                raise
            return True
        except OSError as exc:
            raise from_os_error(exc, path.name) from None

    def clear(self, path: Path) -> bool:
        return self.write(path, None)

    @abstractmethod
    def _read(self, path: Path) -> ReadResult: ...

    @abstractmethod
    def _plan(self, path: Path, stamp: LabelStamp | None) -> WritePlan | None:
        """Read what is needed and return how to write the new file, or None
        when nothing would change."""


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
        return write

    @abstractmethod
    def _changes(self, package, stamp: LabelStamp | None) -> dict[str, bytes | None]:
        """Member name → new bytes (None deletes) to label the open package."""
