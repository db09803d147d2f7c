from django.urls import path

from anju.policy import views

app_name = "policy"
urlpatterns = [
    path("", views.pack_list, name="pack_list"),
    path("compare/", views.pack_compare, name="pack_compare"),
    path("glossary/", views.glossary, name="glossary"),
    path("sources/<str:source>/", views.source_document, name="source"),
    path("<str:pack_id>/", views.pack_detail, name="pack_detail"),
]
