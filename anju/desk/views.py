"""我的待办, the page every user opens first, and the search box every page carries."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from anju.desk.search import search as found
from anju.desk.selectors import desk as waiting


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    return render(request, "desk/desk.html", {"groups": waiting(request.user)})


@login_required
def search(request: HttpRequest) -> HttpResponse:
    return render(
        request, "desk/search.html", {"found": found(request.user, request.GET.get("q", ""))}
    )
