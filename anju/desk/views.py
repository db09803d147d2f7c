"""我的待办, the page every user opens first, and the search box every page carries."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from anju.desk.search import asked
from anju.desk.search import search as found
from anju.desk.selectors import desk as waiting


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    return render(request, "desk/desk.html", {"groups": waiting(request.user)})


@login_required
def search(request: HttpRequest) -> HttpResponse:
    typed = request.GET.get("q", "")
    # searched only if the results are written, not when they are kept (anju_kept)
    results = SimpleLazyObject(lambda: found(request.user, typed))
    return render(request, "desk/search.html", {"query": asked(typed), "found": results})
