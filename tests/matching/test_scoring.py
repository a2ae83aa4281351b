from __future__ import annotations

from claims.matching import (
    DEFAULT_THRESHOLDS,
    LEXICAL_FALLBACK_THRESHOLDS,
    VectorIndex,
    find_similar,
    score_pair,
)

from .conftest import day

STRIKE = (
    "On 17 January 2025, the Russian Federation launched two missile strikes on Kryvyi Rih, "
    "the second-largest city in the Dnipropetrovsk region of Ukraine."
)
STRIKE_RESTATED = (
    "Russia fired two missiles at Kryvyi Rih in Dnipropetrovsk region on 17 January 2025."
)
UNRELATED = (
    "The Council of Ministers of Bosnia and Herzegovina adopted the draft budget of the "
    "institutions for 2025."
)


def scored(embedder, a, b):
    vectors = embedder.embed([a.text, b.text])
    return score_pair(a, b, vectors[0], vectors[1])


def test_identical_claims_in_two_letters_are_linked_with_same_wording(make_claim, lexical_embedder):
    a = make_claim(
        STRIKE, event_date=day("2025-01-17"), places=("Kryvyi Rih",), claim_type="strike"
    )
    b = make_claim(
        STRIKE, event_date=day("2025-01-17"), places=("Kryvyi Rih",), claim_type="strike"
    )

    match = scored(lexical_embedder, a, b)

    assert match.score >= DEFAULT_THRESHOLDS.link
    assert match.score >= LEXICAL_FALLBACK_THRESHOLDS.link
    assert match.reasons[:3] == ("same wording", "same date", "same place")


def test_paraphrase_is_suggested_by_the_sentence_model(make_claim, sentence_embedder):
    a = make_claim(STRIKE, event_date=day("2025-01-17"), places=("Kryvyi Rih", "Ukraine"))
    b = make_claim(STRIKE_RESTATED, event_date=day("2025-01-17"), places=("Kryvyi Rih",))

    match = scored(sentence_embedder, a, b)

    assert match.score >= DEFAULT_THRESHOLDS.suggest
    assert "same wording" not in match.reasons


def test_paraphrase_without_date_or_place_still_reads_as_same_meaning(
    make_claim, sentence_embedder
):
    a = make_claim(
        "Israeli warplanes bombed residential areas of Gaza, killing hundreds of civilians."
    )
    b = make_claim("Hundreds of civilians died when Israeli aircraft struck homes in Gaza.")

    match = scored(sentence_embedder, a, b)

    assert match.score >= DEFAULT_THRESHOLDS.suggest
    assert "same meaning" in match.reasons


def test_unrelated_claims_are_not_suggested_by_the_sentence_model(make_claim, sentence_embedder):
    a = make_claim(STRIKE, event_date=day("2025-01-17"), places=("Kryvyi Rih",))
    b = make_claim(UNRELATED, event_date=day("2025-03-04"), places=("Bosnia and Herzegovina",))

    assert scored(sentence_embedder, a, b).score < DEFAULT_THRESHOLDS.suggest


def test_unrelated_claims_are_not_suggested_by_the_fallback(make_claim, lexical_embedder):
    a = make_claim(STRIKE, event_date=day("2025-01-17"), places=("Kryvyi Rih",))
    b = make_claim(UNRELATED, event_date=day("2025-03-04"), places=("Bosnia and Herzegovina",))

    assert scored(lexical_embedder, a, b).score < LEXICAL_FALLBACK_THRESHOLDS.suggest


def test_reused_template_with_other_figures_is_not_linked(make_claim, lexical_embedder):
    a = make_claim(
        "The present letter is in follow-up to our 860 letters on the ongoing crisis in Gaza."
    )
    b = make_claim(
        "The present letter is in follow-up to our 872 letters on the ongoing crisis in Gaza."
    )

    match = scored(lexical_embedder, a, b)

    assert match.lexical > 0.8
    assert "different figures" in match.reasons
    assert match.score < LEXICAL_FALLBACK_THRESHOLDS.link


def test_same_wording_about_another_day_is_not_linked(make_claim, lexical_embedder):
    text = "Russian drones attacked the city of Kharkiv overnight, damaging residential buildings."
    a = make_claim(text, event_date=day("2025-03-01"), places=("Kharkiv",))
    b = make_claim(text, event_date=day("2025-05-20"), places=("Kharkiv",))

    match = scored(lexical_embedder, a, b)

    assert "different date" in match.reasons
    assert match.score < LEXICAL_FALLBACK_THRESHOLDS.link


def test_shared_country_alone_is_not_a_shared_place(make_claim, lexical_embedder):
    a = make_claim(STRIKE, places=("Kryvyi Rih", "Ukraine"))
    b = make_claim("Drones hit Kyiv.", places=("Kyiv", "Ukraine"))

    assert "same place" not in scored(lexical_embedder, a, b).reasons


def test_find_similar_ranks_the_repeated_claim_first_and_skips_the_same_letter(
    make_claim, lexical_embedder
):
    target = make_claim(STRIKE, letter_id=1, event_date=day("2025-01-17"), places=("Kryvyi Rih",))
    same_letter = make_claim(STRIKE, letter_id=1)
    repeated = make_claim(STRIKE, letter_id=2, event_date=day("2025-01-17"), places=("Kryvyi Rih",))
    unrelated = make_claim(UNRELATED, letter_id=3)
    claims = {c.claim_id: c for c in (target, same_letter, repeated, unrelated)}
    vectors = dict(
        zip(claims, lexical_embedder.embed([c.text for c in claims.values()]), strict=True)
    )
    index = VectorIndex(lexical_embedder.dim)
    index.add(list(vectors), list(vectors.values()))

    found = find_similar(target, vectors[target.claim_id], index, claims, vectors)

    assert [claim_id for claim_id, _ in found] == [repeated.claim_id]
    assert "same wording" in found[0][1].reasons


def test_find_similar_scores_extra_candidates_the_index_did_not_propose(
    make_claim, lexical_embedder
):
    target = make_claim(
        STRIKE, event_date=day("2025-01-17"), places=("Kryvyi Rih",), claim_type="strike"
    )
    reply = make_claim(
        "The Ukrainian side staged a provocation in Krivoi Rog; air defence fire caused the damage.",
        event_date=day("2025-01-17"), places=("Kryvyi Rih",), claim_type="attack",
    )  # fmt: skip
    claims = {c.claim_id: c for c in (target, reply)}
    vectors = dict(
        zip(claims, lexical_embedder.embed([c.text for c in claims.values()]), strict=True)
    )
    index = VectorIndex(lexical_embedder.dim)
    index.add(
        [target.claim_id, reply.claim_id], [vectors[target.claim_id], vectors[reply.claim_id]]
    )

    found = find_similar(
        target, vectors[target.claim_id], index, claims, vectors.__getitem__,
        candidates=0, extra_candidates=[reply.claim_id], min_score=0.0,
    )  # fmt: skip

    assert [claim_id for claim_id, _ in found] == [reply.claim_id]
    assert {"same date", "same place"} <= set(found[0][1].reasons)
