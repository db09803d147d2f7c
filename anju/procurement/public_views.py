"""Who builds what for how much, as residents and the public read it without signing in (施工招
投标、改造资金拨付…向居民公开, puyang-2020 §3.(2)2): the project's dates, who builds, designs,
carries out and supervises it, the lots awarded with their winners, prices and named leads, and
the money set aside and paid. Nothing personal."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.experts.selectors import designer_of
from anju.finance.money.selectors import project_money
from anju.procurement.selectors import project_lots
from anju.projects.models import BundleMember, Project
from anju.registry.models import Community


def _project(community: Community) -> Project | None:
    """The community's own project, or the one it is packed into."""
    own = Project.objects.filter(community=community).first()
    if own is not None:
        return own
    member = BundleMember.objects.filter(community=community).select_related("project").first()
    return member.project if member else None


def works_public(request: HttpRequest, code: str) -> HttpResponse:
    community = Community.objects.filter(code=code).select_related("district", "street").first()
    project = _project(community) if community else None
    if community is None or project is None:
        raise Http404(_("No renovation project is recorded for this community."))
    granted, paid = project_money(project)
    parties = [
        (_("Builder (project owner)"), project.builder),
        (_("Designer"), designer_of(project)),
        (_("Contractor"), project.contractor),
        (_("Supervisor"), project.supervisor),
    ]
    return render(
        request,
        "procurement/public_works.html",
        {
            "community": community,
            "project": project,
            "lots": [lot for lot in project_lots(project) if lot.awarded_on is not None],
            "parties": [(role, name) for role, name in parties if name],
            "granted": granted,
            "paid": paid,
            "today": timezone.localdate(),
        },
    )
