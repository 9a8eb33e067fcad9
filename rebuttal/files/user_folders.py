"""Where rebuttal keeps the user's own files: the state, data and cache folders (the one home of the rule).

On Linux these are the XDG folders, as :mod:`platformdirs` gives them (``$XDG_STATE_HOME/rebuttal``,
else ``~/.local/state/rebuttal``; ``$XDG_DATA_HOME`` and ``~/.local/share``; ``$XDG_CACHE_HOME``
and ``~/.cache``; a variable that is not an absolute path is ignored). They are worked out here
with ``os`` alone because importing platformdirs costs more than ``merge`` of an unchanged
export takes in all (it loads ``tempfile``, ``random`` and OpenSSL); a test holds the answers
equal to platformdirs'. Anywhere else (macOS, Windows, Android), or without an absolute home
folder, platformdirs answers.
"""

from __future__ import annotations

import os
import sys

APP = "rebuttal"
_XDG = {
    "state": ("XDG_STATE_HOME", "~/.local/state"),
    "data": ("XDG_DATA_HOME", "~/.local/share"),
    "cache": ("XDG_CACHE_HOME", "~/.cache"),
}


def user_folder(kind: str) -> str:
    """rebuttal's user folder of ``kind`` ("state", "data" or "cache"), as a path string."""
    variable, default = _XDG[kind]
    if _plain_linux():
        chosen = os.environ.get(variable, "")
        if os.path.isabs(chosen):
            return os.path.join(chosen, APP)
        if os.path.isabs(os.environ.get("HOME", "")):
            return os.path.join(os.path.expanduser(default), APP)
    import platformdirs

    return getattr(platformdirs, f"user_{kind}_dir")(APP, appauthor=False)


def _plain_linux() -> bool:
    """Linux that is not Android (where platformdirs has rules of its own)."""
    return (sys.platform == "linux" and not hasattr(sys, "getandroidapilevel")
            and "ANDROID_DATA" not in os.environ)
