from django.urls import path

from anju.projects import views

app_name = "projects"
urlpatterns = [
    path("communities/<str:code>/", views.project_detail, name="detail"),
]
