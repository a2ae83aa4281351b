"""Named places and actors of a clause, found by their grammatical setting.

Places: capitalised names after locative prepositions ("in Sudzha", "near X"), after place
nouns ("the village of X", "the villages of X, Y and Z"), before them ("X governorate",
"the X region"), quoted facility names, and member States (also through "Syrian civilians").
Actors: State names and demonym-led phrases ("Israeli warplanes", "Ukrainian armed
formations"), and "the ... coalition/regime/forces"; the one before the first event verb
(the subject) is the alleged perpetrator and comes first.
"""

from __future__ import annotations

import re

from claims.extraction import gazetteer
from claims.extraction.lang import en as vocabulary
from claims.extraction.lang.en import (
    DEMONYM_PATTERN,
    DEMONYMS,
    EVENT_PATTERN,
    STATE_BY_DEMONYM,
    STATE_BY_NAME,
    STATE_NAME_PATTERN,
    STATE_NAMES,
)

_TOKEN = r"(?:[A-Z][\w’'‘`-]*|(?:al|el|ad|ar|as|ash|at|az|an)-[\w’'‘`-]+)"
_CONNECT = r"(?:\s+(?:al|el|de|du|di|la|le|of\s+the|of|bin|ibn|abu|van|von)\s+|\s+|-)"
# A capitalised name of up to six tokens, starting with a capital.
NAME = r"[A-Z][\w’'‘`-]*(?:" + _CONNECT + _TOKEN + r"){0,5}"
# Conjoined names: "Dahu, Dashishah and Tall al-Shayir".
NAME_LIST = NAME + r"(?:(?:,\s+|\s+and\s+|,\s+and\s+)" + NAME + r")*"

FACILITY_NOUN = (
    r"(?:prison|hospital|crossing|checkpoint|airport|airfield|air\s+base|base|port|bridge|dam"
    r"|plant|station|camp|refinery|mosque|church|cathedral|monastery|school|university|market)"
)
PLACE_NOUN = (
    r"(?:village|villages|town|towns|city|cities|region|regions|governorate|governorates"
    r"|province|provinces|district|districts|oblast|oblasts|area|areas|outskirts|countryside"
    r"|neighbourhood|neighbourhoods|suburb|suburbs|municipality|settlement|settlements|camp"
    r"|territory|island|port|vicinity|centre|center|heart|border\s+regions|border\s+areas|border\s+region|localit(?:y|ies))"
)
_DESCRIPTOR = r"(?:(?:the|central|northern|southern|eastern|western|north-eastern|north-western"
_DESCRIPTOR += r"|south-eastern|south-western|occupied|besieged|border|nearby|neighbouring"
_DESCRIPTOR += r"|liberated|so-called)\s+)*"
LOCATIVE = re.compile(
    r"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Ff]rom|into|[Tt]owards?|[Aa]round|[Oo]utside|[Ii]nside|[Aa]cross|between"
    r"|[Tt]hroughout|[Ww]ithin|on)\s+"
    + _DESCRIPTOR
    + r"(?:"
    + PLACE_NOUN
    + r"\s+(?:of\s+)?)?(?P<names>"
    + NAME_LIST
    + r")"
)
OF_PLACE = re.compile(r"\b" + PLACE_NOUN + r"\s+(?:of\s+)?(?:the\s+)?(?P<names>" + NAME_LIST + r")")
NAME_BEFORE_NOUN = re.compile(
    r"(?P<names>"
    + NAME
    + r")\s+(?i:region|governorate|oblast|province|district|village|city|town|countryside"
    r"|territory|prefecture|county|municipality)\b"
)
# "the seizure of X", "strikes on X and Y".
EVENT_NOUN_PLACE = re.compile(
    r"\b(?:"
    + "|".join(vocabulary.EVENT_NOUNS_WITH_PLACE)
    + r")\s+(?:of|on|against)\s+(?:the\s+)?(?P<names>"
    + NAME_LIST
    + r")"
)
# "the Northmoor and Eastfield Oblasts", "North Vale Province": administrative units, the
# names kept with a capitalised unit noun as the letter writes them.
ADMIN_UNIT = re.compile(
    r"(?P<names>(?:[A-Z][\w’'-]+\s+){1,3}(?:Province|Region|Oblast|Governorate|District|Territory"
    r"|Prefecture|County|Municipality))\b"
    r"|(?P<plural>"
    + NAME_LIST
    + r")\s+(?i:oblasts|regions|provinces|governorates|districts|territories)\b"
)
# A facility is a place: "X prison", "the X Hospital", "X border crossing"; the name is
# kept with its noun, as letters write it.
NAMED_FACILITY = re.compile(
    r"(?P<names>"
    + NAME
    + r"\s+(?i:(?:border\s+|power\s+|nuclear\s+power\s+|detention\s+|refugee\s+)?"
    + FACILITY_NOUN
    + r"))\b"
)
QUOTED_FACILITY = re.compile(
    r"[“\"](?P<names>[A-Z][\w’'‘ -]{1,40})[”\"]\s+(?:[a-z]+\s+){0,3}"
    r"(?:station|plant|facility|field|base|airport|airfield|port|bridge|dam|hospital|school|refinery)"
    r"|(?:station|plant|facility|field|base|airport|airfield|port|bridge|dam|hospital|school|refinery)"
    r"\s+[“\"](?P<names2>[A-Z][\w’'‘ -]{1,40})[”\"]"
)
VICTIM_NOUNS = (
    r"(?:civilians?|people|population|territory|territories|soil|cities|towns|villages|citizens"
    r"|residents|children|women|homes|infrastructure|facilities|sovereignty)"
)
DEMONYM_VICTIM = re.compile(r"\b(?P<demonym>" + DEMONYMS + r")\s+(?:\w+\s+)?" + VICTIM_NOUNS)

