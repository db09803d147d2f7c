"""A city's first pack, written from its document: valid as it stands, listing every clause
the way citations name it, pointing at the sentences that look like rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anju.core.clauses import Sources, numbered_lines, parse_clauses
from anju.core.pack_scaffold import ScaffoldRefused, hints, scaffold
from anju.core.policy_pack import load_pack, parse_pack
from anju.policy import SOURCES_DIR

PACKS = SOURCES_DIR.parent / "packs"
ZHENGZHOU = (SOURCES_DIR.parent / "tests" / "documents" / "zhengzhou-2022.txt").read_text(
    encoding="utf-8"
)
NUMERALS = "一二三四五六七八九十"


def test_the_scaffold_loads_as_written_and_lists_every_clause(tmp_path: Path) -> None:
    (tmp_path / "zhengzhou-2022.txt").write_text(ZHENGZHOU, encoding="utf-8")
    written = scaffold(
        pack_id="zhengzhou-2022",
        title="郑州市: 老旧小区",
        document="郑政办〔2022〕18号",
        text=ZHENGZHOU,
    )
    sources = Sources.load(SOURCES_DIR, tmp_path)
    pack = parse_pack(
        written, "zhengzhou-2022.yaml", sources, lambda i: load_pack(PACKS / f"{i}.yaml", sources)
    )
    assert pack.model.title == "郑州市: 老旧小区" and pack.model.sources == ("zhengzhou-2022",)
    for clause in parse_clauses(ZHENGZHOU):
        assert f"zhengzhou-2022 §{clause} " in written
    assert "cite: zhengzhou-2022 §2.(1)" in written  # the example is the clause with the year


def test_the_hints_point_at_rules_and_take_none_up() -> None:
    found = {(h.citation, h.words) for h in hints("zhengzhou-2022", ZHENGZHOU)}
    assert ("zhengzhou-2022 §2.(1)", "2000年底前建成") in found
    assert ("zhengzhou-2022 §3.(1)", "三分之二") in found
    assert ("zhengzhou-2022 §4.(2)", "严禁") in found
    written = scaffold(pack_id="zhengzhou-2022", title="t", document="d", text=ZHENGZHOU)
    assert "\neligibility:" not in written


def test_a_bad_id_or_a_text_without_numbered_clauses_is_refused() -> None:
    with pytest.raises(ScaffoldRefused, match="zhengzhou-2022"):
        scaffold(pack_id="Zhengzhou 2022", title="t", document="d", text=ZHENGZHOU)
    with pytest.raises(ScaffoldRefused, match="numbered"):
        scaffold(pack_id="zhengzhou-2022", title="t", document="d", text="通知\n请遵照执行。")


# A document's outline: sections, each with items of its own or subsections with items.
outlines = st.lists(
    st.one_of(
        st.integers(0, 3),  # a section with that many items
        st.lists(st.integers(0, 3), min_size=1, max_size=3),  # subsections with items
    ),
    min_size=1,
    max_size=4,
)


@given(outlines)
def test_every_clause_is_numbered_as_the_document_numbers_it(
    outline: list[int | list[int]],
) -> None:
    lines = ["某市关于老旧小区改造的意见", "各区："]
    expected: list[str] = []
    for s, section in enumerate(outline, start=1):
        lines.append(f"{NUMERALS[s - 1]}、第{s}部分")
        expected.append(f"{s}")
        if isinstance(section, int):
            for i in range(1, section + 1):
                lines.append(f"{i}.第{s}部分第{i}项")
                expected.append(f"{s}.{i}")
            continue
        for u, items in enumerate(section, start=1):
            lines.append(f"（{NUMERALS[u - 1]}）第{s}部分第{u}节")
            expected.append(f"{s}.({u})")
            for i in range(1, items + 1):
                lines.append(f"{i}.第{u}节第{i}项")
                expected.append(f"{s}.({u}){i}")
    text = "\n".join(lines)
    assert [b for b, _line in numbered_lines(text) if b] == expected
    clauses = parse_clauses(text)
    assert list(clauses) == expected
    for clause in expected:  # a clause holds its own line and what lies beneath, nothing beside
        own = next(line for b, line in numbered_lines(text) if b == clause)
        assert clauses[clause].text.startswith(own)
        beneath = [
            c
            for c in expected
            if c.startswith(clause)
            and c != clause
            and (c[len(clause)] in ".(" or clause[-1] == ")")
        ]
        assert len(clauses[clause].text.splitlines()) == 1 + len(beneath)
