"""Syslog over TLS (RFC 5425) to a local listener with a throwaway CA made here.

The collector's certificate must chain to the configured CA (or the
system's) and name the configured host; otherwise nothing is sent, the
message stays in the outbox and a warning is logged.
"""
from __future__ import annotations

import datetime
import ipaddress
import logging
import queue
import socket
import ssl
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from labeler.org.admin_config import AdminConfigError, load_admin_config
from labeler.org.syslog_forward import (Forwarder, SyslogConfig, SyslogConfigError, config_from_table, configured,
                                        forwarder_from_environment)
from loopback_support import LoopbackServer
from policy.signing import generate_private_key, public_key_text
from test_syslog import apply_event

WAIT = 10  # generous upper bound for a listener to receive something; never asserted as a duration
LOGGER = "labeler.org.syslog_forward"


# --- a throwaway PKI ------------------------------------------------------------------------

def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _write_key(path: Path, key) -> Path:
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    return path


class CA:
    def __init__(self, folder: Path, name: str):
        self.folder = folder
        self.key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.datetime.now(datetime.UTC)
        self.cert = (x509.CertificateBuilder().subject_name(_name(name)).issuer_name(_name(name))
                     .public_key(self.key.public_key()).serial_number(x509.random_serial_number())
                     .not_valid_before(now - datetime.timedelta(days=1))
                     .not_valid_after(now + datetime.timedelta(days=1))
                     .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                     .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                                  key_encipherment=False, data_encipherment=False,
                                                  key_agreement=False, key_cert_sign=True, crl_sign=True,
                                                  encipher_only=False, decipher_only=False), critical=True)
                     .add_extension(x509.SubjectKeyIdentifier.from_public_key(self.key.public_key()),
                                    critical=False)
                     .sign(self.key, hashes.SHA256()))
        self.path = folder / f"{name}.pem"
        self.path.write_bytes(self.cert.public_bytes(serialization.Encoding.PEM))

    def issue(self, name: str, *, dns=(), ips=(), client: bool = False) -> tuple[Path, Path]:
        """(certificate file, key file) for `name`, signed by this CA."""
        key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.datetime.now(datetime.UTC)
        sans = [x509.DNSName(d) for d in dns] + [x509.IPAddress(ipaddress.ip_address(i)) for i in ips]
        usage = ExtendedKeyUsageOID.CLIENT_AUTH if client else ExtendedKeyUsageOID.SERVER_AUTH
        builder = (x509.CertificateBuilder().subject_name(_name(name)).issuer_name(self.cert.subject)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(days=1))
                   .not_valid_after(now + datetime.timedelta(days=1))
                   .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                   .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
                   .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()),
                                  critical=False))
        if sans:
            builder = builder.add_extension(x509.SubjectAlternativeName(sans), critical=False)
        cert = builder.sign(self.key, hashes.SHA256())
        cert_path = self.folder / f"{name}.crt"
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        return cert_path, _write_key(self.folder / f"{name}.key", key)


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pki")
    ca, other = CA(folder, "test-ca"), CA(folder, "other-ca")
    return {
        "ca": ca, "other_ca": other,
        "server": ca.issue("collector", dns=["localhost"], ips=["127.0.0.1"]),
        "server_other_ca": other.issue("impostor", dns=["localhost"], ips=["127.0.0.1"]),
        "server_wrong_host": ca.issue("elsewhere", dns=["collector.example.org"]),
        "client": ca.issue("pc-042", client=True),
    }


# --- a TLS listener --------------------------------------------------------------------------

