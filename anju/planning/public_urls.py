"""Adopted annual plans as anyone reads them: a short address to post with the plan."""

from django.urls import path

from anju.planning import views

app_name = "plan"
urlpatterns = [
    path("<str:division>/<int:year>/", views.annual_plan_public, name="public"),
]
