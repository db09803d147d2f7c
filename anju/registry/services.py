"""The registry's write paths: the only code that saves communities, buildings, dwellings and
owners. Each runs in one transaction and writes its audit rows in that same transaction."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Field, Model, QuerySet
from django.utils import timezone
from django_tasks import task

from anju.accounts.jurisdiction import reaches, scopes
from anju.audit.context import Actor
from anju.audit.services import audit_read, audit_record, audit_record_changes, diff
from anju.core.access import Capability
from anju.core.boundaries import Outline, Problem
from anju.core.divisions import covers
from anju.core.documents import HEAD_BYTES, LEDGERS
from anju.core.identity import is_masked
from anju.core.ledger import (
    BUILDING_SHEET,
    COMMUNITY_SHEET,
    DWELLING_SHEET,
    CommunityRow,
    DwellingRow,
    Issue,
    LedgerBook,
    normalize_header,
    validate_ledger,
)
from anju.core.ledger_layout import (
    WordingRefused,
    as_record,
    check_wording,
    lay_out,
    left_out_record,
)
from anju.divisions.models import Division
from anju.jobs.progress import ProgressFile
from anju.registry.bulk import insert_rows, paused_gc
from anju.registry.ledger_files import ledger_bounds, read_workbook, write_workbook
from anju.registry.models import (
    WRITTEN_MAX,
    Boundary,
    Building,
    Community,
    Dwelling,
    ImportState,
    LedgerImport,
    LedgerWording,
    Owner,
)
from anju.registry.personal import (
    archive_ledger,
    id_digest,
    protect_id,
    seal_bytes,
    unseal_bytes,
)
from anju.registry.selectors import (
    BUILDING_FIELDS,
    COMMUNITY_FIELDS,
    RegistryLedgerContext,
    import_files,
    ledger_rows,
    ledger_wordings,
    wording_divisions,
)
from anju.uploads import UploadRefused, bounded_bytes, upload_kind_of

Progress = Callable[[str, int, int], None]
BATCH = 2000


class LedgerRejected(Exception):
    """The book did not validate; nothing was written. ``issues`` names every bad cell."""

    def __init__(
        self, issues: Sequence[Issue], understood: Sequence[Mapping[str, Any]] = ()
    ) -> None:
        super().__init__(f"{len(issues)} issues")
        self.issues = tuple(issues)
        self.understood = list(understood)


@dataclass
class ImportSummary:
    communities_created: int = 0
    communities_updated: int = 0
    communities_unchanged: int = 0
    buildings_created: int = 0
    buildings_updated: int = 0
    dwellings_created: int = 0
    dwellings_updated: int = 0
    owners_created: int = 0
    dry_run: bool = False
    # how each sheet was read (core.ledger_layout.as_record): kept with the job, not audited
    understood: list[dict[str, Any]] = field(default_factory=list)


def _counts(items: list[tuple[str, Any]]) -> dict[str, Any]:
    return {key: value for key, value in items if key != "understood"}


class _DryRun(Exception):
    pass


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


def _chunks(items: Sequence[Any], size: int = BATCH) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _jsonable(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in values.items()}


def ledger_import(
    *,
    actor: Actor,
    sheets: Mapping[str, Sequence[Sequence[Any]]],
    source: str,
    dry_run: bool = False,
    progress: Progress = _no_progress,
    before_commit: Callable[[], object] | None = None,
) -> ImportSummary:
    """Validate a ledger workbook whole, then write it whole in one transaction.

    Raises LedgerRejected, having written nothing, when any cell is bad. Re-importing the same
    book updates in place: communities match on 小区编号, else on 区县+街道+小区名称; buildings on
    小区编号+楼栋号; dwellings on their building, 单元 and 房号. A dry run does the whole write and
    rolls it back, so its summary is exactly what a real import would do.
    """
    progress("validate", 0, 1)
    laid = lay_out(sheets, ledger_wordings(actor.user))
    understood = [as_record(layout) for layout in laid.layouts]
    understood += [left_out_record(name) for name in laid.left_out]
    result = validate_ledger(laid.sheets, RegistryLedgerContext(user=actor.user), laid.header_rows)
    progress("validate", 1, 1)
    if result.book is None:
        raise LedgerRejected([laid.placed(issue) for issue in result.issues], understood)
    summary = ledger_write(
        actor=actor,
        book=result.book,
        source=source,
        dry_run=dry_run,
        progress=progress,
        before_commit=before_commit,
    )
    summary.understood = understood
    return summary


def ledger_import_file(
    *,
    actor: Actor,
    source: str | Path | IO[bytes],
    name: str,
    dry_run: bool = False,
    progress: Progress = _no_progress,
) -> ImportSummary:
    """Read a workbook file and import it (see ledger_import).

    The audit row names the file and its SHA-256, and a successful import keeps the file itself,
    encrypted with the data key, under the ledger archive: what every import wrote can be shown
    later, byte for byte. Raises UploadRefused for a file that is not a workbook within the
    ledger's bounds, having written nothing.
    """
    if isinstance(source, (str, Path)):
        data = bounded_bytes(Path(source), ledger_bounds().max_bytes)
    else:
        data = source.read(ledger_bounds().max_bytes + 1)
    digest = hashlib.sha256(data).hexdigest()
    with paused_gc():
        progress("read", 0, 1)
        sheets = read_workbook(data, name)
        progress("read", 1, 1)
        return ledger_import(
            actor=actor,
            sheets=sheets,
            source=f"{name} sha256:{digest}",
            dry_run=dry_run,
            progress=progress,
            before_commit=lambda: archive_ledger(data, digest),
        )


def ledger_write(
    *,
    actor: Actor,
    book: LedgerBook,
    source: str,
    dry_run: bool = False,
    progress: Progress = _no_progress,
    before_commit: Callable[[], object] | None = None,
) -> ImportSummary:
    """Write an already validated book (from a file, or generated for the demo city).

    ``before_commit`` runs last inside the transaction, so that what it keeps (the archived
    file) exists whenever the write does."""
    summary = ImportSummary(dry_run=dry_run)
    try:
        with transaction.atomic():
            _write_communities(actor, book, summary, progress)
            building_ids = _write_buildings(actor, book, summary, progress)
            _write_dwellings(actor, book, building_ids, summary, progress)
            audit_record(
                actor=actor,
                action="ledger.import",
                target=Community,
                after={"source": source, **asdict(summary, dict_factory=_counts)},
            )
            if dry_run:
                raise _DryRun
            if before_commit is not None:
                before_commit()
    except _DryRun:
        pass
    return summary


def _next_codes(division_codes: Iterable[str], book_codes: Sequence[str]) -> dict[str, int]:
    """The next free serial under each division for communities whose ledger row has no code,
    past every code already registered or given elsewhere in the same book."""
    serials: dict[str, int] = {}
    for division in set(division_codes):
        registered = Community.objects.filter(code__startswith=division).values_list(
            "code", flat=True
        )
        taken = [*registered, *(code for code in book_codes if code.startswith(division))]
        tails = [int(code[len(division) :]) for code in taken if code[len(division) :].isdecimal()]
        serials[division] = max(tails, default=0) + 1
    return serials


_PLACEMENT = ("district_id", "street_id", "committee_id", "division_id")
_PLACED_FIELDS = (*_PLACEMENT, *COMMUNITY_FIELDS)
_COMMUNITY_COLUMNS = ("code", "district", "street", "committee", "division", *COMMUNITY_FIELDS)
_community_fields_of = attrgetter(*COMMUNITY_FIELDS)
_ADDRESS, _NATURE, _MANAGEMENT = (
    COMMUNITY_FIELDS.index(f) for f in ("address", "property_nature", "management_mode")
)


def _community_tuple(row: CommunityRow) -> list[Any]:
    """The row's values in COMMUNITY_FIELDS order, as the columns store them."""
    values = list(_community_fields_of(row))
    values[_ADDRESS] = values[_ADDRESS] or ""
    values[_NATURE] = values[_NATURE].value
    values[_MANAGEMENT] = values[_MANAGEMENT].value if values[_MANAGEMENT] else ""
    return values


