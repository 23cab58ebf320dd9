"""Evolutionary stability: ESS tests and the rest points of the replicator
dynamics with their linear stability, for two-player games.

A strategy ``p`` of a symmetric game with payoff matrix ``A`` is
evolutionarily stable (Maynard Smith & Price 1973) when for every mutant
``q != p`` either ``q.Ap < p.Ap``, or ``q.Ap = p.Ap`` and ``q.Aq < p.Aq``.
Checking pure mutants only is not enough in general (a mixture of alternative
best replies can invade), so :func:`is_ess` uses the exact finite test
below.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np

from .._validation import check_real
from ..exceptions import DegenerateGameWarning, InvalidGameError, InvalidProfileError
from ._linear import face_solution
from ._populations import PopulationModel, check_game
from .results import RestPoint

__all__ = ["is_ess", "replicator_jacobian", "replicator_rest_points"]


def _symmetric_payoffs(game, owner: str) -> np.ndarray:
    check_game(game, owner)
    if game.n_players != 2 or not game.is_symmetric():
        raise InvalidGameError(
            f"{owner} needs a symmetric two-player game (payoffs B = A^T); got "
            f"{game!r}."
        )
    return np.asarray(game.float_payoff_arrays[0])


def _has_positive_vector(basis: np.ndarray) -> bool:
    """True when the column span of ``basis`` holds a vector with every entry
    positive (a linear feasibility problem: ``basis @ c >= 1``)."""
    if basis.shape[1] == 1:
        v = basis[:, 0]
        return bool(np.all(v > 0) or np.all(v < 0))
    from scipy.optimize import linprog

    k = basis.shape[1]
    result = linprog(
        np.zeros(k),
        A_ub=-basis,
        b_ub=-np.ones(len(basis)),
        bounds=(None, None),
        method="highs",
    )
    return result.status == 0


def _strictly_copositive(C: np.ndarray, tol: float) -> bool:
    """Whether ``v.Cv > 0`` for every nonzero ``v >= 0``.

    Kaplan (2000, *Linear Algebra Appl.* 313: 203–206): a symmetric matrix is
    strictly copositive iff no principal submatrix has an eigenvector with
    all entries positive whose eigenvalue is ``<= 0``. All ``2^e - 1``
    principal submatrices are checked; eigenvalues within ``tol`` of each
    other are treated as one eigenspace.
    """
    e = C.shape[0]
    for size in range(1, e + 1):
        for subset in itertools.combinations(range(e), size):
            values, vectors = np.linalg.eigh(C[np.ix_(subset, subset)])
            start = 0
            while start < size and values[start] <= tol:
                stop = start + 1
                while stop < size and values[stop] - values[start] <= tol:
                    stop += 1
                if _has_positive_vector(vectors[:, start:stop]):
                    return False
                start = stop
    return True


def is_ess(game, strategy, tol: float = 1e-9) -> bool:
    """Whether ``strategy`` is an evolutionarily stable strategy of a symmetric
    two-player game.

    The test is exact against *all* mutants, pure and mixed. With payoff
    matrix ``A``, ``S`` the support of ``p`` and ``B`` its pure best replies:

    1. ``p`` must be a symmetric Nash equilibrium: ``(Ap)_k <= p.Ap`` for
       all ``k``.
    2. Mutants that do as well against ``p`` are the ``q`` supported on
       ``B``; writing ``z = q - p``, ``p`` beats them all exactly when
       ``z.Az < 0`` for every nonzero ``z`` with ``sum(z) = 0``, ``z_k = 0``
       off ``B`` and ``z_k >= 0`` on ``B \\ S`` (Haigh 1975, *Adv. Appl.
       Prob.* 7: 8–11, as corrected by Abakuks 1980, *J. Appl. Prob.* 17:
       559–562; Bomze 1986, *Int. J. Game Theory* 15: 31–57).

    Condition 2 is decided by eliminating the free coordinates on ``S``
    (the quadratic form there must be negative definite) and testing the
    Schur complement on ``B \\ S`` for strict copositivity (Kaplan 2000),
    which costs ``2^|B \\ S|`` small eigenproblems; for a pure ``p`` with a
    single alternative best reply ``j`` it reduces to Maynard Smith's
    ``a_pj > a_jj``. Payoff equalities use ``tol * game.payoff_scale``.

    Parameters
    ----------
    game : NormalFormGame
        A symmetric two-player game.
    strategy : array_like, int or str
        A mixed strategy, or an action index or label.
    tol : float
        Relative tolerance.

    Returns
    -------
    bool

    Examples
    --------
    Hawk–dove with V = 2, C = 4: the mixed ESS plays hawk with probability
    V/C; pure hawk is not stable. In rock–paper–scissors the uniform
    equilibrium is only neutrally stable.

    >>> import stratgame as sg
    >>> hawk_dove = sg.NormalFormGame.from_bimatrix([[-1, 2], [0, 1]],
    ...                                             [[-1, 0], [2, 1]])
    >>> is_ess(hawk_dove, [0.5, 0.5]), is_ess(hawk_dove, 0)
    (True, False)
    >>> rps = sg.NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    >>> is_ess(rps, [1/3, 1/3, 1/3])
    False
    """
    owner = "is_ess"
    A = _symmetric_payoffs(game, owner)
    tol = float(check_real(tol, "tol", owner, low=0))
    if isinstance(strategy, np.ndarray) and strategy.ndim != 1:
        raise InvalidProfileError(
            f"{owner}: strategy must be one mixed strategy (a vector of length "
            f"{A.shape[0]}), an action index or a label; got shape {strategy.shape}."
        )
    p = np.asarray(game.as_profile([strategy, strategy])[0], dtype=np.float64)
    atol = tol * max(game.payoff_scale, 1e-300)
    values = A @ p
    value = p @ values
    if values.max() > value + atol:
        return False
    support = np.flatnonzero(p > tol)
    extra = np.setdiff1d(np.flatnonzero(values >= value - atol), support)
    first, free = support[0], support[1:]
    n = len(p)
    directions = np.zeros((n, len(free) + len(extra)))
    for column, k in enumerate(np.concatenate([free, extra])):
        directions[k, column] = 1.0
        directions[first, column] = -1.0
    form = -directions.T @ ((A + A.T) / 2) @ directions  # must be > 0 on the cone
    m = len(free)
    if m:
        if np.linalg.eigvalsh(form[:m, :m]).min() <= atol:
            return False
        if not len(extra):
            return True
        schur = form[m:, m:] - form[m:, :m] @ np.linalg.solve(
            form[:m, :m], form[:m, m:]
        )
    elif not len(extra):
        return True
    else:
        schur = form
    return _strictly_copositive((schur + schur.T) / 2, atol)


def _tangent_basis(n: int) -> np.ndarray:
    """An orthonormal basis (columns) of ``{z in R^n : sum(z) = 0}``."""
    q, _ = np.linalg.qr(np.eye(n)[:, 1:] - np.eye(n)[:, :1])
    return q


def _full_jacobian(model: PopulationModel, y: np.ndarray) -> np.ndarray:
    """Jacobian of the replicator field in the ambient coordinates."""
    A = model.payoffs[0]
    if model.single:
        f = A @ y
        phi = y @ f
        return np.diag(f - phi) + y[:, None] * (A - (f + A.T @ y)[None, :])
    B = model.game.float_payoff_arrays[1]
    n = model.sizes[0]
    x, z = y[:n], y[n:]
    fx, fz = A @ z, B.T @ x
    phi_x, phi_z = x @ fx, z @ fz
    return np.block(
        [
            [
                np.diag(fx - phi_x) - x[:, None] * fx[None, :],
                x[:, None] * (A - (A.T @ x)[None, :]),
            ],
            [
                z[:, None] * (B.T - (B @ z)[None, :]),
                np.diag(fz - phi_z) - z[:, None] * fz[None, :],
            ],
        ]
    )


def _restricted_jacobian(model: PopulationModel, y: np.ndarray) -> np.ndarray:
    from scipy.linalg import block_diag

    V = block_diag(*[_tangent_basis(n) for n in model.sizes])
    return V.T @ _full_jacobian(model, y) @ V


def _two_player_model(game, populations: str, owner: str) -> PopulationModel:
    check_game(game, owner)
    if game.n_players != 2:
        raise InvalidGameError(
            f"{owner} handles two-player games; got {game.n_players} players."
        )
    return PopulationModel(game, populations, owner)


def replicator_jacobian(game, state, populations: str = "auto") -> np.ndarray:
    """Jacobian of the replicator dynamics at ``state``, restricted to the
    tangent space of the simplex (one population) or product of simplices
    (one per player), in an orthonormal basis of that space.

    Its eigenvalues decide the linear stability of a rest point (Hofbauer &
    Sigmund 1998, ch. 7 and 10).

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    state : strategy or profile
        One strategy for a single population, one per player otherwise.
    populations : {"auto", "single", "per_player"}

    Returns
    -------
    numpy.ndarray
        Square, of size ``sum(n_k - 1)``.

    Examples
    --------
    At the uniform state of rock–paper–scissors the eigenvalues are
    ``±i/sqrt(3)``: a centre.

    >>> import numpy as np, stratgame as sg
    >>> rps = sg.NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    >>> J = replicator_jacobian(rps, [1/3, 1/3, 1/3])
    >>> np.sort_complex(np.linalg.eigvals(J)).round(4)
    array([0.-0.5774j, 0.+0.5774j])
    """
    model = _two_player_model(game, populations, "replicator_jacobian")
    return _restricted_jacobian(model, model.initial_state(state))


def _classify(eigenvalues: np.ndarray, tol: float) -> str:
    if len(eigenvalues) == 0:
        return "stable"
    top = eigenvalues.real.max()
    if top > tol:
        return "unstable"
    return "stable" if top < -tol else "non-hyperbolic"


def _nonempty_subsets(n: int):
    for size in range(1, n + 1):
        yield from (np.array(s) for s in itertools.combinations(range(n), size))


def replicator_rest_points(
    game, populations: str = "auto", tol: float = 1e-9
) -> tuple[RestPoint, ...]:
    """Every isolated rest point of the replicator dynamics of a two-player
    game, with the eigenvalues of its Jacobian.

    A state is at rest when every strategy in use earns the same payoff in
    its population. For each support (one population) or pair of supports
    (one per player) that linear system is solved; a unique solution with
    every used share positive is a rest point (Hofbauer & Sigmund 1998,
    ch. 7 and 10; Zeeman 1980). Stability comes from the eigenvalues of
    :func:`replicator_jacobian`: ``"stable"`` when every real part is
    negative (asymptotically stable), ``"unstable"`` when one is positive,
    ``"non-hyperbolic"`` otherwise (linearization cannot decide, as at the
    centre of rock–paper–scissors).

    Degenerate games can have rest points in continua (lines, faces); those
    are not listed, and a :class:`DegenerateGameWarning` names the supports
    where they may lie. Cost: ``2^n`` supports for one population,
    ``(2^n1 - 1)(2^n2 - 1)`` pairs otherwise.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    populations : {"auto", "single", "per_player"}
    tol : float
        Shares above ``tol`` count as used; eigenvalues within
        ``tol * game.payoff_scale`` of zero count as zero.

    Returns
    -------
    tuple of RestPoint
        Sorted by support size, then lexicographically.

    Examples
    --------
    Stag hunt as one population: the two pure states are stable, the mixed
    one (3/4 stag) is unstable and separates their basins.

    >>> import stratgame as sg
    >>> stag_hunt = sg.NormalFormGame.from_bimatrix([[4, 0], [3, 3]],
    ...                                             [[4, 3], [0, 3]])
    >>> [(p.state[0].round(3).tolist(), p.stability)
    ...  for p in replicator_rest_points(stag_hunt)]
    [([1.0, 0.0], 'stable'), ([0.0, 1.0], 'stable'), ([0.75, 0.25], 'unstable')]
    """
    owner = "replicator_rest_points"
    model = _two_player_model(game, populations, owner)
    tol = float(check_real(tol, "tol", owner, low=0))
    A = model.payoffs[0]
    sizes = model.sizes
    found, unresolved = [], []
    if model.single:
        for S in _nonempty_subsets(sizes[0]):
            kind, w = face_solution(A[np.ix_(S, S)], tol)
            if kind == "continuum":
                unresolved.append((S.tolist(),))
            elif kind == "unique":
                x = np.zeros(sizes[0])
                x[S] = w
                found.append(x)
    else:
        B = game.float_payoff_arrays[1]
        for S in _nonempty_subsets(sizes[0]):
            for T in _nonempty_subsets(sizes[1]):
                kind_y, y = face_solution(A[np.ix_(S, T)], tol)
                kind_x, x = face_solution(B[np.ix_(S, T)].T, tol)
                if "none" in (kind_x, kind_y):
                    continue
                if "continuum" in (kind_x, kind_y):
                    unresolved.append((S.tolist(), T.tolist()))
                    continue
                state = np.zeros(model.dimension)
                state[S] = x
                state[sizes[0] + T] = y
                found.append(state)
    if unresolved:
        warnings.warn(
            f"{owner}: the supports {unresolved} may hold rest points that are not "
            "isolated (the game is degenerate there); they are not listed.",
            DegenerateGameWarning,
            stacklevel=2,
        )
    eig_tol = tol * max(game.payoff_scale, 1e-300)
    points = []
    for y in found:
        jacobian = _restricted_jacobian(model, y)
        eigenvalues = np.linalg.eigvals(jacobian)
        eigenvalues = eigenvalues[np.argsort(-eigenvalues.real, kind="stable")]
        parts = model.split(y)
        points.append(
            RestPoint(
                state=tuple(p.copy() for p in parts),
                profile=model.profile(y),
                support=tuple(np.flatnonzero(p > tol) for p in parts),
                eigenvalues=eigenvalues,
                stability=_classify(eigenvalues, eig_tol),
                regret=model.regret(y),
                jacobian=jacobian,
            )
        )
    return tuple(points)
