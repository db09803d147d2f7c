"""The officials a user keeps the accounts of, and the staff workbook a bureau opens many with.

The rule of who opens whose account is the core's (anju.core.staffing); here it is read for a
page — the accounts listed, the posts offered — and said in the user's words.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext as _

from anju.accounts.jurisdiction import ALL, restrict, scopes, within
from anju.accounts.models import Membership, User
from anju.accounts.models import Role as RoleChoice
from anju.core.access import Capability, Role
from anju.core.divisions import InvalidDivisionCode, Level, normalize_code
from anju.core.documents import HEAD_BYTES, MB, Accepts
from anju.core.file_bounds import FileBounds
from anju.core.staffing import POST_LEVEL, STAFF_ROLES, Post, Refusal, grant_refusal, keeps
from anju.divisions.models import Division, DivisionLevel
from anju.divisions.selectors import home_city
from anju.sheet_files import form_bounds, read_sheets
from anju.uploads import upload_kind_of
from anju.workbooks import new_workbook

STAFF_WORKBOOKS = Accepts(frozenset({"xlsx", "xls", "ods"}), 2 * MB)
MAX_STAFF_ROWS = 5000
COLUMNS = ("用户名", "姓名", "岗位", "行政区划代码")
REQUIRED = ("用户名", "岗位", "行政区划代码")


@dataclass(frozen=True, slots=True)
class StaffRow:
    """An account a staff workbook asks for."""

    number: int  # as the workbook's author sees it
    username: str
    display_name: str
    role: Role
    division_code: str


# A problem of one row: its number as the author sees it, and what is wrong.
RowProblem = tuple[int, str]


def row_problems_said(problems: Iterable[RowProblem]) -> list[str]:
    return [_("Row %(row)d: %(why)s") % {"row": row, "why": why} for row, why in sorted(problems)]


def role_label(role: Role) -> str:
    return str(RoleChoice(role).label)


def grant_refused(reason: Refusal, role: Role, division_code: str) -> str:
    """Why a post may not be granted there, in the words of the official who tried."""
    division = Division.objects.filter(code=division_code).first()
    place = f"{division.name}（{division_code}）" if division else division_code
    label = role_label(role)
    if reason is Refusal.WRONG_LEVEL:
        level = POST_LEVEL.get(role)
        if level is not None:
            return _("A %(role)s account is held at a %(level)s; %(place)s is not one.") % {
                "role": label,
                "level": DivisionLevel(level).label,
                "place": place,
            }
        return _("A %(role)s account is held at a city or a district; %(place)s is neither.") % {
            "role": label,
            "place": place,
        }
    messages = {
        Refusal.NOT_A_GRANTOR: _("Your post does not open accounts."),
        Refusal.NOT_STAFF: _("Owners' accounts are not opened here."),
        Refusal.OUTSIDE: _("%(place)s lies outside your area."),
        Refusal.MORE_THAN_GRANTOR: _("A %(role)s may do what your post may not."),
        Refusal.NOT_BELOW: _(
            "A %(role)s account at %(place)s is opened by the level above it, not by yours."
        ),
    }
    return messages[reason] % {"role": label, "place": place}


def posts_of(user: User | None) -> list[Post] | None:
    """The user's posts; None for the operator (no user: a command; or a superuser)."""
    if user is None or user.is_superuser:
        return None
    return [
        (Role(role), code) for code, role in user.memberships.values_list("division_id", "role")
    ]


def kept_by(user: User) -> list[User]:
    """The accounts ``user`` keeps, deactivated ones included, by user name: those with a post
    in their area (one query), then only those whose every post they could have granted."""
    found = restrict(
        User.objects.prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("division"))
        ),
        user,
        Capability.ACCOUNTS_MANAGE,
        "memberships__division_id",
    )
    posts = posts_of(user)
    return [
        u
        for u in found.distinct().order_by("username")
        if u.pk != user.pk
        and keeps(posts, [(Role(m.role), m.division_id) for m in u.memberships.all()])
    ]


def grantable_posts(user: User) -> tuple[list[Role], list[Division]]:
    """The roles ``user`` may grant somewhere and the divisions they may grant them at, for
    the form's two lists; each pair is checked again when the account is opened. One who
    may grant everywhere (the operator's superuser) is offered the deployment's city, not
    the country's seven hundred thousand divisions."""
    divisions = restrict(
        Division.objects.filter(level__gte=Level.CITY), user, Capability.ACCOUNTS_MANAGE, "code"
    )
    city = home_city()
    if scopes(user, Capability.ACCOUNTS_MANAGE) is ALL and city:
        divisions = divisions.filter(within("code", city))
    found = list(divisions.order_by("code"))
    posts = posts_of(user)
    roles = [r for r in STAFF_ROLES if any(grant_refusal(posts, r, d.code) is None for d in found)]
    places = [d for d in found if any(grant_refusal(posts, r, d.code) is None for r in roles)]
    return roles, places


