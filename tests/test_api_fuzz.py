"""The API under schemathesis: every operation of the OpenAPI document is sent what its schema
allows and what it does not, on a real community and project, by a signed-in district official
with a valid CSRF token, and must never fail with a server error; every answer has a status, a
content type and a body the document gives for that operation. ANJU_FUZZ_EXAMPLES sets how many cases each operation gets:
eight in the suite; for a full run, `ANJU_FUZZ_EXAMPLES=2000 .venv/bin/pytest tests/test_api_fuzz.py`."""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from anju.accounts.models import User
from anju.projects.models import Project, ProjectStage
from anju.registry.models import Community
from anju.testing import PASSWORD

EXAMPLES = int(os.environ.get("ANJU_FUZZ_EXAMPLES") or 8)


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def connection_kept() -> Any:
    """Django's own test client keeps the test's connection, and its transaction, open across a
    request; the WSGI handler called straight would close it at the end of each."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def signed_in(hualong_user: User, hualong_community: Community) -> dict[str, Any]:
    Project.objects.create(
        community=hualong_community, plan_year=2026, stage=ProjectStage.CONSTRUCTION
    )
    client = Client(enforce_csrf_checks=True)
    assert client.login(username="hualong", password=PASSWORD)
    client.get("/login/")
    session, token = client.cookies["sessionid"].value, client.cookies["csrftoken"].value
    return {
        "cookies": {"sessionid": session, "csrftoken": token},
        "headers": {"X-CSRFToken": token, "Referer": "http://localhost/"},
    }


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_operation_fails_with_a_server_error(
    case: Any, signed_in: dict[str, Any], hualong_community: Community, connection_kept: None
) -> None:
    if "code" in (case.path_parameters or {}):  # a real community, so the bodies reach a record
        case.path_parameters["code"] = hualong_community.code
    response = case.call(**signed_in)
    case.validate_response(
        response,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
