"""Forwarding audit events to a syslog collector: real UDP and TCP listeners on 127.0.0.1."""
from __future__ import annotations

import os
import queue
import re
import socket
import threading

import pytest

from labeler.org.audit import AuditEvent, AuditLog
from labeler.org.syslog_forward import (BOM, Forwarder, SyslogConfig, SyslogConfigError, config_from_environment,
                                    escape_param, format_message, forwarder_from_environment)

WAIT = 10  # generous upper bound for a listener to receive something; never asserted as a duration


# -- listeners -----------------------------------------------------------------------
class UdpListener:
    def __init__(self, port: int = 0):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.port = self.sock.getsockname()[1]
        self.received: queue.Queue[bytes] = queue.Queue()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        while True:
            try:
                data, _ = self.sock.recvfrom(65535)
            except OSError:
                return
            self.received.put(data)

    def close(self):
        self.sock.close()


class TcpListener:
    """Accepts connections and splits the stream by RFC 6587 octet counting."""

    def __init__(self, port: int = 0):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen()
        self.port = self.sock.getsockname()[1]
        self.received: queue.Queue[bytes] = queue.Queue()
        self.streams: queue.Queue[bytes] = queue.Queue()  # raw bytes of each connection
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn):
        stream = b""
        with conn:
            while chunk := conn.recv(65536):
                stream += chunk
        self.streams.put(stream)
        rest = stream
        while rest:
            length, _, rest = rest.partition(b" ")
            assert length.isdigit(), stream
            self.received.put(rest[:int(length)])
            rest = rest[int(length):]

    def close(self):
        self.sock.close()


def free_port(kind=socket.SOCK_STREAM) -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- parsing what arrived ---------------------------------------------------------------
HEADER = re.compile(rb"^<(\d{1,3})>(\d) (\S+) (\S+) (\S+) (\S+) (\S+) ")


def parse_rfc5424(data: bytes) -> dict:
    m = HEADER.match(data)
    assert m, data
    pri, version, timestamp, hostname, app, procid, msgid = m.groups()
    text = data[m.end():].decode("utf-8")
    assert text.startswith("["), text
    sd_id, i, params = "", 1, {}
    while text[i] != " ":
        sd_id += text[i]
        i += 1
    while text[i] != "]":
        assert text[i] == " "
        i += 1
        eq = text.index("=", i)
        name = text[i:eq]
        assert text[eq + 1] == '"'
        i, value = eq + 2, ""
        while text[i] != '"':
            if text[i] == "\\":
                i += 1
            value += text[i]
            i += 1
        params[name] = value
        i += 1
    msg = text[i + 1:]
    assert msg.startswith(" ")
    return {"pri": int(pri), "version": int(version), "timestamp": timestamp.decode(),
            "hostname": hostname.decode(), "app": app.decode(), "procid": procid.decode(),
            "msgid": msgid.decode(), "sd_id": sd_id, "params": params, "msg": msg[1:]}


# -- fixtures ----------------------------------------------------------------------------
def apply_event(tmp_path, method: str, justification: str | None = None) -> AuditEvent:
    """ann on pc-042 raises report.docx from Internal to Confidential, recorded in tmp_path/data."""
    doc = tmp_path / "report.docx"
    doc.write_bytes(b"content")
    log = AuditLog(tmp_path / "data" / "audit.jsonl")
    return log.record("apply", doc, ("internal", "Internal"), ("confidential", "Confidential"), method,
                      justification=justification, scheme_id="test-scheme", scheme_version=3,
                      machine="pc-042", user="ann")


@pytest.fixture
def event(tmp_path):
    return apply_event(tmp_path, "recommended", justification='for the "board" only [draft] C:\\share')


@pytest.fixture
def spool(tmp_path):
    return tmp_path / "data" / "syslog-outbox.jsonl"


