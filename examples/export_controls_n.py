"""Export controls with three supplier nations: which coalitions of
restrictors are stable, and does the open-weight counter offset them?
Controls leak through third countries and cloud access; open-weight
efficiency gains spill over to the suppliers' bloc (closed gains do not).
Solved as a four-player game (every isolated equilibrium).

Run with ``python examples/export_controls_n.py``. Parameters are
illustrative (the US, the Netherlands and Japan supplying half, a quarter
and a fifth of the target's compute), not estimates.
"""

from __future__ import annotations

import numpy as np
from _output import out_dir
from scipy.optimize import brentq

import stratgame as sg
from stratgame.models import ExportControlGame


def stable_coalitions(model: ExportControlGame) -> list[str]:
    result = sg.solve(model.game(), method="enumerate")
    names = []
    for eq in result.equilibria:
        assert eq.regret <= 1e-8  # certified
        members = model.coalition(eq)
        if members is not None:
            names.append("+".join(members) if members else "nobody")
    return sorted(names, key=len, reverse=True)


def main() -> None:
    base = ExportControlGame()
    opens = base.closed_form()["target_opens"]
    print(
        f"The target's dominant reply: {'open' if opens else 'closed'} weights "
        f"(open gain {base.open_efficiency:g}, of which the bloc adopts "
        f"{base.spillover:.0%}; closed gain {base.closed_efficiency:g}).\n"
    )
    print("Stable coalitions of restrictors (pure equilibria):")
    print(f"{'cloud access':>12} | third-country leakage 0.0 / 0.3 / 0.6 / 1.0")
    for cloud in (0.0, 0.2, 0.4, 0.6):
        cells = [
            " or ".join(
                stable_coalitions(base.replace(cloud_access=cloud, third_country=t))
            )
            for t in (0.0, 0.3, 0.6, 1.0)
        ]
        print(f"{cloud:12.1f} | " + " / ".join(cells))

    # the cloud access at which the grand coalition stops being stable
    def grand_stable(cloud: float) -> bool:
        return "US+Netherlands+Japan" in stable_coalitions(
            base.replace(cloud_access=cloud)
        )

    low, high = 0.0, 1.0
    for _ in range(12):
        middle = (low + high) / 2
        low, high = (middle, high) if grand_stable(middle) else (low, middle)
    cloud_star = (low + high) / 2
    print(
        f"\nThe grand coalition is stable only while cloud access stays below "
        f"{cloud_star:.3f}\n(third-country leakage {base.third_country:g}): "
        "leakage makes each member's restriction worth less than the sales\n"
        "and retaliation it costs, and the coalition unravels to no controls."
    )

    print("\nDoes the open-weight counter offset the controls? s*(S) by coalition:")
    for members in (("Netherlands",), ("US",), ("US", "Netherlands", "Japan")):
        threshold = base.offset_threshold(members)
        verdict = (
            f"holds for spillover up to {threshold:.3f}"
            if threshold >= 0
            else "fails at any spillover"
        )
        print(
            f"  {'+'.join(members):>22}: compute access "
            f"{base.compute_access(members):.3f}, the offset {verdict}"
        )

    # the cloud access needed for open weights to offset US-only controls
    def gap(cloud: float) -> float:
        return base.replace(cloud_access=cloud).offset_threshold(("US",)) - float(
            base.spillover
        )

    kappa = brentq(gap, 0.0, 1.0) if gap(0.0) < 0 < gap(1.0) else float("nan")
    print(
        f"\nThe claim 'the open-source counter offsets controls' holds when the "
        f"controls leak or are narrow:\nagainst the US alone it needs cloud "
        f"access above {kappa:.3f} at spillover {base.spillover:g}; it fails "
        "against the\ngrand coalition, and whenever the bloc adopts more of the "
        "open gains than s*(S)."
    )
    assert np.isfinite(kappa)


if __name__ == "__main__":
    out_dir(__doc__)  # the examples' --out option; this one draws no figure
    main()
