from django.urls import path

from anju.supervision import views

app_name = "supervision"
urlpatterns = [
    path("alerts/", views.alerts, name="alerts"),
]
