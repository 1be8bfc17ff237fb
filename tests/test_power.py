"""Power, minimum detectable effect and the seeds a target Δ needs (ielearn.inference.power),
and the command that plans them from a comparison table (python -m ielearn.power)."""

import math

import numpy as np
import pytest
from scipy import stats

from ielearn.errors import UserError
from ielearn.inference.power import minimum_detectable_effect, power, power_ceiling, seeds_needed
from ielearn.inference.seed_tests import Spread
from ielearn.power import main, plan


def test_power_is_the_noncentral_t_of_a_paired_t_test():
    """Seeds only: SE = s/√n, df = n − 1; power = P(|T| > t_crit), T ~ nct(n − 1, Δ/SE)."""
    spread, seeds, delta = Spread(4.0), 6, 2.5
    critical = stats.t.isf(0.025, 5)
    shift = delta / math.sqrt(4.0 / 6)
    expected = stats.nct.sf(critical, 5, shift) + stats.nct.cdf(-critical, 5, shift)
    assert power(spread, seeds, delta, 0.05) == pytest.approx(expected)
    assert power(spread, seeds, 0.0, 0.05) == pytest.approx(0.05)  # no effect: the test's size


def test_power_grows_smoothly_with_the_effect_even_far_in_the_tail():
    values = [power(Spread(2.42463), 3, d, 0.025) for d in np.linspace(0.5, 15, 60)]
    assert all(b >= a for a, b in zip(values, values[1:])) and values[-1] > 0.99


def test_the_mde_is_where_power_reaches_80_percent():
    spread = Spread(3.24, 0.2, 1.5, 500)
    mde = minimum_detectable_effect(spread, 10, 0.05)
    assert power(spread, 10, mde, 0.05) == pytest.approx(0.8, abs=1e-4)
    assert minimum_detectable_effect(spread, 20, 0.05) < mde  # more seeds, smaller MDE
    assert math.isnan(minimum_detectable_effect(spread, 1, 0.05))


def test_seeds_needed_is_the_first_count_with_enough_power():
    spread = Spread(3.24)
    needed = seeds_needed(spread, 1.8, 0.05)  # one sd of Δ_s: the textbook 10–11 seeds
    assert power(spread, needed, 1.8, 0.05) >= 0.8 > power(spread, needed - 1, 1.8, 0.05)
    assert needed in (10, 11)


def test_when_the_shared_item_noise_caps_the_power_no_number_of_seeds_will_do():
    spread = Spread(3.24, shared=1.0, resid=2.0, items=500)  # SE can never fall below 1.0
    assert seeds_needed(spread, 1.0, 0.05) is None
    assert power_ceiling(spread, 1.0, 0.05) < 0.8


TABLE = ("system\titeration\tagainst\tagainst_iteration\tfamily\tseeds\tp_t\ts2_seeds\tvar_items_shared\t"
         "var_items_resid\titems\tnote\n"
         "lime\t1\tnone\t1\tprimary\t3\t0.2\t3.24\t0.05\t2.1\t500\t\n"
         "lime\t1\trandom\t1\tprimary\t3\t0.4\t1.0\t0\t0\t500\t\n"
         "lime\t1\tbaseline\t0\texploratory\t3\t0.01\t9.0\t0\t0\t500\t\n")


def test_the_plan_reads_the_primary_rows_of_the_table(tmp_path):
    (tmp_path / "classification_comparisons.tsv").write_text(TABLE)
    lines = plan(tmp_path, 1.0)
    assert len(lines) == 3 and "lime/1 vs none/1 (primary): ran 3 seeds, 500 test items" in lines[1]
    alpha = 0.05 / 2  # Holm's first level in a family of two
    needed = seeds_needed(Spread(3.24, 0.05, 2.1, 500), 1.0, alpha)
    assert lines[1].endswith(f"for Δ = 1: {needed} seeds")
    assert len(plan(tmp_path, 1.0, everything=True)) == 4


def test_a_table_without_the_variance_parts_is_one_clear_error(tmp_path, capsys):
    (tmp_path / "comparisons.tsv").write_text("system\titeration\tagainst\tagainst_iteration\tfamily\tseeds\n"
                                              "a\t1\tnone\t1\tprimary\t3\n")
    with pytest.raises(UserError, match="no column s2_seeds"):
        plan(tmp_path, 1.0)
    with pytest.raises(SystemExit, match="no comparisons.tsv or classification_comparisons.tsv"):
        main([str(tmp_path / "missing"), "--target", "1"])
