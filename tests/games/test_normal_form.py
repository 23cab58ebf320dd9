"""NormalFormGame: construction, validation, payoffs, regret, classes."""

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import stratgame as sg
from stratgame import InvalidGameError, InvalidProfileError

PD = ([[3, 0], [5, 1]], [[3, 5], [0, 1]])  # (T, R, P, S) = (5, 3, 1, 0)


def prisoners_dilemma():
    return sg.NormalFormGame.from_bimatrix(
        *PD,
        players=("US", "China"),
        actions=(("cooperate", "defect"), ("cooperate", "defect")),
    )


class TestConstruction:
    def test_list_and_stacked_forms_agree(self):
        rng = np.random.default_rng(0)
        arrays = [rng.random((2, 3, 4)) for _ in range(3)]
        a = sg.NormalFormGame(arrays)
        b = sg.NormalFormGame(np.stack(arrays, axis=-1))
        assert a == b
        assert a.shape == (2, 3, 4) and a.n_players == 3

    def test_default_labels(self):
        g = sg.NormalFormGame.from_bimatrix(np.zeros((2, 3)))
        assert g.players == ("P1", "P2")
        assert g.actions == (("a1", "a2"), ("a1", "a2", "a3"))

    def test_bimatrix_without_b_is_zero_sum(self):
        g = sg.NormalFormGame.from_bimatrix([[1, -2], [0, 4]])
        assert g.is_zero_sum()
        np.testing.assert_array_equal(g.payoff_arrays[1], [[-1, 2], [0, -4]])

    def test_ints_stay_exact(self):
        g = prisoners_dilemma()
        assert g.is_exact and g.payoff_arrays[0].dtype == np.int64

    def test_fractions_and_decimals_stay_exact(self):
        g = sg.NormalFormGame.from_bimatrix(
            [[Fraction(1, 3), Decimal("0.1")], [1, 2]], [[0, 0], [0, 0]]
        )
        assert g.is_exact
        assert g.payoff_arrays[0][0, 1] == Fraction(1, 10)
        values = g.expected_payoffs(([Fraction(1, 2), Fraction(1, 2)], [1, 0]))
        assert values[0] == Fraction(2, 3)

    def test_floats_make_a_float_game(self):
        g = sg.NormalFormGame.from_bimatrix([[0.5, 1], [1, 2]])
        assert not g.is_exact and g.payoff_arrays[0].dtype == np.float64

    def test_payoff_arrays_are_read_only(self):
        g = prisoners_dilemma()
        with pytest.raises(ValueError):
            g.payoff_arrays[0][0, 0] = 7


class TestValidation:
    @pytest.mark.parametrize(
        ("payoffs", "message"),
        [
            ([np.zeros((2, 2)), np.zeros((2, 3))], "same shape"),
            ([np.zeros((2, 2))], "need 1 axes"),
            ([np.zeros((2, 0)), np.zeros((2, 0))], "at least one action"),
            ([], "at least one player"),
            (np.zeros((2, 2, 3)), "last axis"),
            ([[["a", "b"], ["c", "d"]], np.zeros((2, 2))], "real numbers"),
            ([np.zeros((2, 2)), np.full((2, 2), 1j)], "real numbers"),
        ],
    )
    def test_bad_payoffs(self, payoffs, message):
        with pytest.raises(InvalidGameError, match=message):
            sg.NormalFormGame(payoffs)

    def test_non_finite_payoff_names_player_and_entry(self):
        b = np.zeros((2, 2))
        b[1, 0] = np.nan
        with pytest.raises(InvalidGameError, match=r"entry \(1, 0\) of player 1"):
            sg.NormalFormGame([np.zeros((2, 2)), b])

    def test_invalid_game_error_is_value_error(self):
        with pytest.raises(ValueError):
            sg.NormalFormGame([np.zeros((2, 2)), np.full((2, 2), np.inf)])

    @pytest.mark.parametrize(
        ("labels", "message"),
        [
            ({"players": ("A",)}, "2 labels"),
            ({"players": ("A", "A")}, "twice"),
            ({"actions": (("x", "y"),)}, "one sequence of labels per player"),
            ({"actions": (("x",), ("u", "v"))}, "2 labels"),
            ({"actions": (("x", "x"), ("u", "v"))}, "twice"),
        ],
    )
    def test_bad_labels(self, labels, message):
        with pytest.raises(InvalidGameError, match=message):
            sg.NormalFormGame.from_bimatrix(np.zeros((2, 2)), **labels)

    @pytest.mark.parametrize(
        ("profile", "message"),
        [
            (([0.5, 0.6], [1, 0]), "probability vector"),
            (([-0.1, 1.1], [1, 0]), "probability vector"),
            (([0.5, 0.5],), "one strategy per player"),
            (([1, 0, 0], [1, 0]), "vector of length 2"),
            ((0, 5), "actions 0...1"),
            (("cooperate", "betray"), "no action 'betray'"),
            ((np.nan, 0), "index or a label"),
            ("cooperate", "sequence"),
        ],
    )
    def test_bad_profiles(self, profile, message):
        with pytest.raises(InvalidProfileError, match=message):
            prisoners_dilemma().regret(profile)


