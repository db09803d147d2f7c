"""Citations on pages as officials read them (附件1, not §annex.1)."""

from __future__ import annotations

from django import template

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
