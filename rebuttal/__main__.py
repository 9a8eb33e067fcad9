"""Allow ``python -m rebuttal``."""

from rebuttal.cli import main

raise SystemExit(main())
