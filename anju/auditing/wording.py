"""The audit log in words: what was done, to what, and which fields changed from what to what.

Entries keep their actions and fields as keys (``community.update``, ``household_count``) so
that they stay comparable across releases and languages; the log page and its workbook read
them to an auditor as 更新小区 and 户数：96 → 103.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from anju.audit.models import AuditEntry
from anju.policy.library import get_pack, pack_ids

ACTION_NAMES: Mapping[str, Promise] = {
    "appraisal.save": _("saved a community's condition appraisal"),
    "audit.export": _("exported the audit log"),
    "backup.restore": _("restored a backup"),
    "backup.write": _("wrote a backup"),
    "ballot_code.reprint": _("reprinted a ballot code"),
    "ballot_slips.print": _("printed ballot slips"),
    "boundaries.load": _("loaded division outlines"),
    "budget.create": _("created a budget"),
    "building.update": _("updated a building"),
    "community.update": _("updated a community"),
    "conditions.load": _("loaded condition assessments"),
    "conditions.update": _("updated a condition assessment"),
    "content_list.discard": _("discarded a content list"),
    "content_list.save": _("saved a content list"),
    "divisions.home_city": _("set the deployment's city"),
    "divisions.load": _("loaded administrative divisions"),
    "dwelling.update": _("updated a dwelling"),
    "experts.active": _("changed whether an expert is drawn"),
    "experts.add": _("added an expert"),
    "experts.draw": _("drew experts"),
    "experts.review": _("recorded an expert review"),
    "funding_plan.draw": _("drew up a funding plan"),
    "funding_plan.reductions": _("set a funding plan's reductions"),
    "funding_plan.save": _("saved a funding plan"),
    "funding_plan.share_codes": _("issued share inquiry codes"),
    "grant.create": _("granted money to a project"),
    "ledger.close": _("closed a project in the ledger"),
    "ledger.import": _("imported a ledger"),
    "ledger.import.queue": _("sent a ledger to be imported"),
    "ledger.wording_forget": _("forgot a ledger column's wording"),
    "ledger.wording_save": _("remembered a ledger column's wording"),
    "login": _("signed in"),
    "login.failed": _("failed to sign in"),
    "login.locked": _("was locked out"),
    "login.second_factor": _("passed the second factor"),
    "login.second_factor_failed": _("failed the second factor"),
    "logout": _("signed out"),
    "maintenance_fund.paid": _("recorded a maintenance fund payment"),
    "maintenance_fund.top_up": _("set a maintenance fund top-up"),
    "notice.answer": _("answered an objection"),
    "notice.comment": _("commented on a notice"),
    "notice.create": _("drafted a notice"),
    "notice.extend": _("extended a notice"),
    "notice.post": _("posted a notice"),
    "notice.sign_off": _("signed off a plan"),
    "owner.update": _("updated an owner"),
    "password_change.failed": _("failed to change a password"),
    "payment.record": _("recorded a payment"),
    "personal_data.export": _("exported personal data"),
    "personal_data.view": _("viewed personal data"),
    "plan.adopt": _("adopted a plan"),
    "plan.scenario.create": _("drew a plan scenario"),
    "plan.scenario.retry": _("drew a plan scenario again"),
    "policy.pack_create": _("created a policy pack"),
    "poll.create": _("drafted a poll"),
    "poll.publish": _("opened a poll"),
    "poll.respond": _("answered a poll"),
    "poll.roll": _("printed a poll's roll"),
    "poll.void": _("voided a ballot"),
    "procurement.answer_code": _("gave a contract's winner a code to answer with"),
    "procurement.debarments": _("replaced a list of untrustworthy parties"),
    "procurement.code_view": _("printed a code to the site"),
    "procurement.lot_add": _("recorded a lot of a project's procurement"),
    "procurement.lot_change": _("updated a lot of a project's procurement"),
    "procurement.monitor_appoint": _("named a residents' monitor"),
    "procurement.monitor_stand_down": _("stood a residents' monitor down"),
    "procurement.observation": _("reported from the site"),
    "procurement.observation_answer": _("answered a report from the site"),
    "procurement.variation": _("recorded a change to a contract"),
    "procurement.variation_approve": _("recorded a change's approval"),
    "project.approval": _("recorded an approval"),
    "project.bundle_add": _("packed a community into a project"),
    "project.bundle_remove": _("took a community out of a project"),
    "project.defect_fixed": _("recorded a defect fixed"),
    "project.inspection": _("recorded an inspection"),
    "project.open": _("opened a project"),
    "project.outcome": _("counted what a project's works left behind"),
    "project.plan_year": _("set a project's plan year"),
    "project.progress": _("recorded works progress"),
    "project.record": _("recorded a project step"),
    "project.stage": _("moved a project to its next stage"),
    "project.update": _("updated a project"),
    "project.utility_work": _("recorded a utility's works"),
    "share_codes.view": _("viewed share inquiry codes"),
    "stock.load": _("loaded the stock resources inventory"),
    "stock.release": _("gave a stock resource back to the inventory"),
    "stock.take": _("took a stock resource for a community's project"),
    "supervision.publicity": _("recorded a publicity report"),
    "supervision.report.request": _("asked for a bulletin"),
    "supervision.return_receive": _("received a monthly return from below"),
    "supervision.return_send": _("sent a monthly return upward"),
    "supervision.sender_trust": _("registered the key an area signs its returns with"),
    "supervision.task_report": _("reported on a task"),
    "user.create": _("opened an account"),
    "user.deactivate": _("deactivated an account"),
    "user.reactivate": _("reactivated an account"),
    "user.second_factor_confirm": _("confirmed a second factor"),
    "user.second_factor_start": _("began setting a second factor"),
    "user.set_password": _("set a password"),
}


# what entries record beside a record's own fields: an import's counts, a draw, a payment
FIELD_NAMES: Mapping[str, Promise] = {
    "amount": _("amount"),
    "buildings_created": _("buildings created"),
    "buildings_updated": _("buildings updated"),
    "by_channel": _("by channel"),
    "chosen": _("chosen"),
    "codes_issued": _("codes issued"),
    "communities_created": _("communities created"),
    "communities_unchanged": _("communities unchanged"),
    "communities_updated": _("communities updated"),
    "community": _("community"),
    "covered_by": _("covered by"),
    "created": _("created"),
    "defects": _("defects"),
    "documents": _("documents"),
    "done_on": _("done on"),
    "draw": _("draw"),
    "dry_run": _("dry run"),
    "dwelling": _("dwelling"),
    "dwellings_created": _("dwellings created"),
    "dwellings_updated": _("dwellings updated"),
    "digest": _("fingerprint (SHA-256)"),
    "electors": _("electors"),
    "entries": _("entries"),
    "ends_on": _("ends on"),
    "excluded": _("excluded"),
    "expert": _("expert"),
    "fingerprint": _("fingerprint"),
    "facilities": _("facilities"),
    "granted_on": _("granted on"),
    "ground": _("ground dug"),
    "households": _("households"),
    "id_numbers": _("ID numbers"),
    "issued": _("issued"),
    "item": _("item"),
    "kind": _("kind"),
    "lot": _("lot"),
    "manager_on_site": _("the contractor's project manager on site"),
    "memberships": _("posts"),
    "month": _("month"),
    "network": _("network"),
    "note": _("note"),
    "notice": _("notice"),
    "on": _("date"),
    "owners_created": _("owners created"),
    "pack": _("policy pack"),
    "page": _("page"),
    "paid_on": _("paid on"),
    "passed": _("passed"),
    "percent": _("percent done"),
    "photos": _("photos"),
    "projects": _("projects"),
    "poll": _("poll"),
    "printed_at": _("printed at"),
    "quantity": _("quantity"),
    "reason": _("reason"),
    "reference": _("reference number"),
    "renamed": _("renamed"),
    "scan_sha256": _("fingerprint of the scan (SHA-256)"),
    "seed": _("random seed"),
    "slip": _("slip"),
    "selected": _("items chosen"),
    "sent_on": _("sent on"),
    "source": _("source"),
    "spent_yuan": _("spent (yuan)"),
    "stage": _("stage"),
    "starts_on": _("starts on"),
    "step": _("step"),
    "steps": _("steps"),
    "supervisor_on_site": _("the chief supervisor on site"),
    "target": _("delivered to"),
    "title": _("title"),
    "total": _("total"),
    "total_yuan": _("total (yuan)"),
    "utility": _("utility"),
    "verdict": _("verdict"),
    "written_at": _("written"),
    "voucher": _("voucher"),
    "winner": _("winner"),
}


@dataclass(frozen=True, slots=True)
class Change:
    field: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class EntryWords:
    action: str  # the action's words, or its key where it has none
    known: bool  # whether the action has words
    target: str  # what it was done to: the kind of record and which
    changes: list[Change]


def entry_words(entry: AuditEntry) -> EntryWords:
    model = _model(entry.target)
    kind = str(model._meta.verbose_name) if model else entry.target
    name = ACTION_NAMES.get(entry.action)
    return EntryWords(
        action=str(name) if name else entry.action,
        known=name is not None,
        target=f"{kind} {entry.target_id}".strip(),
        changes=changes(model, entry.before, entry.after),
    )


def changes(model: type[models.Model] | None, before: object, after: object) -> list[Change]:
    """Each field of the entry, as 字段：旧值 → 新值; a value only before or only after is
    shown alone (a record made, or what an action read or sent)."""
    old = before if isinstance(before, dict) else {}
    new = after if isinstance(after, dict) else {}
    keys = [*old, *(key for key in new if key not in old)]
    found = []
    for key in keys:
        # the curated names first: an entry may record another record than its target
        # (a payment's amount on its grant, whose own amount counts in fen)
        name = FIELD_NAMES.get(key)
        field = _field(model, key)
        label = str(name) if name else str(field.verbose_name) if field else key
        words = _words_for(key, field)
        found.append(
            Change(
                label,
                shown(old[key], words) if key in old else "",
                shown(new[key], words) if key in new else "",
            )
        )
    return found


# what entries record under a key no model field has, read by the field that holds such values
READ_AS: Mapping[str, str] = {
    "by_channel": "channel",
    "chosen": "specialties",
    "memberships": "role",
    "facilities": "facility",
    "selected": "facility",
    "steps": "step",
}
# values some entries keep under their own keys: where a ledger with owners went, whether its
# ID numbers were masked, which page showed personal data
VALUES: Mapping[str, Mapping[str, Promise]] = {
    "target": {"download": _("downloaded in the browser")},
    "id_numbers": {"full": _("in full"), "masked": _("masked")},
    "page": {"roll": _("a poll's roll")},
    "slip": {"monitor": _("a residents' monitor's"), "winner": _("a contract winner's")},
}


# the words for values kept where no field's choices name them (an expert's specialties kept
# as a list, the conflicts a draw left experts out for), told by the app that keeps them
_TOLD: dict[str, dict[Any, Any]] = {}


def values_named(key: str, choices: list[tuple[Any, Any]]) -> None:
    """Tell the log the words for the values an app's entries keep under ``key``."""
    _TOLD.setdefault(key, {}).update(choices)
    _vocabulary.cache_clear()