_STORED = ("id", "code", *_PLACED_FIELDS)
_ID, _CODE_AT, _DISTRICT_AT, _STREET_AT, _COMMITTEE_AT, _NAME_AT = (
    _STORED.index(f) for f in ("id", "code", "district_id", "street_id", "committee_id", "name")
)


def _write_communities(
    actor: Actor, book: LedgerBook, summary: ImportSummary, progress: Progress
) -> None:
    """Create the book's new communities and update the changed ones. Stored communities are
    read back as tuples and compared whole with the row's values: at national scale most are
    unchanged, and only a changed one is taken apart field by field for its audit entry."""
    rows = book.communities
    if not rows:
        return
    present = book.columns.get(COMMUNITY_SHEET, frozenset())
    fields = [f for f in COMMUNITY_FIELDS if f in present]
    names_committee = bool({"committee", "division_code"} & present)
    compared = (*_PLACEMENT, *fields)  # at least the four of the placement: tuples, always
    stored_of = itemgetter(*(_STORED.index(f) for f in compared))
    given_of = itemgetter(0, 1, 2, 3, *(4 + COMMUNITY_FIELDS.index(f) for f in fields))
    # the book's districts in one query: a national ledger's communities are found without
    # sending each code; a code registered under another district is looked up by itself
    existing: dict[str, tuple[Any, ...]] = {}
    by_place: dict[tuple[str, str, str], tuple[Any, ...]] = {}
    districts = {row.district_code for row in rows}
    for record in Community.objects.filter(district_id__in=districts).values_list(*_STORED):
        existing[record[_CODE_AT]] = record
        by_place[(record[_DISTRICT_AT], record[_STREET_AT], record[_NAME_AT])] = record
    codes = [row.code for row in rows if row.code]
    elsewhere = [code for code in codes if code not in existing]
    if elsewhere:
        registered = set(Community.objects.values_list("code", flat=True))
        for chunk in _chunks([code for code in elsewhere if code in registered]):
            for record in Community.objects.filter(code__in=chunk).values_list(*_STORED):
                existing[record[_CODE_AT]] = record
    serials = _next_codes(
        (
            row.committee_code or row.street_code
            for row in rows
            if not row.code and (row.district_code, row.street_code, row.name) not in by_place
        ),
        codes,
    )

    to_create: list[tuple[Any, ...]] = []
    updates = _Updates(Community, "community.update")
    now = timezone.now()
    for done, row in enumerate(rows, 1):
        record = (
            existing.get(row.code)
            if row.code
            else by_place.get((row.district_code, row.street_code, row.name))
        )
        if record is None:
            division = row.committee_code or row.street_code
            code = row.code
            if code is None:
                code = f"{division}{serials[division]:03d}"
                serials[division] += 1
            to_create.append(
                (
                    code,
                    row.district_code,
                    row.street_code,
                    row.committee_code,
                    division,
                    *_community_tuple(row),
                )
            )
            continue
        committee = row.committee_code
        if not names_committee:
            kept = record[_COMMITTEE_AT]
            committee = kept if kept and covers(row.street_code, kept) else None
        placement = (row.district_code, row.street_code, committee, committee or row.street_code)
        given = given_of((*placement, *_community_tuple(row)))
        if stored_of(record) == given:
            summary.communities_unchanged += 1
            continue
        before, after = diff(
            dict(zip(_STORED, record, strict=True)), dict(zip(compared, given, strict=True))
        )
        updates.add(record[_ID], record[_CODE_AT], before, after)
        if done % BATCH == 0:
            progress("communities", done, len(rows))

    insert_rows(
        Community, _COMMUNITY_COLUMNS, to_create, same={"created_at": now, "updated_at": now}
    )
    progress("communities", len(rows), len(rows))
    summary.communities_created += len(to_create)
    summary.communities_updated += updates.apply(actor)


