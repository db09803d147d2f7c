"""Citations on pages as officials read them (附件1, not §annex.1), and the terms a page uses
linked to what the documents mean by them."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from anju.policy.glossary import TERMS
from anju.policy.library import citation_words, document_names

register = template.Library()


@register.filter
def cited(citation: object) -> str:
    """``puyang-2020 §5.(3)`` as 濮政办〔2020〕31号 五（三）; other citations as they are."""
    return citation_words(str(citation or ""))


@register.filter
def document_name(document: object) -> str:
    """A source document by its own name (its 文号) where its pack gives one."""
    return document_names().get(str(document), str(document))


@register.simple_tag
def terms(*keys: str) -> SafeString:
    """A line under a page's heading linking each of the program's terms the page uses to the
    glossary, where the document defining it is quoted. A key the glossary lacks is an error
    on the page, not a dead link."""
    glossary = reverse("policy:glossary")
    links = format_html_join(
        "、", '<a href="{}#{}">{}</a>', ((glossary, key, TERMS[key].term) for key in keys)
    )
    return format_html('<p class="terms noprint">{}{}</p>', _("Terms on this page: "), links)
