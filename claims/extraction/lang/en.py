"""English: the word lists the extraction stages read (States, demonyms, cue words).

Only generic vocabulary lives here (the 193 UN member States, their adjectives, verbs of
violence, request and procedure phrases), never names taken from particular letters.
"""

from __future__ import annotations

import re

# Member State -> adjectival forms. Short names first where UN prose uses both.
MEMBER_STATES: dict[str, tuple[str, ...]] = {
    "Afghanistan": ("Afghan",),
    "Albania": ("Albanian",),
    "Algeria": ("Algerian",),
    "Andorra": ("Andorran",),
    "Angola": ("Angolan",),
    "Antigua and Barbuda": ("Antiguan",),
    "Argentina": ("Argentine", "Argentinian"),
    "Armenia": ("Armenian",),
    "Australia": ("Australian",),
    "Austria": ("Austrian",),
    "Azerbaijan": ("Azerbaijani",),
    "Bahamas": ("Bahamian",),
    "Bahrain": ("Bahraini",),
    "Bangladesh": ("Bangladeshi",),
    "Barbados": ("Barbadian",),
    "Belarus": ("Belarusian",),
    "Belgium": ("Belgian",),
    "Belize": ("Belizean",),
    "Benin": ("Beninese",),
    "Bhutan": ("Bhutanese",),
    "Bolivia": ("Bolivian",),
    "Bosnia and Herzegovina": ("Bosnian",),
    "Botswana": ("Botswanan",),
    "Brazil": ("Brazilian",),
    "Brunei Darussalam": ("Bruneian",),
    "Bulgaria": ("Bulgarian",),
    "Burkina Faso": ("Burkinabe",),
    "Burundi": ("Burundian",),
    "Cabo Verde": ("Cabo Verdean",),
    "Cambodia": ("Cambodian",),
    "Cameroon": ("Cameroonian",),
    "Canada": ("Canadian",),
    "Central African Republic": ("Central African",),
    "Chad": ("Chadian",),
    "Chile": ("Chilean",),
    "China": ("Chinese",),
    "Colombia": ("Colombian",),
    "Comoros": ("Comorian",),
    "Congo": ("Congolese",),
    "Costa Rica": ("Costa Rican",),
    "Côte d'Ivoire": ("Ivorian",),
    "Croatia": ("Croatian",),
    "Cuba": ("Cuban",),
    "Cyprus": ("Cypriot",),
    "Czechia": ("Czech",),
    "Democratic People's Republic of Korea": ("North Korean",),
    "Democratic Republic of the Congo": (),
    "Denmark": ("Danish",),
    "Djibouti": ("Djiboutian",),
    "Dominica": ("Dominican",),
    "Dominican Republic": (),
    "Ecuador": ("Ecuadorian",),
    "Egypt": ("Egyptian",),
    "El Salvador": ("Salvadoran",),
    "Equatorial Guinea": ("Equatoguinean",),
    "Eritrea": ("Eritrean",),
    "Estonia": ("Estonian",),
    "Eswatini": ("Swazi",),
    "Ethiopia": ("Ethiopian",),
    "Fiji": ("Fijian",),
    "Finland": ("Finnish",),
    "France": ("French",),
    "Gabon": ("Gabonese",),
    "Gambia": ("Gambian",),
    "Georgia": ("Georgian",),
    "Germany": ("German",),
    "Ghana": ("Ghanaian",),
    "Greece": ("Greek",),
    "Grenada": ("Grenadian",),
    "Guatemala": ("Guatemalan",),
    "Guinea": ("Guinean",),
    "Guinea-Bissau": ("Bissau-Guinean",),
    "Guyana": ("Guyanese",),
    "Haiti": ("Haitian",),
    "Honduras": ("Honduran",),
    "Hungary": ("Hungarian",),
    "Iceland": ("Icelandic",),
    "India": ("Indian",),
    "Indonesia": ("Indonesian",),
    "Iran": ("Iranian",),
    "Iraq": ("Iraqi",),
    "Ireland": ("Irish",),
    "Israel": ("Israeli",),
    "Italy": ("Italian",),
    "Jamaica": ("Jamaican",),
    "Japan": ("Japanese",),
    "Jordan": ("Jordanian",),
    "Kazakhstan": ("Kazakh", "Kazakhstani"),
    "Kenya": ("Kenyan",),
    "Kiribati": (),
    "Kuwait": ("Kuwaiti",),
    "Kyrgyzstan": ("Kyrgyz",),
    "Lao People's Democratic Republic": ("Lao", "Laotian"),
    "Latvia": ("Latvian",),
    "Lebanon": ("Lebanese",),
    "Lesotho": ("Basotho",),
    "Liberia": ("Liberian",),
    "Libya": ("Libyan",),
    "Liechtenstein": (),
    "Lithuania": ("Lithuanian",),
    "Luxembourg": (),
    "Madagascar": ("Malagasy",),
    "Malawi": ("Malawian",),
    "Malaysia": ("Malaysian",),
    "Maldives": ("Maldivian",),
    "Mali": ("Malian",),
    "Malta": ("Maltese",),
    "Marshall Islands": ("Marshallese",),
    "Mauritania": ("Mauritanian",),
    "Mauritius": ("Mauritian",),
    "Mexico": ("Mexican",),
    "Micronesia": ("Micronesian",),
    "Monaco": ("Monegasque",),
    "Mongolia": ("Mongolian",),
    "Montenegro": ("Montenegrin",),
    "Morocco": ("Moroccan",),
    "Mozambique": ("Mozambican",),
    "Myanmar": (),
    "Namibia": ("Namibian",),
    "Nauru": ("Nauruan",),
    "Nepal": ("Nepalese", "Nepali"),
    "Netherlands": ("Dutch",),
    "New Zealand": (),
    "Nicaragua": ("Nicaraguan",),
    "Niger": ("Nigerien",),
    "Nigeria": ("Nigerian",),
    "North Macedonia": ("Macedonian",),
    "Norway": ("Norwegian",),
    "Oman": ("Omani",),
    "Pakistan": ("Pakistani",),
    "Palau": ("Palauan",),
    "Panama": ("Panamanian",),
    "Papua New Guinea": (),
    "Paraguay": ("Paraguayan",),
    "Peru": ("Peruvian",),
    "Philippines": ("Filipino", "Philippine"),
    "Poland": ("Polish",),
    "Portugal": ("Portuguese",),
    "Qatar": ("Qatari",),
    "Republic of Korea": ("South Korean",),
    "Republic of Moldova": ("Moldovan",),
    "Romania": ("Romanian",),
    "Russian Federation": ("Russian",),
    "Rwanda": ("Rwandan",),
    "Saint Kitts and Nevis": (),
    "Saint Lucia": (),
    "Saint Vincent and the Grenadines": (),
    "Samoa": ("Samoan",),
    "San Marino": (),
    "Sao Tome and Principe": (),
    "Saudi Arabia": ("Saudi",),
    "Senegal": ("Senegalese",),
    "Serbia": ("Serbian",),
    "Seychelles": (),
    "Sierra Leone": (),
    "Singapore": ("Singaporean",),
    "Slovakia": ("Slovak",),
    "Slovenia": ("Slovenian",),
    "Solomon Islands": (),
    "Somalia": ("Somali",),
    "South Africa": ("South African",),
    "South Sudan": ("South Sudanese",),
    "Spain": ("Spanish",),
    "Sri Lanka": ("Sri Lankan",),
    "Sudan": ("Sudanese",),
    "Suriname": ("Surinamese",),
    "Sweden": ("Swedish",),
    "Switzerland": ("Swiss",),
    "Syrian Arab Republic": ("Syrian",),
    "Tajikistan": ("Tajik",),
    "Thailand": ("Thai",),
    "Timor-Leste": (),
    "Togo": ("Togolese",),
    "Tonga": ("Tongan",),
    "Trinidad and Tobago": (),
    "Tunisia": ("Tunisian",),
    "Türkiye": ("Turkish",),
    "Turkmenistan": ("Turkmen",),
    "Tuvalu": (),
    "Uganda": ("Ugandan",),
    "Ukraine": ("Ukrainian",),
    "United Arab Emirates": ("Emirati",),
    "United Kingdom": ("British",),
    "United Republic of Tanzania": ("Tanzanian",),
    "United States": ("American",),
    "Uruguay": ("Uruguayan",),
    "Uzbekistan": ("Uzbek",),
    "Vanuatu": (),
    "Venezuela": ("Venezuelan",),
    "Viet Nam": ("Vietnamese",),
    "Yemen": ("Yemeni",),
    "Zambia": ("Zambian",),
    "Zimbabwe": ("Zimbabwean",),
    # Observer States, named in much of the Council's correspondence.
    "State of Palestine": ("Palestinian",),
    "Holy See": (),
}

