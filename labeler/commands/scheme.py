"""`labeler scheme keygen | sign | validate | show | update`: the admin's signed label scheme.

keygen    create an Ed25519 key pair for signing schemes
sign      check a scheme file and write its signature FILE.sig
validate  check a scheme file (and its signature)
show      the scheme in force and the state of its distribution
update    check the admin's source for a newer scheme now

Exit codes: 0 good, 1 the scheme/signature/update was refused (reason printed),
2 bad usage.  See docs/admin.md.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from labeler.commands.common import EXIT_OK, EXIT_SOME_FAILED, UsageError, print_json

PRIVATE_NAME, PUBLIC_NAME = "private.pem", "public.txt"
_SCHEME_READ_LIMIT = 48 * 1024 * 1024 + 1  # policy.toml_shape.MAX_BYTES + 1: enough to refuse a larger file


def register(sub) -> None:
    p = sub.add_parser("scheme", help="Sign, check and distribute the label scheme (admins).",
                       description="Sign, check and distribute the label scheme. See docs/admin.md.")
    p.set_defaults(func=_missing_action)
    actions = p.add_subparsers(dest="scheme_command", metavar="ACTION")

    keygen = actions.add_parser("keygen", help="Create a key pair for signing schemes.",
                                description="Create an Ed25519 key pair: private.pem (keep it secret) "
                                            "and public.txt (put its line in the admin config).")
    keygen.add_argument("--out", required=True, metavar="DIR", help="folder to write the two key files to")
    keygen.add_argument("--force", action="store_true", help="replace existing key files in DIR")
    keygen.add_argument("--json", action="store_true", help="print machine-readable JSON")
    keygen.set_defaults(func=run_keygen)

    sign = actions.add_parser("sign", help="Check a scheme file and sign it (writes FILE.sig).")
    sign.add_argument("file", metavar="FILE", help="the scheme file (.toml)")
    sign.add_argument("--key", required=True, metavar="PRIVATE_KEY", help="the private.pem from keygen")
    sign.add_argument("--json", action="store_true", help="print machine-readable JSON")
    sign.set_defaults(func=run_sign)

    validate = actions.add_parser("validate", help="Check a scheme file and, if present, its signature.")
    validate.add_argument("file", metavar="FILE", help="the scheme file (.toml)")
    validate.add_argument("--key", action="append", default=[], metavar="PUBLIC_KEY",
                          help="a trusted public key ('ed25519:…' or a file holding it); the signature "
                               "FILE.sig is then required; may be repeated")
    validate.add_argument("--trusted-from-config", action="store_true",
                          help="trust the keys of this machine's admin config; FILE.sig is then required")
    validate.add_argument("--json", action="store_true", help="print machine-readable JSON")
    validate.set_defaults(func=run_validate)

    show = actions.add_parser("show", help="Show the scheme in force and the state of its updates.")
    show.add_argument("--json", action="store_true", help="print machine-readable JSON")
    show.set_defaults(func=run_show)

    update = actions.add_parser("update", help="Check the admin's source for a newer scheme now.")
    update.add_argument("--json", action="store_true", help="print machine-readable JSON")
    update.set_defaults(func=run_update)

    from labeler.commands.scheme_baf import register_import_baf
    register_import_baf(actions)
    from labeler.commands.scheme_preview import register_preview
    register_preview(actions)


def _missing_action(args) -> int:
    raise UsageError("scheme: choose an action: keygen, sign, validate, show, update, import-baf or preview "
                     "(labeler scheme --help).")


# --- keygen ----------------------------------------------------------------------

def run_keygen(args) -> int:
    from policy.signing import generate_private_key, key_id, private_key_to_pem, public_key_text

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is a file; --out needs a folder.")
    private_path, public_path = out / PRIVATE_NAME, out / PUBLIC_NAME
    if not args.force:
        existing = [str(p) for p in (private_path, public_path) if p.exists()]
        if existing:
            raise UsageError(f"{' and '.join(existing)} already exist(s); a key pair is never overwritten "
                             f"unless you add --force (schemes signed with the old key would no longer "
                             f"be accepted once its public key is removed from the admin config).")
    key = generate_private_key()
    public = public_key_text(key)
    try:
        out.mkdir(parents=True, exist_ok=True)
        _write_private(private_path, private_key_to_pem(key))
        public_path.write_text(public + "\n", encoding="ascii")
    except OSError as exc:
        raise UsageError(f"cannot write the key files in {out} ({exc.strerror or exc}).") from None
    kid = key_id(key)
    if args.json:
        print_json({"private_key_file": str(private_path), "public_key_file": str(public_path),
                    "public_key": public, "key_id": kid})
    else:
        print(f"Private key: {private_path}  (keep it secret and off the users' machines; "
              f"only signing needs it)")
        print(f"Public key:  {public_path}")
        print(f"Key id:      {kid}")
        print("Add this line to trusted_keys in the admin config:")
        print(f"  {public}")
    return EXIT_OK


def _write_private(path: Path, pem: bytes) -> None:
    """Written with permissions 0600 from the first byte (on Windows: the folder's ACL applies)."""
    if path.exists():
        path.unlink()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
        f.flush()
        os.fsync(f.fileno())
    if os.name == "posix":
        os.chmod(path, 0o600)


# --- sign ------------------------------------------------------------------------

def run_sign(args) -> int:
    from policy import SchemeError
    from policy.loader import parse_scheme
    from policy.signing import SIGNATURE_SUFFIX, SigningError, key_id, load_private_key, sign

    path = Path(args.file)
    data = _read(path, "scheme file", _SCHEME_READ_LIMIT)
    try:
        key = load_private_key(_read(Path(args.key), "private key"))
    except SigningError as exc:
        raise UsageError(f"{args.key}: {exc}") from None
    try:
        scheme = parse_scheme(data, str(path))
    except SchemeError as exc:
        print(f"Not signed: {exc}", file=sys.stderr)
        return EXIT_SOME_FAILED
    sig_path = Path(str(path) + SIGNATURE_SUFFIX)
    try:
        sig_path.write_bytes(sign(data, key))
    except OSError as exc:
        print(f"Not signed: cannot write {sig_path} ({exc.strerror or exc}).", file=sys.stderr)
        return EXIT_SOME_FAILED
    kid = key_id(key)
    if args.json:
        print_json({"file": str(path), "signature_file": str(sig_path), "scheme_id": scheme.id,
                    "version": scheme.version, "labels": len(scheme.labels), "key_id": kid,
                    "warnings": [str(w) for w in scheme.warnings]})
    else:
        for warning in scheme.warnings:
            print(f"Warning: {path}, {warning}", file=sys.stderr)
        print(f"Signed {path} ({scheme.id}, version {scheme.version}, {len(scheme.labels)} labels) "
              f"with key {kid}: wrote {sig_path}.")
        print("Publish both files together; the file must not change after signing.")
    return EXIT_OK


# --- validate --------------------------------------------------------------------

def run_validate(args) -> int:
    from policy import SchemeError, SchemeTooNew
    from policy.loader import parse_scheme
    from policy.signing import SIGNATURE_SUFFIX, SigningError, read_signature, verify

    path = Path(args.file)
    data = _read(path, "scheme file", _SCHEME_READ_LIMIT)
    keys = [_public_key(value) for value in args.key]
    if args.trusted_from_config:
        keys += list(_config_or_usage_error().trusted_keys)
    required = bool(args.key or args.trusted_from_config)
    report = {"file": str(path), "valid": False, "problems": [], "warnings": [], "scheme_id": None,
              "version": None, "format": None, "labels": None, "signature": None, "signature_valid": None,
              "key_id": None, "signature_error": None}
    lines, errors, warnings = [], [], []
    try:
        scheme = parse_scheme(data, str(path))
    except SchemeTooNew as exc:
        report["problems"] = list(exc.problems)
        errors.append(str(exc))
    except SchemeError as exc:
        report["problems"] = list(exc.problems)
        errors.append(f"{path}: not a valid scheme:")
        errors += [f"  {problem}" for problem in exc.problems]
    else:
        report.update(valid=True, scheme_id=scheme.id, version=scheme.version, format=scheme.format,
                      labels=len(scheme.labels), warnings=[str(w) for w in scheme.warnings])
        lines.append(f"OK: {path} is a valid scheme: {scheme.id}, version {scheme.version}, "
                     f"{len(scheme.labels)} labels"
                     + (f", {len(scheme.warnings)} warning(s) to review." if scheme.warnings else "."))
        warnings = [f"Warning: {path}, {warning}" for warning in scheme.warnings]

    sig_path = Path(str(path) + SIGNATURE_SUFFIX)
    report["signature"] = str(sig_path) if sig_path.exists() else None
    if not sig_path.exists():
        if required:
            report["signature_valid"] = False
            report["signature_error"] = f"there is no signature {sig_path}."
            errors.append(f"Signature: missing: there is no {sig_path}; sign the scheme with "
                          f"`labeler scheme sign {path} --key private.pem`.")
        else:
            lines.append(f"Signature: none ({sig_path} does not exist; not required here).")
    else:
        sig = _read(sig_path, "signature file")
        try:
            if required:
                report["key_id"] = verify(data, sig, keys)
                report["signature_valid"] = True
                lines.append(f"Signature: valid, made by trusted key {report['key_id']}.")
            else:
                report["key_id"] = read_signature(sig)["key_id"]
                lines.append(f"Signature: present, made by key {report['key_id']}; not checked (give "
                             f"--key or --trusted-from-config to check it).")
        except SigningError as exc:
            report["signature_valid"] = False
            report["signature_error"] = str(exc)
            errors.append(f"Signature: refused: {exc}")
    if args.json:
        print_json(report)
    else:
        for line in lines:
            print(line)
        for line in warnings + errors:  # warnings do not change the exit code
            print(line, file=sys.stderr)
    return EXIT_SOME_FAILED if errors else EXIT_OK


def _public_key(value: str) -> str:
    """A trusted key from --key: the 'ed25519:…' text itself, or a file holding it."""
    from policy.signing import (PUBLIC_KEY_PREFIX, SigningError, load_private_key, parse_public_key,
                                public_key_text)

    try:
        if value.strip().startswith(PUBLIC_KEY_PREFIX):
            parse_public_key(value)
            return value.strip()
        content = _read(Path(value), "public key file")
        if b"PRIVATE KEY" in content:
            return public_key_text(load_private_key(content))
        lines = [line.strip() for line in content.decode("utf-8", "replace").splitlines()]
        lines = [line for line in lines if line and not line.startswith("#")]
        if not lines:
            raise UsageError(f"{value}: the file holds no public key.")
        parse_public_key(lines[0])
        return lines[0]
    except SigningError as exc:
        raise UsageError(f"--key {value}: {exc}") from None


# --- show and update -------------------------------------------------------------

def _config():
    """(config or None, error sentence or None)."""
    from labeler.org.admin_config import AdminConfigError, load_admin_config

    try:
        return load_admin_config(), None
    except AdminConfigError as exc:
        return None, str(exc)


def _config_or_usage_error():
    from labeler.org.admin_config import config_locations

    config, error = _config()
    if error:
        raise UsageError(error)
    if config is None:
        raise UsageError(f"this machine has no admin config (looked for {_looked_in(config_locations())}).")
    return config


def _looked_in(locations) -> str:
    return ", ".join(str(p) for p in locations)


def run_show(args) -> int:
    from labeler.org.admin_config import config_locations
    from labeler.org.distribution import SchemeStore, next_check_due

    config, config_error = _config()
    store = SchemeStore.default()
    force = store.scheme_in_force(config)
    state = store.load_state()
    due = next_check_due(state, config).strftime("%Y-%m-%dT%H:%M:%SZ") if config else None
    if args.json:
        print_json({"in_force": force.to_json(), "state": state.to_json(),
                    "admin_config": config.to_json() if config else None,
                    "admin_config_error": config_error, "next_check_due": due,
                    "stored_copy": str(store.scheme_path) if not force.builtin else None})
        return EXIT_OK
    s = force.scheme
    print(f"Scheme in force: {s.name} ({s.id}), version {s.version}, {len(s.labels)} labels")
    if force.builtin:
        print("Source:          built-in scheme (no scheme from the admin accepted yet)")
        print("Signature:       none (built in)")
    else:
        print(f"Source:          {force.source or 'unknown'}")
        print(f"Stored copy:     {store.scheme_path}")
        print(f"Signature:       {'valid' if force.signature_valid else 'NOT valid'}"
              + (f", key {force.key_id}" if force.key_id else ""))
    if force.problem:
        print(f"Problem:         {force.problem}")
    result = f" ({state.last_result})" if state.last_result else ""
    print(f"Last check:      {state.last_check or 'never'}{result}")
    print(f"Last success:    {state.last_success or 'never'}")
    print(f"Last error:      {state.last_error or 'none'}")
    if config_error:
        print(f"Admin config:    BROKEN: {config_error}")
    elif config is None:
        print(f"Admin config:    none (looked for {_looked_in(config_locations())}); "
              f"this machine is not managed")
    else:
        print(f"Admin config:    {config.path}")
        print(f"  source:        {config.source}")
        print(f"  trusted keys:  {', '.join(config.trusted_key_ids)}")
        print(f"  checks every {config.check_interval_minutes} min; next check due {due}")
    return EXIT_OK


def run_update(args) -> int:
    from labeler.org.admin_config import config_locations
    from labeler.org.distribution import REFUSED, UP_TO_DATE, SchemeStore

    config, config_error = _config()
    if config is None:
        message = (f"cannot update: {config_error}" if config_error else
                   f"cannot update: this machine has no admin config (looked for "
                   f"{_looked_in(config_locations())}), so there is no source to update from.")
        if args.json:
            print_json({"result": REFUSED, "error": message})
        else:
            print(f"labeler: {message}", file=sys.stderr)
        return EXIT_SOME_FAILED
    store = SchemeStore.default()
    state = store.check(config)
    if args.json:
        print_json({"result": state.last_result, **state.to_json()})
    elif state.last_result == REFUSED:
        print(f"labeler: {state.last_error}", file=sys.stderr)
    elif state.last_result == UP_TO_DATE:
        print(f"Up to date: {state.scheme_id} version {state.version} from {state.source} "
              f"(signed by key {state.key_id}).")
    else:
        print(f"Updated: {state.scheme_id} version {state.version} from {state.source} "
              f"(signed by key {state.key_id}) is now in force.")
    return EXIT_SOME_FAILED if state.last_result == REFUSED else EXIT_OK


def _read(path: Path, what: str, limit: int | None = None) -> bytes:
    """The file's bytes; with `limit`, at most that many (a scheme larger than policy.toml_shape allows
    is refused from its first bytes, never read whole)."""
    try:
        with open(path, "rb") as f:
            return f.read(-1 if limit is None else limit)
    except FileNotFoundError:
        raise UsageError(f"{path}: no such {what}.") from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a folder, not a {what}.") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the {what} ({exc.strerror or exc}).") from None
