"""Public notices as anyone reads them: short addresses for posting on a board or in a group."""

from django.urls import path

from anju.participation.notices import views as notice_views

app_name = "notice"
urlpatterns = [
    path("<int:pk>/", notice_views.notice_public, name="public"),
    path("<int:pk>/documents/<int:document>/", notice_views.document, name="document"),
]