# Common short or long forms that letters use instead of the official short name.
STATE_ALIASES: dict[str, str] = {
    "Russia": "Russian Federation",
    "Syria": "Syrian Arab Republic",
    "Islamic Republic of Iran": "Iran",
    "United States of America": "United States",
    "United Kingdom of Great Britain and Northern Ireland": "United Kingdom",
    "Britain": "United Kingdom",
    "Turkey": "Türkiye",
    "Republic of Azerbaijan": "Azerbaijan",
    "Republic of Armenia": "Armenia",
    "Palestine": "State of Palestine",
    "Bolivarian Republic of Venezuela": "Venezuela",
    "Plurinational State of Bolivia": "Bolivia",
    "Moldova": "Republic of Moldova",
    "Tanzania": "United Republic of Tanzania",
    "Vietnam": "Viet Nam",
    "North Korea": "Democratic People's Republic of Korea",
    "South Korea": "Republic of Korea",
}


def _state_by_name() -> dict[str, str]:
    names = {name: name for name in MEMBER_STATES}
    # Formal styles: "the Republic of Poland", "the Kingdom of Morocco", "the State of Qatar".
    for name in MEMBER_STATES:
        if not re.search(r"Republic|Kingdom|State", name):
            for style in ("Republic", "Kingdom", "State"):
                names[f"{style} of {name}"] = name
    names.update(STATE_ALIASES)
    return names


