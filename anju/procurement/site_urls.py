from django.urls import path

from anju.procurement import site_views

app_name = "site"
urlpatterns = [
    path("", site_views.site_entry, name="entry"),
    path("works/", site_views.works, name="works"),
    path("photos/<int:pk>", site_views.photo, name="photo"),
    path("leave/", site_views.leave, name="leave"),
]