class TlsListener(LoopbackServer):
    """Accepts TLS connections on 127.0.0.1 and splits each stream by octet counting (RFC 5425)."""

    def __init__(self, cert: tuple[Path, Path], client_ca: Path | None = None):
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(*cert)
        if client_ca is not None:
            self.context.verify_mode = ssl.CERT_REQUIRED
            self.context.load_verify_locations(client_ca)
        self.received: queue.Queue[bytes] = queue.Queue()
        self.handshake_errors: queue.Queue[str] = queue.Queue()
        super().__init__()

    def serve(self, conn: socket.socket) -> None:
        conn.settimeout(WAIT)
        try:
            tls = self.context.wrap_socket(conn, server_side=True)
        except (ssl.SSLError, OSError) as exc:
            self.handshake_errors.put(str(exc))
            conn.close()
            return
        buffer = b""
        with tls:
            while True:
                try:
                    chunk = tls.recv(65536)
                except (ssl.SSLError, OSError) as exc:
                    self.handshake_errors.put(str(exc))
                    break
                if not chunk:
                    break
                buffer += chunk
                while b" " in buffer:
                    length, rest = buffer.split(b" ", 1)
                    if len(rest) < int(length):
                        break
                    self.received.put(rest[:int(length)])
                    buffer = rest[int(length):]
            try:
                tls.unwrap()
            except (ssl.SSLError, OSError, ValueError):
                pass

    def nothing_received(self) -> bool:
        return self.received.empty()


@pytest.fixture
def listeners():
    opened = []

    def start(cert, client_ca=None):
        listener = TlsListener(cert, client_ca)
        opened.append(listener)
        return listener

    yield start
    for listener in opened:
        listener.close()


@pytest.fixture
def event(tmp_path):
    return apply_event(tmp_path, "manual")


@pytest.fixture
def spool(tmp_path):
    return tmp_path / "data" / "syslog-outbox.jsonl"


def tls_forwarder(port, spool, *, host="127.0.0.1", **files) -> Forwarder:
    return Forwarder(host, port, "tls", spool_path=spool, background=False, **files)


# --- delivery ----------------------------------------------------------------------------------

@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_tls_delivers_octet_counted_message(pki, listeners, event, spool, host):
    listener = listeners(pki["server"])
    fwd = tls_forwarder(listener.port, spool, host=host, ca_file=str(pki["ca"].path))
    fwd.send(event)
    message = listener.received.get(timeout=WAIT).decode("utf-8")
    assert message.startswith("<133>1 ") and "[labeler@32473 " in message and f'hash="{event.hash}"' in message
    assert fwd.pending() == 0


def test_tls_background_delivery(pki, listeners, event, spool):
    listener = listeners(pki["server"])
    fwd = Forwarder("127.0.0.1", listener.port, "tls", spool_path=spool, ca_file=str(pki["ca"].path))
    try:
        fwd.send(event)
        assert listener.received.get(timeout=WAIT)
        assert fwd.wait_idle(WAIT) and fwd.pending() == 0
    finally:
        fwd.close()


@pytest.mark.parametrize("case", ["wrong CA", "wrong host name", "system CAs only"])
def test_bad_certificate_refused_message_kept(pki, listeners, event, spool, caplog, case):
    if case == "wrong CA":
        listener = listeners(pki["server_other_ca"])
        files = {"ca_file": str(pki["ca"].path)}
    elif case == "wrong host name":
        listener = listeners(pki["server_wrong_host"])
        files = {"ca_file": str(pki["ca"].path)}
    else:  # a private CA the system does not trust
        listener = listeners(pki["server"])
        files = {}
    fwd = tls_forwarder(listener.port, spool, **files)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        fwd.send(event)
    assert fwd.pending() == 1  # kept in the outbox for later
    assert listener.nothing_received()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and r.name == LOGGER]
    assert any("certificate does not verify" in w and "stay in the outbox" in w for w in warnings), warnings

    # Once the collector presents a good certificate, the kept message is delivered.
    good = listeners(pki["server"])
    fixed = tls_forwarder(good.port, spool, ca_file=str(pki["ca"].path))
    assert fixed.flush() == 0
    assert f'hash="{event.hash}"' in good.received.get(timeout=WAIT).decode("utf-8")