class _Updates:
    """Changed records of one model: applied in bulk, each audited with its changed fields."""

    def __init__(self, model: type[Model], action: str) -> None:
        self.model, self.action = model, action
        self.objects: list[Any] = []
        self.fields: set[str] = set()
        self._audit: list[tuple[str, dict[str, Any], dict[str, Any]]] = []

    def add(self, pk: int, label: str, before: Mapping[str, Any], after: Mapping[str, Any]) -> None:
        self.fields.update(after)
        self.objects.append(self.model(id=pk, **after))
        self._audit.append((label, _jsonable(before), _jsonable(after)))

    def apply(self, actor: Actor) -> int:
        if self.objects:
            for chunk in _chunks(self.objects, 500):
                self.model.objects.bulk_update(chunk, sorted(self.fields))  # type: ignore[attr-defined]
            audit_record_changes(
                actor=actor, action=self.action, target=self.model._meta.label, changes=self._audit
            )
        return len(self.objects)


def _write_buildings(
    actor: Actor, book: LedgerBook, summary: ImportSummary, progress: Progress
) -> dict[tuple[str, str], int]:
    """Upsert buildings; return the id of every building the book's dwellings refer to."""
    wanted_codes = {b.community_code for b in book.buildings} | {
        d.community_code for d in book.dwellings
    }
    if not wanted_codes:
        return {}
    community_ids: dict[str, int] = {}
    for chunk in _chunks(sorted(wanted_codes)):
        community_ids.update(Community.objects.filter(code__in=chunk).values_list("code", "id"))
    existing: dict[tuple[str, str], dict[str, Any]] = {}
    for chunk in _chunks(sorted(wanted_codes)):
        for record in Building.objects.filter(community__code__in=chunk).values(
            "id", "community__code", "number", *BUILDING_FIELDS
        ):
            existing[(record["community__code"], record["number"])] = record
    fields = [f for f in BUILDING_FIELDS if f in book.columns.get(BUILDING_SHEET, ())]
    to_create: list[tuple[Any, ...]] = []
    updates = _Updates(Building, "building.update")
    for row in book.buildings:
        key = (row.community_code, row.number)
        record = existing.get(key)
        values = {name: getattr(row, name) for name in fields}
        if record is None:
            to_create.append(
                (
                    community_ids[row.community_code],
                    row.number,
                    *(getattr(row, name) for name in BUILDING_FIELDS),
                )
            )
            continue
        before, after = diff(record, values)
        if after:
            updates.add(record["id"], f"{row.community_code}/{row.number}", before, after)
    insert_rows(Building, ("community", "number", *BUILDING_FIELDS), to_create)
    progress("buildings", len(book.buildings), len(book.buildings))
    summary.buildings_created += len(to_create)
    summary.buildings_updated += updates.apply(actor)
    if not book.dwellings:
        return {}
    ids: dict[tuple[str, str], int] = {}
    for chunk in _chunks(sorted({d.community_code for d in book.dwellings})):
        for building_id, code, number in Building.objects.filter(
            community__code__in=chunk
        ).values_list("id", "community__code", "number"):
            ids[(code, number)] = building_id
    return ids