def _role_words() -> dict[str, Role]:
    """The words a workbook may name a post by: its key, and its label in either language."""
    words: dict[str, Role] = {}
    for role in STAFF_ROLES:
        words[role.value] = role
        for language in ("zh-hans", "en"):
            with translation.override(language):
                words[role_label(role)] = role
    return words


def staff_bounds() -> FileBounds:
    return form_bounds(STAFF_WORKBOOKS.max_bytes, rows=MAX_STAFF_ROWS + 20, seconds=30)


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def read_staff_workbook(data: bytes, name: str) -> tuple[list[StaffRow], list[RowProblem]]:
    """The accounts a staff workbook asks for, and the problems of the rows that cannot be
    read; ValidationError for a workbook not laid out as one, UploadRefused for a file that is
    not a workbook within its bounds."""
    kind = upload_kind_of(name, data[:HEAD_BYTES], len(data), STAFF_WORKBOOKS)
    sheets = read_sheets(data, name=name, kind=kind, bounds=staff_bounds())
    rows = next(iter(sheets.values()), [])
    header_at = next(
        (i for i, row in enumerate(rows[:20]) if "用户名" in {_text(c) for c in row}), None
    )
    if header_at is None:
        raise ValidationError(
            _("No header row with 用户名 in the first sheet's first 20 rows; use the template.")
        )
    header = [_text(c) for c in rows[header_at]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ValidationError(
            _("The header row (row %(row)d) lacks the columns %(columns)s.")
            % {"row": header_at + 1, "columns": "、".join(missing)}
        )
    at = {c: header.index(c) for c in COLUMNS if c in header}
    words = _role_words()
    found: list[StaffRow] = []
    problems: list[RowProblem] = []
    for index, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        cells = {c: _text(row[i]) if i < len(row) else "" for c, i in at.items()}
        if not any(cells.values()):
            continue
        if len(found) + len(problems) >= MAX_STAFF_ROWS:
            raise ValidationError(
                _("A staff workbook holds at most %(count)d accounts.") % {"count": MAX_STAFF_ROWS}
            )
        these = [
            (index, _("%(column)s is empty.") % {"column": c}) for c in REQUIRED if not cells[c]
        ]
        role = words.get(cells["岗位"])
        if cells["岗位"] and role is None:
            these.append(
                (
                    index,
                    _("“%(value)s” is not a post; use one of %(posts)s.")
                    % {
                        "value": cells["岗位"],
                        "posts": "、".join(role_label(r) for r in STAFF_ROLES),
                    },
                )
            )
        code = ""
        if cells["行政区划代码"]:
            try:
                code = normalize_code(cells["行政区划代码"])
            except InvalidDivisionCode:
                these.append(
                    (
                        index,
                        _("“%(value)s” is not a division code of 6, 9 or 12 digits.")
                        % {"value": cells["行政区划代码"]},
                    )
                )
        if these or role is None:
            problems.extend(these)
            continue
        found.append(StaffRow(index, cells["用户名"], cells.get("姓名", ""), role, code))
    if not found and not problems:
        raise ValidationError(_("The workbook lists no accounts below its header row."))
    return found, problems


def write_staff_template(target: IO[bytes], user: User) -> None:
    """The staff workbook to fill: its columns, the posts as a drop-down, and a second sheet of
    the divisions where ``user`` may open accounts, with their codes."""
    roles, places = grantable_posts(user)
    workbook = new_workbook(target)
    bold = workbook.add_format({"bold": True})
    sheet = workbook.add_worksheet("名册")
    sheet.write_row(0, 0, COLUMNS, bold)
    sheet.set_column(0, 1, 16)
    sheet.set_column(2, 2, 24)
    sheet.set_column(3, 3, 18, workbook.add_format({"num_format": "@"}))
    sheet.data_validation(
        1, 2, MAX_STAFF_ROWS, 2, {"validate": "list", "source": [role_label(r) for r in roles]}
    )
    where = workbook.add_worksheet("行政区划")
    where.write_row(0, 0, ("行政区划代码", "名称", "层级"), bold)
    where.set_column(0, 0, 16)
    where.set_column(1, 2, 24)
    for i, division in enumerate(places, start=1):
        where.write_row(i, 0, (division.code, division.name, division.get_level_display()))
    workbook.close()


def staff_template(user: User) -> bytes:
    out = io.BytesIO()
    write_staff_template(out, user)
    return out.getvalue()


def issued_rows(opened: Iterable[tuple[User, str]]) -> Sequence[dict[str, Any]]:
    return [
        {
            "user": user,
            "password": password,
            "posts": [(role_label(Role(m.role)), m.division) for m in user.memberships.all()],
        }
        for user, password in opened
    ]
