"""``python -m stratgame.cli``: the ``stratgame`` command."""

import sys

from . import main

if __name__ == "__main__":
    sys.exit(main())
