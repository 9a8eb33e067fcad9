"""SHA-256 for what ``merge`` of an unchanged export checks, without loading OpenSSL.

``hashlib`` loads OpenSSL's library on import, which takes longer than that whole merge; the
interpreter's own SHA-256 (the module hashlib itself falls back to: ``_sha256`` up to Python 3.11,
``_sha2`` from 3.12) gives the same digest. Where neither is built in, ``hashlib`` is used.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from hashlib import _Hash

try:
    from _sha256 import sha256 as _builtin_sha256
except ImportError:
    try:
        from _sha2 import sha256 as _builtin_sha256
    except ImportError:
        from hashlib import sha256 as _builtin_sha256


def sha256(data: bytes = b"") -> _Hash:
    """A SHA-256 hash object (``update``, ``hexdigest``), fed ``data`` first."""
    return _builtin_sha256(data)
