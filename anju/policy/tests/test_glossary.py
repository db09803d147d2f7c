"""The glossary quotes its documents: each term's words stand in the clause it cites, and the
page shows each with its 文号 and a link to the clause."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.template import Context, Template
from django.test import Client

from anju.accounts.models import User
from anju.policy.glossary import GLOSSARY
from anju.policy.library import citation_words, sources


def test_each_term_s_words_stand_in_the_clause_it_cites() -> None:
    documents = sources()
    for term in GLOSSARY:
        assert term.words in documents.clause(term.citation).text, term.term


def test_the_page_shows_each_term_with_its_document_and_clause(
    city_user: User, logged_in: Callable[[str], Client]
) -> None:
    page = logged_in("city").get("/policy/glossary/").content.decode()
    for term in GLOSSARY:
        assert f">{term.term}</dt>" in page
        assert citation_words(term.citation) in page
    assert 'href="/policy/sources/' in page


def test_a_page_links_its_terms_to_their_place_in_the_glossary(
    city_user: User, logged_in: Callable[[str], Client]
) -> None:
    glossary = logged_in("city").get("/policy/glossary/").content.decode()
    line = Template('{% load anju_policy %}{% terms "basic" "interview" %}').render(Context())
    assert (
        '<a href="/policy/glossary/#basic">基础类</a>、<a href="/policy/glossary/#interview">约谈'
        in line
    )
    for term in GLOSSARY:
        assert f'<dt id="{term.key}">{term.term}</dt>' in glossary
    with pytest.raises(KeyError):
        Template('{% load anju_policy %}{% terms "no-such-term" %}').render(Context())
    dashboard = logged_in("city").get("/supervision/").content.decode()
    assert 'href="/policy/glossary/#monthly-review">按月督导考核</a>' in dashboard
