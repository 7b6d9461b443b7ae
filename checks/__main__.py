"""``python -m checks``: see ``checks.cli``."""

import sys

from checks.cli import main

if __name__ == "__main__":
    sys.exit(main())
