"""The numerics of the Markov logit homotopy for stochastic games: the
equations of Markov logit quantal response equilibria, their structured
Jacobian and its bordered linear systems, the predictor-corrector path
tracer, and Newton's method on the equilibrium conditions of fixed supports.
Used by :func:`stratgame.solvers.stochastic.solve_homotopy`, which certifies
what this module finds.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..games.stochastic import StochasticGame, joint_probabilities

__all__ = ["MarkovLogitSystem", "PathTracer"]

# Step control of the path tracer (Allgower & Georg 1990, Section 6.1): the
# largest first corrector step, largest contraction rate of the (chord)
# corrector, corrector iterations, smallest step, the smallest cosine between
# consecutive tangents (sharper turns are retried with a shorter step, so
# that the corrector cannot jump to another part of the path), the
# corrector's stopping size relative to the point (the path need not be
# followed to full precision: the end is polished by Newton's method on the
# equilibrium conditions and certified), and the largest step growth.
_MAX_DISTANCE = 0.4
_MAX_CONTRACTION = 0.8
_CORRECTOR_STEPS = 12
_MIN_STEP = 1e-10
_MIN_COSINE = 0.85
_CORRECTOR_TOL = 1e-6
_MAX_GROWTH = 2.0
# Newton's method on fixed supports: largest number of iterations (it stops
# early when the residual stops decreasing).
_POLISH_STEPS = 25


@dataclass(frozen=True)
class _Block:
    """The states of one action shape: scaled payoffs ``R (k, N, *shape)``,
    transitions ``T (k, *shape, S)``, the players' offsets within a state's
    ``m`` unknowns, and where the block starts in the unknown vector."""

    states: np.ndarray
    shape: tuple[int, ...]
    R: np.ndarray
    T: np.ndarray
    offsets: np.ndarray
    start: int

    @property
    def k(self) -> int:
        return len(self.states)

    @property
    def m(self) -> int:
        return int(self.offsets[-1])

    @property
    def span(self) -> slice:
        return slice(self.start, self.start + self.k * self.m)


@dataclass
class _Jacobian:
    """A Jacobian in its structure: per block, ``A (k, m, m)`` (state block
    by own unknowns), ``Bv (k, m, S*N)`` (by values), ``c (k, m)`` (by
    ``lam``, or None) and ``C (k, N, m)`` (value equations by the state's
    unknowns); ``D (S*N, S*N)`` the value equations by values."""

    blocks: list
    D: np.ndarray
    has_lam: bool


_AXES = "abcdefghijlmnopqrsuvwxyz"


@lru_cache(maxsize=256)
def _subscripts(n_players: int, keep: tuple[int, ...], trailing: bool) -> str:
    """The einsum contracting a ``(k, n_1, ..., n_N[, S])`` tensor with the
    mixed actions of every player not in ``keep``."""
    axes = _AXES[:n_players]
    tail = "t" if trailing else ""
    operands = [f"k{axes}{tail}"] + [
        f"k{axes[j]}" for j in range(n_players) if j not in keep
    ]
    return ",".join(operands) + "->k" + "".join(axes[j] for j in keep) + tail


def _keep(tensor: np.ndarray, sigma, keep: tuple[int, ...]) -> np.ndarray:
    """``tensor (k, *shape[, S])`` contracted with the mixed actions of every
    player not in ``keep``, keeping those players' axes in the given order."""
    trailing = tensor.ndim == len(sigma) + 2
    others = [sigma[j] for j in range(len(sigma)) if j not in keep]
    if not others:
        order = [0, *(j + 1 for j in keep)] + ([tensor.ndim - 1] if trailing else [])
        return tensor.transpose(order)
    return np.einsum(_subscripts(len(sigma), keep, trailing), tensor, *others)


def _cross(tensor: np.ndarray, sigma, i: int, j: int) -> np.ndarray:
    """``(k, n_i, n_j)``: ``tensor (k, *shape)`` contracted with every
    player's mixed action but ``i``'s and ``j``'s."""
    return _keep(tensor, sigma, (i, j))


