from django.urls import path

from anju.participation import views
from anju.participation.notices import views as notice_views

app_name = "participation"
urlpatterns = [
    path("communities/<str:code>/polls/", views.poll_list, name="poll_list"),
    path("communities/<str:code>/polls/new/<str:kind>/", views.poll_new, name="poll_new"),
    path("polls/<int:pk>/", views.poll_detail, name="poll_detail"),
    path("polls/<int:pk>/roll/", views.poll_roll, name="poll_roll"),
    path("polls/<int:pk>/publish/", views.poll_publish_view, name="poll_publish"),
    path("polls/<int:pk>/codes/", views.poll_codes, name="poll_codes"),
    path("polls/<int:pk>/paper/", views.paper_entry, name="paper_entry"),
    path(
        "polls/<int:pk>/responses/<int:response>/void/",
        views.response_void_view,
        name="response_void",
    ),
    path("polls/<int:pk>/ballots.csv", views.ballots_csv, name="ballots_csv"),
    path("communities/<str:code>/notices/", notice_views.notice_list, name="notice_list"),
    path("communities/<str:code>/notices/new/", notice_views.notice_new, name="notice_new"),
    path("notices/<int:pk>/", notice_views.notice_detail, name="notice_detail"),
    path("sign-offs/<int:pk>/scan/", notice_views.sign_off_scan, name="sign_off_scan"),
]
