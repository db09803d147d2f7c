from django.urls import path

from anju.maps import views

app_name = "maps"
urlpatterns = [
    path("", views.map_page, name="map"),
    path("points.json", views.points, name="points"),
    path("name.json", views.point_name, name="point_name"),
    path("areas/", views.area_page, name="areas"),
    path("areas/accept", views.area_accept_view, name="area_accept"),
    path("boundaries/", views.boundaries_page, name="boundaries"),
]
