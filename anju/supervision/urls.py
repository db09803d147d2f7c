from django.urls import path

from anju.supervision import views

app_name = "supervision"
urlpatterns = [
    path("", views.supervision_dashboard, name="dashboard"),
    path("alerts/", views.alerts, name="alerts"),
    path("ledger/", views.ledger, name="ledger"),
    path("assessment/", views.district_assessment, name="assessment"),
    path("tasks/", views.tasks, name="tasks"),
    path("bulletin.docx", views.bulletin_docx, name="bulletin"),
    path("ledger.xlsx", views.ledger_export, name="ledger_export"),
]
