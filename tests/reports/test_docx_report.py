import io
import zipfile

from docx import Document
from docx.oxml.ns import qn

from verification.reports.synthetic import synthetic_claims


def read_docx(data: bytes):
    return Document(io.BytesIO(data))


def test_docx_uses_word_heading_styles_for_title_and_each_claim_in_order(export, meta):
    document = read_docx(export("docx", meta, synthetic_claims(4)))
    styles = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith(("Title", "Heading"))
    ]
    assert styles[0] == ("Title", meta.title)
    claim_headings = [text for style, text in styles if style == "Heading 2"]
    assert claim_headings == [f"Claim {n} · S/2024/{100 + n}, para. {1 + n}" for n in range(1, 5)]
    assert ("Heading 3", "Evidence (3)") in styles


def test_docx_tables_hold_facts_and_evidence_with_grades_and_hashes(export, meta):
    claims = list(synthetic_claims(2))
    document = read_docx(export("docx", meta, claims))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert claims[0].restatement in cells
    for item in claims[0].evidence + claims[1].evidence:
        assert any(item.sha256 in text for text in cells)
        assert any(f"grade {item.grade}" in text for text in cells)
    assert all(table.style.name == "Table Grid" for table in document.tables)


def test_docx_rating_is_coloured_and_rationale_keeps_list_formatting(export, meta, make_claim):
    claim = make_claim(5)
    document = read_docx(export("docx", meta, [claim]))
    rating_runs = [
        r for p in document.paragraphs for r in p.runs if r.text.startswith(claim.rating.label)
    ]
    assert str(rating_runs[0].font.color.rgb) == claim.rating.colour.lstrip("#").upper()
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets[0] == "OCHA flash update gives a lower count."


def test_docx_summary_table_counts_claims_by_rating(export, meta):
    summary_meta = meta.__class__(**{**meta.__dict__, "summary": (("Accurate", 2), ("False", 1))})
    document = read_docx(export("docx", summary_meta, synthetic_claims(1)))
    summary = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert summary == [["Rating", "Claims"], ["Accurate", "2"], ["False", "1"], ["Total", "3"]]


def hyperlinks(document) -> list[tuple[str, str]]:
    """(text, target) of every w:hyperlink, the target read from its relationship."""
    part = document.part
    found = []
    for element in document.element.body.iter(qn("w:hyperlink")):
        relationship = part.rels[element.get(qn("r:id"))]
        assert relationship.is_external
        text = "".join(node.text or "" for node in element.iter(qn("w:t")))
        found.append((text, relationship.target_ref))
    return found


def test_docx_links_are_real_hyperlinks_with_relationship_ids(export, meta, make_claim):
    claim = make_claim(3, url="https://desk.example.net/wb/claims/3/")
    links = hyperlinks(read_docx(export("docx", meta, [claim])))
    targets = [target for _, target in links]
    assert (meta.organisation, meta.organisation_url) in links
    assert ("Workbench page", claim.url) in links
    assert claim.letter_url in targets
    assert all(item.url in targets for item in claim.evidence)
    assert "https://example.org/sources/3/0" in targets  # the rationale's Markdown link
    assert len(set(targets)) >= 5


def test_docx_never_links_javascript_urls(export, meta, make_claim):
    claim = make_claim(letter_url="javascript:alert(1)", url="javascript:alert(2)")
    targets = [target for _, target in hyperlinks(read_docx(export("docx", meta, [claim])))]
    assert not any(target.startswith("javascript") for target in targets)


def test_docx_has_no_empty_contents_field(export, meta):
    document = read_docx(export("docx", meta, synthetic_claims(2)))
    instructions = [
        *(field.get(qn("w:instr")) for field in document.element.body.iter(qn("w:fldSimple"))),
        *(node.text for node in document.element.body.iter(qn("w:instrText"))),
    ]
    assert not any("TOC" in (text or "") for text in instructions)
    assert "Update Field" not in "\n".join(p.text for p in document.paragraphs)


def test_docx_export_of_the_same_data_is_byte_identical(export, meta):
    assert export("docx", meta, synthetic_claims(3)) == export("docx", meta, synthetic_claims(3))


def test_docx_drops_characters_xml_cannot_hold_and_escapes_markup(export, meta, make_claim):
    claim = make_claim(quote="a\x00b\x0bc <w:p> & ]]>\ud800")
    document = read_docx(export("docx", meta, [claim]))
    assert [p.text for p in document.paragraphs if p.style.name == "Quote"] == ["abc <w:p> & ]]>"]


def test_docx_is_a_package_word_opens_with_fixed_timestamps(export, meta):
    with zipfile.ZipFile(io.BytesIO(export("docx", meta, synthetic_claims(2)))) as package:
        assert package.namelist()[0] == "[Content_Types].xml"
        assert {entry.date_time for entry in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert package.testzip() is None
