"""The flagship demo: the essay's claims about the AI race -- a compute lead
is temporary, adoption speed beats model size, export controls are answered
by open weights, open weights commoditize the complement -- computed as
outcomes of games, with where each holds and where it fails (``make demo``).

The story lives in :mod:`stratgame.demo`, so that ``stratgame demo`` tells it
too; this script runs it and saves the regime maps to ``--out DIR`` (default
``./out/``).
"""

import os

# The demo's linear systems are small: a threaded BLAS only adds contention
# (several times slower on a busy machine), so one thread unless told.
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

from _output import out_dir  # noqa: E402

from stratgame.demo import main  # noqa: E402

if __name__ == "__main__":
    main(out_dir(__doc__))
