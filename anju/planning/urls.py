from django.urls import path

from anju.planning import views

app_name = "planning"
urlpatterns = [
    path("", views.scenario_list, name="scenario_list"),
    path("new/", views.scenario_new, name="scenario_new"),
    path("compare/", views.scenario_compare, name="scenario_compare"),
    path("<int:pk>/", views.scenario_detail, name="scenario_detail"),
    path("<int:pk>/rerun/", views.scenario_rerun, name="scenario_rerun"),
    path("<int:pk>/plan.xlsx", views.scenario_export, name="scenario_export"),
    path("<int:pk>/adopt/", views.scenario_adopt, name="scenario_adopt"),
    path("annual/<str:division>/<int:year>/", views.annual_plan, name="annual_plan"),
    path("communities/<str:code>/score/", views.community_score, name="community_score"),
]
