from django.urls import path

from anju.procurement import views

app_name = "procurement"
urlpatterns = [
    path("check/", views.check, name="check"),
    path("projects/<str:code>/lots", views.lot_new, name="lot_new"),
    path("lots/<int:pk>/", views.lot_edit, name="lot_edit"),
]
