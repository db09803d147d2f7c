"""The works seen from the site, without an account: a residents' monitor reports what they
saw with photos, and the winner of a lot answers, each by the code the housing bureau printed
for them (wuhan-2021 §2.(2)3). The code is asked once and kept in the session; a code given
again or a monitor stood down closes it."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from anju.audit.context import Actor
from anju.limits.services import ON_SLIP, code_looked_up
from anju.procurement.forms import AnswerForm, ObservationForm
from anju.procurement.models import Lot, Monitor, Observation, ObservationPhoto
from anju.procurement.selectors import lot_by_answer_code, monitor_by_code, project_observations
from anju.procurement.services import (
    ProcurementError,
    answer_digest,
    monitor_digest,
    observation_add,
    observation_answer,
)
from anju.uploads import served

SESSION = "anju_site"


def _held(request: HttpRequest) -> Monitor | Lot | None:
    """Whose code the session holds, while that code still opens the project."""
    held = request.session.get(SESSION)
    if not isinstance(held, dict) or not isinstance(held.get("pk"), int):
        return None
    pk: int = held["pk"]
    if held.get("kind") == "monitor":
        monitor = (
            Monitor.objects.select_related("project__community")
            .filter(pk=pk, active=True, code_digest=held.get("digest"))
            .first()
        )
        return monitor
    if held.get("kind") == "winner":
        return (
            Lot.objects.select_related("project__community")
            .filter(pk=pk, answer_code__code_digest=held.get("digest"))
            .first()
        )
    return None


def _code_holder(code: str) -> Monitor | Lot | None:
    return monitor_by_code(code) or lot_by_answer_code(code)


@require_http_methods(["GET", "POST"])
def site_entry(request: HttpRequest) -> HttpResponse:
    typed = request.POST.get("code") or request.GET.get("code") or ""
    problem, status = "", 200
    if typed:
        looked = code_looked_up(request, typed, _code_holder, ON_SLIP)
        if looked.found is not None:
            holder = looked.found
            request.session.cycle_key()
            request.session[SESSION] = (
                {"kind": "monitor", "pk": holder.pk, "digest": monitor_digest(looked.code)}
                if isinstance(holder, Monitor)
                else {"kind": "winner", "pk": holder.pk, "digest": answer_digest(looked.code)}
            )
            return redirect("site:works")
        problem, status = looked.problem, looked.status
    return render(
        request, "procurement/site/entry.html", {"typed": typed, "problem": problem}, status=status
    )


@require_http_methods(["GET", "POST"])
def works(request: HttpRequest) -> HttpResponse:
    held = _held(request)
    if held is None:
        return redirect("site:entry")
    project = held.project
    actor = Actor.resident(
        request, f"monitor:{held.pk}" if isinstance(held, Monitor) else f"winner:{held.pk}"
    )
    context: dict[str, Any] = {"project": project, "community": project.community, "held": held}
    if isinstance(held, Monitor):
        form = ObservationForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                observation_add(
                    actor=actor,
                    monitor=held,
                    text=form.cleaned_data["text"],
                    photos=form.photos(),
                )
            except ProcurementError as refused:
                form.add_error("text", str(refused))
            else:
                return redirect(f"{reverse('site:works')}?{urlencode({'sent': 1})}")
        context |= {"form": form, "monitor": held, "sent": request.GET.get("sent") == "1"}
    else:
        answering = AnswerForm(request.POST or None)
        if request.method == "POST" and answering.is_valid():
            observation = get_object_or_404(
                Observation, pk=answering.cleaned_data["observation"], project=project
            )
            try:
                observation_answer(
                    actor=actor,
                    lot=held,
                    observation=observation,
                    answer=answering.cleaned_data["answer"],
                )
            except ProcurementError as refused:
                context["problem"] = str(refused)
            else:
                return redirect(f"{reverse('site:works')}?{urlencode({'sent': 1})}")
        context |= {"lot": held, "sent": request.GET.get("sent") == "1"}
    observations = project_observations(project)
    context["open"] = [o for o in observations if o.answered_at is None]
    context["answered"] = [o for o in observations if o.answered_at is not None]
    return render(request, "procurement/site/works.html", context)


@require_GET
def photo(request: HttpRequest, pk: int) -> FileResponse:
    """A site photo, to the code holders of its project only; never from a public folder."""
    held = _held(request)
    found = ObservationPhoto.objects.filter(
        pk=pk, observation__project=held.project if held else None
    ).first()
    if held is None or found is None:
        raise Http404
    return served(found.image)


@require_http_methods(["POST"])
def leave(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION, None)
    return redirect("site:entry")