class MarkovLogitSystem:
    """The Markov logit QRE equations ``H(y) = 0`` over all states at once.

    Unknowns ``y = (beta, V, lam)``: log-probabilities ``beta[s, i, a]``,
    values ``V[s, i]`` and the precision ``lam``, for payoffs rescaled per
    player to [0, 1]. For every state and player::

        beta[a] - beta[0] - lam (Q[a] - Q[0]) = 0     (a = 1, ..., n - 1)
        sum_a exp(beta[a]) - 1 = 0
        V - sum_a exp(beta[a]) Q[a] = 0

    ``Q[a]`` the action's value against the others' mixed actions with
    continuation values ``V`` (Eibelshäuser & Poensgen 2019). The Jacobian
    keeps its structure: per state a dense block in the state's own
    log-probabilities, a block coupling them with the values, and
    ``I - discount P`` among the values. Its bordered linear systems are
    solved by eliminating every state's block (batched small solves) and
    then one dense system in the ``n_states * n_players (+ 1)`` remaining
    unknowns.
    """

    def __init__(self, game: StochasticGame):
        self.n_states, self.n_players = game.n_states, game.n_players
        ranges = np.array(game.payoff_ranges)
        self.scale = np.where(ranges > 0, ranges, 1.0)
        self.low = np.array(
            [
                min(float(g.payoffs[:, i].min()) for g in game._groups)
                for i in range(game.n_players)
            ]
        )
        self.delta = game.discounts
        broadcast = (1, game.n_players) + (1,) * game.n_players
        blocks, start = [], 0
        for g in game._groups:
            offsets = np.concatenate([[0], np.cumsum(g.shape)]).astype(np.int64)
            R = (g.payoffs - self.low.reshape(broadcast)) / self.scale.reshape(
                broadcast
            )
            blocks.append(_Block(g.states, g.shape, R, g.transitions, offsets, start))
            start += len(g.states) * int(offsets[-1])
        self.blocks = blocks
        self.n_beta = start
        self.n_values = self.n_states * self.n_players
        self.size = start + self.n_values
        self._log_cutoff = -250.0 * np.log(10.0) / self.n_players
        self._value_rows = [
            (b.states[:, None] * self.n_players + np.arange(self.n_players)).ravel()
            for b in blocks
        ]

    # ------------------------------------------------------------- profiles
    def split(self, x, exp: bool) -> list[list[np.ndarray]]:
        """Per block, one ``(k, n_i)`` array per player from the first
        ``n_beta`` entries of ``x`` (exponentiated when ``exp``)."""
        out = []
        for b in self.blocks:
            block = x[b.span].reshape(b.k, b.m)
            parts = [
                block[:, o : o + n] for o, n in zip(b.offsets, b.shape, strict=False)
            ]
            out.append([self._probabilities(p) for p in parts] if exp else parts)
        return out

    def _probabilities(self, beta: np.ndarray) -> np.ndarray:
        """``exp(beta)``, with probabilities below ``10**(-250 / N)`` set to
        zero: products of N of them then never leave the normal float range
        (subnormal numbers slow arithmetic down a hundredfold), and they are
        far below what any equation can resolve."""
        with np.errstate(over="ignore"):
            sigma = np.exp(beta)
        sigma[beta < self._log_cutoff] = 0.0
        return sigma

    def by_state(self, per_block) -> list[list[np.ndarray]]:
        """Per-block arrays as ``out[s][i]``."""
        out: list = [None] * self.n_states
        for b, arrays in zip(self.blocks, per_block, strict=True):
            for r, s in enumerate(b.states):
                out[s] = [x[r] for x in arrays]
        return out

    def _induced(self, sigma):
        S, N = self.n_states, self.n_players
        r = np.empty((S, N))
        P = np.empty((S, S))
        for b, sig in zip(self.blocks, sigma, strict=True):
            joint = joint_probabilities(sig)
            r[b.states] = np.einsum("knj,kj->kn", b.R.reshape(b.k, N, -1), joint)
            P[b.states] = np.einsum(
                "kjt,kj->kt", b.T.reshape(b.k, joint.shape[1], S), joint
            )
        return r, P

    def values(self, sigma) -> np.ndarray:
        """Scaled values ``(S, N)`` of a per-block profile."""
        r, P = self._induced(sigma)
        return np.stack(
            [
                np.linalg.solve(np.eye(self.n_states) - d * P, r[:, i])
                for i, d in enumerate(self.delta)
            ],
            axis=1,
        )

    def start_point(self) -> np.ndarray:
        """Uniform play at ``lam = 0`` with its values."""
        y = np.zeros(self.size + 1)
        for b in self.blocks:
            beta = np.concatenate([np.full(n, -np.log(n)) for n in b.shape])
            y[b.span] = np.tile(beta, b.k)
        y[self.n_beta : self.size] = self.values(self.split(y, exp=True)).ravel()
        return y

    def _action_values(self, b: _Block, sig, V):
        continuation = (b.T.reshape(-1, self.n_states) @ V).reshape(
            *b.T.shape[:-1], self.n_players
        )
        U = [
            b.R[:, i] + self.delta[i] * continuation[..., i]
            for i in range(self.n_players)
        ]
        return U, [_keep(U[i], sig, (i,)) for i in range(self.n_players)]

    # ------------------------------------------------------------ equations
    def evaluate(self, y: np.ndarray, jacobian: bool = True):
        """``H(y)`` and (optionally) its structured Jacobian."""
        S, N = self.n_states, self.n_players
        V = y[self.n_beta : self.size].reshape(S, N)
        lam = y[-1]
        H = np.empty(self.size)
        H3 = np.empty((S, N))
        P = np.empty((S, S)) if jacobian else None
        pieces = []
        with np.errstate(over="ignore", invalid="ignore"):
            for b, sig, beta in zip(
                self.blocks,
                self.split(y, exp=True),
                self.split(y, exp=False),
                strict=True,
            ):
                k, m = b.k, b.m
                U, Q = self._action_values(b, sig, V)
                H1 = np.empty((k, m))
                for i in range(N):
                    o, n = int(b.offsets[i]), b.shape[i]
                    H1[:, o : o + n - 1] = (
                        beta[i][:, 1:]
                        - beta[i][:, :1]
                        - lam * (Q[i][:, 1:] - Q[i][:, :1])
                    )
                    H1[:, o + n - 1] = sig[i].sum(axis=1) - 1.0
                    H3[b.states, i] = V[b.states, i] - (sig[i] * Q[i]).sum(axis=1)
                H[b.span] = H1.ravel()
                if jacobian:
                    joint = joint_probabilities(sig)
                    P[b.states] = np.einsum(
                        "kjt,kj->kt", b.T.reshape(k, joint.shape[1], S), joint
                    )
                    pieces.append(self._logit_block(b, sig, U, Q, lam))
        H[self.n_beta :] = H3.ravel()
        if not jacobian:
            return H
        D = np.zeros((self.n_values, self.n_values))
        for i, d in enumerate(self.delta):
            D[i::N, i::N] = np.eye(S) - d * P
        return H, _Jacobian(pieces, D, has_lam=True)

    def _logit_block(self, b: _Block, sig, U, Q, lam):
        S, N = self.n_states, self.n_players
        k, m = b.k, b.m
        A = np.zeros((k, m, m))
        Bv = np.zeros((k, m, S, N))
        c = np.zeros((k, m))
        C = np.zeros((k, N, m))
        for i in range(N):
            o, n = int(b.offsets[i]), b.shape[i]
            rows = np.arange(o, o + n - 1)
            A[:, rows, rows + 1] += 1.0
            A[:, rows, o] -= 1.0
            A[:, o + n - 1, o : o + n] = sig[i]
            M = _keep(b.T, sig, (i,))  # (k, n_i, S)
            Bv[:, o : o + n - 1, :, i] = -lam * self.delta[i] * (M[:, 1:] - M[:, :1])
            c[:, o : o + n - 1] = -(Q[i][:, 1:] - Q[i][:, :1])
            C[:, i, o : o + n] = -sig[i] * Q[i]
            for j in range(N):
                if j == i:
                    continue
                oj, nj = int(b.offsets[j]), b.shape[j]
                Dij = _cross(U[i], sig, i, j)
                A[:, o : o + n - 1, oj : oj + nj] = (
                    -lam * (Dij[:, 1:] - Dij[:, :1]) * sig[j][:, None, :]
                )
                C[:, i, oj : oj + nj] = -np.einsum("ka,kab->kb", sig[i], Dij) * sig[j]
        return A, Bv.reshape(k, m, S * N), c, C

    def support_equations(self, x: np.ndarray, masks, first):
        """The equilibrium conditions of fixed supports and their Jacobian.

        Unknowns ``x = (sigma, V)`` in the layout of ``(beta, V)``. For every
        state and player, with ``first`` its reference action in the
        support: ``Q[a] - Q[first] = 0`` for the other supported actions,
        ``sigma[a] = 0`` off the support, probabilities summing to one (in
        the reference action's row), and ``V - Q[first] = 0``.
        """
        S, N = self.n_states, self.n_players
        V = x[self.n_beta : self.size].reshape(S, N)
        residual = np.empty(self.size)
        H3 = np.empty((S, N))
        D = np.eye(self.n_values)
        pieces = []
        for b, sig, mask, ref in zip(
            self.blocks, self.split(x, exp=False), masks, first, strict=True
        ):
            k, m = b.k, b.m
            rows_k = np.arange(k)
            U, Q = self._action_values(b, sig, V)
            H1 = np.empty((k, m))
            A = np.zeros((k, m, m))
            Bv = np.zeros((k, m, S, N))
            C = np.zeros((k, N, m))
            for i in range(N):
                o, n = int(b.offsets[i]), b.shape[i]
                own = mask[:, o : o + n]
                a0 = ref[:, i]
                compare = own.copy()
                compare[rows_k, a0] = False
                q0 = Q[i][rows_k, a0]
                H1[:, o : o + n] = np.where(
                    compare, Q[i] - q0[:, None], np.where(own, 0.0, sig[i])
                )
                H1[rows_k, o + a0] = (sig[i] * own).sum(axis=1) - 1.0
                H3[b.states, i] = V[b.states, i] - q0
                diagonal = np.arange(o, o + n)
                A[:, diagonal, diagonal] = (~own).astype(np.float64)
                A[rows_k, o + a0, o : o + n] = own
                M = _keep(b.T, sig, (i,))
                M0 = M[rows_k, a0]
                Bv[:, o : o + n, :, i] = (
                    self.delta[i] * (M - M0[:, None, :]) * compare[..., None]
                )
                value_rows = b.states * N + i
                D[np.ix_(value_rows, np.arange(S) * N + i)] -= self.delta[i] * M0
                for j in range(N):
                    if j == i:
                        continue
                    oj, nj = int(b.offsets[j]), b.shape[j]
                    Dij = _cross(U[i], sig, i, j)
                    D0 = Dij[rows_k, a0]
                    A[:, o : o + n, oj : oj + nj] = (Dij - D0[:, None, :]) * compare[
                        ..., None
                    ]
                    C[:, i, oj : oj + nj] = -D0
            residual[b.span] = H1.ravel()
            pieces.append((A, Bv.reshape(k, m, S * N), None, C))
        residual[self.n_beta :] = H3.ravel()
        return residual, _Jacobian(pieces, D, has_lam=False)

    # -------------------------------------------------------- linear algebra
    def factor(self, jacobian: _Jacobian, border=None) -> _Factored:
        """Factor the (bordered) Jacobian for repeated solves."""
        return _Factored(self, jacobian, border)

    def dense(self, jacobian: _Jacobian) -> np.ndarray:
        """The Jacobian as a dense matrix (``size`` columns, plus one for
        ``lam`` when it has that column)."""
        N = self.n_players
        width = self.size + (1 if jacobian.has_lam else 0)
        J = np.zeros((self.size, width))
        for b, (A, Bv, c, C) in zip(self.blocks, jacobian.blocks, strict=True):
            for r in range(b.k):
                span = slice(b.start + r * b.m, b.start + (r + 1) * b.m)
                J[span, span] = A[r]
                J[span, self.n_beta : self.size] = Bv[r]
                if c is not None:
                    J[span, -1] = c[r]
                row = self.n_beta + int(b.states[r]) * N
                J[row : row + N, span] = C[r]
        J[self.n_beta :, self.n_beta : self.size] = jacobian.D
        return J

    def sparse(self, jacobian: _Jacobian, border=None):
        """The (bordered) Jacobian as a sparse CSC matrix."""
        from scipy.sparse import coo_matrix

        N = self.n_players
        rows, cols, data = [], [], []

        def add(r, c, v):
            r, c, v = np.broadcast_arrays(r, c, v)
            keep = v != 0
            rows.append(r[keep])
            cols.append(c[keep])
            data.append(v[keep])

        for b, (A, Bv, c, C) in zip(self.blocks, jacobian.blocks, strict=True):
            base = b.start + np.arange(b.k)[:, None] * b.m + np.arange(b.m)[None, :]
            add(base[:, :, None], base[:, None, :], A)
            add(base[:, :, None], self.n_beta + np.arange(self.n_values), Bv)
            if c is not None:
                add(base, self.size, c)
            value_rows = self.n_beta + b.states[:, None] * N + np.arange(N)
            add(value_rows[:, :, None], base[:, None, :], C)
        V = self.n_beta + np.arange(self.n_values)
        add(V[:, None], V[None, :], jacobian.D)
        dim = self.size + (1 if jacobian.has_lam else 0)
        height = self.size
        if border is not None:
            add(self.size, np.arange(len(border)), border)
            height += 1
        return coo_matrix(
            (np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))),
            shape=(height, dim),
        ).tocsc()

    def matvec(self, jacobian: _Jacobian, border, z) -> np.ndarray:
        """``[J; border^T] z`` from the structured pieces."""
        out = np.empty(len(z))
        zV = z[self.n_beta : self.size]
        value_rows = jacobian.D @ zV
        for b, rows, (A, Bv, c, C) in zip(
            self.blocks, self._value_rows, jacobian.blocks, strict=True
        ):
            zb = z[b.span].reshape(b.k, b.m)
            part = np.einsum("kij,kj->ki", A, zb) + Bv @ zV
            if c is not None:
                part += c * z[self.size]
            out[b.span] = part.ravel()
            value_rows[rows] += np.einsum("knm,km->kn", C, zb).ravel()
        out[self.n_beta : self.size] = value_rows
        if border is not None:
            out[-1] = border @ z
        return out


