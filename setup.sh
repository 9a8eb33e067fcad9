#!/bin/sh
# Set up rebuttal for this checkout in .venv, a virtual environment of its own.
#
# Debian and Ubuntu refuse `pip install` into the system python3 (PEP 668,
# "externally-managed-environment"), so nothing is installed there: everything
# goes into .venv, on Debian/Ubuntu, macOS and pyenv alike. Run it again at any
# time; it only installs what is missing. PYTHON=/path/to/python3.12 picks another Python.
set -eu
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"

if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "setup: $PYTHON not found; install Python 3.11 or newer (https://www.python.org/downloads/)" >&2
  exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "setup: rebuttal needs Python 3.11 or newer; $PYTHON is $("$PYTHON" -V 2>&1)." \
    "Run: PYTHON=python3.11 ./setup.sh (or newer)" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  if ! "$PYTHON" -m venv .venv >/dev/null 2>&1; then
    rm -rf .venv
    echo "setup: $PYTHON cannot create a virtual environment." \
      "On Debian/Ubuntu: sudo apt install python3-venv, then run ./setup.sh again" >&2
    exit 1
  fi
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
echo "setup: ready. The command is .venv/bin/rebuttal (or: source .venv/bin/activate; rebuttal)" >&2
