"""Tests of stratgame.dynamics (a package, so that its conftest does not
shadow tests/conftest.py as the top-level module ``conftest``)."""
