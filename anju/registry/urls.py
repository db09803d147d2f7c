from django.urls import path

from anju.registry import views

app_name = "registry"
urlpatterns = [
    path("communities/", views.community_list, name="community_list"),
    path("communities.xlsx", views.community_list_export, name="community_list_export"),
    path("communities/<str:code>/", views.community_detail, name="community_detail"),
    path("communities/<str:code>/edit/", views.community_edit, name="community_edit"),
    path("ledger/import/", views.ledger_import_view, name="ledger_import"),
    path("ledger/imports/<int:pk>/", views.ledger_import_job, name="ledger_import_job"),
    path(
        "ledger/imports/<int:pk>/columns/",
        views.ledger_import_wordings,
        name="ledger_import_wordings",
    ),
    path(
        "ledger/wordings/<int:pk>/forget/",
        views.ledger_wording_forget_view,
        name="ledger_wording_forget",
    ),
    path("ledger/export/", views.ledger_export_view, name="ledger_export"),
]
