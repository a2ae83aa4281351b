"""The fixed parts of the Word package the DOCX writer streams: content types, relationships,
styles, list numbering, settings and document properties.

Style ids and names are Word's built-in ones ("Heading1" named "heading 1", "TableGrid" named
"Table Grid"), so Word, LibreOffice and python-docx treat them as real headings and lists and
the contents field picks the claim headings up.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"
BODY_FONT = "DejaVu Sans"
MONO_FONT = "DejaVu Sans Mono"
# Characters XML 1.0 forbids (C0 controls but tab and newlines, lone surrogates, U+FFFE/F).
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text safe inside an XML element: forbidden characters dropped, &, < and > escaped."""
    return escape(NOT_XML.sub("", text))


def xml_attribute(text: str) -> str:
    """A quoted XML attribute value (quotes included)."""
    return quoteattr(NOT_XML.sub("", text))


CONTENT_TYPES = (
    XML_DECLARATION + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{DOCUMENT_TYPE}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{DOCUMENT_TYPE}.styles+xml"/>'
    f'<Override PartName="/word/numbering.xml" ContentType="{DOCUMENT_TYPE}.numbering+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{DOCUMENT_TYPE}.settings+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

PACKAGE_RELS = (
    XML_DECLARATION + f'<Relationships xmlns="{PACKAGE_RELS_NS}">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    f'Type="{R_NS}/officeDocument"/>'
    '<Relationship Id="rId2" Target="docProps/core.xml" '
    'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"/>'
    '<Relationship Id="rId3" Target="docProps/app.xml" '
    f'Type="{R_NS}/extended-properties"/>'
    "</Relationships>"
)

# word/document.xml's relationships: the fixed parts, then the hyperlinks the writer spooled.
DOCUMENT_RELS_START = (
    XML_DECLARATION + f'<Relationships xmlns="{PACKAGE_RELS_NS}">'
    f'<Relationship Id="rId1" Target="styles.xml" Type="{R_NS}/styles"/>'
    f'<Relationship Id="rId2" Target="numbering.xml" Type="{R_NS}/numbering"/>'
    f'<Relationship Id="rId3" Target="settings.xml" Type="{R_NS}/settings"/>'
)
DOCUMENT_RELS_END = "</Relationships>"

# Word 2013+ layout rules (without compatibilityMode 15 Word opens the file in compatibility mode).
SETTINGS = (
    XML_DECLARATION + f'<w:settings xmlns:w="{W_NS}">'
    '<w:defaultTabStop w:val="720"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    "</w:settings>"
)

# The page python-docx's default template had: US Letter, 1.25" side and 1" top/bottom margins.
SECTION_PROPERTIES = (
    '<w:sectPr><w:pgSz w:w="12240" w:h="15840"/>'
    '<w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="720" '
    'w:footer="720" w:gutter="0"/><w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr>'
)
TEXT_WIDTH_TWIPS = 12240 - 2 * 1800


def _fonts(name: str) -> str:
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>'


def _paragraph_style(
    style_id: str, name: str, ppr: str = "", rpr: str = "", extra: str = ""
) -> str:
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="Normal"/><w:next w:val="Normal"/>{extra}<w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _heading(level: int, before: int, colour: str, size: int) -> str:
    return _paragraph_style(
        f"Heading{level}",
        f"heading {level}",
        ppr=(
            f'<w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="0"/>'
            f'<w:outlineLvl w:val="{level - 1}"/>'
        ),
        rpr=f'<w:b/><w:bCs/><w:color w:val="{colour}"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>',
        extra=f'<w:uiPriority w:val="9"/>{"<w:unhideWhenUsed/>" if level > 1 else ""}',
    )


def _list_style(style_id: str, name: str, num_id: int) -> str:
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        f'<w:pPr><w:numPr><w:numId w:val="{num_id}"/></w:numPr><w:contextualSpacing/></w:pPr>'
        "</w:style>"
    )


_INDENT = '<w:tblInd w:w="0" w:type="dxa"/>'
_CELL_MARGINS = (
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
    '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
    '<w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
)
_GRID_BORDERS = "<w:tblBorders>{}</w:tblBorders>".format(
    "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
)

STYLES = (
    XML_DECLARATION + f'<w:styles xmlns:w="{W_NS}">'
    f"<w:docDefaults><w:rPrDefault><w:rPr>{_fonts(BODY_FONT)}"
    '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/>'
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
    '<w:spacing w:after="200" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    f'<w:qFormat/><w:rPr>{_fonts(BODY_FONT)}<w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
    "<w:unhideWhenUsed/></w:style>"
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
    f"<w:tblPr>{_INDENT}{_CELL_MARGINS}</w:tblPr></w:style>"
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
    + _paragraph_style(
        "Title",
        "Title",
        ppr=(
            '<w:pBdr><w:bottom w:val="single" w:sz="8" w:space="4" w:color="4F81BD"/></w:pBdr>'
            '<w:spacing w:after="300" w:line="240" w:lineRule="auto"/><w:contextualSpacing/>'
        ),
        rpr='<w:color w:val="17365D"/><w:spacing w:val="5"/><w:kern w:val="28"/>'
        '<w:sz w:val="52"/><w:szCs w:val="52"/>',
        extra='<w:uiPriority w:val="10"/>',
    )
    + _heading(1, 480, "365F91", 28)
    + _heading(2, 200, "4F81BD", 26)
    + _heading(3, 200, "4F81BD", 20)
    + _paragraph_style(
        "Quote",
        "Quote",
        rpr='<w:i/><w:iCs/><w:color w:val="000000"/>',
        extra='<w:uiPriority w:val="29"/>',
    )
    + '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
    '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
    '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>'
    + _list_style("ListBullet", "List Bullet", 1)
    + _list_style("ListNumber", "List Number", 2)
    + '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
    '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
    '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    f"<w:tblPr>{_INDENT}{_GRID_BORDERS}{_CELL_MARGINS}</w:tblPr></w:style>"
    "</w:styles>"
)


def _list_level(abstract_id: int, style_id: str, fmt: str, text: str, rpr: str = "") -> str:
    return (
        f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:pStyle w:val="{style_id}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:tabs><w:tab w:val="num" w:pos="360"/></w:tabs>'
        f'<w:ind w:left="360" w:hanging="360"/></w:pPr>{rpr}</w:lvl></w:abstractNum>'
    )


NUMBERING = (
    XML_DECLARATION
    + f'<w:numbering xmlns:w="{W_NS}">'
    + _list_level(0, "ListBullet", "bullet", "•", f"<w:rPr>{_fonts(BODY_FONT)}</w:rPr>")
    + _list_level(1, "ListNumber", "decimal", "%1.")
    + '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    "</w:numbering>"
)

APP_PROPERTIES = (
    XML_DECLARATION
    + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Claim verification workbench</Application></Properties>"
)


def core_properties(title: str, author: str, when: datetime) -> str:
    """Title, author and fixed dates (the report's, not "now": two exports stay identical)."""
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    dates = "".join(
        f'<dcterms:{name} xsi:type="dcterms:W3CDTF">{stamp}</dcterms:{name}>'
        for name in ("created", "modified")
    )
    return (
        XML_DECLARATION + "<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{xml_text(title)}</dc:title><dc:creator>{xml_text(author)}</dc:creator>"
        f"<cp:lastModifiedBy>{xml_text(author)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f"{dates}</cp:coreProperties>"
    )