def _write_dwellings(
    actor: Actor,
    book: LedgerBook,
    building_ids: Mapping[tuple[str, str], int],
    summary: ImportSummary,
    progress: Progress,
) -> None:
    rows = book.dwellings
    if not rows:
        return
    columns = book.columns.get(DWELLING_SHEET, frozenset())
    owner_columns = {"owner_name", "owner_id_number"} & columns
    existing: dict[tuple[int, str, str], Any] = {}
    ids = sorted(set(building_ids.values()))
    for chunk in _chunks(ids):
        for stored in Dwelling.objects.filter(building_id__in=chunk).values(
            "id",
            "building_id",
            "unit",
            "room",
            "floor",
            "exclusive_area",
            "owner_id",
            "owner__name",
            "owner__id_digest",
        ):
            existing[(stored["building_id"], stored["unit"], stored["room"])] = stored

    keys = [
        (building_ids[(row.community_code, row.building_number)], row.unit, row.room)
        for row in rows
    ]
    owners: list[int | None] = []
    if owner_columns:
        owner_of = _OwnerResolver(actor, rows)
        placeholders = [
            owner_of.resolve(row, existing.get(key)) for row, key in zip(rows, keys, strict=True)
        ]
        owner_of.flush()
        owners = [owner_of.saved_id(owner) for owner in placeholders]
        summary.owners_created += owner_of.created

    to_create: list[tuple[Any, ...]] = []
    updates = _Updates(Dwelling, "dwelling.update")
    for position, (row, key) in enumerate(zip(rows, keys, strict=True)):
        values: dict[str, Any] = {"floor": row.floor, "exclusive_area": row.exclusive_area}
        if owner_columns:
            values["owner_id"] = owners[position]
        record = existing.get(key)
        if record is None:
            to_create.append(
                (key[0], row.unit, row.room, row.floor, row.exclusive_area, values.get("owner_id"))
            )
            continue
        before, after = diff(record, values)
        if after:
            label = f"{row.community_code}/{row.building_number}/{row.unit}/{row.room}"
            updates.add(record["id"], label, before, after)
    insert_rows(
        Dwelling, ("building", "unit", "room", "floor", "exclusive_area", "owner"), to_create
    )
    progress("dwellings", len(rows), len(rows))
    summary.dwellings_created += len(to_create)
    summary.dwellings_updated += updates.apply(actor)


