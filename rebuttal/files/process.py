"""Who writes: this machine (its name, and the short key that stands for it in file names) and
whether a process of this machine still runs.

Claims of open letters (:mod:`rebuttal.app.presence`) and the temporary files of atomic writes
(:mod:`rebuttal.files.atomic`) both name their writer by host key and process id, and both ask
whether that writer is gone.
"""

from __future__ import annotations

import hashlib
import os
import socket


def this_host() -> str:
    """This machine's name."""
    return socket.gethostname() or "localhost"


def host_key(host: str) -> str:
    """Six hex digits standing for a host name (in file names)."""
    return hashlib.sha256(host.encode("utf-8")).hexdigest()[:6]


def process_running(pid: int) -> bool:
    """Whether process ``pid`` of this machine runs (a process of another user counts as running)."""
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - os.kill(pid, 0) would end the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process: it runs
    return True
