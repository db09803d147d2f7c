"""GCJ-02 against a published value (the transform's reference implementations agree on it to
the last digit), and brought back to WGS-84 within a centimetre anywhere in China; outside China
the two datums are one."""

from __future__ import annotations

import math

from hypothesis import example, given
from hypothesis import strategies as st

from anju.core.datum import from_gcj02, in_china, to_gcj02

METRES_PER_DEGREE = 111_320.0


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    east = (a[0] - b[0]) * METRES_PER_DEGREE * math.cos(math.radians(a[1]))
    north = (a[1] - b[1]) * METRES_PER_DEGREE
    return math.hypot(east, north)


def test_tiananmen_is_shifted_as_the_published_transform_shifts_it() -> None:
    lng, lat = to_gcj02(116.404, 39.915)
    assert math.isclose(lng, 116.41024449916938, abs_tol=1e-12)
    assert math.isclose(lat, 39.91640428150164, abs_tol=1e-12)


CHINA = st.tuples(st.floats(73.5, 135.0), st.floats(18.0, 53.5))


@given(CHINA)
@example((113.647881, 34.829793))  # 郑州
@example((114.98, 35.76))  # 濮阳
def test_a_point_shown_by_a_picker_comes_back_within_a_centimetre(
    point: tuple[float, float],
) -> None:
    shown = to_gcj02(*point)
    assert 1 < metres(shown, point) < 1_500  # the shift is real, and a matter of metres
    assert metres(from_gcj02(*shown), point) < 0.01


@given(st.tuples(st.floats(-180.0, 180.0), st.floats(-85.0, 85.0)))
def test_outside_china_a_point_is_kept_as_it_is(point: tuple[float, float]) -> None:
    if not in_china(*point):
        assert to_gcj02(*point) == point == from_gcj02(*point)
