"""One bounded GET for the look-ups: a deadline for the whole request, a cap on the body, strict text.

A web service's answer is untrusted input. httpx's timeout is per read, so a
server that trickles a byte every few seconds would never time out; httpx
decompresses whatever a server sends, so a small gzip bomb would fill memory.
Here:

* the whole request (connecting, redirects, headers, body) has one deadline,
  :data:`DEADLINE_SECONDS`: it runs in a worker thread, and the caller stops
  waiting at the deadline whatever the server does (the worker, closed, ends
  on its next read);
* the body is read raw and decompressed here, never more than
  :data:`MAX_BODY_BYTES` after decompression (a gzip bomb, a 200 MB answer or
  an endless chunked body stop at the cap with one line);
* the text must be what its ``Content-Type`` says (UTF-8 when it says nothing):
  bytes that are not are refused, never stored as replacement characters.

Every failure is one :class:`RebuttalError` line naming the service and what
was looked up.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import email.utils
import threading
import time
import zlib
from dataclasses import dataclass
from typing import Any

from rebuttal.errors import RebuttalError

DEADLINE_SECONDS = 30.0  # the whole look-up, from connecting to the last byte
TIMEOUT_SECONDS = 20.0  # any one connect or read
MAX_BODY_BYTES = 10 * 1024 * 1024  # decompressed; 200 MEDLINE records are about 1 MB
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Page:
    """A successful answer: its text and content type (``text/plain``, ``application/json``...)."""

    text: str
    content_type: str


def get_text(url: str, params: dict[str, str], headers: dict[str, str], *, label: str, what: str) -> Page:
    """The text of a GET of ``url``; one located error for anything but a sound answer in time."""
    import httpx

    host = httpx.URL(url).host or url
    done = threading.Event()
    outcome: dict[str, Any] = {}
    client = httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=True, max_redirects=MAX_REDIRECTS,
                          headers={**headers, "Accept-Encoding": "gzip, deflate"})
    deadline = time.monotonic() + DEADLINE_SECONDS

    def work() -> None:
        try:
            outcome["page"] = _fetch(client, url, params, deadline, host=host, label=label, what=what)
        except BaseException as error:  # handed to the caller's thread
            outcome["error"] = error
        finally:
            done.set()

    worker = threading.Thread(target=work, name=f"rebuttal look-up {what}", daemon=True)
    worker.start()
    finished = done.wait(max(0.0, deadline - time.monotonic()))
    with contextlib.suppress(Exception):
        client.close()  # when still at work: the worker's next read fails, and it ends
    if not finished:
        raise _too_slow(host, what, label)
    error = outcome.get("error")
    if error is not None:
        raise _worded(error, host, what, label) from None
    return outcome["page"]


def _fetch(client: Any, url: str, params: dict[str, str], deadline: float, *, host: str, label: str,
           what: str) -> Page:
    with client.stream("GET", url, params=params) as response:
        _check_status(response, host, what, label)
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > MAX_BODY_BYTES:
            raise _too_large(host, what, label)
        decoder = _Decoder(response.headers.get("content-encoding", ""), host, what, label)
        for chunk in response.iter_raw():
            decoder.feed(chunk)
            if time.monotonic() > deadline:
                raise _too_slow(host, what, label)
        body = decoder.finish()
        content_type = response.headers.get("content-type", "")
    return Page(_text(body, content_type, host, what, label), content_type.split(";")[0].strip().lower())


class _Decoder:
    """Raw body bytes in, at most :data:`MAX_BODY_BYTES` of decompressed bytes out."""

    def __init__(self, encoding: str, host: str, what: str, label: str) -> None:
        self.where = (host, what, label)
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self.zlib = None
        elif encoding in ("gzip", "x-gzip"):
            self.zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self.zlib = zlib.decompressobj(zlib.MAX_WBITS)
        else:
            raise RebuttalError(f"{host} answered in an encoding we did not ask for ({encoding}) for {what}",
                                field=label)
        self.encoding = encoding
        self.body = bytearray()

    def feed(self, data: bytes) -> None:
        if self.zlib is None:
            self._keep(data)
            return
        try:
            while data:
                self._keep(self.zlib.decompress(data, MAX_BODY_BYTES - len(self.body) + 1))
                data = self.zlib.unconsumed_tail
        except zlib.error:
            if self.encoding == "deflate" and not self.body:  # a raw deflate stream, without zlib's header
                self.zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                self.encoding = "raw deflate"
                self.feed(data)
                return
            host, what, label = self.where
            raise RebuttalError(f"{host} sent a damaged {self.encoding} answer for {what}; try again later",
                                field=label) from None

    def _keep(self, data: bytes) -> None:
        self.body += data
        if len(self.body) > MAX_BODY_BYTES:
            raise _too_large(*self.where)

    def finish(self) -> bytes:
        if self.zlib is not None:
            self._keep(self.zlib.flush())
        return bytes(self.body)


def _check_status(response: Any, host: str, what: str, label: str) -> None:
    status = response.status_code
    if status == 404:
        raise RebuttalError(f"{what} was not found at {host}", field=label)
    if status == 429:
        wait = retry_after(response.headers.get("retry-after", ""))
        raise RebuttalError(f"{host} asks us to slow down (429 Too Many Requests); try again in "
                            f"{_duration(wait) if wait else 'a minute'}", field=label)
    if status >= 400:
        raise RebuttalError(f"{host} answered {status} for {what}", field=label)


def retry_after(value: str, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds, or an HTTP date); None if it says none."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


def _duration(seconds: float) -> str:
    """``2 minutes``, ``45 seconds``, ``1 hour``: as people say a wait."""
    for size, unit in ((3600, "hour"), (60, "minute"), (1, "second")):
        if seconds >= size or size == 1:
            count = max(1, round(seconds / size))
            return f"{count} {unit}{'s' if count != 1 else ''}"
    raise AssertionError("unreachable")


def _text(body: bytes, content_type: str, host: str, what: str, label: str) -> str:
    charset = "utf-8"
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            charset = value.strip('"').lower()
    try:
        codecs.lookup(charset)
    except LookupError:
        charset = "utf-8"
    try:
        return body.decode(charset).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise RebuttalError(f"{host} answered for {what} with bytes that are not {charset} text (at byte "
                            f"{error.start}); nothing was kept; try again later", field=label) from None


def _too_slow(host: str, what: str, label: str) -> RebuttalError:
    return RebuttalError(f"{host} did not answer within {DEADLINE_SECONDS:g} s (looking up {what}); "
                         "try again later", field=label)


def _too_large(host: str, what: str, label: str) -> RebuttalError:
    return RebuttalError(f"{host} sent more than {MAX_BODY_BYTES // (1024 * 1024)} MB for {what}, more than "
                         "any record; nothing was kept", field=label)


def _worded(error: BaseException, host: str, what: str, label: str) -> BaseException:
    """A worker's failure as the caller's one line."""
    import httpx

    if isinstance(error, RebuttalError):
        return error
    if isinstance(error, httpx.TimeoutException):
        return RebuttalError(f"{host} did not answer within {TIMEOUT_SECONDS:g} s (looking up {what}); "
                             "try again later", field=label)
    if isinstance(error, httpx.TooManyRedirects):
        return RebuttalError(f"{host} sent us round in redirects looking up {what}; try again later",
                             field=label)
    if isinstance(error, (httpx.HTTPError, httpx.InvalidURL, OSError)):
        text = str(error).strip() or type(error).__name__
        return RebuttalError(f"cannot reach {host} to look up {what} ({text.splitlines()[0][:120]}); "
                             "check the network or set the service's URL", field=label)
    return error