NOT_PLACES = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Article|Articles|Paragraph|Annex"
    r"|Resolution|The|This|These|Those|That|It|In|On|At|As|All|President|Prime|Minister|Mr|Ms"
    r"|Government|Ministry|Secretary|Council|Office|Agency|Organization|Committee)\b"
    r"|\b(?:Nations|Council|Office|Ministry|Government|Forces|Army|Agency|Organization|Committee"
    r"|Court|Fund|Programme|Convention|Charter|Treaty|Agreement|Assembly|Mission|Secretariat"
    r"|Commission|Consortium|Service|Police|Regime|Company|Corporation|Privileges|Immunities|Rights"
    r"|Law|Protocol|Statute|Rules|Declaration|Status|Chief|General|Ambassador|Representative"
    r"|Permanent|Press|Spokesperson|Department|Directorate|Institute|University|Centre|Center)\b"
)
REPUBLIC_OF = re.compile(r"\b(?:Autonomous\s+)?Republic\s+of\s+" + NAME)
# "the Convention on the Prohibition of the Use, Stockpiling, ...": the capitalised words of a
# treaty's or strategy's title are not places.
INSTRUMENT_TITLE = re.compile(
    r"\b(?:Convention|Treaty|Protocol|Covenant|Agreement|Charter|Statute|Declaration|Strategy"
    r"|Principles|Guidelines)\s+(?:on|of|for|against|to)\s+"
    r"(?:(?:the|of|and|on|their|its|for|to|in|[A-Z][\w’'-]*)(?:,?\s+|\s*-\s*)){1,16}"
)
SPLIT_LIST = re.compile(r",\s+and\s+|,\s+|\s+and\s+")


def _names(group: str) -> list[str]:
    return [name.strip() for name in SPLIT_LIST.split(group) if name.strip()]


def _plausible_place(name: str) -> bool:
    """Long enough, not an institution or a month, and not a bare demonym ("Armenians")."""
    if STATE_NAME_PATTERN.fullmatch(name):
        return True
    return len(name) >= 3 and not NOT_PLACES.search(name) and not DEMONYM_PATTERN.fullmatch(name)


def _add(found: list[str], name: str) -> None:
    name = re.sub(r"[’']s$", "", name).strip(" ,’'‘")
    if name and name not in found and _plausible_place(name):
        found.append(name)


def find_places(text: str) -> list[str]:
    """Named places in reading order, as the letter writes them."""
    text = INSTRUMENT_TITLE.sub(lambda m: " " * len(m.group(0)), text)
    hits: list[tuple[int, str]] = []
    for pattern in (LOCATIVE, OF_PLACE, NAME_BEFORE_NOUN, EVENT_NOUN_PLACE):
        for match in pattern.finditer(text):
            offset = match.start("names")
            hits.extend((offset, name) for name in _names(match.group("names")))
    for match in ADMIN_UNIT.finditer(text):
        if match.group("names"):
            hits.append((match.start(), _facility_name(match.group("names"))))
        else:
            hits.extend((match.start(), name) for name in _names(match.group("plural")))
    for match in NAMED_FACILITY.finditer(text):
        hits.append((match.start(), _facility_name(match.group("names"))))
    hits.extend(_gazetteer_hits(text))
    for match in QUOTED_FACILITY.finditer(text):
        name = match.group("names") or match.group("names2")
        hits.append((match.start(), name))
    for match in DEMONYM_VICTIM.finditer(text):
        demonym = re.sub(r"s$", "", match.group("demonym"))
        hits.append((match.start(), STATE_BY_DEMONYM.get(demonym, demonym)))
    for match in STATE_NAME_PATTERN.finditer(text):
        hits.append((match.start(), match.group(0)))
    for match in REPUBLIC_OF.finditer(text):
        hits.append((match.start(), match.group(0)))
    found: list[str] = []
    for _, name in sorted(hits):
        _add(found, name)
    return _without_contained(found)


