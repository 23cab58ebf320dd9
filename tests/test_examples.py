"""Every script in ``examples/`` runs and states its conclusion.

Each example runs in a subprocess with ``STRATGAME_QUICK=1`` in the
environment (examples may read it to shrink their work), in a fresh
temporary working directory and with ``--out figures``: the option every
example takes for where to save the figures it draws (default ``./out/``).
Examples run two at a time (this machine has two cores), each test waiting
for its own script.

Every figure an example reports as saved (``saved DIR/NAME.png``) must be a
picture in the ``--out`` directory, nothing may land in ``./out/`` instead,
and an example listed in ``FIGURES`` must save those figures. An example
listed in ``CONCLUSIONS`` must print text matching
each of its patterns: the sentence that states what it found, and where it
prints a computed number next to a published closed form, the two must agree
(the patterns use back-references). An example not yet listed must at least
end its output with a sentence.
"""

from __future__ import annotations

import concurrent.futures
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SCRIPTS = sorted(p for p in EXAMPLES.glob("*.py") if not p.name.startswith("_"))
TIMEOUT = 300  # seconds per example; a hung example fails, it does not hang CI

#: What each example must print (regular expressions, all must match).
CONCLUSIONS = {
    "adoption_race": [
        r"The lead changes hands at a horizon of [\d.]+ years",
        r"compute purchases: ([\d.]+), ([\d.]+) \(closed form \1, \2\)",
    ],
    "ai_race_demo": [r"In words: .*coordination game"],
    "classic_games": [
        r"Prisoner's dilemma: pure equilibria \['defect / defect'\]",
        r"probability V/C = 0\.333 is an equilibrium: True",
    ],
    # Cournot complements: numerical prices = Economides & Salop closed form
    "complements": [
        r"prices: ([\d., ]+) \(closed form \1\)",
        r"Every added chokepoint raises the total price",
    ],
    "compute_lead": [r"By year \S+ the leader has locked in \d"],
    # Tullock contest: the computed win probability equals the closed form
    "compute_race": [r"wins with probability (\d\.\d+) \(closed form \1\)"],
    "dsair": [
        r"Safety becomes socially optimal above a disaster risk of 0\.\d+",
        r"risk 0\.8: stag hunt",
        r"prisoner's dilemma below a risk of 0\.\d+ and a stag hunt above",
    ],
    "dynamics": [r"Conclusion: .+correlated equilibrium"],
    # the threshold is found by the equilibrium, and the failure is shown
    "dynamic_compute_race": [
        r"'a compute lead is temporary' holds for spillover above 0\.\d+",
        r"Below it the lead is persistent",
        r"Where it fails|still shorten",
    ],
    # the quality threshold is found by the equilibrium; holds and fails shown
    "dynamic_adoption_race": [
        r"switching cost 0\.0, network effect 0\.0: a model up to \d+% better",
        r"'adoption speed beats model size' holds when users switch freely",
        r"It fails with lock-in",
    ],
    "ecosystem": [r"ecosystems lock in", r"chokepoint"],
    # stable coalitions from equilibria; the offset threshold where it holds
    "export_controls_n": [
        r"grand coalition is stable only while cloud access stays below 0\.\d+",
        r"'the open-source counter offsets controls' holds when",
        r"fails at any spillover",
    ],
    # the opener's motive computed; threshold where it pays, failure shown
    "layer_ownership": [
        r"'commoditize the complement' holds for an owner of chips",
        r"within \d\.\d+ of the frontier",
        r"It fails for a pure model lab",
    ],
    "open_vs_closed": [r"Opening is dominant for a lab whose licensing revenue"],
    "platforms": [r"courted with low or negative prices"],
    "repeated_games": [
        r"delta\* = 1/2",
        r"takes over with probability 0\.\d+ \(neutral drift: 0\.05\)",
    ],
    # Armstrong, Bostrom & Shulman (2016): numerical safety = closed form
    "safety_race": [
        r"chooses safety (\d\.\d+) \(closed form \1\)",
        r"More teams and more enmity mean less safety\.",
    ],
    # Brander & Spencer (1985): optimal export subsidy = closed form
    "trade_policy": [r"subsidizes exports by (\S+) per unit \(Brander-Spencer: \1\)"],
}

