"""The scheme store: accepting the admin's signed scheme on this machine and keeping the last good one.

The admin config (labeler.org.admin_config) names a source, a file path (e.g. on
a share) or an http(s) URL, and the keys that may sign schemes.  A check
fetches ``scheme.toml`` and ``scheme.toml.sig`` from the source and accepts
the scheme only if

1. both downloads are complete (no truncated or oversized answer),
2. the signature was made by a trusted key over exactly these bytes,
3. it is a valid scheme, and
4. its version is newer than the one in force (the same version is fine only
   with identical bytes: "up to date").

Only then is the stored copy replaced, atomically.  Any refusal keeps the last
good scheme in force and is recorded, as a sentence, in the state.

Never in the way of labelling: a check has one overall deadline
(`update_timeout`, 30 s by default, `update_timeout_seconds` in the admin
config), whatever the source does (a server that sends one byte every few
seconds, a share that stops answering).  The downloads, the signature check
and the parse run *without* the store's lock; the lock is taken only for the
short local step that compares versions, swaps the stored copy and writes the
state, so `labeler show` / `apply` and the GUI, which read the stored copy
under the same lock, never wait on the network.

The store lives in the user's data folder (labeler.paths.data_dir()/scheme):

    current/scheme.toml      the last good scheme, byte for byte as signed
    current/scheme.toml.sig  its signature
    state.json               version, source, signature, last check, last error

Nothing here starts threads or timers: the GUI calls `check()` at start and
whenever `next_check_due()` has passed.

The downloads are in labeler.org.scheme_fetch and the state, the scheme in
force and the schedule in labeler.org.scheme_state; their names are
re-exported here.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import time
from pathlib import Path
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from policy import Scheme, SchemeError, SchemeTooNew
from policy.compiled import builtin_scheme, parse_cached
from policy.signing import MAX_SIGNATURE_FILE, SIGNATURE_SUFFIX, SigningError, verify

from labeler.system import file_lock, utc_now
from labeler.org.admin_config import AdminConfig, AdminConfigError, load_admin_config
# Fetching and the shared vocabulary live in their own modules; re-exported here, where the app,
# the command line and the tests import them.  The fetching code is imported by the first check (or the
# first name of it asked for): reading the scheme in force, which every command does, needs none of it.
if TYPE_CHECKING:
    from labeler.org.scheme_fetch import (MAX_SCHEME_BYTES, TIMEOUT_SECONDS, UPDATE_TIMEOUT_ENV, DeadlineExceeded,
                                          FetchError, fetch, signature_location, update_timeout)
from labeler.org.scheme_state import (REFUSED, UP_TO_DATE, UPDATED, InForce, Refused, State, _sentence,
                                      check_due, next_check_due, parse_time)

__all__ = ["CACHE_DIR_ENV", "MAX_SCHEME_BYTES", "READ_LOCK_WAIT", "REFUSED", "SCHEME_FILE", "STATE_FILE",
           "TIMEOUT_SECONDS", "UPDATED", "UPDATE_TIMEOUT_ENV", "UP_TO_DATE", "AdminConfig", "AdminConfigError",
           "DeadlineExceeded", "FetchError", "InForce", "Refused", "SchemeStore", "State", "check_due",
           "compiled_cache_dir", "fetch", "in_force", "load_admin_config", "next_check_due", "parse_time",
           "signature_location", "update_timeout"]

READ_LOCK_WAIT = 2.0  # seconds a reader waits for the store's lock before reading without it
SCHEME_FILE = "scheme.toml"
STATE_FILE = "state.json"


# --- the store -------------------------------------------------------------------

class SchemeStore:
    """The last good scheme and the check state, kept in one folder of the user's data."""

    def __init__(self, root: str | Path, fetcher: Callable[[str, int], bytes] | None = None,
                 cache_folder: str | Path | None = None):
        self.root = Path(root)
        # Compiled copies of the schemes read (policy/compiled.py); None: every read parses.
        self.cache_folder = Path(cache_folder) if cache_folder is not None else None
        self.current = self.root / "current"
        self.previous = self.root / "previous"
        self.state_path = self.root / STATE_FILE
        self._fetcher = fetcher  # fetcher(source, limit) -> bytes; None: fetch() with the check's deadline

    @classmethod
    def default(cls) -> SchemeStore:
        from labeler.paths import scheme_dir

        return cls(scheme_dir(), cache_folder=compiled_cache_dir())

    @property
    def scheme_path(self) -> Path:
        return self.current / SCHEME_FILE

    @property
    def signature_path(self) -> Path:
        return self.current / (SCHEME_FILE + SIGNATURE_SUFFIX)

    # -- state

    def load_state(self) -> State:
        try:
            text = self.state_path.read_text("utf-8")
        except (OSError, ValueError):
            return State()  # the usual case without an admin config: no state, and no json to import
        import json

        try:
            return State.from_json(json.loads(text))
        except ValueError:
            return State()

    def _save_state(self, state: State) -> None:
        import json

        from formats.atomic import write_bytes_atomically

        data = (json.dumps(state.to_json(), indent=1) + "\n").encode("utf-8")
        self.root.mkdir(parents=True, exist_ok=True)
        write_bytes_atomically(self.state_path, data)

    # -- the stored copy

    def stored(self) -> tuple[bytes, bytes] | None:
        """The stored scheme and signature bytes, or None if there is no complete copy.

        Read under the store's lock, which a check holds only for a local swap;
        should another process hold it longer (an older version of the app),
        the copy is read without it after READ_LOCK_WAIT seconds rather than
        making labelling wait.
        """
        if not self.current.exists() and not self.previous.exists():
            return None  # nothing stored (the usual case without an admin config): no lock to take
        with self._lock(wait=READ_LOCK_WAIT) as held:
            return self._stored(repair=held)

    def _stored(self, repair: bool = True) -> tuple[bytes, bytes] | None:
        folder = self.current
        if not self.current.exists() and self.previous.is_dir():
            # Interrupted between moving the old copy away and the new one in.
            folder = self.previous
            if repair:
                with contextlib.suppress(OSError):
                    os.replace(self.previous, self.current)
                    folder = self.current
        try:
            return (folder / SCHEME_FILE).read_bytes(), (folder / (SCHEME_FILE + SIGNATURE_SUFFIX)).read_bytes()
        except OSError:
            return None

    def scheme_in_force(self, config: AdminConfig | None = None) -> InForce:
        """The stored good scheme, else the built-in demo scheme (`builtin` says which).

        With an admin config the stored copy is verified again against the keys
        trusted *now* (the user's data folder is writable by the user, and a
        key may have been withdrawn); without one it is used as accepted.
        """
        state = self.load_state()
        stored = self.stored()
        problem = None
        if stored is not None:
            data, sig = stored
            try:
                signer = verify(data, sig, config.trusted_keys) if config is not None else state.key_id
                scheme = parse_cached(data, str(self.scheme_path), self.cache_folder)
            except (SigningError, SchemeError) as exc:
                problem = (f"The stored scheme {self.scheme_path} is not used: {_sentence(exc)} "
                           f"Using the built-in scheme until a good one is fetched.")
            else:
                minimum = config.minimum_version if config is not None else None
                if minimum is not None and scheme.version < minimum:
                    problem = (f"The stored scheme {self.scheme_path} is not used: it is version "
                               f"{scheme.version}, below version {minimum}, the lowest the admin config "
                               f"allows. Using the built-in scheme until a good one is fetched.")
                else:
                    valid = config is not None or state.signature_valid
                    return InForce(scheme, False, state.source, valid, signer)
        return InForce(builtin_scheme(folder=self.cache_folder), True, None, False, None, problem)

    # -- checking

    def check(self, config: AdminConfig, timeout: float | None = None) -> State:
        """Fetch the scheme from the configured source and accept it if it is good; the new state.

        Ends within `timeout` seconds (default: `update_timeout(config)`) plus
        the short local step, whatever the source does.  The store's lock is
        held only for that local step, never while waiting on the network.
        """
        from labeler.org.scheme_fetch import update_timeout

        started = utc_now()
        budget = update_timeout(config) if timeout is None else float(timeout)
        deadline = time.monotonic() + budget
        try:
            data, sig, signer, scheme = self._download_and_verify(config, deadline, budget)
        except Refused as exc:
            outcome: Refused | tuple = exc
        else:
            outcome = (data, sig, signer, scheme)
        with self._lock():  # local work only: compare, swap, write the state
            state = self.load_state()
            state.last_check = started
            try:
                if isinstance(outcome, Refused):
                    raise outcome
                state.last_result = self._accept(config, state, *outcome)
            except Refused as exc:
                state.last_result = REFUSED
                state.last_error = exc.sentence(self._kept_sentence(state))
            else:
                state.last_success = state.last_check
                state.last_error = None
            try:
                self._save_state(state)
            except OSError:
                pass  # the state is informative only; the stored scheme is what counts
            return state

    def _get(self, source: str, limit: int, deadline: float) -> bytes:
        from labeler.org.scheme_fetch import TIMEOUT_SECONDS, _within, fetch

        fetcher = self._fetcher
        if fetcher is None:
            remaining = max(0.05, deadline - time.monotonic())
            return fetch(source, limit, min(TIMEOUT_SECONDS, remaining), deadline)
        return _within(deadline, source, lambda: fetcher(source, limit))

    def _download_and_verify(self, config: AdminConfig, deadline: float, budget: float):
        """(data, signature, signer, scheme) from the source, or Refused; touches nothing local."""
        from labeler.org.scheme_fetch import MAX_SCHEME_BYTES, DeadlineExceeded, FetchError, signature_location

        source = config.source
        sig_source = signature_location(source)
        try:
            data = self._get(source, MAX_SCHEME_BYTES, deadline)
            try:
                sig = self._get(sig_source, MAX_SIGNATURE_FILE, deadline)
            except DeadlineExceeded:
                raise
            except FetchError as exc:
                raise Refused(f"Could not get the signature of the scheme from {sig_source}: {exc} "
                              f"The admin must publish it beside the scheme (`labeler scheme sign`).") from None
        except DeadlineExceeded:
            raise Refused(f"Gave up the scheme update after {budget:g} seconds because {source} was too slow "
                          f"to deliver the scheme and its signature", one_sentence=True) from None
        except FetchError as exc:
            raise Refused(f"Could not get the scheme: {exc}") from None
        try:
            signer = verify(data, sig, config.trusted_keys)
        except SigningError as exc:
            raise Refused(f"Refused the scheme from {source}: {_sentence(exc)}") from None
        try:
            scheme = parse_cached(data, source, self.cache_folder)
        except SchemeTooNew as exc:
            raise Refused(f"Refused the scheme from {source}: it {exc.reason}.") from None
        except SchemeError as exc:
            raise Refused(f"Refused the scheme from {source}: it is signed by a trusted key but is not "
                          f"a valid scheme: {exc}") from None
        return data, sig, signer, scheme

    def _accept(self, config: AdminConfig, state: State, data: bytes, sig: bytes, signer: str,
                scheme: Scheme) -> str:
        """With the lock held: compare with what is in force and store the new pair if it is newer."""
        source = config.source
        digest = hashlib.sha256(data).hexdigest()
        minimum = config.minimum_version
        if minimum is not None and scheme.version < minimum:
            raise Refused(f"Refused the scheme from {source}: it is version {scheme.version}, below version "
                          f"{minimum}, the lowest the admin config {config.path} allows (minimum_version); "
                          f"a scheme is never rolled back.")
        stored = self._stored()
        stored_scheme = None
        if stored is not None:
            with contextlib.suppress(SchemeError):
                stored_scheme = parse_cached(stored[0], str(self.scheme_path), self.cache_folder)
        versions = [v for v in (state.version, stored_scheme and stored_scheme.version) if v]
        floor = max(versions) if versions else None
        stored_digest = hashlib.sha256(stored[0]).hexdigest() if stored else state.sha256
        result = UPDATED
        if floor is not None:
            if scheme.version < floor:
                raise Refused(f"Refused the scheme from {source}: it is version {scheme.version}, older "
                              f"than version {floor} in force; a scheme is never rolled back (the admin "
                              f"must publish a higher version).")
            if scheme.version == floor:
                if digest not in (stored_digest, state.sha256):
                    raise Refused(f"Refused the scheme from {source}: it has the same version number "
                                  f"({scheme.version}) as the scheme in force but different content; the "
                                  f"admin must raise the version to publish a change.")
                result = UP_TO_DATE
        if result == UPDATED or stored != (data, sig):
            # Up to date may still need the copy (re)written: missing, damaged or re-signed.
            try:
                self._commit(data, sig)
            except OSError as exc:
                raise Refused(f"Could not store the new scheme in {self.root} "
                              f"({exc.strerror or exc}).") from None
        state.version, state.scheme_id, state.scheme_name = scheme.version, scheme.id, scheme.name
        state.source, state.signature_valid, state.key_id, state.sha256 = source, True, signer, digest
        return result

    def _kept_sentence(self, state: State) -> str:
        # Called with the lock held: use _stored(), not stored().
        if state.version is not None and self._stored() is not None:
            return f"Version {state.version} stays in force."
        return "The scheme in force was kept (the built-in one until a good scheme is accepted)."

    def _commit(self, data: bytes, sig: bytes) -> None:
        """Replace the stored pair as a whole: a crash leaves the old pair or the new one."""
        import shutil
        import tempfile

        from formats.atomic import fsync_dir

        self.root.mkdir(parents=True, exist_ok=True)
        for leftover in self.root.glob(".incoming-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        incoming = Path(tempfile.mkdtemp(prefix=".incoming-", dir=self.root))
        try:
            _write_synced(incoming / SCHEME_FILE, data)
            _write_synced(incoming / (SCHEME_FILE + SIGNATURE_SUFFIX), sig)
            fsync_dir(incoming)
            if self.previous.exists():
                shutil.rmtree(self.previous)
            if self.current.exists():
                os.replace(self.current, self.previous)
            os.replace(incoming, self.current)
            fsync_dir(self.root)
        except BaseException:
            shutil.rmtree(incoming, ignore_errors=True)
            raise
        shutil.rmtree(self.previous, ignore_errors=True)

    @contextlib.contextmanager
    def _lock(self, wait: float | None = None) -> Iterator[bool]:
        """One process at a time changes the store (the GUI and a `labeler scheme update`).

        Yields True when held.  With `wait`, gives up after that many seconds
        and yields False (the caller then only reads).  Never held while
        waiting on the network.
        """
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            (self.root / ".lock").touch()
        except OSError:
            yield False  # read-only or missing data folder: nothing will be written either
            return
        if wait is None:
            with file_lock(self.root / ".lock"):
                yield True
            return
        give_up = time.monotonic() + wait
        while True:
            with file_lock(self.root / ".lock", blocking=False) as held:
                if held or time.monotonic() >= give_up:
                    yield held
                    return
            time.sleep(0.02)


# --- conveniences for the app and the command line -------------------------------

CACHE_DIR_ENV = "LABELER_CACHE_DIR"


def compiled_cache_dir() -> Path:
    """Where compiled copies of schemes are kept: $LABELER_CACHE_DIR; else, when the data folder is
    moved with $LABELER_DATA_DIR (tests, portable installs), its "cache" folder; else the user's cache
    folder (platformdirs: ~/.cache/labeler on Linux)."""
    from labeler.paths import user_dir

    return user_dir(CACHE_DIR_ENV, "cache", "cache")


def in_force(store: SchemeStore | None = None) -> InForce:
    """The scheme the app should use now, with the machine's admin config (a broken config
    is ignored here; `labeler scheme show` reports it)."""
    try:
        config = load_admin_config()
    except AdminConfigError:
        config = None
    return (store or SchemeStore.default()).scheme_in_force(config)


# --- file helpers ----------------------------------------------------------------

def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


_FETCH_NAMES = frozenset({"MAX_SCHEME_BYTES", "TIMEOUT_SECONDS", "UPDATE_TIMEOUT_ENV", "DeadlineExceeded", "FetchError",
                          "fetch", "signature_location", "update_timeout"})


def __getattr__(name: str):
    """The names re-exported from labeler.org.scheme_fetch, imported when first asked for."""
    if name in _FETCH_NAMES:
        from labeler.org import scheme_fetch

        return getattr(scheme_fetch, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
