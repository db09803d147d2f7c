"""The search box on every page finds a community by name, code or address, a project by who
builds it, and a clause of the city's documents, within the user's jurisdiction only."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from anju.accounts.models import User
from anju.projects.services.construction import project_update
from anju.projects.services.stages import project_of
from anju.registry.models import Community
from anju.testing import SYSTEM


def _found(client: Client, query: str) -> dict[str, str]:
    page = client.get("/search/", {"q": query})
    assert page.status_code == 200
    text = page.content.decode()
    return {
        part.split('"', 1)[0]: part.split("</section>", 1)[0]
        for part in text.split('data-found="')[1:]
    }


def test_a_community_is_found_by_name_code_or_address_in_its_district_only(
    hualong_community: Community,
    qingfeng_community: Community,
    hualong_user: User,
    logged_in: Callable[[str], Client],
) -> None:
    client = logged_in("hualong")
    for query in (hualong_community.name, hualong_community.code[:-2], hualong_community.address):
        communities = _found(client, query)["communities"]
        assert f"/registry/communities/{hualong_community.code}/" in communities
        assert "华龙区" in communities
    assert "communities" not in _found(client, qingfeng_community.code)
    assert (
        "data-found-nothing"
        in client.get("/search/", {"q": qingfeng_community.code}).content.decode()
    )


def test_a_project_is_found_by_its_contractor(
    hualong_community: Community, hualong_user: User, logged_in: Callable[[str], Client]
) -> None:
    project = project_of(actor=SYSTEM, community=hualong_community)
    project_update(actor=SYSTEM, project=project, contractor="濮阳恒达建设有限公司")
    projects = _found(logged_in("hualong"), "恒达建设")["projects"]
    assert f"/projects/communities/{hualong_community.code}/" in projects and "储备" in projects


def test_latin_letters_are_found_whatever_their_case(
    hualong_community: Community, hualong_user: User, logged_in: Callable[[str], Client]
) -> None:
    project = project_of(actor=SYSTEM, community=hualong_community)
    project_update(actor=SYSTEM, project=project, supervisor="ZX工程监理公司")
    for query in ("zx工程", "ZX工程"):
        projects = _found(logged_in("hualong"), query)["projects"]
        assert f"/projects/communities/{hualong_community.code}/" in projects, query


def test_a_clause_is_found_in_the_citys_documents_with_its_number(
    hualong_user: User, logged_in: Callable[[str], Client]
) -> None:
    documents = _found(logged_in("hualong"), "加装电梯")["documents"]
    assert "濮政办〔2020〕31号" in documents
    assert "/policy/sources/puyang-2020/#clause-" in documents
    assert "加装电梯" in documents and "§" not in documents


def test_an_empty_or_overlong_search_answers_calmly(
    hualong_user: User, logged_in: Callable[[str], Client]
) -> None:
    client = logged_in("hualong")
    assert client.get("/search/").status_code == 200
    assert client.get("/search/", {"q": "小" * 5000}).status_code == 200
    assert client.get("/search/", {"q": "%_\\'\""}).status_code == 200
