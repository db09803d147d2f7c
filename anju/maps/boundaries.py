"""A bureau's boundary file (GeoJSON): bounded before it is read, read by the core
(core.boundaries) in the datum it was drawn in, and each problem said in the user's words."""

from __future__ import annotations

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anju.core.boundaries import MOST_FEATURES, MOST_VERTICES, Outline, Problem, read_outlines
from anju.core.datum import Datum, from_gcj02
from anju.core.file_bounds import MB
from anju.registry.forms import DATUM_LABELS

MOST_BYTES = 8 * MB  # a city's streets drawn to metres; a nation's are not one file


class BoundaryForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Boundary file (GeoJSON: .geojson or .json)"))
    datum = forms.ChoiceField(
        label=gettext_lazy("Drawn in"), choices=list(DATUM_LABELS.items()), initial=Datum.CGCS2000
    )
    map_number = forms.CharField(
        label=gettext_lazy("Map approval number (审图号), if the map is approved"),
        max_length=64,
        required=False,
    )

    def clean_file(self) -> object:
        """Refused by its size before a byte of it is read."""
        upload = self.cleaned_data["file"]
        if upload.size > MOST_BYTES:
            raise ValidationError(
                _(
                    "The file is larger than {mb} MB: send the districts and the streets apart."
                ).format(mb=MOST_BYTES // MB)
            )
        return upload


def read_boundary_file(data: bytes, datum: Datum) -> tuple[list[Outline], list[Problem]]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested past reading
        return [], [Problem(0, "not_json")]
    return read_outlines(document, from_gcj02 if datum is Datum.GCJ02 else None)


def said(problem: Problem) -> str:
    """The problem as the official reads it: where (the feature's place) and what."""
    words = {
        "not_json": _("The file is not GeoJSON text (UTF-8)."),
        "not_geojson": _("The file is not a GeoJSON FeatureCollection."),
        "no_features": _("The file holds no feature."),
        "too_many_features": _("More than {most} features: send the file in parts.").format(
            most=MOST_FEATURES
        ),
        "too_many_vertices": _("More than {most} points in all: simplify the outlines.").format(
            most=MOST_VERTICES
        ),
        "no_code": _(
            "No division code in its properties (code, 行政区划代码 or adcode: 6, 9 or 12 "
            "digits); found “{value}”."
        ).format(value=problem.value),
        "duplicate_feature": _("Division {value} is outlined twice.").format(value=problem.value),
        "not_polygon": _(
            "The outline of {value} is no Polygon or MultiPolygon of closed rings of longitudes "
            "and latitudes."
        ).format(value=problem.value),
        "unknown_division": _("No division {value} in the division registry.").format(
            value=problem.value
        ),
        "outside_area": _("{value} is outside your jurisdiction.").format(value=problem.value),
    }[problem.code]
    if problem.feature == 0:
        return words
    return _("Feature {n}: {words}").format(n=problem.feature, words=words)
