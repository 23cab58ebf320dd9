"""nashpy's algorithms as engines: certified, never complete, and their own
failures reported as :class:`SolverError`."""

import numpy as np
import pytest

import stratgame as sg
from stratgame.exceptions import SolverError
from stratgame.solvers import nashpy_engines

NASHPY_METHODS = [
    "nashpy.support_enumeration",
    "nashpy.vertex_enumeration",
    "nashpy.lemke_howson",
]


@pytest.mark.parametrize("method", NASHPY_METHODS)
def test_payoffs_near_the_ends_of_the_float_range(method):
    # nashpy's halfspace intersection fails on payoffs of 1e200 against
    # 1e-200 (scipy's linprog returns no point); mapped onto [0, 1] first,
    # the same game is an ordinary one.
    rng = np.random.default_rng(3)
    A, B = rng.random((3, 4)) * 1e200, rng.random((3, 4)) * 1e-200
    g = sg.NormalFormGame.from_bimatrix(A, B)
    res = sg.solve(g, method=method)
    assert res.equilibria and not res.complete
    reference = sg.solve(g, method="enumerate")
    for eq in res.equilibria:
        assert g.is_nash(eq.strategies)
        assert any(
            all(
                np.allclose(s, t, atol=1e-9)
                for s, t in zip(eq.strategies, ref.strategies, strict=True)
            )
            for ref in reference.equilibria
        )


def test_a_failure_inside_nashpy_names_the_method(monkeypatch):
    def broken():
        raise TypeError("'NoneType' object is not subscriptable")

    with pytest.raises(
        SolverError, match=r"nashpy.s vertex_enumeration failed.*enumerate"
    ):
        nashpy_engines._collect(broken, "nashpy.vertex_enumeration")
