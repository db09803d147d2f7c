"""What the API answers when it does not do what was asked, as the OpenAPI document says it:
400 for a request it cannot read (a body that is not JSON), 401 for a caller not signed in, 403 for a write without its CSRF token or outside the caller's
jurisdiction, 404 for a record the caller cannot see, 422 for a request that does not fit the
document or that the rules refuse. Every operation lists the ones it can give, so that a
client, and the API's own fuzz test, can hold each answer to the document."""

from typing import Any

from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError

from anju.core.policy_pack import Pack
from anju.policy.library import UnknownPack, get_pack


class ValidationItem(Schema):
    """One field that does not fit, as django-ninja reports it."""

    type: str
    loc: list[str | int]
    msg: str
    ctx: dict[str, Any] | None = None


class ErrorOut(Schema):
    """Why: a sentence in the user's language, or each field of the request that does not fit."""

    detail: str | list[ValidationItem]


def refusals(*codes: int) -> dict[int, type[ErrorOut]]:
    """The refusals an operation documents besides its answer: 400, 401 and 422 always."""
    return {code: ErrorOut for code in sorted({400, 401, 422, *codes})}


def pack_named(policy: str | None) -> Pack:
    """The pack a request names (the deployment's own when none), or 404 saying which."""
    try:
        return get_pack(policy)
    except UnknownPack:
        raise HttpError(404, _("No policy pack named {pack}.").format(pack=policy)) from None
