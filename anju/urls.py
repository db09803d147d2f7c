from django.contrib.auth import views as auth_views
from django.urls import include, path

from anju.accounts import first_run_views
from anju.api import api
from anju.desk import views as desk_views

urlpatterns = [
    path("", desk_views.desk, name="home"),
    path("search/", desk_views.search, name="search"),
    path("login/", first_run_views.sign_in, name="login"),
    path("setup/", first_run_views.setup, name="setup"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", include("anju.accounts.urls")),
    path("audit/", include("anju.auditing.urls")),
    path("registry/", include("anju.registry.urls")),
    path("assessment/", include("anju.assessment.urls")),
    path("policy/", include("anju.policy.urls")),
    path("participation/", include("anju.participation.urls")),
    path("planning/", include("anju.planning.urls")),
    path("finance/", include("anju.finance.urls")),
    path("projects/", include("anju.projects.urls")),
    path("experts/", include("anju.experts.urls")),
    path("procurement/", include("anju.procurement.urls")),
    path("supervision/", include("anju.supervision.urls")),
    path("map/", include("anju.maps.urls")),
    path("stock/", include("anju.stock.urls")),
    path("v/", include("anju.participation.public_urls")),
    path("n/", include("anju.participation.notices.urls")),
    path("p/", include("anju.planning.public_urls")),
    path("s/", include("anju.finance.public_urls")),
    path("w/", include("anju.procurement.public_urls")),
    path("m/", include("anju.procurement.site_urls")),
    path("api/v1/", api.urls),
]
