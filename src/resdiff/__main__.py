"""Allow ``python -m resdiff``."""

from resdiff._entry import main

main()
