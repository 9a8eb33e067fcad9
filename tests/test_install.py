"""A non-editable install into a fresh virtual environment finds the built-in blocks."""

import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from .conftest import EXAMPLE, ROOT


def test_wheel_install_ships_the_library(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.docx"))
    # The wheel is built by the running environment (hatchling is a test dependency),
    # offline, wherever the tests run: a venv, CI, a developer's Python.
    if importlib.util.find_spec("hatchling") is None:
        pytest.fail("hatchling (a test dependency since the wheel is built offline) is missing from this "
                    "environment: run ./setup.sh again, or pip install -e '.[test]'")
    wheels = tmp_path / "wheels"
    built_wheel = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "--quiet", "-w", str(wheels), str(source)],
        capture_output=True, text=True, check=False,
    )
    assert built_wheel.returncode == 0, built_wheel.stderr
    (wheel,) = wheels.glob("rebuttal-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # The dependencies come from the running environment, named explicitly (appended
    # after the new venv's own site-packages, so the installed wheel wins over any
    # editable install of the source tree there).
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    running = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(purelib) / "running_environment.pth").write_text("\n".join(sorted(running)) + "\n")
    build = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", str(wheel)],
        capture_output=True, text=True, check=False,
    )
    assert build.returncode == 0, build.stderr
    shutil.rmtree(source)  # the installed package must not depend on the source tree
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": "", "COLUMNS": "200"}
    listing = subprocess.run(
        [str(env_dir / "bin" / "rebuttal"), "blocks", "--kind", "concern"],
        capture_output=True, text=True, cwd=elsewhere, env=env, check=False,
    )
    assert listing.returncode == 0, listing.stderr
    assert "concerns/heterogeneity" in listing.stdout
    built = subprocess.run(
        [str(env_dir / "bin" / "rebuttal"), "build", str(EXAMPLE), "-o", "letter.docx"],
        capture_output=True, text=True, cwd=elsewhere, env=env, check=False,
    )
    assert built.returncode == 0, built.stderr
    assert "14 references" in built.stderr
    located = subprocess.run(
        [str(python), "-c", "import rebuttal.library.stack as l; print(l.builtin_folder())"],
        capture_output=True, text=True, cwd=elsewhere, env=env, check=False,
    )
    assert "site-packages" in located.stdout
    assert sys.prefix not in located.stdout or str(env_dir) in located.stdout
