"""The household's side: a short address, typed from the printed notice or reached by its QR."""

from django.urls import path

from anju.finance import public_views

app_name = "share"
urlpatterns = [
    path("", public_views.share_entry, name="entry"),
    path("<str:code>/", public_views.share, name="detail"),
]
