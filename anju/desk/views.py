"""我的待办, the page every user opens first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from anju.desk.selectors import desk as waiting


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    return render(request, "desk/desk.html", {"groups": waiting(request.user)})
