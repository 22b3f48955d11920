"""The fixed-scale bars of the history's charts."""

from __future__ import annotations

import pytest

from scalp_tui.ui.widgets.scale_bars import bars


@pytest.mark.parametrize(
    ("values", "top", "drawn"),
    [
        ([0, 1, 2, 3], 3, "▁▃▆█"),
        ([0], 3, "▁"),
        ([0, 1, 2], 2, "▁▅█"),
        ([5], 3, "█"),  # above the scale: a full bar, never an error
        ([], 3, ""),
    ],
)
def test_a_bar_is_as_high_as_its_value_on_the_fixed_scale(values, top, drawn):
    assert bars(values, top) == drawn
