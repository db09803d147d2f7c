from django.urls import path

from anju.projects import views

app_name = "projects"
urlpatterns = [
    path("communities/<str:code>/", views.project_detail, name="detail"),
    path("communities/<str:code>/particulars", views.details_update, name="details"),
    path("communities/<str:code>/approvals", views.approval_add, name="approval_add"),
    path("communities/<str:code>/progress", views.progress_add, name="progress_add"),
    path("communities/<str:code>/inspections", views.inspection_add, name="inspection_add"),
    path("communities/<str:code>/outcomes", views.outcomes_save, name="outcomes_save"),
    path("communities/<str:code>/defects/<int:pk>/fixed", views.defect_fixed, name="defect_fixed"),
    path(
        "communities/<str:code>/utility-works", views.utility_work_create, name="utility_work_add"
    ),
    path("communities/<str:code>/photos/<int:pk>", views.photo, name="photo"),
    path("communities/<str:code>/bundle", views.bundle_member_add, name="bundle_add"),
    path(
        "communities/<str:code>/bundle/<int:pk>/remove",
        views.bundle_member_remove,
        name="bundle_remove",
    ),
]