def _words_for(key: str, field: models.Field[Any, Any] | None) -> Mapping[Any, Any]:
    """The words for the stored values a key holds: its own field's choices first, then those
    of any record's field of that name (a project's stage recorded on a grant), then the
    approvals' steps the policy packs name."""
    if key in VALUES:
        return VALUES[key]
    own = dict(_choices(field)) if field is not None else {}
    return {**_vocabulary().get(READ_AS.get(key, key), {}), **own}


def _choices(field: models.Field[Any, Any]) -> list[tuple[Any, Any]]:
    base = getattr(field, "base_field", field)  # a list's items (an expert's specialties)
    return list(base.flatchoices) if base.choices else []


@functools.cache
def _vocabulary() -> dict[str, dict[Any, Any]]:
    """Every choice of every model's fields by the field's name, and every approval step of
    every policy pack under ``step``: read once, its labels lazy, so each reader gets them in
    their own language."""
    found: dict[str, dict[Any, Any]] = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.Field) and (pairs := _choices(field)):
                known = found.setdefault(field.name, {})
                known.update((value, label) for value, label in pairs if value not in known)
    for key, told in _TOLD.items():
        found.setdefault(key, {}).update(told)
    # a step is a procedure's own (a project's requirement) or an approval a pack names
    steps = found.setdefault("step", {})
    steps.update(found.get("requirement", {}))
    for pack_id in pack_ids():
        pack = get_pack(pack_id)
        found.setdefault("pack", {})[pack_id] = f"{pack.model.title}（{pack_id}）"
        for step in pack.model.approvals.steps:
            steps.setdefault(step.key, step.text)
    return found


def shown(value: Any, words: Mapping[Any, Any] | None = None) -> str:
    """A stored value as a person reads it: a stored choice by its label (施工, not
    construction), a moment in local time, a list's items and a mapping's keys each read."""
    words = words or {}
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    if value == [] or value == {}:
        return "—"
    if isinstance(value, list):
        if all(isinstance(item, list) for item in value):
            return "；".join(" ".join(shown(part, words) for part in item) for item in value)
        return "、".join(shown(item, words) for item in value)
    if isinstance(value, dict):
        return "；".join(
            f"{shown(key, words)}：{shown(item, words)}" for key, item in value.items()
        )
    if isinstance(value, str) and (moment := _moment(value)) is not None:
        return date_format(timezone.localtime(moment), "Y-m-d H:i")
    return str(words.get(value, value))


def _moment(text: str) -> dt.datetime | None:
    """A moment as entries store it (ISO 8601 with its offset), else None."""
    if len(text) < 20 or text[10] != "T":
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, key: str) -> models.Field[Any, Any] | None:
    """The record's own field a key names (``district_id`` is the district), if any."""
    if model is None:
        return None
    try:
        found = model._meta.get_field(key[:-3] if key.endswith("_id") else key)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) else None
