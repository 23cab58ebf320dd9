"""The Markdown pages of the documentation run as doctests (``make test``).

``griffe_rst.py`` serves the site build; it needs griffe, installed with the
``docs`` extra, so pytest skips it where griffe is missing.
"""

import importlib.util

collect_ignore = [] if importlib.util.find_spec("griffe") else ["griffe_rst.py"]