class _OwnerResolver:
    """Finds or makes the owner of each dwelling row.

    New owners are created in bulk at the end; until then they are known by negative
    placeholder ids, which ``saved_id`` turns into real ones.
    """

    def __init__(self, actor: Actor, rows: Sequence[DwellingRow]) -> None:
        self._actor = actor
        self._digests = {
            number: id_digest(number)
            for row in rows
            if (number := row.owner_id_number) is not None and not is_masked(number)
        }
        self._by_digest: dict[str, int] = {}
        wanted = sorted(set(self._digests.values()))
        for chunk in _chunks(wanted):
            for digest, owner_id in Owner.objects.filter(id_digest__in=chunk).values_list(
                "id_digest", "id"
            ):
                self._by_digest[str(digest)] = owner_id
        self._new: list[Owner] = []
        self._new_by_digest: dict[str, int] = {}
        self._renames: dict[int, str] = {}
        self.created = 0

    def resolve(self, row: DwellingRow, record: Mapping[str, Any] | None) -> int | None:
        name, number = row.owner_name, row.owner_id_number
        if number is not None and is_masked(number):
            return record["owner_id"] if record else None
        if number is None:
            if name is None:
                return None
            if (
                record
                and record["owner_id"]
                and not record["owner__id_digest"]
                and record["owner__name"] == name
            ):
                return int(record["owner_id"])
            return self._add(Owner(name=name), None)
        digest = self._digests[number]
        known = self._by_digest.get(digest) or self._new_by_digest.get(digest)
        if known is not None:
            if name and known > 0:
                self._renames[known] = name
            return known
        protected = protect_id(number)
        owner = Owner(
            name=name or "",
            id_digest=digest,
            id_cipher=protected.cipher,
            id_masked=protected.masked,
        )
        return self._add(owner, digest)

    def _add(self, owner: Owner, digest: str | None) -> int:
        self._new.append(owner)
        placeholder = -len(self._new)
        if digest is not None:
            self._new_by_digest[digest] = placeholder
        return placeholder

    def flush(self) -> None:
        for chunk in _chunks(self._new):
            Owner.objects.bulk_create(chunk)
        self.created = len(self._new)
        current = dict(Owner.objects.filter(id__in=list(self._renames)).values_list("id", "name"))
        renames = _Updates(Owner, "owner.update")
        for owner_id, name in self._renames.items():
            if current.get(owner_id) != name:
                renames.add(
                    owner_id, str(owner_id), {"name": current.get(owner_id)}, {"name": name}
                )
        renames.apply(self._actor)

    def saved_id(self, owner_id: int | None) -> int | None:
        if owner_id is None or owner_id > 0:
            return owner_id
        saved = self._new[-owner_id - 1].id
        assert saved is not None
        return saved


