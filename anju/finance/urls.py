from django.urls import path

from anju.finance import views
from anju.finance.money import views as money_views

app_name = "finance"
urlpatterns = [
    path("communities/<str:code>/funding/", views.funding_plan, name="funding_plan"),
    path("communities/<str:code>/funding/reductions/", views.reductions, name="reductions"),
    path("communities/<str:code>/funding/shares.xlsx", views.shares_export, name="shares_export"),
    path("communities/<str:code>/funding/notices/", views.share_notices, name="share_notices"),
]
urlpatterns += [
    path("maintenance-funds/", views.fund_list, name="fund_list"),
    path("communities/<str:code>/maintenance-fund/", views.fund_detail, name="fund_detail"),
]
urlpatterns += [
    path("communities/<str:code>/appraisal/", views.appraisal, name="appraisal"),
]

urlpatterns += [
    path("money/", money_views.money_overview, name="money"),
    path("money/budgets/<int:pk>/", money_views.budget_detail, name="budget"),
    path("money/trace.xlsx", money_views.trace_export, name="trace"),
    path("money/adjustment/", money_views.adjustment, name="adjustment"),
]