#: Whole-matrix factorizations up to this size are dense LU (LAPACK).
_DENSE_WHOLE = 4000


class _DenseLU:
    """A dense LU factorization with the ``solve`` of SuperLU's factors;
    a singular matrix gives NaN solutions, as the singular case does."""

    def __init__(self, matrix: np.ndarray):
        from scipy.linalg import LinAlgWarning, lu_factor

        with warnings.catch_warnings():
            # an exactly singular matrix is this class's business (below)
            warnings.simplefilter("ignore", LinAlgWarning)
            self.lu = lu_factor(matrix, check_finite=False)
        diagonal = np.abs(np.diag(self.lu[0]))
        self.singular = diagonal.min() <= 1e-14 * max(diagonal.max(), 1e-300)

    def solve(self, rhs: np.ndarray) -> np.ndarray:
        from scipy.linalg import lu_solve

        if self.singular:
            return np.full(len(rhs), np.nan)
        return lu_solve(self.lu, rhs, check_finite=False)


class _Factored:
    """A factored (bordered) structured Jacobian: each state block's inverse
    and its products with the value columns, and the LU factors of the
    reduced system in the values (and ``lam``). Falls back to a sparse LU
    factorization of the whole matrix (SuperLU) when a state block is
    singular, as when a player mixes in a state only because of what
    follows; a singular matrix gives non-finite solutions, which the callers
    reject."""

    def __init__(
        self, system: MarkovLogitSystem, jacobian: _Jacobian, border, whole=False
    ):
        from scipy.linalg import lu_factor

        self.system, self.jacobian, self.border = system, jacobian, border
        self.bordered = border is not None
        SN = system.n_values
        dim = SN + (1 if self.bordered else 0)
        self.whole = None
        try:
            if whole:
                raise np.linalg.LinAlgError("a factorization of the whole matrix")
            with np.errstate(divide="raise", over="raise", invalid="raise"):
                K = np.zeros((dim, dim))
                K[:SN, :SN] = jacobian.D
                if self.bordered:
                    K[SN, :SN] = border[system.n_beta : system.size]
                    K[SN, SN] = border[-1]
                self.eliminated = []
                for b, rows, (A, Bv, c, C) in zip(
                    system.blocks, system._value_rows, jacobian.blocks, strict=True
                ):
                    if not (np.isfinite(A).all() and np.isfinite(Bv).all()):
                        raise np.linalg.LinAlgError("non-finite Jacobian block")
                    inverse = np.linalg.inv(A)
                    aB = inverse @ Bv
                    K[rows, :SN] -= (C @ aB).reshape(-1, SN)
                    ac = None
                    if self.bordered:
                        ac = np.einsum("kij,kj->ki", inverse, c)
                        t = border[b.span].reshape(b.k, b.m)
                        K[rows, SN] -= np.einsum("knm,km->kn", C, ac).ravel()
                        K[SN, :SN] -= np.einsum("km,kmn->n", t, aB)
                        K[SN, SN] -= float((t * ac).sum())
                    self.eliminated.append((inverse, aB, ac))
                self.lu = lu_factor(K, check_finite=True)
            if (
                not np.all(np.isfinite(self.lu[0]))
                or np.abs(np.diag(self.lu[0])).min()
                <= 1e-14 * np.abs(np.diag(self.lu[0])).max()
            ):
                raise np.linalg.LinAlgError("reduced system singular")
        except (np.linalg.LinAlgError, FloatingPointError, ValueError):
            from scipy.sparse.linalg import splu

            matrix = system.sparse(jacobian, border)
            if not np.isfinite(matrix.data).all():  # SuperLU would crash on NaN
                self.whole = "singular"
                return
            if matrix.shape[0] <= _DENSE_WHOLE:
                # dense LU: SuperLU has crashed (segfault) on some of these
                self.whole = _DenseLU(matrix.toarray())
                return
            try:
                self.whole = splu(matrix)
            except RuntimeError:  # exactly singular
                self.whole = "singular"

    def solve(self, rhs: np.ndarray) -> np.ndarray:
        from scipy.linalg import lu_solve

        if isinstance(self.whole, str):
            return np.full(len(rhs), np.nan)
        if self.whole is not None:
            return self.whole.solve(rhs)
        system = self.system
        SN = system.n_values
        reduced = np.empty(SN + (1 if self.bordered else 0))
        reduced[:SN] = rhs[system.n_beta : system.size]
        if self.bordered:
            reduced[SN] = rhs[-1]
        firsts = []
        for b, rows, (inverse, _, _), (_, _, _, C) in zip(
            system.blocks,
            system._value_rows,
            self.eliminated,
            self.jacobian.blocks,
            strict=True,
        ):
            a1 = np.einsum("kij,kj->ki", inverse, rhs[b.span].reshape(b.k, b.m))
            reduced[rows] -= np.einsum("knm,km->kn", C, a1).ravel()
            if self.bordered:
                t = self.border[b.span].reshape(b.k, b.m)
                reduced[SN] -= float((t * a1).sum())
            firsts.append(a1)
        tail = lu_solve(self.lu, reduced, check_finite=False)
        z = np.empty(len(rhs))
        z[system.n_beta : system.size] = tail[:SN]
        if self.bordered:
            z[-1] = tail[SN]
        for b, a1, (_, aB, ac) in zip(
            system.blocks, firsts, self.eliminated, strict=True
        ):
            block = a1 - aB @ tail[:SN]
            if self.bordered:
                block -= ac * tail[SN]
            z[b.span] = block.ravel()
        return z

    def accurate(self, z, rhs, tol: float = 1e-8) -> bool:
        """True when ``z`` solves the system to ``tol`` (relative)."""
        error = self.system.matvec(self.jacobian, self.border, z) - rhs
        return bool(np.abs(error).max() <= tol * max(1.0, np.abs(rhs).max()))