class BoundariesRefused(Exception):
    """Some outline names a division not known or outside the actor's area; none was loaded."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = tuple(problems)


@transaction.atomic
def boundaries_load(
    *, actor: Actor, outlines: Sequence[Outline], source: str, map_number: str
) -> int:
    """Put each outline on its division, in place of the one it had: all of them, each in the
    actor's area, or none. ``map_number``: the 审图号, given only for an approved map."""
    codes = [o.code for o in outlines]
    known = set(Division.objects.filter(code__in=codes).values_list("code", flat=True))
    problems = [
        Problem(n, "unknown_division" if o.code not in known else "outside_area", o.code)
        for n, o in enumerate(outlines, start=1)
        if o.code not in known or not reaches(actor.user, Capability.REGISTRY_EDIT, o.code)
    ]
    if problems:
        raise BoundariesRefused(problems)
    Boundary.objects.filter(division_id__in=codes).delete()
    Boundary.objects.bulk_create(
        Boundary(
            division_id=o.code,
            polygons=[[list(map(list, ring)) for ring in polygon] for polygon in o.polygons],
            map_number=map_number,
            source=source[:200],
            loaded_by=actor.user,
        )
        for o in outlines
    )
    audit_record(
        actor=actor,
        action="boundaries.load",
        target=Boundary,
        after={"divisions": codes[:200], "map_number": map_number, "file": source[:200]},
    )
    return len(outlines)


@transaction.atomic
def community_update(*, actor: Actor, community: Community, values: Mapping[str, Any]) -> Community:
    """Change a community's fields from a form or the API; audited with before and after."""
    before = {name: getattr(community, name) for name in values}
    fields = {name: Community._meta.get_field(name) for name in values}
    nulls = {
        name: [field.error_messages["null"]]
        for name, field in fields.items()
        if values[name] is None and isinstance(field, Field) and not field.null
    }
    if nulls:  # full_clean lets an empty value through where blank is allowed, null or not
        raise ValidationError(nulls)
    for name, value in values.items():
        setattr(community, name, value)
    community.full_clean()
    community.save(update_fields=[*values, "updated_at"])
    changed_before, changed_after = diff(before, dict(values))
    if changed_after:
        audit_record(
            actor=actor,
            action="community.update",
            target=community,
            before=_jsonable(changed_before),
            after=_jsonable(changed_after),
        )
    return community


def ledger_export(
    *,
    actor: Actor,
    target: str | Path | IO[bytes],
    with_personal_data: bool = False,
    communities: QuerySet[Community] | None = None,
) -> dict[str, int]:
    """Write what ``actor`` sees (or the part of it ``communities`` filters out) as a ledger
    workbook, which reads back in as it was written. Its dwellings carry owners' names (and,
    where the actor may export personal data and asks, full ID numbers): an export with any
    dwelling is a read of personal data, recorded in the audit log."""
    counts = write_workbook(
        target,
        ledger_rows(
            user=actor.user, with_personal_data=with_personal_data, communities=communities
        ),
    )
    if counts[DWELLING_SHEET]:
        audit_read(
            actor=actor,
            action="personal_data.export",
            target=Owner,
            after={
                "target": str(target) if isinstance(target, (str, Path)) else "download",
                "id_numbers": "full" if with_personal_data else "masked",
                **counts,
            },
        )
    return counts


