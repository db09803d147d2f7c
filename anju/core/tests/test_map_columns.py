import json
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from anju.core.map_columns import SCALE, Point, columns, rows


# coordinates as the registry holds them: millionths of a degree
def degrees(most: int) -> st.SearchStrategy[float]:
    return st.integers(-most * SCALE, most * SCALE).map(lambda n: float(Decimal(n) / SCALE))


codes = st.text(alphabet="0123456789ABX-", min_size=1, max_size=32)
points = st.lists(st.tuples(degrees(180), degrees(90), st.integers(0, 9), codes), max_size=60)


@given(points)
def test_the_columns_give_back_every_point_exactly_through_json(found: list[Point]) -> None:
    written = json.loads(json.dumps(columns(found)))
    assert rows(written) == found


def test_neighbouring_codes_and_places_are_written_short() -> None:
    street = [
        (113.123456 + n / SCALE, 34.5 - n / SCALE, 0, f"41090200100{n:04d}") for n in range(3)
    ]
    found = columns(street)
    assert found["longitude"][1:] == [1, 1] and found["latitude"][1:] == [-1, -1]
    assert found["keep"] == [0, 14, 14] and found["tail"] == ["410902001000000", "1", "2"]