#: The figures each example draws (it may draw more).
FIGURES = {
    "adoption_race": ["adoption_race_shares.png"],
    "ai_race_demo": ["compute_lead_regimes.png", "adoption_regimes.png"],
    "classic_games": ["prisoners_dilemma.png", "hawk_dove.png"],
    "complements": ["complements_prices.png"],
    "dsair": ["dsair_risk_0.8.png", "dsair_equilibria.png"],
    "dynamic_adoption_race": ["adoption_shares_by_regime.png"],
    "dynamic_compute_race": ["compute_lead_duration.png"],
    "dynamics": ["openness_phase_line.png", "openness_learning.png"],
    "ecosystem": ["ecosystem_adoption.png"],
    "layer_ownership": ["layer_ownership_gain.png"],
    "open_vs_closed": ["openness_payoffs.png", "openness_coordination.png"],
    "platforms": ["platform_shares.png"],
    "repeated_games": ["repeated_payoff_regions.png"],
    "safety_race": ["safety_race.png"],
}
#: Examples that take no options yet: they ignore --out.
OUT_PENDING: set[str] = set()
OUT = "figures"

_SAVED = re.compile(r"saved (\S+?\.(?:png|pdf|svg))\b")
_SENTENCE = re.compile(r"\S+(\s+\S+){4,}[.!)]$")


def _run(script: Path, workdir: Path) -> subprocess.CompletedProcess:
    environment = dict(os.environ, STRATGAME_QUICK="1", MPLBACKEND="Agg")
    return subprocess.run(
        [sys.executable, str(script), "--out", OUT],
        cwd=workdir,
        env=environment,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


@pytest.fixture(scope="module")
def runs(request, tmp_path_factory):
    """Start the selected examples two at a time; map name -> (future, cwd)."""
    selected = {
        item.callspec.params["script"].stem
        for item in request.session.items
        if getattr(item, "originalname", None) == "test_example_runs_and_concludes"
        and hasattr(item, "callspec")
    }
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)
    started = {}
    for script in SCRIPTS:
        if script.stem in selected:
            workdir = tmp_path_factory.mktemp(script.stem)
            started[script.stem] = (pool.submit(_run, script, workdir), workdir)
    yield started
    pool.shutdown(wait=True, cancel_futures=True)


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_example_runs_and_concludes(script, runs):
    future, workdir = runs[script.stem]
    result = future.result()
    assert result.returncode == 0, (
        f"{script.name} exited with {result.returncode}:\n{result.stderr[-3000:]}"
    )
    output = result.stdout
    patterns = CONCLUSIONS.get(script.stem)
    if patterns is None:
        last = output.strip().splitlines()[-1] if output.strip() else ""
        assert _SENTENCE.search(last.strip()), (
            f"{script.name} should end by stating its conclusion in a sentence; "
            f"its last line is {last!r}"
        )
    for pattern in patterns or ():
        assert re.search(pattern, output), (
            f"{script.name} did not print its conclusion /{pattern}/; it printed:\n"
            f"{output[-3000:]}"
        )
    # every figure it says it saved is in the --out directory and a picture
    out = OUT if script.stem not in OUT_PENDING else "out"
    saved = [Path(name) for name in _SAVED.findall(output)]
    for name in saved:
        path = workdir / name
        assert name.parent == Path(out), f"{script.name} saved {name} outside {out}/"
        assert path.is_file(), f"{script.name} printed {name} but did not save it"
        if path.suffix == ".png":
            assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is no PNG"
    missing = set(FIGURES.get(script.stem, ())) - {name.name for name in saved}
    assert not missing, f"{script.name} did not save {sorted(missing)} to {out}/"
    if script.stem in OUT_PENDING:
        assert not (workdir / OUT).exists(), (
            f"{script.name} now honours --out: remove it from OUT_PENDING"
        )
    else:
        assert not (workdir / "out").exists(), f"{script.name} ignored --out"


def test_every_listed_conclusion_has_its_example():
    assert SCRIPTS, f"no examples found in {EXAMPLES}"
    names = {s.stem for s in SCRIPTS}
    for table in (CONCLUSIONS, FIGURES, OUT_PENDING):
        stale = set(table) - names
        assert not stale, f"tests list examples that do not exist: {stale}"


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_example_documents_its_options(script):
    """``--help`` lists ``--out`` without running the example."""
    if script.stem in OUT_PENDING:
        pytest.skip(f"{script.name} takes no options yet")
    result = subprocess.run(
        [sys.executable, str(script), "--help"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=EXAMPLES,
    )
    assert result.returncode == 0 and "--out DIR" in result.stdout, result.stderr
