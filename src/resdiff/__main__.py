"""Allow ``python -m resdiff``."""

from resdiff.cli import cli

cli()