class TestPayoffsAndRegret:
    def test_expected_payoffs_by_hand(self):
        g = prisoners_dilemma()
        # row mixes 1/4 C, 3/4 D against column's C: 1/4*3 + 3/4*5 = 4.5
        np.testing.assert_allclose(
            g.expected_payoffs(([0.25, 0.75], [1.0, 0.0])), [4.5, 0.75]
        )

    def test_pure_and_label_profiles(self):
        g = prisoners_dilemma()
        assert list(g.expected_payoffs(("defect", 0))) == [5, 0]
        assert list(g[1, 1]) == [1, 1]

    def test_regret_of_mutual_cooperation_is_temptation_gain(self):
        assert list(prisoners_dilemma().regret((0, 0))) == [2, 2]

    def test_matching_pennies_uniform_is_nash(self):
        g = sg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
        half = [Fraction(1, 2)] * 2
        assert list(g.regret((half, half))) == [0, 0]
        assert g.is_nash((half, half), tol=0)
        assert not g.is_nash(([0.6, 0.4], half), tol=1e-3)

    def test_three_player_action_values(self):
        rng = np.random.default_rng(1)
        g = sg.NormalFormGame([rng.random((2, 3, 4)) for _ in range(3)])
        s = [rng.dirichlet(np.ones(n)) for n in g.shape]
        u1 = g.payoff_arrays[1]
        expected = np.einsum("ijk,i,k->j", u1, s[0], s[2])
        np.testing.assert_allclose(g.action_values(s, 1), expected)
        np.testing.assert_allclose(
            g.expected_payoffs(s)[1], np.einsum("ijk,i,j,k->", u1, *s)
        )

    def test_best_responses_returns_all_ties(self):
        g = sg.NormalFormGame.from_bimatrix([[1, 0], [1, 0], [0, 1]])
        assert list(g.best_responses(([1, 0, 0], [1, 0]), 0)) == [0, 1]

    def test_is_nash_tolerance_is_relative_to_payoff_range(self):
        base = [[3.0, 0.0], [5.0, 1.0]]
        small = sg.NormalFormGame.from_bimatrix(base, np.array(base).T)
        big = sg.NormalFormGame.from_bimatrix(
            np.array(base) * 1e6, np.array(base).T * 1e6
        )
        profile = ([1e-10, 1 - 1e-10], [0.0, 1.0])
        assert small.is_nash(profile) == big.is_nash(profile)

    @settings(max_examples=50, deadline=None)
    @given(
        arrays(np.float64, (3, 4), elements=st.floats(-10, 10)),
        arrays(np.float64, (3, 4), elements=st.floats(-10, 10)),
    )
    def test_regret_nonnegative_and_zero_at_pure_equilibria(self, a, b):
        g = sg.NormalFormGame.from_bimatrix(a, b)
        for i in range(3):
            for j in range(4):
                r = g.regret((i, j))
                assert (r >= 0).all()
                is_eq = a[i, j] >= a[:, j].max() and b[i, j] >= b[i, :].max()
                assert (max(r) == 0) == is_eq


class TestClasses:
    def test_constant_sum(self):
        g = sg.NormalFormGame.from_bimatrix([[1, 2], [3, 0]], [[4, 3], [2, 5]])
        assert g.is_constant_sum() and not g.is_zero_sum()

    def test_symmetric_two_player(self):
        assert prisoners_dilemma().is_symmetric()
        assert not sg.NormalFormGame.from_bimatrix([[1, 0], [0, 2]]).is_symmetric()

    def test_symmetric_three_player(self):
        # u_i = number of players choosing the same action as i
        shape = (2, 2, 2)
        arrays = []
        for i in range(3):
            u = np.zeros(shape, dtype=int)
            for a in np.ndindex(*shape):
                u[a] = sum(a[j] == a[i] for j in range(3))
            arrays.append(u)
        assert sg.NormalFormGame(arrays).is_symmetric()
        arrays[2] = arrays[2] * 2
        assert not sg.NormalFormGame(arrays).is_symmetric()