def _forget_kept_files(user: Any, keep: int = 0) -> None:
    """Each official's file is kept for one reading again at most: their latest refused
    import or check. Older ones, sealed as they are, go when another is sent; a file still
    waiting for the worker is left alone."""
    finished = LedgerImport.objects.filter(
        requested_by=user, state__in=(ImportState.REJECTED, ImportState.DONE)
    )
    for job in finished.exclude(pk=keep).only("pk"):
        import_files(job)[0].unlink(missing_ok=True)


@transaction.atomic
def ledger_import_request(
    *, actor: Actor, source: IO[bytes], name: str, dry_run: bool = False
) -> LedgerImport:
    """Take a ledger uploaded on the web and queue its import; the request returns at once and
    the import's page follows the worker. What can be told without reading the workbook — its
    size, that it is a workbook of a kind Anju reads — is refused here, naming the file
    (UploadRefused); everything else is found by the import itself (ledger_import_file)."""
    if not scopes(actor.user, Capability.REGISTRY_EDIT):
        raise PermissionDenied
    bounds = ledger_bounds()
    data = source.read(bounds.max_bytes + 1)
    upload_kind_of(name, data[:HEAD_BYTES], len(data), replace(LEDGERS, max_bytes=bounds.max_bytes))
    assert actor.user is not None
    job = LedgerImport.objects.create(
        name=name,
        size=len(data),
        dry_run=dry_run,
        requested_by=actor.user,
        origin=actor.origin[:200],
    )
    _forget_kept_files(actor.user)
    sealed, _progress = import_files(job)
    sealed.parent.mkdir(parents=True, exist_ok=True)
    sealed.write_bytes(seal_bytes(data))
    audit_record(
        actor=actor,
        action="ledger.import.queue",
        target=job,
        after={"file": job.name, "bytes": job.size, "dry_run": dry_run},
    )
    transaction.on_commit(lambda: import_ledger.enqueue(job.pk))
    return job


def ledger_import_run(job_id: int) -> LedgerImport:
    """The worker's part: read, check and write the queued ledger in one transaction
    (ledger_import_file), the progress kept for the page as it goes, the outcome on the job."""
    job = LedgerImport.objects.select_related("requested_by").get(pk=job_id)
    if job.finished:
        return job
    sealed, progress = import_files(job)
    LedgerImport.objects.filter(pk=job.pk).update(state=ImportState.RUNNING)
    actor = Actor(user=job.requested_by, origin=job.origin)
    outcome: dict[str, Any] = {}
    try:
        data = unseal_bytes(sealed.read_bytes())
        summary = ledger_import_file(
            actor=actor,
            source=io.BytesIO(data),
            name=job.name,
            dry_run=job.dry_run,
            progress=ProgressFile(progress),
        )
        outcome = {"state": ImportState.DONE, "summary": asdict(summary)}
    except LedgerRejected as rejected:
        issues = [asdict(issue) for issue in rejected.issues]
        outcome = {
            "state": ImportState.REJECTED,
            "issues": issues,
            "summary": {"understood": rejected.understood},
        }
    except UploadRefused as refused:
        outcome = {"state": ImportState.REFUSED, "message": refused.message}
    except Exception as error:  # the job says it stopped; the worker's log keeps the trace
        outcome = {"state": ImportState.FAILED, "message": str(error)[:2000]}
        raise
    finally:
        LedgerImport.objects.filter(pk=job.pk).update(
            finished_at=timezone.now(), **(outcome or {"state": ImportState.FAILED})
        )
        # a refused import or a check keeps its file, for its author to say how to read a
        # column and have it read again (ledger_import_again); nothing else does
        state = outcome.get("state")
        if not (state == ImportState.REJECTED or (state == ImportState.DONE and job.dry_run)):
            sealed.unlink(missing_ok=True)
        progress.unlink(missing_ok=True)
    job.refresh_from_db()
    return job


