"""A local HTTP server that replays recorded answers, so look-up tests need no internet.

Besides plain answers it plays the servers a look-up must survive: one that
trickles its body a byte at a time, one that sends a chunked body without end,
a gzip bomb (a small compressed body that inflates to far more than any record),
a 429 with ``Retry-After``, a captive portal's HTML page before the real record
(answers queued for one path are served in turn, the last one ever after).
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest


@dataclass
class Reply:
    """One answer: status, body, headers, and how it is sent."""

    status: int = 200
    body: bytes = b""
    delay: float = 0.0  # seconds before anything is sent
    headers: dict[str, str] = field(default_factory=dict)
    trickle: float = 0.0  # seconds between one byte and the next (0: all at once)
    endless: bool = False  # a chunked body of ``body`` over and over, until the client goes


@dataclass
class Replay:
    """Answers by path and every request seen."""

    answers: dict[str, list[Reply]] = field(default_factory=dict)
    seen: list[tuple[str, dict[str, list[str]], dict[str, str]]] = field(default_factory=list)
    url: str = ""

    def answer(self, path: str, body: str | bytes, status: int = 200, delay: float = 0.0, *,
               headers: dict[str, str] | None = None, trickle: float = 0.0, endless: bool = False,
               then: bool = False) -> None:
        """Serve ``body`` for ``path`` (query string ignored); ``then``: after those already queued."""
        data = body.encode() if isinstance(body, str) else body
        reply = Reply(status, data, delay, dict(headers or {}), trickle, endless)
        if then and path in self.answers:
            self.answers[path].append(reply)
        else:
            self.answers[path] = [reply]

    def next_reply(self, path: str) -> Reply:
        queued = self.answers.get(path)
        if not queued:
            return Reply(404, b"not found")
        return queued.pop(0) if len(queued) > 1 else queued[0]


def gzip_bomb(inflated: int) -> bytes:
    """A gzip stream of ``inflated`` zero bytes (about a thousandth of that, compressed)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1024 * 1024)
    parts = [packer.compress(block) for _ in range(inflated // len(block))]
    parts.append(packer.compress(bytes(inflated % len(block))))
    parts.append(packer.flush())
    return b"".join(parts)


@contextmanager
def replay_server() -> Iterator[Replay]:
    """A server on 127.0.0.1 (a free port) for the duration of the ``with``."""
    replay = Replay()
    stopping = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            replay.seen.append((parts.path, parse_qs(parts.query), dict(self.headers)))
            reply = replay.next_reply(parts.path)
            if reply.delay:
                time.sleep(reply.delay)
            try:
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.endless:
                    self.send_header("Transfer-Encoding", "chunked")
                else:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.send_header("Connection", "close")
                self.end_headers()
                self._body(reply)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout, a deadline, a cap)
            self.close_connection = True

        def _body(self, reply: Reply) -> None:
            if reply.endless:
                chunk = b"%x\r\n%s\r\n" % (len(reply.body), reply.body)
                while not stopping.is_set():
                    self.wfile.write(chunk)
            elif reply.trickle:
                for index in range(len(reply.body)):
                    if stopping.wait(reply.trickle if index else 0):
                        return
                    self.wfile.write(reply.body[index:index + 1])
                    self.wfile.flush()
            else:
                self.wfile.write(reply.body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    replay.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield replay
    finally:
        stopping.set()
        server.shutdown()
        server.server_close()


@contextmanager
def lookup_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Replay]:
    """A replay server that this test's PubMed (E-utilities) and Crossref look-ups go to."""
    with replay_server() as replay:
        monkeypatch.setenv("REBUTTAL_EUTILS_URL", replay.url + "/entrez/eutils")
        monkeypatch.setenv("REBUTTAL_CROSSREF_URL", replay.url)
        yield replay
