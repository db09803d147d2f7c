"""The packs as officials read them: each pack's rules with their clauses, and two side by side."""

from __future__ import annotations

from itertools import groupby

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anju.core.clauses import Sources, citation_parts, clause_words, numbered_lines
from anju.core.pack_compare import Section, compare, rules_of, topic_words
from anju.core.policy_pack import Provenance
from anju.policy.glossary import GLOSSARY
from anju.policy.library import (
    anchor,
    clause_link,
    document_names,
    get_pack,
    pack_choices,
    pack_ids,
    pack_or_404,
    source_text,
    sources,
)

EXCERPT = 400

SECTION_LABELS = {
    Section.SCOPE: gettext_lazy("Scope"),
    Section.EXCLUSIONS: gettext_lazy("Exclusions"),
    Section.WILLINGNESS: gettext_lazy("Residents' willingness"),
    Section.CATEGORIES: gettext_lazy("Content categories"),
    Section.ITEMS: gettext_lazy("Content items and unit prices"),
    Section.OUTCOMES: gettext_lazy("Outcomes reported upward"),
    Section.LOW_RISK: gettext_lazy("Approval fast path"),
    Section.APPROVALS: gettext_lazy("Approvals"),
    Section.FUNDING: gettext_lazy("Funding channels"),
    Section.COST_SHARING: gettext_lazy("Cost sharing among owners"),
    Section.MONEY: gettext_lazy("Paying out and moving money"),
    Section.LIFECYCLE: gettext_lazy("Gates of a project's life"),
    Section.SUPERVISION: gettext_lazy("Supervision"),
    Section.ASSESSMENT: gettext_lazy("District assessment"),
    Section.DEADLINES: gettext_lazy("Deadlines"),
    Section.TARGETS: gettext_lazy("Targets"),
    Section.RESPONSIBILITIES: gettext_lazy("Departments' duties"),
    Section.TASKS: gettext_lazy("Tasks, lead and responsible units"),
    Section.PRIORITY: gettext_lazy("Priority for the plan"),
    Section.PROCUREMENT: gettext_lazy("Procurement"),
    Section.NEARBY: gettext_lazy("Stock resources and 片区"),
}


@login_required
def pack_list(request: HttpRequest) -> HttpResponse:
    return render(request, "policy/pack_list.html", {"packs": [get_pack(p) for p in pack_ids()]})


PROVENANCE_LABELS = {
    Provenance.OWN: gettext_lazy("Own clause"),
    Provenance.NATIONAL: gettext_lazy("National document"),
    Provenance.REFERENCE: gettext_lazy("Reference practice"),
}


@login_required
def pack_detail(request: HttpRequest, pack_id: str) -> HttpResponse:
    """Every rule the pack governs its city by, each with its authority: the city's own clause,
    a national document, or Anju's reference practice the city may adopt, change or drop."""
    pack = pack_or_404(pack_id)
    rules = list(rules_of(pack))
    counts = {p: sum(1 for _, _, side in rules if side.provenance is p) for p in Provenance}
    documents = sources()
    return render(
        request,
        "policy/pack_detail.html",
        {
            "pack": pack,
            "counts": [(PROVENANCE_LABELS[p], p.value, n) for p, n in counts.items()],
            "labels": {p.value: label for p, label in PROVENANCE_LABELS.items()},
            "sections": [
                (
                    SECTION_LABELS[section],
                    [
                        (
                            topic_words(section, topic, pack),
                            side,
                            *_clause(documents, side.citation, side.provenance),
                        )
                        for _, topic, side in group
                    ],
                )
                for section, group in groupby(rules, key=lambda rule: rule[0])
            ],
        },
    )


def _clause(documents: Sources, citation: str, provenance: Provenance) -> tuple[str, str]:
    """Where the city's own clause stands on its document's page, and its words, shown beside
    the rule; nothing for a national document or reference practice."""
    parts = citation_parts(citation) if provenance is Provenance.OWN else None
    if parts is None:
        return "", ""
    document, clause = parts
    text = documents.clause(citation).text
    excerpt = text if len(text) <= EXCERPT else text[:EXCERPT] + "…"
    return clause_link(document, clause), excerpt


@login_required
def source_document(request: HttpRequest, source: str) -> HttpResponse:
    """A source document as published, each clause with the anchor its citations link to, and
    the packs that cite it."""
    text = source_text(source)
    if text is None:
        raise Http404(_("No such source document."))
    return render(
        request,
        "policy/source.html",
        {
            "document": source,
            "name": document_names().get(source, source),
            "lines": [
                (anchor(begins) if begins else "", clause_words(begins) if begins else "", line)
                for begins, line in numbered_lines(text)
                if line
            ],
            "packs": [pack for pack in map(get_pack, pack_ids()) if source in pack.model.sources],
        },
    )


class CompareForm(forms.Form):
    left = forms.ChoiceField(label=gettext_lazy("Pack"))
    right = forms.ChoiceField(label=gettext_lazy("Compared with"))
    everything = forms.BooleanField(label=gettext_lazy("Show what is the same too"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name in ("left", "right"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = pack_choices()


@login_required
def pack_compare(request: HttpRequest) -> HttpResponse:
    form = CompareForm(request.GET or None)
    context: dict[str, object] = {"form": form}
    if form.is_valid():
        left = get_pack(form.cleaned_data["left"])
        right = get_pack(form.cleaned_data["right"])
        rows = [
            row for row in compare(left, right) if form.cleaned_data["everything"] or not row.same
        ]
        context.update(
            left=left,
            right=right,
            sections=[
                (SECTION_LABELS[section], list(group))
                for section, group in groupby(rows, key=lambda row: row.section)
            ],
        )
    return render(request, "policy/pack_compare.html", context)


@login_required
def glossary(request: HttpRequest) -> HttpResponse:
    """The program's terms in its documents' words, each beside the clause it stands in."""
    return render(
        request,
        "policy/glossary.html",
        {
            "terms": [
                (term, clause_link(*parts) if (parts := citation_parts(term.citation)) else "")
                for term in GLOSSARY
            ],
        },
    )
