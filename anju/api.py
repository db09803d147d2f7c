"""The JSON API (OpenAPI 3 at /api/v1/openapi.json): the same services and the same jurisdiction
rule as the web pages."""

from ninja import NinjaAPI
from ninja.security import django_auth

from anju.experts.api import router as experts_router
from anju.procurement.api import router as procurement_router
from anju.projects.api import router as projects_router
from anju.registry.api import router as registry_router

api = NinjaAPI(title="Anju API", version="1", auth=django_auth, urls_namespace="api")
api.add_router("/registry/", registry_router)
api.add_router("/projects/", projects_router)
api.add_router("/experts/", experts_router)
api.add_router("/procurement/", procurement_router)