CAPITALISED_RUN = re.compile(
    r"(?<![\w’'-])[A-Z][\w’'-]+(?:(?:\s+|-)(?:al-|el-)?[A-Z][\w’'-]+){0,2}"
)


def _gazetteer_hits(text: str) -> list[tuple[int, str]]:
    """Capitalised names the gazetteer knows as prominent places (capitals, cities of
    100,000 people, subdivisions): "strikes hit Kharkiv and Sumy". A name at the start of
    the clause, an everyday English word, or one the clause also writes in lower case is
    left to the context patterns above."""
    hits = []
    lower_case_words: set[str] | None = None
    for match in CAPITALISED_RUN.finditer(text):
        if match.start() == 0 or text[: match.start()].rstrip().endswith((".", ":", "“", '"')):
            continue
        words = match.group(0).split()
        for size in range(len(words), 0, -1):
            name = " ".join(words[:size])
            place = gazetteer.lookup(name)
            if place is None:
                continue
            if lower_case_words is None:
                lower_case_words = set(LOWER_CASE_WORD.findall(text))
            if _bare_place(name, place, lower_case_words):
                hits.append((match.start(), name))
                break
    return hits


LOWER_CASE_WORD = re.compile(r"(?<![\w’'-])[a-z][a-z’'-]*")


def _bare_place(name: str, place: gazetteer.Place, lower_case_words: set[str]) -> bool:
    folded = gazetteer.fold(name)
    return (
        place.prominent
        and folded not in vocabulary.COMMON_WORDS_NAMING_PLACES
        and folded not in lower_case_words  # "march" written in lower case: the word
        and not NOT_PLACES.search(name)
        and not DEMONYM_PATTERN.fullmatch(name)
    )


def _facility_name(name: str) -> str:
    """'the Al-Amal Hospital' -> 'Al-Amal Hospital'."""
    return re.sub(r"^(?:The|This|That)\s+", "", name)


def _without_contained(names: list[str]) -> list[str]:
    """Drop a name that another, longer name already contains ("Kursk" in "Kursk region")."""
    return [n for n in names if not any(n != other and n in other for other in names)]


FORCE_NOUNS = (
    r"(?:(?:armed\s+|occupying\s+|military\s+|security\s+|special\s+|air\s+|ground\s+|naval\s+)*"
    r"(?:forces|army|armed\s+formations|formations|troops|soldiers|military|officials|authorities"
    r"|regime|government|warplanes|aircraft|aviation|drones|navy|air\s+force|air\s+defence|militias?"
    r"|units?|police|settlers|side))"
)
# Names are matched case-sensitively (fast, and "chad" is not Chad); the common nouns around
# them in either case ("Israeli Armed Forces", "Israeli armed forces").
ACTOR_PHRASE = re.compile(
    r"\b(?:(?P<demonym>" + DEMONYMS + r")\s+(?i:" + FORCE_NOUNS + r")\b"
    r"|(?i:the\s+)?(?:[A-Za-z][\w-]+\s+)?(?:[“\"]?(?i:international\s+coalition)[”\"]?|(?i:coalition))\b"
    r"|(?i:the\s+)?[A-Z][\w-]+\s+(?i:regime)\b"
    r"|(?i:the\s+)?(?i:occupying|enemy|hostile|foreign|invading)\s+(?i:forces|Power|army|troops)\b"
    r"|(?P<state>" + STATE_NAMES + r")(?:[’']s)?\b)"
)
# Equipment belongs to its State: "Israeli warplanes" -> Israel.
EQUIPMENT = re.compile(r"\b(?:warplanes|aircraft|aviation|drones|missiles?|artillery|navy)$", re.I)


def _canonical_actor(match: re.Match[str]) -> str:
    phrase = match.group(0).strip()
    if match.group("state"):
        return STATE_BY_NAME.get(match.group("state"), match.group("state"))
    if match.group("demonym") and EQUIPMENT.search(phrase):
        demonym = match.group("demonym")
        return STATE_BY_DEMONYM.get(demonym.title(), STATE_BY_DEMONYM.get(demonym, phrase))
    if "coalition" in phrase.lower():
        return "coalition"
    return re.sub(r"^the\s+", "", phrase, flags=re.I)


def find_actors(text: str) -> list[str]:
    """Actors in the clause; the perpetrator first: the agent of a passive ("by X"), else
    the subject before the first event verb."""
    first_event = EVENT_PATTERN.search(text)
    event_at = first_event.start() if first_event else len(text)
    agents, subjects, others = [], [], []
    for match in ACTOR_PHRASE.finditer(text):
        actor = _canonical_actor(match)
        if text[max(0, match.start() - 4) : match.start()].lower().endswith("by "):
            agents.append(actor)
        elif match.start() < event_at:
            subjects.append(actor)
        else:
            others.append(actor)
    ordered: list[str] = []
    for actor in agents + subjects + others:
        if actor not in ordered:
            ordered.append(actor)
    return ordered
