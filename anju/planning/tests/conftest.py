from __future__ import annotations

import pytest

from anju.core.ledger import LedgerBook
from anju.planning.tests.cases import POOR_ALL, POOR_ONE, codes, set_up


@pytest.fixture
def eligible(city: LedgerBook) -> list[str]:
    chosen = codes(city, 3)
    set_up(
        city,
        {chosen[0]: (1985, POOR_ALL), chosen[1]: (1995, POOR_ONE), chosen[2]: (1990, POOR_ALL)},
    )
    return chosen
