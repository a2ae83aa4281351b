import json

from verification.reports import validate_claimreview
from verification.reports.synthetic import synthetic_claims


def test_claimreview_contains_only_approved_claims(export, meta):
    claims = list(synthetic_claims(8))
    reviews = json.loads(export("claimreview", meta, claims))
    approved = [claim for claim in claims if claim.rating and claim.approved_by]
    assert [review["url"] for review in reviews] == [claim.url for claim in approved]
    assert len(reviews) < len(claims)


def test_claimreview_fields_follow_schema_org(export, meta, make_claim):
    claim = make_claim(5)  # approved, with a Wikidata sameAs for the State
    review = json.loads(export("claimreview", meta, [claim]))[0]
    assert validate_claimreview(review) == []
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == claim.restatement
    assert review["datePublished"] == claim.approved_at.date().isoformat()
    assert review["author"] == {
        "@type": "Organization",
        "name": meta.organisation,
        "url": meta.organisation_url,
    }
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": claim.rating.label,
        "ratingValue": claim.rating.value,
        "bestRating": claim.rating.best,
        "worstRating": claim.rating.worst,
    }
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {
        "@type": "Organization",
        "name": claim.letter_sender,
        "sameAs": claim.sender_same_as,
    }
    assert item["datePublished"] == claim.letter_date.isoformat()
    assert item["appearance"] == {
        "@type": "CreativeWork",
        "name": claim.letter_symbol,
        "url": claim.letter_url,
    }
    assert item["firstAppearance"] == item["appearance"]


def test_claimreview_omits_same_as_when_the_state_is_unknown(export, meta, make_claim):
    review = json.loads(export("claimreview", meta, [make_claim(6)]))[0]
    assert "sameAs" not in review["itemReviewed"]["author"]


def test_validator_names_each_missing_field(export, meta, make_claim):
    review = json.loads(export("claimreview", meta, [make_claim(5)]))[0]
    del review["reviewRating"]["alternateName"]
    review["itemReviewed"]["appearance"]["url"] = None
    del review["datePublished"]
    assert validate_claimreview(review) == [
        "missing required: reviewRating.alternateName",
        "missing recommended: datePublished",
        "missing recommended: itemReviewed.appearance.url",
    ]


def test_validator_rejects_a_rating_outside_its_scale(export, meta, make_claim):
    review = json.loads(export("claimreview", meta, [make_claim(5)]))[0]
    review["reviewRating"]["ratingValue"] = 9
    assert validate_claimreview(review) == [
        "reviewRating.ratingValue outside worstRating..bestRating"
    ]


def test_claimreview_escapes_markup_so_it_can_sit_in_a_script_element(export, meta, make_claim):
    claim = make_claim(5)
    hostile = 'Shelling </script><script>alert("x")</script> & more'
    claim = type(claim)(**{**claim.__dict__, "restatement": hostile})
    raw = export("claimreview", meta, [claim]).decode()
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert "\\u003c/script\\u003e" in raw
    assert json.loads(raw)[0]["claimReviewed"] == hostile