class PathTracer:
    """Predictor-corrector tracing of the principal branch from ``lam = 0``
    (Allgower & Georg 1990, Algorithm 6.1.10 with the step control of
    Section 6.1): Euler predictor along the tangent; chord-Newton corrector
    orthogonal to it, reusing the factored Jacobian of the last point on the
    path; tangents from the bordered Jacobian, which keeps the direction
    through turning points of ``lam``."""

    def __init__(self, system: MarkovLogitSystem, step: float = 0.2):
        self.system = system
        self.point = system.start_point()
        unit = np.zeros(system.size + 1)
        unit[-1] = 1.0
        self.tangent, self.factored = self._tangent(self.point, unit)
        self.step = step
        self.steps = 0
        self.curvature = np.zeros(system.size + 1)

    @property
    def lam(self) -> float:
        return float(self.point[-1])

    def _tangent(self, point, previous):
        """The unit tangent at ``point`` pointing along ``previous``, and the
        Jacobian there factored with ``previous`` as border."""
        _, jacobian = self.system.evaluate(point)
        factored = self.system.factor(jacobian, previous)
        unit = np.zeros(self.system.size + 1)
        unit[-1] = 1.0
        z = factored.solve(unit)
        if factored.whole is None and not factored.accurate(z, unit):
            factored = _Factored(self.system, jacobian, previous, whole=True)
            z = factored.solve(unit)
        return z / np.linalg.norm(z), factored

    def advance(self) -> bool:
        """One accepted step; False when the step size collapsed."""
        while self.step >= _MIN_STEP:
            step = self.step
            # Second-order predictor: the curvature estimated from the last
            # two tangents (Allgower & Georg 1990, Section 6.3).
            predicted = (
                self.point + step * self.tangent + 0.5 * step**2 * self.curvature
            )
            corrected = self._correct(predicted)
            if corrected is None:
                self.step = step / 2
                continue
            point, distance, contraction = corrected
            tangent, factored = self._tangent(point, self.tangent)
            if not np.all(np.isfinite(tangent)) or tangent @ self.tangent < _MIN_COSINE:
                self.step = step / 2
                continue
            self.curvature = (tangent - self.tangent) / np.linalg.norm(
                point - self.point
            )
            self.point, self.tangent, self.factored = point, tangent, factored
            self.steps += 1
            slowdown = max(
                np.sqrt(distance / _MAX_DISTANCE), contraction / _MAX_CONTRACTION
            )
            self.step = step / min(max(slowdown, 1 / _MAX_GROWTH), 2.0)
            return True
        return False

    def _correct(self, point):
        """Chord-Newton corrector; None when it diverges or contracts too
        slowly. Returns the point, the length of the first correction and the
        largest contraction rate."""
        first = previous = None
        contraction = 0.0
        rhs = np.zeros(self.system.size + 1)
        for _ in range(_CORRECTOR_STEPS):
            H = self.system.evaluate(point, jacobian=False)
            if not np.all(np.isfinite(H)):
                return None
            rhs[: self.system.size] = -H
            delta = self.factored.solve(rhs)
            size = float(np.linalg.norm(delta))
            if not np.isfinite(size):
                return None
            first = size if first is None else first
            if first > _MAX_DISTANCE:
                return None
            point = point + delta
            rounding = _CORRECTOR_TOL * max(1.0, float(np.linalg.norm(point)))
            if size <= rounding:
                return point, first, contraction
            if previous is not None and previous > 100 * rounding:
                contraction = max(contraction, size / previous)
                if contraction > _MAX_CONTRACTION:
                    return None
            previous = size
        return None