@transaction.atomic
def ledger_import_again(*, actor: Actor, job: LedgerImport) -> LedgerImport:
    """Queue a refused import or a check again on the same file, as its author sent it: after
    they have said how to read a column, without sending the file a second time. The file
    moves to the new job; only the official who sent it may."""
    sealed, _progress = import_files(job)
    if actor.user is None or job.requested_by_id != actor.user.pk or not sealed.exists():
        raise PermissionDenied
    if not scopes(actor.user, Capability.REGISTRY_EDIT):
        raise PermissionDenied
    again = LedgerImport.objects.create(
        name=job.name,
        size=job.size,
        dry_run=job.dry_run,
        requested_by=actor.user,
        origin=actor.origin[:200],
    )
    audit_record(
        actor=actor,
        action="ledger.import.queue",
        target=again,
        after={"file": again.name, "bytes": again.size, "dry_run": again.dry_run, "again": job.pk},
    )

    def hand_over() -> None:  # the file moves only once the new job surely exists
        sealed.rename(import_files(again)[0])
        _forget_kept_files(actor.user, keep=again.pk)
        import_ledger.enqueue(again.pk)

    transaction.on_commit(hand_over)
    return again


@transaction.atomic
def ledger_wording_save(
    *, actor: Actor, sheet: str, written: str, header: str
) -> list[LedgerWording]:
    """Remember that the actor's ledgers word the template's ``header`` as ``written``, in
    each division they import for (selectors.wording_divisions). Raises WordingRefused for a
    wording that cannot mean that column (its unit unknown or of another kind), and
    PermissionDenied for one who imports nowhere."""
    written = normalize_header(written)
    if len(written) > WRITTEN_MAX:
        raise WordingRefused("too_long", written=written[:WRITTEN_MAX])
    check_wording(sheet, written, header)
    divisions = wording_divisions(actor.user)
    if not divisions:
        raise PermissionDenied
    kept = []
    for code in divisions:
        wording, created = LedgerWording.objects.get_or_create(
            division_id=code,
            sheet=sheet,
            written=written,
            defaults={"header": header, "created_by": actor.user},
        )
        before = {"header": wording.header}
        if not created and wording.header != header:
            wording.header = header
            wording.created_by = actor.user
            wording.save(update_fields=["header", "created_by"])
        if created or before["header"] != header:
            audit_record(
                actor=actor,
                action="ledger.wording_save",
                target=wording,
                before=None if created else before,
                after={"division": code, "sheet": sheet, "written": written, "header": header},
            )
        kept.append(wording)
    return kept


@transaction.atomic
def ledger_import_told(
    *, actor: Actor, job: LedgerImport, told: Sequence[tuple[str, str, str]]
) -> LedgerImport:
    """What the official said the columns of a refused import or a check are, as
    (sheet, written, header): each remembered for their division, and the same file read
    again with them, all or none. Raises WordingRefused naming the first that cannot be."""
    for sheet, written, header in told:
        ledger_wording_save(actor=actor, sheet=sheet, written=written, header=header)
    return ledger_import_again(actor=actor, job=job)


@transaction.atomic
def ledger_wording_forget(*, actor: Actor, wording: LedgerWording) -> None:
    """Forget a wording told by mistake; only where the actor imports for."""
    if wording.division_id not in wording_divisions(actor.user):
        raise PermissionDenied
    audit_record(
        actor=actor,
        action="ledger.wording_forget",
        target=wording,
        before={"sheet": wording.sheet, "written": wording.written, "header": wording.header},
    )
    wording.delete()


@task()
def import_ledger(job_id: int) -> None:
    """The queued import: the worker runs it, the service does the work."""
    ledger_import_run(job_id)
