"""The flagship demo: two nations, their AI labs, open against closed models,
export controls and the adoption race (``make demo``).

The story lives in :mod:`stratgame.demo`, so that ``stratgame demo`` tells it
too; this script runs it and saves the figures to ``./out/``.
"""

from stratgame.demo import main

if __name__ == "__main__":
    main()
