from django.urls import path

from anju.stock import views

app_name = "stock"
urlpatterns = [
    path("", views.resource_list, name="list"),
    path("template.xlsx", views.template, name="template"),
    path("<str:code>/", views.resource_detail, name="detail"),
    path("<str:code>/take", views.take, name="take"),
    path("<str:code>/release", views.release, name="release"),
]
