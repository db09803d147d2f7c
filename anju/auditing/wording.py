"""The audit log in words: what was done, to what, and which fields changed from what to what.

Entries keep their actions and fields as keys (``community.update``, ``household_count``) so
that they stay comparable across releases and languages; the log page and its workbook read
them to an auditor as 更新小区 and 户数：96 → 103.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from anju.audit.models import AuditEntry

ACTION_NAMES: Mapping[str, Promise] = {
    "appraisal.save": _("saved a community's condition appraisal"),
    "audit.export": _("exported the audit log"),
    "backup.restore": _("restored a backup"),
    "backup.write": _("wrote a backup"),
    "ballot_code.reprint": _("reprinted a ballot code"),
    "ballot_slips.print": _("printed ballot slips"),
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
    "project.approval": _("recorded an approval"),
    "project.bundle_add": _("packed a community into a project"),
    "project.bundle_remove": _("took a community out of a project"),
    "project.defect_fixed": _("recorded a defect fixed"),
    "project.inspection": _("recorded an inspection"),
    "project.open": _("opened a project"),
    "project.plan_year": _("set a project's plan year"),
    "project.progress": _("recorded works progress"),
    "project.record": _("recorded a project step"),
    "project.stage": _("moved a project to its next stage"),
    "project.update": _("updated a project"),
    "project.utility_work": _("recorded a utility's works"),
    "share_codes.view": _("viewed share inquiry codes"),
    "supervision.publicity": _("recorded a publicity report"),
    "supervision.report.request": _("asked for a bulletin"),
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
    "done_on": _("done on"),
    "draw": _("draw"),
    "dry_run": _("dry run"),
    "dwelling": _("dwelling"),
    "dwellings_created": _("dwellings created"),
    "dwellings_updated": _("dwellings updated"),
    "ends_on": _("ends on"),
    "excluded": _("excluded"),
    "expert": _("expert"),
    "facilities": _("facilities"),
    "granted_on": _("granted on"),
    "ground": _("ground dug"),
    "households": _("households"),
    "issued": _("issued"),
    "kind": _("kind"),
    "network": _("network"),
    "note": _("note"),
    "on": _("date"),
    "owners_created": _("owners created"),
    "pack": _("policy pack"),
    "paid_on": _("paid on"),
    "passed": _("passed"),
    "percent": _("percent done"),
    "photos": _("photos"),
    "reason": _("reason"),
    "reference": _("reference number"),
    "renamed": _("renamed"),
    "seed": _("random seed"),
    "selected": _("items chosen"),
    "sent_on": _("sent on"),
    "source": _("source"),
    "spent_yuan": _("spent (yuan)"),
    "stage": _("stage"),
    "starts_on": _("starts on"),
    "step": _("step"),
    "steps": _("steps"),
    "title": _("title"),
    "total": _("total"),
    "total_yuan": _("total (yuan)"),
    "utility": _("utility"),
    "verdict": _("verdict"),
    "voucher": _("voucher"),
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
        choices = dict(field.flatchoices) if field is not None and field.choices else {}
        found.append(
            Change(
                label,
                shown(_chosen(choices, old[key])) if key in old else "",
                shown(_chosen(choices, new[key])) if key in new else "",
            )
        )
    return found


def _chosen(choices: Mapping[Any, Any], value: Any) -> Any:
    """A stored choice by its label (施工, not construction)."""
    return choices.get(value, value) if isinstance(value, (str, int)) else value


def shown(value: Any) -> str:
    """A stored value as a person reads it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    if isinstance(value, list):
        return "、".join(shown(item) for item in value)
    if isinstance(value, dict):
        return "；".join(f"{key}：{shown(item)}" for key, item in value.items())
    return str(value)


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
