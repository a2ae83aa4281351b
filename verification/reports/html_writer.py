"""Standalone HTML report (inline CSS, everything escaped), streamed claim by claim."""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from typing import BinaryIO

from verification.reports.html_template import render_claim, render_head, render_tail
from verification.reports.types import ReportClaim, ReportMeta


class HtmlWriter:
    media_type = "text/html; charset=utf-8"
    extension = "html"

    def write(self, meta: ReportMeta, claims: Iterable[ReportClaim], out: BinaryIO) -> None:
        text_out = codecs.getwriter("utf-8")(out)
        text_out.write(render_head(meta))
        for claim in claims:
            text_out.write(render_claim(claim))
        text_out.write(render_tail())