def check_message(data: bytes, event: AuditEvent, pri: int):
    m = parse_rfc5424(data)
    assert m["pri"] == pri and m["version"] == 1
    assert m["timestamp"] == event.time and m["hostname"] == "pc-042"
    assert m["app"] == "labeler" and m["procid"] == str(os.getpid()) and m["msgid"] == "label-apply"
    assert m["sd_id"] == "labeler@32473"
    p = m["params"]
    assert p["action"] == "apply" and p["label"] == "confidential" and p["label_name"] == "Confidential"
    assert p["old_label"] == "internal" and p["method"] == "recommended" and p["user"] == "ann"
    assert p["path"] == event.path and p["sha256"] == event.content_sha256
    assert p["justification"] == 'for the "board" only [draft] C:\\share'
    assert p["scheme"] == "test-scheme" and p["scheme_version"] == "3"
    assert p["seq"] == "1" and p["hash"] == event.hash
    assert m["msg"].startswith(BOM)
    assert "ann changed the label of" in m["msg"] and "from Internal to Confidential" in m["msg"]
    return m


# -- formatting ---------------------------------------------------------------------------
def test_param_escaping():
    assert escape_param('a"b\\c]d') == 'a\\"b\\\\c\\]d'


def test_message_shape(event):
    text = format_message(event, "authpriv", procid=77)
    assert text.startswith(f"<85>1 {event.time} pc-042 labeler 77 label-apply [labeler@32473 ")
    check = parse_rfc5424(text.encode("utf-8"))
    assert check["params"]["justification"] == 'for the "board" only [draft] C:\\share'


