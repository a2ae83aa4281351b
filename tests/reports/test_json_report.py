import io
import json

from verification.reports import get_writer
from verification.reports.synthetic import synthetic_claims


def test_json_round_trips_with_schema_version_and_api_shaped_claims(export, meta, make_claim):
    claim = make_claim(3, places=("حلب",))
    document = json.loads(export("json", meta, [claim]))
    assert document["schema_version"] == "2.0"
    assert document["claim_count"] == 1
    assert document["report"]["organisation"] == {
        "name": meta.organisation,
        "url": meta.organisation_url,
    }
    exported = document["claims"][0]
    assert exported["id"] == 3
    assert exported["letter"] == {
        "symbol": claim.letter_symbol,
        "date": claim.letter_date.isoformat(),
        "sender": claim.letter_sender,
        "sender_same_as": claim.sender_same_as,
        "url": claim.letter_url,
    }
    assert exported["places"] == ["حلب"]
    assert exported["type"] == claim.claim_type
    assert exported["casualties"] == {
        "killed": claim.claimed_killed,
        "killed_at_least": False,
        "injured": claim.claimed_injured,
        "injured_at_least": False,
    }
    assert exported["verdict"]["rating"]["label"] == claim.rating.label
    assert exported["verdict"]["assessed"]["killed"] == {"min": 1, "max": 12}
    assert [e["sha256"] for e in exported["evidence"]] == [e.sha256 for e in claim.evidence]
    assert exported["evidence"][0]["grade"] == claim.evidence[0].grade


def test_json_unrated_claim_has_null_rating(export, meta, make_claim):
    claim = make_claim(4)  # every fourth synthetic claim is still proposed
    exported = json.loads(export("json", meta, [claim]))["claims"][0]
    assert exported["verdict"]["rating"] is None and exported["verdict"]["approved_by"] is None


def test_json_is_written_while_claims_are_still_streaming(meta):
    out = io.BytesIO()
    written_before_each_claim: list[int] = []

    def claims():
        for claim in synthetic_claims(3):
            written_before_each_claim.append(out.tell())
            yield claim

    get_writer("json").write(meta, claims(), out)
    assert (
        written_before_each_claim[0] < written_before_each_claim[1] < written_before_each_claim[2]
    )


def test_json_with_no_claims_is_still_valid(export, meta):
    document = json.loads(export("json", meta, []))
    assert document["claims"] == [] and document["claim_count"] == 0
