"""Who has a letter open: a small file beside the outline that a second window sees.

A window of the app claims the letter it opens by writing ``.NAME.open`` beside ``NAME`` (JSON:
process id, host, user, when, and a token for the window), and removes it when it closes. A
second window on the same letter finds the claim and says the letter is open elsewhere (who,
since when); the person then reads it only, or opens it anyway. The claim never stops anything
by itself: it is what lets a window tell "someone is editing this now" from "a window crashed".

A claim whose window is gone is *stale*: a process of this machine that no longer runs, a window
of this process that was closed, or (another machine's, which we cannot ask) one older than a
day. A stale claim is taken over, and its window's autosave is the crash to recover; a live one
never is (:mod:`rebuttal.app.autosave` asks :func:`is_alive` before offering an autosave).

Creating, taking over and removing the claim each hold :func:`rebuttal.files.lock.locked` on
it, so two windows opening at once never both believe they hold it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from rebuttal.errors import RebuttalError
from rebuttal.files.atomic import atomic_write_text
from rebuttal.files.lock import locked
from rebuttal.files.process import host_key, process_running, this_host

OTHER_HOST_STALE = dt.timedelta(days=1)  # a claim from another machine we cannot ask about
_MAX_CLAIM_BYTES = 4096  # a claim is ~150 bytes; anything larger is not ours

# The windows of this process that are open now (their tokens): a claim or an autosave written by
# this process under another token belongs to a window that was closed (or crashed) here.
_open_here: set[str] = set()


@dataclass(frozen=True)
class Window:
    """One window of the app: who runs it, where, since when."""

    pid: int
    host: str
    user: str
    since: dt.datetime
    token: str

    @property
    def key(self) -> str:
        """A name for the window safe in a file name: host (hashed), process and token."""
        return f"{host_key(self.host)}-{self.pid}-{self.token}"

    def to_json(self) -> str:
        """The claim's text."""
        return json.dumps({
            "pid": self.pid, "host": self.host, "user": self.user,
            "since": self.since.isoformat(timespec="seconds"), "token": self.token,
        }, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Window | None:
        """The window a claim's text names, or None when it is not a claim."""
        try:
            data = json.loads(text)
            window = cls(int(data["pid"]), str(data["host"]), str(data["user"]),
                         dt.datetime.fromisoformat(str(data["since"])), str(data.get("token", "")))
        except (ValueError, TypeError, KeyError, AttributeError):
            return None
        if window.since.tzinfo is None:
            window = cls(window.pid, window.host, window.user, window.since.astimezone(), window.token)
        return window


@dataclass(frozen=True)
class Claim:
    """What opening a letter found: whether this window holds it, and who else does or did."""

    mine: bool  # this window holds the claim now
    elsewhere: Window | None = None  # a live window holding it (this one then does not)
    took_over: Window | None = None  # a dead window's claim this one replaced (it crashed)
    problem: str = ""  # the claim could not be written (read-only folder...): said, not fatal


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (a container without passwd entry)
        return str(os.getuid()) if hasattr(os, "getuid") else "someone"


def open_window(now: dt.datetime | None = None) -> Window:
    """A new window of this process, counted as open until :func:`close_window`."""
    since = (now or dt.datetime.now()).astimezone().replace(microsecond=0)
    window = Window(os.getpid(), this_host(), _user(), since, secrets.token_hex(4))
    _open_here.add(window.token)
    return window


def close_window(window: Window) -> None:
    """The window closed: its claims and autosaves are now a closed window's."""
    _open_here.discard(window.token)


def is_alive(pid: int, host: str, token: str, since: dt.datetime | None = None) -> bool:
    """Whether the window (``pid`` on the machine ``host`` names by :func:`host_key`, ``token``)
    may still be open.

    This machine: the process runs (and, for this process, the window is still open). Another
    machine: we cannot ask, so it is alive unless ``since`` is more than a day ago.
    """
    if host != host_key(this_host()):
        if since is None:
            return True
        return dt.datetime.now().astimezone() - since < OTHER_HOST_STALE
    if pid == os.getpid():
        return token in _open_here
    return process_running(pid)


def window_alive(window: Window) -> bool:
    """Whether ``window`` may still be open (see :func:`is_alive`)."""
    return is_alive(window.pid, host_key(window.host), window.token, window.since)


def claim_path(letter: Path) -> Path:
    """The claim beside ``letter``: ``.NAME.open``."""
    letter = Path(os.path.realpath(letter))
    return letter.with_name(f".{letter.name}.open")


def read_claim(letter: Path) -> Window | None:
    """The window that claims ``letter``, or None (no claim, or not a claim we can read)."""
    path = claim_path(letter)
    try:
        with path.open("rb") as handle:
            data = handle.read(_MAX_CLAIM_BYTES + 1)
    except OSError:
        return None
    if len(data) > _MAX_CLAIM_BYTES:
        return None
    try:
        return Window.from_json(data.decode("utf-8"))
    except UnicodeDecodeError:
        return None


def claim(letter: Path, window: Window) -> Claim:
    """Claim ``letter`` for ``window`` unless a live window holds it.

    A claim of a window that is gone is taken over (``took_over`` names it: its autosave is the
    crash to recover). A folder where the claim cannot be written leaves the letter unclaimed,
    with the reason in ``problem``.
    """
    path = claim_path(letter)
    if not path.parent.is_dir():
        return Claim(mine=False, problem=f"folder '{path.parent}' does not exist")
    try:
        with locked(path):
            holder = read_claim(letter)
            if holder is not None and holder.token == window.token and holder.pid == window.pid:
                return Claim(mine=True)
            if holder is not None and window_alive(holder):
                return Claim(mine=False, elsewhere=holder)
            atomic_write_text(path, window.to_json(), field=None)
    except RebuttalError as error:
        return Claim(mine=False, problem=str(error))
    return Claim(mine=True, took_over=holder)


def release(letter: Path, window: Window) -> None:
    """Remove ``window``'s claim on ``letter`` (another window's claim is left alone)."""
    path = claim_path(letter)
    if not path.exists():
        return
    with contextlib.suppress(RebuttalError, OSError), locked(path):
        holder = read_claim(letter)
        if holder is not None and holder.token == window.token and holder.pid == window.pid:
            path.unlink(missing_ok=True)
