from django.urls import path

from anju.experts import views

app_name = "experts"
urlpatterns = [
    path("", views.library, name="library"),
    path("<int:pk>/toggle", views.expert_toggle, name="toggle"),
    path("projects/<str:code>/draw", views.draw, name="draw"),
    path("draws/<int:pk>/reviews", views.review, name="review"),
]