def _state_by_demonym() -> dict[str, str]:
    return {demonym: state for state, demonyms in MEMBER_STATES.items() for demonym in demonyms}


STATE_BY_NAME = _state_by_name()
STATE_BY_DEMONYM = _state_by_demonym()


# Longest names first so "Democratic Republic of the Congo" wins over "Congo".
def _alternation(words: list[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


STATE_NAMES = _alternation(list(STATE_BY_NAME))
DEMONYMS = _alternation(list(STATE_BY_DEMONYM)) + "s?"
STATE_NAME_PATTERN = re.compile(r"\b" + STATE_NAMES + r"\b")
DEMONYM_PATTERN = re.compile(r"\b" + DEMONYMS + r"\b")

# Stems of verbs and nouns of violent or coercive events, matched as word prefixes
# ("_" stands for a space: "cut_off", "lost_their_lives").
EVENT_STEMS: tuple[str, ...] = tuple(
    stem.replace("_", " ")
    for stem in """
    kill murder massacr slaughter execut assassinat eliminat injur wound maim attack assault
    strik struck bomb shell fire fired launch target shoot shot raid storm invad incursion
    destroy destruct demolish demolition damag burn loot blew blow explo detonat hit
    annihilat intercept detain detention arrest abduct kidnap imprison torture hostage
    displac expel expuls evacuat deport forcibly remov seiz occup captur besieg siege
    blockad cut_off reinstat violat breach clash repuls repel offensive advanc drone missile
    rocket artillery airstrike air_strike warplane casualt dead death died victim
    lost_their_lives lost_his_life lost_her_life rescued relocat recorded confirmed
    documented deployed supplied provid transferred smuggl recruit used using carried_out
    conducted committed perpetrat suffered starv announced declared delivered boasted
    propagated described stated surfaced resumed continued continues coordinat altered
    initiated agreed_to ceasefire truce closed closure block
""".split()  # noqa: SIM905 (a word block reads better than 130 quoted items)
)
EVENT_PATTERN = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in EVENT_STEMS) + r")", re.I)

