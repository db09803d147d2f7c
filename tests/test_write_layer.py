"""Every write passes a service: the pages count changes by the audit log, so a save, create,
update or delete made anywhere else — a view, an API handler, a command, a selector, a topic
module — is a change the counts and standings never see, and an audit entry written anywhere
else is one its write may not share a transaction with. Read from the source, so a write added
in the wrong place fails here before it ships."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import anju

ROOT = Path(anju.__file__).parent
WRITES = {"save", "delete", "create", "get_or_create", "update_or_create", "bulk_create"}
WRITES |= {"bulk_update", "delete_file"}
# ``update`` is a write on a queryset, and a dictionary's own on anything else
QUERYSET = {"objects", "filter", "exclude", "all", "select_for_update", "alert_rows"}
AUDIT = {"audit_record", "audit_record_changes", "audit_read", "saved_and_audited"}


def is_services(path: Path) -> bool:
    """A services module: ``services.py``, or any module of a ``services`` package."""
    return path.stem == "services" or "services" in path.relative_to(ROOT).parts[:-1]


def receiver(node: ast.expr) -> list[str]:
    """The names a call's receiver is reached by: ``Budget.objects.filter(...)`` →
    [filter, objects, Budget]."""
    names = []
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        if isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        else:
            node = node.func if isinstance(node, ast.Call) else node.value
    if isinstance(node, ast.Name):
        names.append(node.id)
    return names


def writes_in(source: str) -> Iterator[tuple[int, str]]:
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in AUDIT:
            yield node.lineno, func.id
        if not isinstance(func, ast.Attribute):
            continue
        if func.attr in AUDIT:
            yield node.lineno, func.attr
        # a document or font saved to a stream is not a row: it takes the stream
        streamed = func.attr == "save" and len(node.args) == 1
        if (func.attr in WRITES and not streamed) or (
            func.attr == "update" and QUERYSET & set(receiver(func.value))
        ):
            yield node.lineno, ".".join([*reversed(receiver(func.value)), func.attr])


def test_nothing_but_a_service_writes_or_audits() -> None:
    found = [
        f"{path.relative_to(ROOT.parent)}:{line}: {call}"
        for path in sorted(ROOT.rglob("*.py"))
        if not is_services(path) and not {"tests", "migrations"} & set(path.relative_to(ROOT).parts)
        for line, call in writes_in(path.read_text())
    ]
    assert not found, "writes outside a services module:\n" + "\n".join(found)


def test_the_check_sees_the_writes_it_is_for() -> None:
    """The check itself, on a view that writes every way it looks for, and one that only
    reads or saves a document to a stream."""
    view = """
def page(request, code):
    project, _ = Project.objects.get_or_create(community=community)
    Budget.objects.filter(pk=1).update(spent=0)
    row.save(update_fields=["x"])
    report.pdf.save("a.pdf", content)
    audit_record(actor=actor, action="x", target="y")
    row.alert_rows.all().delete()
"""
    assert [call for _line, call in writes_in(view)] == [
        "Project.objects.get_or_create",
        "Budget.objects.filter.update",
        "row.save",
        "report.pdf.save",
        "audit_record",
        "row.alert_rows.all.delete",
    ]
    reads = """
def page(request):
    values = {}
    values.update(request.GET)
    document.save(buffer)
    return Community.objects.filter(code=code).first()
"""
    assert list(writes_in(reads)) == []
