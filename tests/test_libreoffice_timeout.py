"""A LibreOffice that overruns is ended with everything it started (its own process group), and the
build says so in one line; the real soffice.bin would otherwise run on, orphaned."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from rebuttal.cli import main
from rebuttal.exchange import pdf

from .conftest import EXAMPLE

FAKE_SOFFICE = """#!/bin/sh
# Like soffice: a launcher whose child (soffice.bin) does the work, here forever.
sleep 300 &
echo $! > "$FAKE_SOFFICE_PIDS"
echo $$ >> "$FAKE_SOFFICE_PIDS"
sleep 300
"""


def _running(pid: int) -> bool:
    """True while ``pid`` is a live process (a zombie waiting for its parent is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")
def test_a_hung_libreoffice_is_killed_with_its_children(tmp_path: Path, monkeypatch, capsys) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    fake = folder / "soffice"
    fake.write_text(FAKE_SOFFICE)
    fake.chmod(0o755)
    pids = tmp_path / "pids"
    monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")
    monkeypatch.setenv("FAKE_SOFFICE_PIDS", str(pids))
    monkeypatch.setattr(pdf, "TIMEOUT_SECONDS", 2)
    out = tmp_path / "letter.pdf"
    started = time.monotonic()
    assert main(["build", str(EXAMPLE), "-o", str(out)]) == 2
    assert time.monotonic() - started < 30
    assert capsys.readouterr().err.strip() == f"rebuttal: {out}: LibreOffice did not finish the PDF in 2 s"
    child, launcher = (int(line) for line in pids.read_text().split())
    deadline = time.monotonic() + 10  # SIGKILL is immediate; the kernel may take a moment to reap
    while (_running(child) or _running(launcher)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(launcher)
    assert not _running(child)  # the grandchild too: subprocess.run's timeout would have left it
    assert not out.exists()


def test_without_a_process_group_the_child_would_run_on(tmp_path: Path, monkeypatch) -> None:
    """The case the group exists for: killing the launcher alone leaves its child running."""
    import subprocess

    fake = tmp_path / "soffice"
    fake.write_text(FAKE_SOFFICE)
    fake.chmod(0o755)
    pids = tmp_path / "pids"
    env = {**os.environ, "FAKE_SOFFICE_PIDS": str(pids)}
    with pytest.raises(subprocess.TimeoutExpired):
        subprocess.run([str(fake)], timeout=1, env=env, check=False)
    child = int(pids.read_text().split()[0])
    try:
        assert _running(child)
    finally:
        os.kill(child, 9)  # ours: started by this test
