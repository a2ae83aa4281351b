"""Fonts and right-to-left text for the ReportLab PDF writer.

DejaVu covers Latin, Cyrillic, Greek, Arabic and Hebrew but no Chinese, Japanese or Korean:
runs of those scripts are set in WenQuanYi Micro Hei (Debian fonts-wqy-microhei, 1.6 MB, the
smallest Debian font with TrueType outlines that covers Chinese; Noto CJK is CFF, which
ReportLab cannot embed), so they print as text instead of empty boxes.

ReportLab shapes Arabic glyphs through uharfbuzz but its own bidi algorithm needs `rlbidi`,
which is not on PyPI. Place names, titles and short phrases are what carry Arabic script in
these reports, so words are reordered here: each run of right-to-left words is reversed and
harfbuzz draws every word right to left (a word-level approximation of the Unicode bidi
algorithm that is right for names and short phrases inside English text). Long right-to-left
passages that wrap over several lines keep their words in run order rather than line order,
and numbers inside an Arabic run are treated as part of it (known limits).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIRECTORIES = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian: fonts-dejavu-core
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
)
FONT_FILES = {
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    "DejaVuSansMono": "DejaVuSansMono.ttf",
}
CJK_FONT = "WenQuanYiMicroHei"
CJK_FONT_FILES = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),  # Debian: fonts-wqy-microhei
    Path("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"),
)
# Han, kana, hangul, CJK punctuation and full-width forms: the scripts DejaVu has no glyphs for.
CJK_RUN = re.compile(
    "[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3200-\u4dbf\u4e00-\u9fff\ua960-\ua97f"
    "\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]+"
)
# DejaVu's oblique faces have no Arabic or Hebrew glyphs: right-to-left runs are set in this
# family, whose italic is the upright face (and bold the bold one), so a quote in italics keeps
# its Arabic as text.
RTL_FONT = "DejaVuSansRTL"
RTL_FONT_FILES = {RTL_FONT: "DejaVuSans.ttf", f"{RTL_FONT}-Bold": "DejaVuSans-Bold.ttf"}
TOKEN = re.compile(r"\S+")
BODY_FONT = "DejaVuSans"
BOLD_FONT = "DejaVuSans-Bold"
MONO_FONT = "DejaVuSansMono"
RTL_CLASSES = {"R", "AL"}
CLOSING_PUNCTUATION = ".,;:!?"
NEEDS_SHAPING = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


class FontsMissing(RuntimeError):
    pass


@cache
def register_fonts() -> None:
    """Register DejaVu once per process (Arabic, Cyrillic, Greek, Hebrew and Latin glyphs)."""
    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(_font_path(filename))))
    addMapping(BODY_FONT, 0, 0, "DejaVuSans")
    addMapping(BODY_FONT, 1, 0, "DejaVuSans-Bold")
    addMapping(BODY_FONT, 0, 1, "DejaVuSans-Oblique")
    addMapping(BODY_FONT, 1, 1, "DejaVuSans-BoldOblique")
    for style in ((0, 0), (1, 0), (0, 1), (1, 1)):
        addMapping(MONO_FONT, *style, MONO_FONT)
    for name, filename in RTL_FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(_font_path(filename))))
    for bold, italic in ((1, 1), (1, 0), (0, 1), (0, 0)):  # (0, 0) last: the reverse mapping
        addMapping(RTL_FONT, bold, italic, f"{RTL_FONT}-Bold" if bold else RTL_FONT)
    _register_cjk_font()


@cache
def _register_cjk_font() -> bool:
    """The CJK fallback, if installed (without it those scripts print as empty boxes)."""
    path = next((path for path in CJK_FONT_FILES if path.is_file()), None)
    if path is None:
        return False
    pdfmetrics.registerFont(TTFont(CJK_FONT, str(path), subfontIndex=0))
    for style in ((0, 0), (1, 0), (0, 1), (1, 1)):  # no bold or italic face: the same glyphs
        addMapping(CJK_FONT, *style, CJK_FONT)
    return True


def has_cjk(text: str) -> bool:
    return CJK_RUN.search(text) is not None


def font_runs(text: str, font: str) -> list[tuple[str, str]]:
    """(text, font name) pieces: CJK runs in the fallback font, the rest in `font`."""
    if not has_cjk(text) or not _register_cjk_font():
        return [(text, font)]
    pieces: list[tuple[str, str]] = []
    position = 0
    for match in CJK_RUN.finditer(text):
        if match.start() > position:
            pieces.append((text[position : match.start()], font))
        pieces.append((match.group(), CJK_FONT))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], font))
    return pieces


def _font_path(filename: str) -> Path:
    for directory in FONT_DIRECTORIES:
        if (directory / filename).is_file():
            return directory / filename
    raise FontsMissing(f"{filename} not found; install the Debian package fonts-dejavu-core")


def needs_shaping(text: str) -> bool:
    return NEEDS_SHAPING.search(text) is not None


def _is_rtl_word(word: str) -> bool:
    return any(unicodedata.bidirectional(char) in RTL_CLASSES for char in word)


def visual_order(text: str) -> str:
    """Reverse each run of right-to-left words so left-to-right drawing shows them correctly."""
    if not needs_shaping(text):
        return text
    ordered: list[str] = []
    run: list[str] = []
    for word in text.split(" "):
        if _is_rtl_word(word):
            run.append(word)
            continue
        ordered += _visual_run(run)
        run = []
        ordered.append(word)
    ordered += _visual_run(run)
    return " ".join(ordered)


def _visual_run(run: list[str]) -> list[str]:
    """A right-to-left run in drawing order, its closing punctuation kept after it.

    harfbuzz draws each word right to left, so punctuation that ends the run ("حلب;") would
    land on the left of the word; moved to the start of the run's first word, it is drawn on
    the right of the whole run, where a left-to-right reader expects it.
    """
    if not run:
        return []
    last = run[-1].rstrip(CLOSING_PUNCTUATION)
    punctuation = run[-1][len(last) :]
    words = [*run[:-1], last][::-1]
    words[-1] = punctuation + words[-1]
    return words


def markup(text: str) -> str:
    """Plain text as ReportLab paragraph markup: escaped, reordered, line breaks kept, words
    with CJK or right-to-left letters in their fonts."""
    escaped = escape(visual_order(text))
    if needs_shaping(escaped) or (has_cjk(escaped) and _register_cjk_font()):
        escaped = TOKEN.sub(_font_for_token, escaped)
    return escaped.replace("\n", "<br/>")


def _font_for_token(token: re.Match[str]) -> str:
    """Whole words change font: harfbuzz shapes a word with its first character's font, so a
    word set in two fonts ("حلب." or "(安全)") would be shaped with the wrong one."""
    word = token.group()
    if has_cjk(word) and _register_cjk_font():
        return f'<font face="{CJK_FONT}">{word}</font>'
    if needs_shaping(word):
        return f'<font face="{RTL_FONT}">{word}</font>'
    return word
