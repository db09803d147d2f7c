from django.urls import path

from anju.maps import views

app_name = "maps"
urlpatterns = [
    path("", views.map_page, name="map"),
    path("points.json", views.points, name="points"),
]
