"""The residents' side: short addresses, since they are typed from paper and put in QR codes."""

from django.urls import path

from anju.participation import views

app_name = "ballot"
urlpatterns = [
    path("", views.ballot_entry, name="entry"),
    path("ballot/", views.ballot, name="form"),
    path("<str:code>/", views.ballot_link, name="cast"),
]
