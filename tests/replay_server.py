"""A local HTTP server that replays recorded answers, so look-up tests need no internet."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Replay:
    """Answers by path (``status, body, delay seconds``) and every request seen."""

    answers: dict[str, tuple[int, bytes, float]] = field(default_factory=dict)
    seen: list[tuple[str, dict[str, list[str]], dict[str, str]]] = field(default_factory=list)
    url: str = ""

    def answer(self, path: str, body: str | bytes, status: int = 200, delay: float = 0.0) -> None:
        """Serve ``body`` for ``path`` (query string ignored)."""
        data = body.encode() if isinstance(body, str) else body
        self.answers[path] = (status, data, delay)


@contextmanager
def replay_server() -> Iterator[Replay]:
    """A server on 127.0.0.1 (a free port) for the duration of the ``with``."""
    replay = Replay()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            replay.seen.append((parts.path, parse_qs(parts.query), dict(self.headers)))
            status, body, delay = replay.answers.get(parts.path, (404, b"not found", 0.0))
            if delay:
                time.sleep(delay)
            try:
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the timeout test)

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
        server.shutdown()
        server.server_close()
