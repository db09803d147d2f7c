from hypothesis import given
from hypothesis import strategies as st

from anju.core.access import CAPABILITIES, Capability, Role, role_can
from anju.core.divisions import Level, covers, level_of
from anju.core.staffing import Refusal, grant_refusal, keeps, refusal

CITY = "410900000000"
HUALONG = "410902000000"
QINGFENG = "410922000000"
HUALONG_STREET = "410902001000"
HUALONG_COMMITTEE = "410902001001"
QINGFENG_STREET = "410922001000"


@st.composite
def codes(draw: st.DrawFn) -> str:
    """Codes of a small tree, so that one often lies within another."""
    level = draw(st.sampled_from(list(Level)))
    parts = [
        "41",
        draw(st.sampled_from(["09", "10"])),
        draw(st.sampled_from(["02", "22"])),
        draw(st.sampled_from(["001", "002"])),
        draw(st.sampled_from(["001", "002"])),
    ]
    return "".join(parts[:level]).ljust(12, "0")


posts = st.tuples(st.sampled_from(list(Role)), codes())


def test_each_level_opens_the_accounts_of_the_one_below() -> None:
    assert refusal((Role.CITY_BUREAU, CITY), Role.DISTRICT, HUALONG) is None
    assert refusal((Role.DISTRICT, HUALONG), Role.STREET, HUALONG_STREET) is None
    assert refusal((Role.DISTRICT, HUALONG), Role.COMMITTEE, HUALONG_COMMITTEE) is None
    assert refusal((Role.STREET, HUALONG_STREET), Role.COMMITTEE, HUALONG_COMMITTEE) is None
    assert refusal((Role.CITY_BUREAU, CITY), Role.AUDITOR, CITY) is None
    assert refusal((Role.DISTRICT, HUALONG), Role.UTILITY, HUALONG) is None
    assert refusal((Role.DISTRICT, HUALONG), Role.CITY_DEPARTMENT, HUALONG) is Refusal.WRONG_LEVEL


def test_a_municipality_is_a_city_for_its_posts() -> None:
    chongqing, yuzhong = "500000000000", "500103000000"
    assert refusal((Role.CITY_BUREAU, chongqing), Role.DISTRICT, yuzhong) is None
    assert refusal((Role.CITY_BUREAU, chongqing), Role.AUDITOR, chongqing) is None
    assert refusal((Role.CITY_BUREAU, chongqing), Role.CITY_BUREAU, "410000000000") is (
        Refusal.WRONG_LEVEL
    )


def test_nobody_opens_an_account_beside_above_or_elsewhere() -> None:
    district = (Role.DISTRICT, HUALONG)
    assert refusal(district, Role.STREET, QINGFENG_STREET) is Refusal.OUTSIDE
    assert refusal(district, Role.DISTRICT, HUALONG) is Refusal.NOT_BELOW
    assert refusal(district, Role.CITY_BUREAU, CITY) is Refusal.OUTSIDE
    assert refusal((Role.CITY_BUREAU, CITY), Role.CITY_BUREAU, CITY) is Refusal.NOT_BELOW
    # an auditor reads the log, which a district does not
    assert refusal((Role.DISTRICT, CITY), Role.AUDITOR, CITY) is Refusal.MORE_THAN_GRANTOR
    assert refusal((Role.STREET, HUALONG_STREET), Role.EXPERT, HUALONG_STREET) is (
        Refusal.WRONG_LEVEL
    )
    assert refusal((Role.COMMITTEE, HUALONG_COMMITTEE), Role.COMMITTEE, HUALONG_COMMITTEE) is (
        Refusal.NOT_A_GRANTOR
    )
    assert refusal((Role.CITY_BUREAU, CITY), Role.OWNER, HUALONG_COMMITTEE) is Refusal.NOT_STAFF
    assert refusal((Role.CITY_BUREAU, CITY), Role.STREET, HUALONG) is Refusal.WRONG_LEVEL


def test_of_several_posts_one_that_may_grant_is_enough_and_the_nearest_says_why_not() -> None:
    posts = [(Role.DISTRICT, QINGFENG), (Role.STREET, HUALONG_STREET)]
    assert grant_refusal(posts, Role.COMMITTEE, HUALONG_COMMITTEE) is None
    assert grant_refusal(posts, Role.STREET, HUALONG_STREET) is Refusal.NOT_BELOW
    assert grant_refusal(posts, Role.STREET, "410903001000") is Refusal.OUTSIDE
    assert grant_refusal([(Role.OWNER, HUALONG)], Role.STREET, "410903001000") is (
        Refusal.NOT_A_GRANTOR
    )


@given(posts, st.sampled_from(list(Role)), codes())
def test_a_grant_stays_within_and_beneath_its_grantor(
    grantor: tuple[Role, str], role: Role, code: str
) -> None:
    own_role, own_code = grantor
    if refusal(grantor, role, code) is not None:
        return
    assert covers(own_code, code)
    assert CAPABILITIES[role] <= CAPABILITIES[own_role]
    if role_can(role, Capability.ACCOUNTS_MANAGE):
        assert level_of(code) > level_of(own_code)


@given(st.lists(posts, max_size=3), st.lists(posts, max_size=3))
def test_an_account_is_kept_only_by_who_could_have_opened_each_of_its_posts(
    grantors: list[tuple[Role, str]], held: list[tuple[Role, str]]
) -> None:
    expected = bool(held) and all(
        any(refusal(g, role, code) is None for g in grantors) for role, code in held
    )
    assert keeps(grantors, held) is expected
