from django.urls import path

from anju.accounts import people_views, views

app_name = "accounts"
urlpatterns = [
    path("", views.account, name="account"),
    path("password/", views.password_change, name="password"),
    path("second-factor/", views.second_factor, name="second_factor"),
    path("people/", people_views.people, name="people"),
    path("people/new/", people_views.person_new, name="person_new"),
    path("people/import/", people_views.people_import, name="people_import"),
    path("people/template.xlsx", people_views.people_template, name="people_template"),
    path("people/<int:pk>/", people_views.person, name="person"),
    path("people/<int:pk>/password/", people_views.person_password, name="person_password"),
    path("people/<int:pk>/active/", people_views.person_active, name="person_active"),
]
