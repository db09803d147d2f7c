from django.urls import path

from anju.assessment import views

app_name = "assessment"
urlpatterns = [
    path("communities/<str:code>/conditions/", views.conditions, name="conditions"),
    path("communities/<str:code>/content/", views.content, name="content"),
    path("communities/<str:code>/content.xlsx", views.content_export, name="content_export"),
]
