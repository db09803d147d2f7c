"""QR codes drawn as inline SVG, so a printed slip or a phone's screen needs nothing fetched."""

from __future__ import annotations

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(text: str) -> SafeString:
    return mark_safe(segno.make(text, error="m").svg_inline(border=2, omitsize=True))
