"""The Markdown pages of the documentation run as doctests (``make test``).

``griffe_rst.py`` and ``hooks.py`` serve the site build and need griffe and
mkdocs, installed with the ``docs`` extra; pytest skips them where those are
missing.
"""

import importlib.util

collect_ignore = [
    module
    for module, needs in (("griffe_rst.py", "griffe"), ("hooks.py", "mkdocs"))
    if importlib.util.find_spec(needs) is None
]
