"""The source documents are split into the clauses citations name; quotes are checked there."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anju.core.clauses import (
    Sources,
    UnknownCitation,
    chinese_number,
    chinese_numeral,
    cited,
    clause_words,
    parse_clauses,
)
from anju.policy import SOURCES_DIR

SOURCES = Sources.load(SOURCES_DIR)


def test_all_five_documents_are_present() -> None:
    assert set(SOURCES.documents) == {
        "chongqing-2021",
        "chongqing-2021-explanation",
        "puyang-2020",
        "hangjin-2021",
        "wuhan-2021",
    }


@pytest.mark.parametrize(
    ("citation", "quote"),
    [
        ("puyang-2020 §2.(1)", "建成于2000年以前"),
        ("puyang-2020 §2.(1)", "以居民自建住房为主的区域和城中村"),
        ("puyang-2020 §3.(3)", "物业管理长效运营机制及物业移交协议作为项目竣工验收时必要条件"),
        ("puyang-2020 §annex.16", "供水、热力、燃气公司"),
        ("chongqing-2021 §1.(3)", "2021年新开工改造城镇老旧小区831个、2662万平方米"),
        (
            "chongqing-2021 §2.(1)",
            "有条件的区县可结合实际对2005年底前建成的居住条件较差的城镇老旧小区",
        ),
        ("chongqing-2021 §5.(1)", "实行项目建设单位告知承诺制"),
        ("hangjin-2021 §2.(1)", "“十四五”后两年，重点改造2010年前建成的城镇老旧小区"),
        ("hangjin-2021 §2.(2)", "分基础类、完善类、提升类3类"),
        ("wuhan-2021 §2.(1)3", "做到改造前问需于民、改造中问计于民、改造后问效于民"),
        ("wuhan-2021 §4.(4)", "每月10日、25日报送"),
        ("chongqing-2021-explanation §3", "23個部門"),
    ],
)
def test_quotes_are_found_in_the_clauses_they_cite(citation: str, quote: str) -> None:
    assert SOURCES.says(citation, quote)


def test_a_quote_from_another_clause_is_not_found() -> None:
    assert not SOURCES.says("puyang-2020 §2.(2)", "建成于2000年以前")


@pytest.mark.parametrize(
    "citation", ["puyang-2020 §9", "puyang-2020 §2.(9)", "nowhere-2020 §1", "puyang-2020 2.(1)"]
)
def test_citations_to_clauses_that_do_not_exist_are_refused(citation: str) -> None:
    with pytest.raises(UnknownCitation):
        SOURCES.clause(citation)


def test_no_injected_advertising_survives_in_the_sources() -> None:
    for path in SOURCES_DIR.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        assert "推球网" not in text and "亚搏" not in text, path.name


def test_chinese_numbers_and_nesting() -> None:
    assert [chinese_number(n) for n in ("一", "九", "十", "十二", "二十", "二十三")] == [
        1,
        9,
        10,
        12,
        20,
        23,
    ]
    clauses = parse_clauses("一、总则\n（一）范围。甲\n1.细则乙\n二、其他\n1.丙")
    assert set(clauses) == {"1", "1.(1)", "1.(1)1", "2", "2.1"}
    assert "细则乙" in clauses["1"].text and "丙" not in clauses["1"].text


@pytest.mark.parametrize(
    ("clause", "words"),
    [
        ("5", "五"),
        ("5.(3)", "五（三）"),
        ("3.(2)3", "三（二）3"),
        ("2.1", "二、1"),
        ("annex", "附件"),
        ("annex.1", "附件1"),
        ("12.(11)2", "十二（十一）2"),
        ("20.(21)", "二十（二十一）"),
    ],
)
def test_a_clause_is_named_as_its_document_numbers_it(clause: str, words: str) -> None:
    assert clause_words(clause) == words


def test_every_clause_of_every_source_has_words_of_its_own() -> None:
    for document, clauses in SOURCES.documents.items():
        words = {clause: clause_words(clause) for clause in clauses}
        assert len(set(words.values())) == len(words), document
        assert not any(re.search(r"[A-Za-z§.()]", w) for w in words.values()), document


@given(st.integers(1, 99))
def test_a_chinese_numeral_reads_back_as_its_number(number: int) -> None:
    assert chinese_number(chinese_numeral(number)) == number


def test_a_citation_reads_as_the_document_s_name_and_its_own_numbering() -> None:
    names = {"puyang-2020": "濮政办〔2020〕31号"}
    assert cited("puyang-2020 §annex.1", names) == "濮政办〔2020〕31号 附件1"
    assert cited("puyang-2020 §5.(3)", names) == "濮政办〔2020〕31号 五（三）"
    assert cited("wuhan-2021 §2.(2)3", names) == "wuhan-2021 二（二）3"
    assert cited("国办发〔2020〕23号", names) == "国办发〔2020〕23号"
