"""`anju tally` counts a ballot file offline and refuses a malformed one naming the line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

HEADER = "dwelling_id,owner_id,exclusive_area,choice\n"


def _tally(path: Path, matter: str) -> dict[str, object]:
    out = io.StringIO()
    call_command("tally", str(path), "--matter", matter, "--format", "json", stdout=out)
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def test_the_json_gives_the_lawful_result_as_reduced_fractions(tmp_path: Path) -> None:
    path = tmp_path / "ballots.csv"
    path.write_text(
        HEADER
        + "1-101,dev,90,agree\n1-102,dev,90,agree\n1-201,wang,90,agree\n"
        + "1-202,li,90,against\n1-301,zhao,90,none\n1-302,sun,90,none\n",
        encoding="utf-8",
    )
    # five owners, three took part (3/5 < 2/3): no quorum, whatever the majority
    assert _tally(path, "renovate") == {
        "quorum_met": False,
        "passed": False,
        "participation": {"area": "2/3", "headcount": "3/5"},
        "consent": {"area": "3/4", "headcount": "2/3"},
    }


def test_a_malformed_file_is_refused_with_the_line_and_reason(tmp_path: Path) -> None:
    path = tmp_path / "ballots.csv"
    path.write_text(HEADER + "1-101,o1,90,agree\n1-102,o2,-5,agree\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("tally", str(path), "--matter", "rules", stderr=err)
    assert "第 3 行" in err.getvalue() and "-5" in err.getvalue()