def support_masks(system: MarkovLogitSystem, y):
    """Candidate supports of the limit equilibrium, per block ``(k, m)``
    masks: the actions whose log-probability is within ``cut`` of their
    player's most likely one (at a QRE, ``lam`` times the payoff gap). Wide
    cuts keep actions whose gap vanishes in the limit."""
    beta = system.split(y, exp=False)
    seen = set()
    for cut in (3.0, 7.0, 12.0, 20.0, 30.0):
        masks = [
            np.concatenate(
                [w >= w.max(axis=1, keepdims=True) - cut for w in parts], axis=1
            )
            for parts in beta
        ]
        key = b"".join(np.packbits(m).tobytes() for m in masks)
        if key not in seen:
            seen.add(key)
            yield masks


def polish(system: MarkovLogitSystem, y, masks):
    """Newton's method on the equilibrium conditions of the supports
    ``masks``, from the QRE ``y``. Returns per-block strategies, or None
    when it fails or leaves the simplex."""
    sigma = system.split(y, exp=True)
    first = []
    x = np.zeros(system.size)
    for b, sig, mask in zip(system.blocks, sigma, masks, strict=True):
        refs = []
        parts = []
        for i, s in enumerate(sig):
            o, n = int(b.offsets[i]), b.shape[i]
            kept = np.where(mask[:, o : o + n], s, 0.0)
            kept /= kept.sum(axis=1, keepdims=True)
            refs.append(kept.argmax(axis=1))
            parts.append(kept)
        first.append(np.stack(refs, axis=1))
        x[b.span] = np.concatenate(parts, axis=1).ravel()
    x[system.n_beta :] = system.values(system.split(x, exp=False)).ravel()
    previous = np.inf
    for _ in range(_POLISH_STEPS):
        residual, jacobian = system.support_equations(x, masks, first)
        norm = float(np.abs(residual).max())
        if not np.isfinite(norm) or (norm >= previous and norm > 1e-12):
            return None
        if norm <= 1e-14:
            break
        previous = norm
        delta = system.factor(jacobian).solve(-residual)
        if not np.all(np.isfinite(delta)):
            return None
        x += delta
        if np.abs(delta).max() <= 1e-15 * max(1.0, np.abs(x).max()):
            break
    strategies = system.split(x, exp=False)
    if any(p.min() < -1e-12 for parts in strategies for p in parts):
        return None
    return [[np.clip(p, 0.0, None) for p in parts] for parts in strategies]
