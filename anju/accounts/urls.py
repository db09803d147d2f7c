from django.urls import path

from anju.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.account, name="account"),
    path("password/", views.password_change, name="password"),
    path("second-factor/", views.second_factor, name="second_factor"),
]
