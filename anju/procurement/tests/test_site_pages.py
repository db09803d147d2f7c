"""The site pages open only with a live code: a wrong one counts against the device and many
are refused; a monitor stood down or a winner given a new code is shut out at once; site photos
reach the code holders of their own project and the officials over it, no one else."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from anju.accounts.models import User
from anju.core.procurement import Kind, Method
from anju.procurement.models import Observation, ObservationPhoto
from anju.procurement.services import (
    answer_code_issue,
    lot_add,
    lot_change,
    monitor_appoint,
    monitor_stand_down,
)
from anju.projects.models import Project
from anju.registry.models import Community
from anju.testing import SYSTEM


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (90, 90, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def _in(code: str) -> Client:
    client = Client()
    answer = client.post("/m/", {"code": code})
    assert answer.status_code == 302 and answer["Location"] == "/m/works/"
    return client


def test_a_code_opens_the_site_until_it_is_withdrawn_and_photos_stay_with_the_project(
    hualong_community: Community,
    hualong_user: User,
    qingfeng_user: User,
    logged_in: Callable[[str], Client],
    settings: object,
    tmp_path: object,
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    project = Project.objects.create(community=hualong_community)
    monitor, code = monitor_appoint(actor=SYSTEM, project=project, name="周建国")
    resident = _in(code.lower())
    sent = resident.post(
        "/m/works/",
        {
            "text": "电缆沟未盖板",
            "photo_1": SimpleUploadedFile("沟.png", _png(), content_type="image/png"),
            "photo_2": SimpleUploadedFile(
                "x.png", b"<svg onload=alert(1)>", content_type="image/png"
            ),
        },
    )
    assert sent.status_code == 200 and not Observation.objects.exists()  # a photo is refused
    assert "照片" in sent.content.decode()
    resident.post(
        "/m/works/",
        {
            "text": "电缆沟未盖板",
            "photo_1": SimpleUploadedFile("沟.png", _png(), content_type="image/png"),
        },
    )
    photo = ObservationPhoto.objects.get()
    assert photo.image.name.endswith(".png") and "沟" not in photo.image.name
    assert resident.get(f"/m/photos/{photo.pk}").status_code == 200
    assert Client().get(f"/m/photos/{photo.pk}").status_code == 404
    assert (
        logged_in("hualong").get(f"/procurement/observations/photos/{photo.pk}").status_code == 200
    )
    assert (
        logged_in("qingfeng").get(f"/procurement/observations/photos/{photo.pk}").status_code == 404
    )
    served = resident.get(f"/m/photos/{photo.pk}")
    assert served["Content-Type"] == "image/png" and served["X-Content-Type-Options"] == "nosniff"
    photo.image.storage.delete(photo.image.name)  # lost from the disk: not found, not a failure
    assert resident.get(f"/m/photos/{photo.pk}").status_code == 404

    lot = lot_add(
        actor=SYSTEM,
        project=project,
        name="施工",
        kind=Kind.WORKS,
        estimate=1,
        method=Method.DIRECT,
    )
    lot_change(
        actor=SYSTEM,
        lot=lot,
        changes={"winner": "甲建工", "price": 1, "awarded_on": dt.date(2026, 10, 6)},
    )
    first = answer_code_issue(actor=SYSTEM, lot=lot)
    winner = _in(first)
    assert "电缆沟未盖板" in winner.get("/m/works/").content.decode()
    second = answer_code_issue(actor=SYSTEM, lot=lot)
    assert winner.get("/m/works/")["Location"] == "/m/"  # the first code is withdrawn
    assert Client().post("/m/", {"code": first}).status_code == 404
    _in(second)

    monitor_stand_down(actor=SYSTEM, monitor=monitor)
    assert resident.get("/m/works/")["Location"] == "/m/"
    assert Client().post("/m/", {"code": code}).status_code == 404


def test_many_wrong_codes_from_one_device_are_refused(db: None) -> None:
    client = Client()
    for _ in range(20):
        assert client.post("/m/", {"code": "ABCDE-FGHJK"}).status_code == 404
    refused = client.post("/m/", {"code": "ABCDE-FGHJK"})
    assert refused.status_code == 429
