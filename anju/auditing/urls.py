from django.urls import path

from anju.auditing import views

app_name = "audit"
urlpatterns = [
    path("", views.log, name="log"),
    path("log.xlsx", views.log_export, name="export"),
]
