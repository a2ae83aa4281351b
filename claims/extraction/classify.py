"""Claim or not, and which kind and type.

A clause is a claim when it asserts something checkable: an event verb, a date, a figure
or a named place, and no cue that makes it a request, an opinion, a bare legal
characterisation or procedure. A legal characterisation that also carries a date or a
figure stays (the guidelines call it optional; a fact-checker would still want it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extraction.clauses import FINITE_VERB
from claims.extraction.lang.en import (
    EVENT_PATTERN,
    OPINION_PATTERN,
    PROCEDURE_PATTERN,
    REQUEST_PATTERN,
    STATE_BY_NAME,
)
from claims.extraction.nonclaims import is_meeting_logistics, non_claim_reason

SELF_STATEMENT = re.compile(
    r"\b(?:I|we)\s+(?:would|should|wish|want|hereby|have\s+to|take|also)\b(?!\s+(?:like\s+to\s+)?inform)"
)
GENERAL_CUES = re.compile(
    r"\b(?:continues?|continued|continuing|ongoing|persistent|systematic(?:ally)?|repeatedly"
    r"|routinely|constantly|always|never|habitually|policy|policies|pattern)\b",
    re.I,
)
WEAPON_OR_UNIT = re.compile(
    r"\b[A-Z][A-Za-z]*-\d+[A-Z]?\b|\b[A-Z]{3,}\s+(?:rockets?|missiles?)\b|\bBrigade\b|\bBattalion\b"
)
NEGATED_ACTION = re.compile(
    r"\b(?:nothing|no\s+action)\s+(?:was|has\s+been|had\s+been)\s+done\b", re.I
)
# "the strike", "this speech", "as a result": the clause continues an event told before.
ANAPHORA = re.compile(
    r"\b(?:the|this|these|that|those|such|said)\s+(?:[\w-]+\s+){0,2}(?:attacks?|strikes?|speech|incidents?"
    r"|assaults?|shelling|bombings?|bombardment|events?|targets?|operations?|raids?|explosions?|massacres?)\b"
    r"|\b(?:second|third|subsequent|follow-up)\s+(?:strike|attack|wave)"
    r"|\bas\s+a\s+result\b|\bthe\s+same\s+day\b|^\W*(?:it|they)\b",
    re.I,
)
NAMED_OFFICIAL = re.compile(
    r"\b(?:President|Prime Minister|Minister|General|Commander)\s+[A-Z][\w-]+"
)
ROUGH_COUNT = re.compile(r"\b(?:hundreds|thousands|dozens|scores)\s+of\b", re.I)
# An event told as having happened: "was destroyed", "have been killed", "bombed", "struck".
PAST_OR_PERFECT = re.compile(
    r"\b(?:was|were|has\s+been|have\s+been|had\s+been|had)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|ck|t)\b"
    r"|\b(?:struck|shot|blew|hit|fired|killed|launched|bombed|shelled|attacked|destroyed|damaged|seized"
    r"|targeted|detained|arrested|abducted|displaced|expelled|injured|wounded|died|lost|carried\s+out"
    r"|committed|used|suffered|recorded|announced|declared|described|boasted|propagated|surfaced"
    r"|initiated|reinstated|cut\s+off|resumed|demanded|agreed|observed|caused|continued|relocated|closed|blocked"
    r"|broke\s+out|erupted|collapsed)\b",
    re.I,
)
# List items of demands open with a bare verb: "Impose sanctions ...", "Ensure that ...".
IMPERATIVE_START = re.compile(
    r"^\W*(?:Impose|Revoke|Condemn|Demand|Ensure|Call|Urge|Take|Adopt|Establish|Support|Refrain"
    r"|Cease|Withdraw|Put|Hold|Provide|Facilitate|Allow|Guarantee|Consider|Request|Reaffirm"
    r"|Recognize|Strengthen|Implement|Stop|End|Halt|Respect|Comply|Protect|Suspend|Apply|Deploy"
    r"|Investigate|Bring|Exert|Refer|Remain|Continue|Include|Designate|Mandate|Authorize"
    r"|Pursue|Promote|Enhance|Advance|Foster|Engage|Contribute|Maintain|Encourage|Uphold|Prevent"
    r"|Advocate|Seek|Pay)\b"
)
QUOTED = re.compile(r"“[^”]{0,400}”|\"[^\"]{0,400}\"")
QUESTION = re.compile(r"\?\s*[”\"]?\s*$")

TYPE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("detention", re.compile(r"\b(?:detain|arrest|abduct|kidnap|imprison|hostage|captur)", re.I)),
    (
        "displacement",
        re.compile(
            r"\b(?:displac|expel|expuls|deport|evacuat|forcibly\s+(?:removed|transferred)|fleeing)",
            re.I,
        ),
    ),
    (
        "strike",
        re.compile(
            r"\b(?:air\s*strike|bomb|missile|warplane|aircraft|struck|strike|drone\s+strike|rocket)",
            re.I,
        ),
    ),
    (
        "clash",
        re.compile(r"\b(?:clash|repel|repuls|offensive|fighting|exchange\s+of\s+fire)", re.I),
    ),
    (
        "casualties",
        re.compile(
            r"\b(?:killed|killing|murdered|dead|died|injur|wound|lost\s+(?:their|his|her)\s+li)",
            re.I,
        ),
    ),
    ("damage", re.compile(r"\b(?:destroy|destruct|damag|demoli|burn|annihilat)", re.I)),
    (
        "attack",
        re.compile(r"\b(?:attack|assault|shell|fired|target|raid|incursion|drone|artillery)", re.I),
    ),
    ("violation", re.compile(r"\b(?:violat|breach|ceasefire|siege|blockade|cut\s+off)", re.I)),
    (
        "documentary",
        re.compile(
            r"\b(?:announc|declar|speech|statement|stated|report|recording|video|letter|resolution|said)",
            re.I,
        ),
    ),
)


# Annexes in Arabic, Russian or French come through as text too; the rules read English.
MIN_LATIN_SHARE = 0.6
NOT_ENGLISH = "not English text"


LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
ANY_LETTER = re.compile(r"[^\W\d_]")


def _latin_share(text: str) -> float:
    letters = len(ANY_LETTER.findall(text))
    return len(LATIN_LETTER.findall(text)) / letters if letters else 0.0


@dataclass(frozen=True)
class Verdict:
    is_claim: bool
    why_not: str | None = None


def rejection(text: str) -> str | None:
    """Why a clause cannot be a claim whatever it mentions (a request, procedure, ...), or
    None. Cheap, so the pipeline runs it before reading places and actors.

    Cue words inside quotation marks are someone else's words, reported: they do not make
    the clause a request."""
    text = QUOTED.sub("“…”", text)
    if _latin_share(text) < MIN_LATIN_SHARE:
        return NOT_ENGLISH
    if PROCEDURE_PATTERN.search(text):
        return "procedure"
    if QUESTION.search(text):
        return "question"
    if REQUEST_PATTERN.search(text) or IMPERATIVE_START.match(text):
        return "request"
    if SELF_STATEMENT.search(text):
        return "statement of the sender"
    return non_claim_reason(text)


_UNSET = object()


def judge(
    text: str,
    *,
    has_date: bool,
    has_figure: bool,
    has_local_place: bool,
    has_actor: bool,
    rejected: str | object | None = _UNSET,
) -> Verdict:
    """Whether a clause is a claim; when it is not, say why. `rejected` passes on what
    rejection(text) already said, so it is not worked out twice."""
    reason = rejection(text) if rejected is _UNSET else rejected
    if isinstance(reason, str) and reason:
        return Verdict(False, reason)
    text = QUOTED.sub("“…”", text)
    anchored = has_date or has_figure
    if (OPINION_PATTERN.search(text) or NEGATED_ACTION.search(text)) and not anchored:
        return Verdict(False, "opinion or legal characterisation")
    has_event = bool(EVENT_PATTERN.search(text))
    # A date or a figure anchors a claim only in a clause that tells of something.
    if anchored and (has_event or FINITE_VERB.search(text)):
        return Verdict(True)
    if has_event and (has_actor or PAST_OR_PERFECT.search(text)):
        return Verdict(True)
    # "X did something in <village>": a named actor acting at a named place is checkable.
    if has_local_place and has_actor and FINITE_VERB.search(text):
        return Verdict(True)
    return Verdict(False, "no checkable event")


def claim_kind(text: str, *, has_date: bool, has_figure: bool, places: list[str]) -> str:
    """specific: anchored in time, quantity, a sub-national place or a named weapon/unit."""
    local_places = [p for p in places if p not in STATE_BY_NAME]
    if is_meeting_logistics(text):
        return "general"
    if has_date or has_figure or WEAPON_OR_UNIT.search(text):
        return "specific"
    if local_places and re.search(r"\b(?:village|city|town|station|facilit)", text, re.I):
        return "specific"
    if GENERAL_CUES.search(text):
        return "general"
    if (
        local_places
        or ANAPHORA.search(text)
        or NAMED_OFFICIAL.search(text)
        or ROUGH_COUNT.search(text)
    ):
        return "specific"
    return "general"


def claim_type(text: str, *, kind: str, has_casualty_figure: bool) -> str:
    if has_casualty_figure and not re.search(r"\b(?:strike|bomb|attack|destroy)", text, re.I):
        return "casualties"
    for name, pattern in TYPE_RULES:
        if pattern.search(text):
            return name
    return "allegation" if kind == "general" else "other"
