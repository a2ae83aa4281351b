"""Readable text from captured documents: what a reader sees, nothing else."""

import pytest

from verification.capture import readable_text


def test_html_text_drops_scripts_styles_and_hidden_elements():
    html = b"""<html><head><title>T</title><style>.x{}</style></head><body>
        <script>var secret = "tracking";</script><noscript>Enable JS</noscript>
        <p>Visible <b>claim</b> text.</p>
        <div hidden>hidden attribute</div><div style="display: none">hidden style</div>
        <!-- a comment --><template><p>template</p></template>
    </body></html>"""
    assert readable_text(html, "text/html") == "Visible claim text."


def test_html_blocks_become_lines_and_inline_markup_stays_in_the_sentence():
    html = b"<h1>Letter</h1><p>On 12 June\n   2018, <a href='#'>the strike</a> hit<br>Douma.</p><ul><li>one</li><li>two</li></ul>"
    assert (
        readable_text(html, "text/html")
        == "Letter\nOn 12 June 2018, the strike hit\nDouma.\none\ntwo"
    )


def test_html_charset_comes_from_the_header_when_given():
    html = "<p>Заявление</p>".encode("windows-1251")
    assert readable_text(html, "text/html; charset=windows-1251") == "Заявление"
    assert readable_text(html, "text/html", charset="windows-1251") == "Заявление"


def test_html_charset_comes_from_the_meta_tag_otherwise():
    html = '<meta charset="iso-8859-1"><p>Déclaration</p>'.encode("iso-8859-1")
    assert readable_text(html, "text/html") == "Déclaration"


def test_xhtml_is_read_like_html():
    xhtml = b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Hi</p><script>x</script></body></html>'
    assert readable_text(xhtml, "application/xhtml+xml") == "Hi"


def test_pdf_text_is_extracted(make_pdf):
    text = readable_text(make_pdf("12 civilians were killed"), "application/pdf")
    assert text == "12 civilians were killed"


def test_broken_pdf_raises_value_error():
    with pytest.raises(ValueError, match="unreadable PDF"):
        readable_text(b"%PDF-1.4 truncated", "application/pdf")


@pytest.mark.parametrize(
    ("data", "media_type", "expected"),
    [
        (b"line one\r\nline two\r\n", "text/plain", "line one\nline two"),
        ("caf\u00e9".encode(), "text/plain", "caf\u00e9"),
        ("caf\u00e9".encode("cp1252"), "text/plain; charset=cp1252", "caf\u00e9"),
        ("\ufeffBOM text".encode(), "text/plain", "BOM text"),
        ("caf\u00e9".encode(), "text/plain; charset=no-such-charset", "caf\u00e9"),
    ],
)
def test_plain_text_is_decoded(data, media_type, expected):
    assert readable_text(data, media_type) == expected


def test_other_media_types_are_rejected():
    with pytest.raises(ValueError, match="image/png"):
        readable_text(b"\x89PNG", "image/png")