def test_removal_sentence(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("x")
    removal = AuditEvent.create("remove", doc, ("secret", "Secret"), None, "manual", justification="public now",
                                user="bob", machine="pc")
    m = parse_rfc5424(format_message(removal).encode())
    assert m["pri"] == 16 * 8 + 5 and m["msgid"] == "label-remove"
    assert "label" not in m["params"] and m["params"]["old_label"] == "secret"
    assert m["msg"] == BOM + f'bob removed the label Secret from {doc} (chosen by hand). Justification: "public now".'


def test_config_from_url_and_environment():
    assert SyslogConfig.from_url("udp://siem.example.com:5514") == SyslogConfig("siem.example.com", 5514, "udp")
    assert SyslogConfig.from_url("tcp://[::1]:601?facility=authpriv") == SyslogConfig("::1", 601, "tcp", "authpriv")
    assert SyslogConfig.from_url("tcp://collector").port == 514
    assert config_from_environment({"LABELER_SYSLOG": "tcp://10.0.0.5:6514"}).protocol == "tcp"
    assert config_from_environment({}) is None
    for bad in ("http://x:1", "udp://:514", "udp://x:99999", "tcp://x:1?facility=nope"):
        with pytest.raises(SyslogConfigError):
            SyslogConfig.from_url(bad)


def test_forwarder_from_environment(monkeypatch, tmp_path, spool):
    monkeypatch.setenv("LABELER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LABELER_SYSLOG", "udp://127.0.0.1:5514")
    fwd = forwarder_from_environment()
    assert fwd.config == SyslogConfig("127.0.0.1", 5514, "udp") and fwd.spool_path == spool
    monkeypatch.setenv("LABELER_SYSLOG", "")
    assert forwarder_from_environment() is None


# -- delivery --------------------------------------------------------------------------------
def test_udp_event_arrives(event, spool):
    listener = UdpListener()
    try:
        fwd = Forwarder("127.0.0.1", listener.port, "udp", spool_path=spool)
        fwd.send(event)
        data = listener.received.get(timeout=WAIT)
        check_message(data, event, pri=16 * 8 + 5)
        assert fwd.wait_idle(WAIT)
        assert fwd.pending() == 0
        fwd.close()
    finally:
        listener.close()


def test_tcp_event_arrives_with_octet_counting(event, spool):
    listener = TcpListener()
    try:
        fwd = Forwarder("127.0.0.1", listener.port, "tcp", "authpriv", spool_path=spool)
        fwd.send(event)
        stream = listener.streams.get(timeout=WAIT)
        data = listener.received.get(timeout=WAIT)
        assert stream == str(len(data)).encode() + b" " + data  # LEN SP MSG, nothing else
        check_message(data, event, pri=10 * 8 + 5)
        assert fwd.wait_idle(WAIT) and fwd.pending() == 0
        fwd.close()
    finally:
        listener.close()


def test_inline_mode_delivers_during_send(event, spool):
    listener = TcpListener()
    try:
        fwd = Forwarder("127.0.0.1", listener.port, "tcp", spool_path=spool, background=False)
        fwd.send(event)
        assert fwd.pending() == 0
        check_message(listener.received.get(timeout=WAIT), event, pri=133)
    finally:
        listener.close()


@pytest.mark.parametrize("background", [True, False])
def test_tcp_without_listener_spools_then_flush_delivers(event, spool, background):
    port = free_port()
    fwd = Forwarder("127.0.0.1", port, "tcp", spool_path=spool, background=background)
    fwd.send(event)  # must not raise
    assert spool.exists()
    assert fwd.wait_idle(WAIT)
    assert fwd.pending() == 1
    assert fwd.flush() == 1  # still nobody listening: stays queued, no exception

    listener = TcpListener(port)
    try:
        assert fwd.flush() == 0
        check_message(listener.received.get(timeout=WAIT), event, pri=133)
        assert fwd.pending() == 0
        assert spool.read_text() == ""
    finally:
        fwd.close()
        listener.close()


def test_udp_to_closed_port_spools_then_flush_delivers(event, spool):
    port = free_port(socket.SOCK_DGRAM)
    fwd = Forwarder("127.0.0.1", port, "udp", spool_path=spool)
    fwd.send(event)
    assert fwd.wait_idle(WAIT)
    assert fwd.pending() == 1  # the ICMP "port unreachable" from 127.0.0.1 was noticed
    listener = UdpListener(port)
    try:
        assert fwd.flush() == 0
        check_message(listener.received.get(timeout=WAIT), event, pri=133)
        assert fwd.pending() == 0
    finally:
        fwd.close()
        listener.close()


def test_queued_events_are_retried_in_order_on_the_next_send(tmp_path, spool):
    log = AuditLog(tmp_path / "data" / "audit.jsonl")
    doc = tmp_path / "a.txt"
    doc.write_text("x")
    port = free_port()
    fwd = Forwarder("127.0.0.1", port, "tcp", spool_path=spool)
    first = log.record("apply", doc, None, ("internal", "Internal"), "default", machine="pc-042", user="ann")
    fwd.send(first)
    assert fwd.wait_idle(WAIT) and fwd.pending() == 1

    listener = TcpListener(port)
    try:
        second = log.record("apply", doc, ("internal", "Internal"), ("secret", "Secret"), "manual",
                            machine="pc-042", user="ann")
        fwd.send(second)
        got = [parse_rfc5424(listener.received.get(timeout=WAIT)) for _ in range(2)]
        assert [m["params"]["seq"] for m in got] == ["1", "2"]
        assert fwd.wait_idle(WAIT) and fwd.pending() == 0
    finally:
        fwd.close()
        listener.close()


def test_a_new_forwarder_picks_up_what_an_earlier_process_left(event, spool):
    port = free_port()
    Forwarder("127.0.0.1", port, "tcp", spool_path=spool, background=False).send(event)
    assert spool.read_text().strip()
    listener = TcpListener(port)
    try:
        later = Forwarder("127.0.0.1", port, "tcp", spool_path=spool, background=False)
        assert later.flush() == 0
        check_message(listener.received.get(timeout=WAIT), event, pri=133)
    finally:
        listener.close()


def test_unresolvable_host_does_not_raise(event, spool):
    fwd = Forwarder("collector.invalid", 514, "udp", spool_path=spool, background=False)
    fwd.send(event)
    assert fwd.pending() == 1