# Phrases that make a sentence a request, call or demand.
REQUEST_PATTERN = re.compile(
    r"\b(?:call(?:s|ed)? (?:up)?on|we call|urg(?:e|es|ently call)|appeal(?:s)? (?:to|yet|once|again)"
    r"|we appeal|request(?:s)? that|we request|I request|demand(?:s)? (?:that|the|an|respect|immediate)"
    r"|must (?:be|not|also|now|immediately|stop|end|act|cease|demand|take|halt|put|ensure|bear|respect|comply|fulfil|hold)"
    r"|should (?:be|not|take|act|carefully)|ought to|need(?:s)? to be|it is (?:high )?time"
    r"|(?:I|we) (?:would|should) (?:appreciate|be grateful|like to request)"
    r"|(?:I|we) (?:kindly|respectfully|once again kindly) request|(?:I|we) (?:urge|invite|recommend|suggest|encourage)"
    r"|\bseek(?:s|ing)? (?:the )?(?:kind )?(?:assistance|cooperation|support)|\bplease\b"
    r"|\b(?:I|we) (?:hope|expect|trust|count on|look forward)\b|\bshall\b"
    r"|cannot remain|can(?:not| no longer) (?:be )?(?:tolerat|allow|ignor)|there can be no"
    r"|every (?:possible )?effort must|is (?:an )?(?:urgent|collective) responsibility)",
    re.I,
)

# Procedure, salutation and references to the letter itself.
PROCEDURE_PATTERN = re.compile(
    r"(?:\bha(?:s|ve) the honour|\bpresents? (?:its|their) compliments|\bgrateful if|\bappreciate (?:it )?if"
    r"|\bcirculated? as (?:a|an official) document|\bdistributed as (?:a|an official) document"
    r"|\bissued as a document|\bavail (?:my|our|him|her)sel(?:f|ves) of this opportunity"
    r"|\brenew(?:s)? (?:to you )?the assurances|\bhighest consideration|\(Signed\)"
    r"|\bI wish to clarify the following|\bthe following:|\bwithout further comment"
    r"|\bfull text of|\bis attached|\bare attached|\bis available at|\bavailable at the following"
    r"|\bPlease recycle|\bpresent (?:letter|note) is in follow-up"
    r"|\bI would like to (?:draw|bring|inform)|^\s*(?:Annex|Enclosure|Appendix)\b|https?://|www\.)",
    re.I,
)

