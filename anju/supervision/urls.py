from django.urls import path

from anju.supervision import monthly_views, views

app_name = "supervision"
urlpatterns = [
    path("", views.supervision_dashboard, name="dashboard"),
    path("alerts/", views.alerts, name="alerts"),
    path("ledger/", views.ledger, name="ledger"),
    path("assessment/", views.district_assessment, name="assessment"),
    path("tasks/", views.tasks, name="tasks"),
    path("reports/", views.reports, name="reports"),
    path("monthly/", monthly_views.monthly, name="monthly"),
    path("refresh/", views.standings_refresh, name="refresh"),
    path("reports/<int:pk>.<str:fmt>", views.report_file, name="report_file"),
    path("ledger.xlsx", views.ledger_export, name="ledger_export"),
]
