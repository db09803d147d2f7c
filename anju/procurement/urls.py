from django.urls import path

from anju.procurement import list_views, views

app_name = "procurement"
urlpatterns = [
    path("", list_views.lot_list, name="lots"),
    path("check/", views.check, name="check"),
    path("untrustworthy/", views.debarments, name="debarments"),
    path("projects/<str:code>/lots", views.lot_new, name="lot_new"),
    path("projects/<str:code>/monitors", views.monitor_new, name="monitor_new"),
    path("lots/<int:pk>/", views.lot_edit, name="lot_edit"),
    path("lots/<int:pk>/answer-code", views.answer_slip, name="answer_slip"),
    path("lots/<int:pk>/variations", views.variation_new, name="variation_new"),
    path("variations/<int:pk>/approval", views.variation_approved, name="variation_approved"),
    path("monitors/<int:pk>/slip", views.monitor_slip, name="monitor_slip"),
    path("monitors/<int:pk>/stand-down", views.monitor_stand_down_view, name="monitor_stand_down"),
    path("observations/photos/<int:pk>", views.observation_photo, name="observation_photo"),
]