# Opinions, value judgements, stances and legal characterisations on their own.
OPINION_PATTERN = re.compile(
    r"(?:\b(?:pledges?|commits?|undertakes?|intends?) to\b|\bwe will\b|\bwill continue to\b"
    r"|\b(?:this|these|such) (?:\w+ ){0,3}(?:is|are|was|were|constitutes?|amounts? to|represents?)"
    r" (?:a |an )?(?:\w+ ){0,2}(?:flagrant|blatant|grave|gross|clear|serious|egregious|outrageous)"
    r"|\bconstitut(?:e|es|ing) (?:a |an )?(?:\w+ ){0,3}(?:violation|breach|crime|act of|war crime|terroris)"
    r"|\bamounts? to (?:a |an )?(?:\w+ ){0,2}(?:war crime|crimes? against|genocide|violation)"
    r"|\bin (?:flagrant|blatant|clear|gross) (?:defiance|violation|breach|disregard)"
    r"|\b(?:this|that|it) (?:is|was|has been|remains) (?:\w+ly )?(?:unconscionable|unacceptable"
    r"|outrageous|shameful|deplorable|disappointing|regrettable|alarming|appalling|absurd|cynical"
    r"|hypocritical|ironic|telling|worrying|concerning|disturbing|inconceivable|incomprehensible)"
    r"|\bthis proves|\bthis demonstrates|\bthis shows|\bthis confirms|\bcategorically reject"
    r"|\b(?:firmly|strongly|resolutely) (?:reject|condemn|denounce|deplore)s?|\bwe (?:reject|condemn|denounce|deplore)"
    r"|\b(?:inaccurate|baseless|groundless|unfounded) and|\bdevoid of\b|\bhas no moral"
    r"|\bremains? (?:fully |firmly |steadfastly )?(?:committed|open|ready|determined)"
    r"|\breiterates?\b|\breaffirms?\b|\bunderscores?\b|\bunderline[sd]?\b|\bhighlights?\b"
    r"|\bwill (?:further )?(?:undermine|only|not)|\bwould (?:only|further)"
    r"|\b(?:was|were|is|are) (?:\w+ )?intended\b|\bto sum up|\bconclusion that|\b(?:we|one) (?:can|cannot) (?:only )?(?:conclude|help)"
    r"|\bfailure to act|\bno excuses?|\bheld accountable|\b(?:has|have|bears?) (?:a|the) (?:duty|responsibility)"
    r"|\b(?:legitimate|lawful|justified|proportionate), (?:legitimate|lawful|justified|proportionate)"
    r"|\binherent right|\bright to self-defen[cs]e"
    r"|\b(?:tr(?:y|ies|ying)|seek(?:s|ing)?|attempt(?:s|ing)?) to (?:shift|divert|distract|cover|justify"
    r"|blame|mislead|deflect|whitewash|conceal|hide|distort|manipulate))",
    re.I,
)

# Words that open a sentence about the letter or its sender rather than about events.
SELF_REFERENCE_PATTERN = re.compile(
    r"^\s*(?:I|We)\s+(?:have|wish|write|would|should|am|take|want|also)\b", re.I
)

REPORTING_PREAMBLE_PATTERN = re.compile(
    r"\b(?:(?:I|we) (?:should like|would like|wish|want|write|am writing|have the honour"
    r"|am pleased|are pleased|am happy|am delighted)"
    r" to (?:inform you|draw your attention to|bring to your attention|reiterate|stress|report)"
    r"(?: (?:of|that|about))?|it (?:must|should) (?:also )?be (?:stressed|emphasized|noted|underlined) that"
    r"|(?:I|we) (?:am|are) writing to (?:provide|share) (?:you with )?(?:\w+ )?information"
    r" (?:concerning|on|about|regarding)"
    r"|there is (?:\w+ ){0,3}evidence (?:\w+ ){0,4}confirming that|(?:I|we) also have to warn about)\s+",
    re.I,
)


