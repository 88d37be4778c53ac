"""``python -m helpers`` runs the command line (see helpers.cli)."""

from .cli import main

raise SystemExit(main())
