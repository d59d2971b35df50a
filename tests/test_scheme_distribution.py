"""Signed scheme distribution: a real HTTP server on 127.0.0.1 and a real folder source.

Every bad scheme (tampered, unknown key, older, same version with other
content, truncated download, unreachable source, missing signature) is
refused with a clear sentence while the last good scheme stays in force.
"""
from __future__ import annotations

import functools
import json
import os
import re
import socket
import stat
import threading
from datetime import datetime, UTC
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import REPO, run_cli
from policy import load_builtin
from labeler.org.admin_config import (AdminConfigError, config_locations, file_source_path, load_admin_config,
                                  parse_admin_config)
from labeler.org.distribution import (REFUSED, UP_TO_DATE, UPDATED, SchemeStore, State, check_due, fetch,
                                  FetchError, next_check_due, signature_location)
from policy.signing import (KeyFormatError, SignatureError, generate_private_key, key_id, load_private_key,
                            parse_public_key, private_key_to_pem, public_key_text, read_signature, sign,
                            verify)

CORPORATE = (REPO / "resources" / "schemes" / "corporate.toml").read_text("utf-8")
PROXY_VARS = ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")


def scheme_text(version: int, name: str = "Example Corp classification") -> str:
    text, n = re.subn(r"(?m)^version\s*=\s*\d+", f"version = {version}", CORPORATE, count=1)
    assert n == 1
    assert 'name = "Example Corp classification"' in text
    return text.replace('name = "Example Corp classification"', f'name = "{name}"', 1)


def publish(folder: Path, version: int, key, *, name: str = "Example Corp classification",
            tamper: bool = False, signature: bool = True) -> bytes:
    """Write folder/scheme.toml and its .sig as an admin would."""
    folder.mkdir(parents=True, exist_ok=True)
    data = scheme_text(version, name).encode("utf-8")
    sig_path = folder / "scheme.toml.sig"
    if signature:
        sig_path.write_bytes(sign(data, key))
    elif sig_path.exists():
        sig_path.unlink()
    if tamper:  # one byte changed after signing: "Public" -> "Publjc"
        i = data.index(b'en = "Public"') + len(b'en = "Publ')
        data = data[:i] + b"j" + data[i + 1:]
    (folder / "scheme.toml").write_bytes(data)
    return data


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for var in PROXY_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.fixture(scope="module")
def admin_key():
    return generate_private_key()


@pytest.fixture(scope="module")
def stranger_key():
    return generate_private_key()


class Handler(SimpleHTTPRequestHandler):
    """Serves the folder; under /truncated/ a .toml is announced longer than it is, then cut off."""

    def do_GET(self):
        if self.path.startswith("/truncated/") and self.path.endswith(".toml"):
            body = (Path(self.directory) / self.path.lstrip("/")).read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "application/toml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        super().do_GET()

    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture
def web(tmp_path):
    """A real HTTP server on 127.0.0.1 serving tmp_path/www; yields (folder, base URL)."""
    root = tmp_path / "www"
    root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_config(path: Path, source: str, *keys, interval: int | None = None) -> Path:
    lines = ["[scheme]", f"source = {json.dumps(source)}",
             "trusted_keys = [" + ", ".join(json.dumps(public_key_text(k)) for k in keys) + "]"]
    if interval is not None:
        lines.append(f"check_interval_minutes = {interval}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def config_for(tmp_path: Path, source: str, *keys):
    return load_admin_config(write_config(tmp_path / "config.toml", source, *keys))


def assert_still(store: SchemeStore, config, version: int):
    force = store.scheme_in_force(config)
    assert not force.builtin and force.scheme.version == version and force.signature_valid
    assert store.load_state().version == version


# --- the whole story, over HTTP and from a folder ---------------------------------

@pytest.mark.parametrize("kind", ["http", "folder"])
def test_good_schemes_accepted_bad_ones_refused_last_good_stays(kind, tmp_path, web, admin_key, stranger_key):
    www, base = web
    folder = www / "labeler" if kind == "http" else tmp_path / "share" / "labeler"
    source = f"{base}/labeler/scheme.toml" if kind == "http" else str(folder / "scheme.toml")
    config = config_for(tmp_path, source, admin_key)
    store = SchemeStore(tmp_path / "data" / "scheme")

    # Nothing accepted yet: the built-in demo scheme is in force.
    force = store.scheme_in_force(config)
    assert force.builtin and force.scheme.id == load_builtin().id and force.problem is None

    # 1. A good version 2 is accepted and stored.
    good = publish(folder, 2, admin_key)
    state = store.check(config)
    assert (state.last_result, state.last_error) == (UPDATED, None)
    assert (state.version, state.scheme_id, state.source) == (2, "example-corp", source)
    assert state.signature_valid and state.key_id == key_id(admin_key)
    assert state.last_check and state.last_success == state.last_check
    assert store.scheme_path.read_bytes() == good
    assert_still(store, config, 2)
    first_success = state.last_success

    def refused(fragment: str) -> State:
        result = store.check(config)
        assert result.last_result == REFUSED, result
        assert fragment in result.last_error, result.last_error
        assert "Version 2 stays in force." in result.last_error
        assert result.last_success == first_success
        assert store.scheme_path.read_bytes() == good
        assert_still(store, config, 2)
        # The refusal is recorded for `labeler scheme show` and survives a restart.
        assert SchemeStore(store.root).load_state().last_error == result.last_error
        return result

    # 2. Tampered: one byte changed after signing.
    publish(folder, 3, admin_key, tamper=True)
    refused("it was changed after signing")

    # 3. Signed by a key the admin config does not trust.
    publish(folder, 3, stranger_key)
    refused(f"signed by an unknown key {key_id(stranger_key)}")

    # 4. An older version, properly signed.
    publish(folder, 1, admin_key)
    refused("version 1, older than version 2 in force")

    # 5. The same version number with different content.
    publish(folder, 2, admin_key, name="Example Corp classification (edited)")
    refused("same version number (2) as the scheme in force but different content")

    # 6. No signature published beside the scheme.
    publish(folder, 3, admin_key, signature=False)
    refused("Could not get the signature")

    # 7. A damaged signature file.
    publish(folder, 3, admin_key)
    (folder / "scheme.toml.sig").write_bytes(b'{"algorithm": "ed25519", "key_id": "x", "signa')
    refused("the signature file is damaged")

    # 8. Truncated download (HTTP) / unreachable source.
    if kind == "http":
        publish(www / "truncated", 3, admin_key)
        config = config_for(tmp_path, f"{base}/truncated/scheme.toml", admin_key)
        refused("was cut off: got")
        config = config_for(tmp_path, f"http://127.0.0.1:{closed_port()}/labeler/scheme.toml", admin_key)
        refused("cannot reach http://127.0.0.1:")
        config = config_for(tmp_path, f"{base}/nowhere/scheme.toml", admin_key)
        refused("the server answered 404")
    else:
        config = config_for(tmp_path, str(tmp_path / "unplugged-share" / "scheme.toml"), admin_key)
        refused("does not exist (is the share reachable")

    # Offline: a fresh store on the same folder still has version 2.
    assert_still(SchemeStore(store.root), config, 2)

    # 9. The same good version 2 again: up to date, not an error.
    config = config_for(tmp_path, source, admin_key)
    publish(folder, 2, admin_key)
    state = store.check(config)
    assert (state.last_result, state.last_error) == (UP_TO_DATE, None)
    assert_still(store, config, 2)

    # 10. Version 3 is accepted.
    v3 = publish(folder, 3, admin_key)
    state = store.check(config)
    assert (state.last_result, state.last_error, state.version) == (UPDATED, None, 3)
    assert store.scheme_path.read_bytes() == v3
    assert_still(store, config, 3)
    assert not (store.root / "previous").exists()
    assert not list(store.root.glob(".incoming-*"))


def test_rollback_refused_even_when_stored_copy_was_deleted(tmp_path, admin_key):
    folder = tmp_path / "share"
    config = config_for(tmp_path, str(folder / "scheme.toml"), admin_key)
    store = SchemeStore(tmp_path / "data")
    publish(folder, 5, admin_key)
    assert store.check(config).last_result == UPDATED
    for f in store.current.iterdir():
        f.unlink()
    publish(folder, 4, admin_key)
    state = store.check(config)
    assert state.last_result == REFUSED and "older than version 5" in state.last_error
    # The same version 5 restores the copy.
    publish(folder, 5, admin_key)
    assert store.check(config).last_result == UP_TO_DATE
    assert store.scheme_in_force(config).scheme.version == 5


def test_stored_copy_changed_locally_is_not_used(tmp_path, admin_key):
    folder = tmp_path / "share"
    config = config_for(tmp_path, str(folder / "scheme.toml"), admin_key)
    store = SchemeStore(tmp_path / "data")
    publish(folder, 2, admin_key)
    store.check(config)
    data = store.scheme_path.read_bytes()
    store.scheme_path.write_bytes(data.replace(b'en = "Public"', b'en = "Publix"'))
    force = store.scheme_in_force(config)
    assert force.builtin and "changed after signing" in force.problem
    # The next check repairs it from the source.
    assert store.check(config).last_result == UP_TO_DATE
    assert not store.scheme_in_force(config).builtin


def test_key_withdrawn_from_config_stops_stored_scheme(tmp_path, admin_key, stranger_key):
    folder = tmp_path / "share"
    store = SchemeStore(tmp_path / "data")
    publish(folder, 2, admin_key)
    store.check(config_for(tmp_path, str(folder / "scheme.toml"), admin_key))
    rotated = config_for(tmp_path, str(folder / "scheme.toml"), stranger_key)
    force = store.scheme_in_force(rotated)
    assert force.builtin and "unknown key" in force.problem
    # Without an admin config the stored copy, verified when accepted, is used.
    assert store.scheme_in_force(None).scheme.version == 2


def test_interrupted_replacement_recovers_previous_copy(tmp_path, admin_key):
    folder = tmp_path / "share"
    config = config_for(tmp_path, str(folder / "scheme.toml"), admin_key)
    store = SchemeStore(tmp_path / "data")
    publish(folder, 2, admin_key)
    store.check(config)
    os.replace(store.current, store.previous)  # as if killed between the two renames
    assert store.scheme_in_force(config).scheme.version == 2
    assert store.current.is_dir() and not store.previous.exists()


def test_oversized_download_refused(tmp_path, web):
    www, base = web
    (www / "big.toml").write_bytes(b"#" * 2048)
    with pytest.raises(FetchError, match="too large"):
        fetch(f"{base}/big.toml", limit=1024)
    with pytest.raises(FetchError, match="too large"):
        fetch(str(www / "big.toml"), limit=1024)
    assert fetch(f"{base}/big.toml", limit=4096) == b"#" * 2048


def test_signature_location():
    assert signature_location("https://h/x/scheme.toml?t=1") == "https://h/x/scheme.toml.sig?t=1"
    assert signature_location("/srv/scheme.toml") == "/srv/scheme.toml.sig"
    assert file_source_path("file:///srv/scheme.toml") == Path("/srv/scheme.toml")


def test_periodic_check_schedule(tmp_path, admin_key):
    config = load_admin_config(write_config(tmp_path / "c.toml", "/srv/s.toml", admin_key, interval=30))
    assert check_due(State(), config)
    state = State(last_check="2026-01-01T10:00:00Z")
    assert next_check_due(state, config) == datetime(2026, 1, 1, 10, 30, tzinfo=UTC)
    assert not check_due(state, config, now=datetime(2026, 1, 1, 10, 29, tzinfo=UTC))
    assert check_due(state, config, now=datetime(2026, 1, 1, 10, 30, tzinfo=UTC))
    # A clock set back does not postpone checks.
    assert check_due(state, config, now=datetime(2025, 12, 31, tzinfo=UTC))


def test_state_file_damaged_is_tolerated(tmp_path):
    store = SchemeStore(tmp_path)
    store.state_path.write_text("{not json", encoding="utf-8")
    assert store.load_state() == State()
    assert State.from_json({"version": "2", "signature_valid": "yes", "extra": 1}) == State()


# --- signing ---------------------------------------------------------------------

def test_sign_and_verify(admin_key, stranger_key):
    data = scheme_text(2).encode()
    sig = sign(data, admin_key)
    assert json.loads(sig)["algorithm"] == "ed25519"
    assert verify(data, sig, [public_key_text(admin_key)]) == key_id(admin_key)
    assert verify(data, sig, [admin_key.public_key(), stranger_key.public_key()]) == key_id(admin_key)
    with pytest.raises(SignatureError, match="it was changed after signing"):
        verify(data + b" ", sig, [public_key_text(admin_key)])
    with pytest.raises(SignatureError, match=f"signed by an unknown key {key_id(admin_key)}"):
        verify(data, sig, [public_key_text(stranger_key)])
    with pytest.raises(SignatureError, match="no trusted keys"):
        verify(data, sig, [])
    for damaged in (b"", b"garbage", b"[]", sig[:40], json.dumps({"algorithm": "ed25519", "key_id": "a",
                                                                   "signature": "AAAA"}).encode()):
        with pytest.raises(SignatureError, match="the signature file is damaged"):
            read_signature(damaged)
    with pytest.raises(SignatureError, match="only 'ed25519'"):
        read_signature(json.dumps({"algorithm": "rsa", "key_id": "a", "signature": "AA=="}).encode())


def test_keys_round_trip_and_errors(admin_key):
    text = public_key_text(admin_key)
    assert text.startswith("ed25519:") and len(key_id(text)) == 16
    assert key_id(parse_public_key(text)) == key_id(admin_key)
    assert key_id(load_private_key(private_key_to_pem(admin_key))) == key_id(admin_key)
    for bad, message in (("rsa:AAAA", "must start with 'ed25519:'"), ("ed25519:!!", "not valid base64"),
                         ("ed25519:AAAA", "has 3 bytes")):
        with pytest.raises(KeyFormatError, match=message):
            parse_public_key(bad)
    with pytest.raises(KeyFormatError, match="public key"):
        load_private_key(text.encode())
    with pytest.raises(KeyFormatError, match="not a readable private key"):
        load_private_key(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")


# --- the admin config ------------------------------------------------------------

def test_admin_config_defaults_and_errors(tmp_path, admin_key):
    key = public_key_text(admin_key)
    config = parse_admin_config(f'[scheme]\nsource = "https://intra.example/s.toml"\n'
                                f'trusted_keys = ["{key}"]\n'.encode(), "c.toml")
    assert config.check_interval_minutes == 60 and config.source_is_url
    assert config.trusted_key_ids == (key_id(admin_key),)
    with pytest.raises(AdminConfigError) as info:
        parse_admin_config(b'colour = 1\n[scheme]\nsource = "relative/s.toml"\n'
                           b'trusted_keys = ["ed25519:AAAA", "nope"]\ncheck_interval_minutes = 0\n'
                           b'sorce = "x"\n', "c.toml")
    text = str(info.value)
    for fragment in ("colour: unknown key", "scheme.sorce: unknown key", "is a relative path",
                     "trusted_keys[0]: the public key has 3 bytes",
                     "trusted_keys[1]: 'nope' is not a public key", "check_interval_minutes: 0 is out of range"):
        assert fragment in text, text
    for document, fragment in ((b"", "scheme: is missing"), (b"[scheme]\n", "source: is missing"),
                               (b'[scheme]\nsource = "ftp://h/s"\ntrusted_keys = []', "ftp:// is not"),
                               (b'[scheme]\nsource = "/s"\ntrusted_keys = []', "is empty"),
                               (b"[scheme", "not valid TOML")):
        with pytest.raises(AdminConfigError, match=re.escape(fragment)):
            parse_admin_config(document, "c.toml")
    assert load_admin_config(tmp_path / "absent.toml") is None


def test_admin_config_locations_per_os():
    assert config_locations("linux", {}) == [Path("/etc/labeler/config.toml"),
                                            Path("/etc/xdg/labeler/config.toml")]
    assert config_locations("linux", {"XDG_CONFIG_DIRS": "/opt/cfg:/etc/xdg"})[1:] == [
        Path("/opt/cfg/labeler/config.toml"), Path("/etc/xdg/labeler/config.toml")]
    assert config_locations("darwin", {}) == [Path("/Library/Application Support/labeler/config.toml")]
    assert config_locations("win32", {"ProgramData": "D:\\PD"}) == [Path("D:\\PD") / "labeler" / "config.toml"]
    assert config_locations("linux", {"LABELER_ADMIN_CONFIG": "/x/c.toml"}) == [Path("/x/c.toml")]


# --- the real command line -------------------------------------------------------

def test_cli_keygen_sign_validate_update_show(tmp_path, web):
    www, base = web
    env = {"LABELER_ADMIN_CONFIG": str(tmp_path / "admin" / "config.toml"),
           "LABELER_DATA_DIR": str(tmp_path / "userdata"), "NO_PROXY": "127.0.0.1,localhost",
           "no_proxy": "127.0.0.1,localhost"}
    env.update({var: "" for var in PROXY_VARS})
    keys = tmp_path / "keys"

    proc = run_cli("scheme", "keygen", "--out", keys, "--json", env=env, check_json=True)
    assert proc.returncode == 0, proc.stderr
    public, kid = proc.json["public_key"], proc.json["key_id"]
    assert (keys / "public.txt").read_text().strip() == public
    if os.name == "posix":
        assert stat.S_IMODE((keys / "private.pem").stat().st_mode) == 0o600
    again = run_cli("scheme", "keygen", "--out", keys, env=env)
    assert again.returncode == 2 and "--force" in again.stderr

    scheme = www / "scheme.toml"
    scheme.write_text(scheme_text(2), encoding="utf-8")
    proc = run_cli("scheme", "sign", scheme, "--key", keys / "private.pem", env=env)
    assert proc.returncode == 0, proc.stderr
    assert read_signature((www / "scheme.toml.sig").read_bytes())["key_id"] == kid

    proc = run_cli("scheme", "validate", scheme, "--key", keys / "public.txt", env=env)
    assert proc.returncode == 0 and "OK:" in proc.stdout and "example-corp, version 2," in proc.stdout
    assert f"valid, made by trusted key {kid}" in proc.stdout

    # Before any admin config: the built-in scheme, and update has no source.
    proc = run_cli("scheme", "show", "--json", env=env, check_json=True)
    assert proc.json["in_force"]["builtin"] and proc.json["admin_config"] is None
    proc = run_cli("scheme", "update", env=env)
    assert proc.returncode == 1 and "no admin config" in proc.stderr

    (tmp_path / "admin").mkdir()
    (tmp_path / "admin" / "config.toml").write_text(
        f'[scheme]\nsource = "{base}/scheme.toml"\ntrusted_keys = ["{public}"]\n', encoding="utf-8")
    proc = run_cli("scheme", "validate", scheme, "--trusted-from-config", env=env)
    assert proc.returncode == 0, proc.stderr

    proc = run_cli("scheme", "update", env=env)
    assert proc.returncode == 0 and "Updated: example-corp version 2" in proc.stdout, proc.stderr
    proc = run_cli("scheme", "update", env=env)
    assert proc.returncode == 0 and "Up to date" in proc.stdout

    # A tampered file: validate and update both refuse it; version 2 stays.
    scheme.write_text(scheme_text(3).replace('en = "Public"', 'en = "Pub1ic"'), encoding="utf-8")
    proc = run_cli("scheme", "validate", scheme, "--trusted-from-config", env=env)
    assert proc.returncode == 1 and "changed after signing" in proc.stderr
    proc = run_cli("scheme", "update", env=env)
    assert proc.returncode == 1 and "changed after signing" in proc.stderr

    proc = run_cli("scheme", "show", "--json", env=env, check_json=True)
    shown = proc.json
    assert proc.returncode == 0
    assert shown["in_force"]["version"] == 2 and not shown["in_force"]["builtin"]
    assert shown["in_force"]["signature_valid"] and shown["in_force"]["key_id"] == kid
    assert shown["state"]["source"] == f"{base}/scheme.toml"
    assert "changed after signing" in shown["state"]["last_error"]
    assert shown["state"]["last_check"] and shown["state"]["last_success"]
    assert shown["admin_config"]["trusted_key_ids"] == [kid]

    proc = run_cli("scheme", "show", env=env)
    assert "version 2" in proc.stdout and "Last error:" in proc.stdout

    # An invalid scheme is not signed; usage errors exit 2.
    bad = tmp_path / "bad.toml"
    text = re.sub(r'(?m)^color = "#[0-9A-Fa-f]{6}"', 'color = "green"', scheme_text(4), count=1)
    assert 'color = "green"' in text
    bad.write_text(text, encoding="utf-8")
    proc = run_cli("scheme", "sign", bad, "--key", keys / "private.pem", env=env)
    assert proc.returncode == 1 and "labels[0].color" in proc.stderr and not Path(f"{bad}.sig").exists()
    proc = run_cli("scheme", "sign", scheme, "--key", keys / "public.txt", env=env)
    assert proc.returncode == 2 and "private key" in proc.stderr
    assert run_cli("scheme", env=env).returncode == 2
    assert run_cli("scheme", "sign", scheme, env=env).returncode == 2