# --- casualties ------------------------------------------------------------------------
# Number words, verbs of killing and harming, and the nouns that count people.
NUMBER_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a dozen": 12, "dozen": 12,
}  # fmt: skip
NUMBER_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
NUMBER_SCALES = ("hundred", "thousand")
# "at least 4" is 4, and flagged as a lower bound.
AT_LEAST_WORDS = (
    "at least", "more than", "over", "no fewer than", "not less than", "in excess of", "upwards of",
)  # fmt: skip
ABOUT_WORDS = ("about", "around", "some", "nearly", "almost", "approximately", "up to", "roughly")
# Stems: "martyr" reads "martyred" and "martyring".
KILL_STEMS = ("kill", "murder", "massacr", "execut", "slaughter", "martyr", "slay", "assassinat")
KILL_PARTICIPLES = (
    "killed", "murdered", "massacred", "executed", "slaughtered", "martyred", "slain", "dead",
    "died", "perished", "assassinated", "eliminated",
)  # fmt: skip
HURT_STEMS = ("injur", "wound", "maim")
HURT_PARTICIPLES = ("injured", "wounded", "maimed", "hurt")
# A count of the dead or hurt given as a noun: "23 deaths", "the toll stands at 40 dead".
KILL_NOUNS = ("dead", "deaths", "fatalities", "martyrs", "killed", "lives")
HURT_NOUNS = ("injured", "wounded", "injuries", "casualties")
TOLL_WORDS = ("death toll", "toll", "number of dead", "number of victims", "number of martyrs")
PEOPLE_NOUNS = (
    "civilians?", "people", "persons?", "individuals", "children", "boys", "girls", "women",
    "men", "babies", "infants", "residents", "inhabitants", "villagers", "servicemen",
    "soldiers", "troops", "officers", "officials", "personnel", "staff(?:\\s+members)?",
    "members", "workers", "journalists", "fighters", "militants", "terrorists", "others",
    "victims", "patients", "students", "pupils", "worshippers", "farmers", "fishermen",
    "paramedics", "medics", "doctors", "nurses", "volunteers", "refugees", "passengers",
    "peacekeepers", "family members", "relatives", "minors", "teenagers", "elderly",
)  # fmt: skip
# One person counted by a noun: "killed a woman", "a child was injured".
ONE_PERSON_NOUNS = (
    "man", "woman", "boy", "girl", "child", "baby", "infant", "civilian", "person", "resident",
    "journalist", "worker", "soldier", "officer", "serviceman", "teenager", "student", "farmer",
    "fisherman", "paramedic", "doctor", "nurse", "volunteer", "driver", "shepherd", "member",
    "peacekeeper", "patient", "citizen", "minor", "passenger", "pensioner",
)  # fmt: skip


# --- places ----------------------------------------------------------------------------
# English words that the gazetteer also knows as places (a town, a district, a region
# called "Central"); written with a capital mid-sentence they are still usually the word.
COMMON_WORDS_NAMING_PLACES = frozenset(
    """
    central northern southern eastern western north south east west capital centre center
    reading nice split male bath march may union independence liberty hope victoria mobile
    general security peace justice progress unity concord providence paradise eden
    lincoln jackson washington hamilton wellington columbia florence charlotte
    """.split()  # noqa: SIM905 (a word block reads better than quoted items)
)
# Nouns of events that take their place with "of" or "on": "the seizure of X", "strikes on X".
EVENT_NOUNS_WITH_PLACE = (
    "seizure", "capture", "occupation", "shelling", "bombing", "bombardment", "siege", "fall",
    "invasion", "liberation", "encirclement", "blockade", "storming", "takeover", "destruction",
    "attacks?", "strikes?", "raids?", "assaults?", "offensive",
)  # fmt: skip


# --- dates -----------------------------------------------------------------------------
# A claim about a period or a tally has no single event date, so none is inherited:
# "240 attacks in the past 17 months", "since October 2023", "so far this year".
CUMULATIVE_PATTERN = re.compile(
    r"\bsince\s+(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December|\d{4}|the\s+(?:start|beginning|outbreak))"
    r"|\b(?:in|over|during|for)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+)?(?:days|weeks|months|years)"
    r"|\b(?:so|thus)\s+far\b|\bto\s+date\b"
    r"|\b(?:repeated|several|numerous|multiple|countless|a\s+series\s+of|a\s+number\s+of)\s+(?:\w+\s+)?"
    r"(?:attempts|attacks|strikes|incidents|violations|raids|times|occasions)\b"
    r"|\bpart\s+of\s+(?:a|an|the|its|their)\s+(?:\w+\s+){0,2}(?:strategy|campaign|policy|pattern|plan)",
    re.I,
)


# --- date words --------------------------------------------------------------------------
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Days before the letter's date: "yesterday" is the day before.
RELATIVE_DAYS = {
    "the day before yesterday": -2,
    "yesterday": -1,
    "last night": -1,
    "today": 0,
    "this morning": 0,
    "tonight": 0,
    "earlier today": 0,
}
# Words before a date that make it a document's date, not an event's ("letter dated 4 May").
DOCUMENT_DATE_WORDS = (
    r"(?:\bdated|\b(?:letters?|notes?(?: verbales?)?|communications?|reports?) of)"
)
RANGE_WORDS = r"(?:to|and|-|–)"
