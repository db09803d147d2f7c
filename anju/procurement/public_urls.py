from django.urls import path

from anju.procurement import public_views

app_name = "works"
urlpatterns = [
    path("<str:code>/", public_views.works_public, name="public"),
]