def test_client_certificate_for_collectors_that_ask(pki, listeners, event, spool, caplog):
    listener = listeners(pki["server"], client_ca=pki["ca"].path)
    cert, key = pki["client"]
    without = tls_forwarder(listener.port, spool, ca_file=str(pki["ca"].path))
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        without.send(event)
    assert without.pending() == 1 and listener.nothing_received()  # refused by the collector: kept
    with_cert = tls_forwarder(listener.port, spool, ca_file=str(pki["ca"].path), cert_file=str(cert),
                              key_file=str(key))
    assert with_cert.flush() == 0
    assert f'hash="{event.hash}"' in listener.received.get(timeout=WAIT).decode("utf-8")


def test_unreadable_ca_file_keeps_the_message(tmp_path, pki, listeners, event, spool, caplog):
    listener = listeners(pki["server"])
    fwd = tls_forwarder(listener.port, spool, ca_file=str(tmp_path / "missing.pem"))
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        fwd.send(event)
    assert fwd.pending() == 1 and listener.nothing_received()
    assert any("CA file or client certificate cannot be used" in r.getMessage() for r in caplog.records)


# --- configuration ---------------------------------------------------------------------------------

def test_tls_urls():
    config = SyslogConfig.from_url("tls://siem.example.com?ca=/etc/labeler/ca.pem&facility=authpriv")
    assert config == SyslogConfig("siem.example.com", 6514, "tls", "authpriv", "/etc/labeler/ca.pem")
    config = SyslogConfig.from_url("tls://[::1]:10514?cert=/c.pem&key=/k.pem")
    assert (config.port, config.cert_file, config.key_file, config.ca_file) == (10514, "/c.pem", "/k.pem", None)
    for bad in ("tcp://x:601?ca=/ca.pem", "udp://x?cert=/c.pem", "tls://x?key=/k.pem", "tls://:6514"):
        with pytest.raises(SyslogConfigError):
            SyslogConfig.from_url(bad)


def _admin_config(tmp_path, syslog_table: str) -> Path:
    path = tmp_path / "config.toml"
    key = public_key_text(generate_private_key())
    path.write_text(f'[scheme]\nsource = "/srv/scheme.toml"\ntrusted_keys = ["{key}"]\n'
                    f"\n[syslog]\n{syslog_table}", encoding="utf-8")
    return path


def test_admin_config_syslog_table_wins_over_the_environment(tmp_path, monkeypatch):
    path = _admin_config(tmp_path, 'destination = "tls://siem.example.com:6514"\n'
                                   'ca_file = "/etc/labeler/siem-ca.pem"\nfacility = "authpriv"\n')
    assert load_admin_config(path).syslog["destination"] == "tls://siem.example.com:6514"
    monkeypatch.setenv("LABELER_ADMIN_CONFIG", str(path))
    monkeypatch.setenv("LABELER_SYSLOG", "udp://127.0.0.1:5514")
    monkeypatch.setenv("LABELER_DATA_DIR", str(tmp_path / "data"))
    assert configured() == SyslogConfig("siem.example.com", 6514, "tls", "authpriv", "/etc/labeler/siem-ca.pem")
    assert forwarder_from_environment().config.protocol == "tls"
    assert config_from_table({"destination": "tls://h?ca=/a.pem", "ca_file": "/b.pem"}).ca_file == "/b.pem"


@pytest.mark.parametrize("table, problem", [
    ('destination = "tls://h:6514"\nca = "/x.pem"\n', "syslog.ca: unknown key"),
    ('ca_file = "/x.pem"\n', "syslog.destination: is missing"),
    ('destination = "ftp://h"\n', "is not a syslog destination"),
    ('destination = "tcp://h:601"\nca_file = "/x.pem"\n', "needs tls://"),
    ('destination = 6514\n', "syslog.destination: must be a non-empty string"),
])
def test_admin_config_syslog_mistakes(tmp_path, table, problem):
    with pytest.raises(AdminConfigError, match=problem):
        load_admin_config(_admin_config(tmp_path, table))