class TestConversions:
    def test_dict_round_trip_keeps_fractions(self):
        g = sg.NormalFormGame.from_bimatrix(
            [[Fraction(1, 3), 2], [0, 1]], [[1, 0], [0, 1]], title="t"
        )
        data = g.to_dict()
        assert data["payoffs"][0][0][0] == "1/3"
        assert sg.NormalFormGame.from_dict(data) == g

    def test_from_dict_rejects_bad_numbers(self):
        with pytest.raises(InvalidGameError, match="not a number"):
            sg.NormalFormGame.from_dict({"payoffs": [[["x"]]]})

    def test_repr_and_html(self):
        g = prisoners_dilemma()
        assert "US" in repr(g) and "(2, 2)" in repr(g)
        html = g._repr_html_()
        assert html.count("<tr>") == 3 and "defect" in html and "5, 0" in html
        assert "cooperate | " in str(g)


class TestDisplay:
    def test_exact_regret_prints_as_numbers_and_keeps_fractions(self):
        g = prisoners_dilemma()
        regret = g.regret(("cooperate", "cooperate"))
        assert str(regret) == "[2 2]" and repr(regret) == "ExactArray([2, 2])"
        assert regret.tolist() == [Fraction(2), Fraction(2)]
        third = g.regret(([Fraction(1, 3), Fraction(2, 3)], [1, 0]))
        assert str(third) == "[2/3 4/3]" and third[0] == Fraction(2, 3)
        assert "Fraction" not in str(g.expected_payoffs((0, 0)))

    def test_float_regret_is_a_plain_float_array(self):
        regret = prisoners_dilemma().regret(([0.5, 0.5], [1.0, 0.0]))
        assert type(regret) is np.ndarray and regret.dtype == np.float64

    def test_table_rounds_float_noise_but_data_keep_every_bit(self):
        g = sg.NormalFormGame.from_bimatrix(
            [[0.1 + 0.2, 15.239999999999997], [1e-300, 1 / 3]], [[1, 2], [3, 4]]
        )
        table = str(g)
        assert "0.3, 1 " in table and "15.24, 2" in table and "1e-300, 3" in table
        assert "0.333333333333, 4" in table and "0.30000000000000004" not in table
        assert g.payoff_arrays[0][0, 0] == 0.1 + 0.2
        assert "0.3, 1" in g._repr_html_()

    def test_table_shows_long_fractions_rounded(self):
        g = sg.NormalFormGame.from_bimatrix(
            [[Fraction(1, 3 * 10**50), Fraction(1, 3)]], [[0, 1]]
        )
        cells = [cell.strip() for cell in str(g).splitlines()[-1].split("|")]
        assert cells[1:] == ["3.33333333333e-51, 0", "1/3, 1"]


class TestExtremeInput:
    def test_more_players_than_numpy_allows_is_refused_by_name(self):
        shape = (2,) + (1,) * 32
        with pytest.raises(InvalidGameError, match=r"at most 32 players.*got 33"):
            sg.NormalFormGame([np.zeros(shape) for _ in range(33)])
        with pytest.raises(InvalidGameError, match=r"at most 32 players.*got 64"):
            sg.NormalFormGame([np.zeros((1,) * 64) for _ in range(64)])
        assert sg.NormalFormGame([np.zeros((1,) * 32)] * 32).n_players == 32

    def test_ragged_or_too_deep_arrays_get_a_game_error(self):
        with pytest.raises(InvalidGameError, match="rectangular array"):
            sg.NormalFormGame([[[1, 2], [3]], [[1, 2], [3, 4]]])
        deep = [0.0]
        for _ in range(70):
            deep = [deep]
        with pytest.raises(InvalidGameError, match="rectangular array"):
            sg.NormalFormGame([deep, deep])

    def test_sums_near_the_ends_of_the_number_ranges_do_not_wrap(self):
        top = 2**62
        ints = sg.NormalFormGame.from_bimatrix(
            [[top, top], [top, top]], [[top, top], [top, top - 1]]
        )
        assert not ints.is_constant_sum() and not ints.is_zero_sum()
        floats = sg.NormalFormGame.from_bimatrix(
            [[1e308, -1.7e308], [0.0, 1.0]], [[1.0, 0.0], [-1e308, 1.0]]
        )
        assert not floats.is_constant_sum()
        assert sg.NormalFormGame.from_bimatrix(
            [[1e308, -1.7e308], [0, 1]]
        ).is_zero_sum()
