"""What the benchmarks share: timing an action or a command, and printing a median with its spread.

The scripts are run as ``python3 bench/NAME.py``, so this folder is on ``sys.path`` and they import
it as ``timing``.
"""

from __future__ import annotations

import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Median wall time of ``action()`` over ``runs`` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def timed(command: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> float:
    """Wall time of one run of ``command``, in seconds; a failed run stops the benchmark."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stderr}")
    return elapsed


def median_text(samples: list[float], *, spread: bool = True) -> str:
    """Samples in seconds as ``  12.3 ms  (min 11.9, max 14.0)`` (the spread left out on request)."""
    median = f"{statistics.median(samples) * 1000:7.1f} ms"
    if not spread:
        return median
    return f"{median}  (min {min(samples) * 1000:.1f}, max {max(samples) * 1000:.1f})"
