"""Names of the 193 Member States and 2 observer States as UN documents write them in running
text (without the article), with common variants and formal long forms mapped to them."""

from __future__ import annotations

import re
import unicodedata

STATE_NAMES: tuple[str, ...] = (
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Antigua and Barbuda",
    "Argentina", "Armenia", "Australia", "Austria", "Azerbaijan", "Bahamas", "Bahrain",
    "Bangladesh", "Barbados", "Belarus", "Belgium", "Belize", "Benin", "Bhutan",
    "Plurinational State of Bolivia", "Bosnia and Herzegovina", "Botswana", "Brazil",
    "Brunei Darussalam", "Bulgaria", "Burkina Faso", "Burundi", "Cabo Verde", "Cambodia",
    "Cameroon", "Canada", "Central African Republic", "Chad", "Chile", "China", "Colombia",
    "Comoros", "Congo", "Costa Rica", "Côte d’Ivoire", "Croatia", "Cuba", "Cyprus", "Czechia",
    "Democratic People’s Republic of Korea", "Democratic Republic of the Congo", "Denmark",
    "Djibouti", "Dominica", "Dominican Republic", "Ecuador", "Egypt", "El Salvador",
    "Equatorial Guinea", "Eritrea", "Estonia", "Eswatini", "Ethiopia", "Fiji", "Finland",
    "France", "Gabon", "Gambia", "Georgia", "Germany", "Ghana", "Greece", "Grenada",
    "Guatemala", "Guinea", "Guinea-Bissau", "Guyana", "Haiti", "Honduras", "Hungary",
    "Iceland", "India", "Indonesia", "Islamic Republic of Iran", "Iraq", "Ireland", "Israel",
    "Italy", "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Kiribati", "Kuwait",
    "Kyrgyzstan", "Lao People’s Democratic Republic", "Latvia", "Lebanon", "Lesotho",
    "Liberia", "Libya", "Liechtenstein", "Lithuania", "Luxembourg", "Madagascar", "Malawi",
    "Malaysia", "Maldives", "Mali", "Malta", "Marshall Islands", "Mauritania", "Mauritius",
    "Mexico", "Federated States of Micronesia", "Monaco", "Mongolia", "Montenegro", "Morocco",
    "Mozambique", "Myanmar", "Namibia", "Nauru", "Nepal", "Kingdom of the Netherlands",
    "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Macedonia", "Norway", "Oman",
    "Pakistan", "Palau", "Panama", "Papua New Guinea", "Paraguay", "Peru", "Philippines",
    "Poland", "Portugal", "Qatar", "Republic of Korea", "Republic of Moldova", "Romania",
    "Russian Federation", "Rwanda", "Saint Kitts and Nevis", "Saint Lucia",
    "Saint Vincent and the Grenadines", "Samoa", "San Marino", "Sao Tome and Principe",
    "Saudi Arabia", "Senegal", "Serbia", "Seychelles", "Sierra Leone", "Singapore", "Slovakia",
    "Slovenia", "Solomon Islands", "Somalia", "South Africa", "South Sudan", "Spain",
    "Sri Lanka", "Sudan", "Suriname", "Sweden", "Switzerland", "Syrian Arab Republic",
    "Tajikistan", "Thailand", "Timor-Leste", "Togo", "Tonga", "Trinidad and Tobago", "Tunisia",
    "Türkiye", "Turkmenistan", "Tuvalu", "Uganda", "Ukraine", "United Arab Emirates",
    "United Kingdom of Great Britain and Northern Ireland", "United Republic of Tanzania",
    "United States of America", "Uruguay", "Uzbekistan", "Vanuatu",
    "Bolivarian Republic of Venezuela", "Viet Nam", "Yemen", "Zambia", "Zimbabwe",
    # Observer States
    "Holy See", "State of Palestine",
)  # fmt: skip

# Other spellings seen in documents, old and new, mapped to the names above.
STATE_VARIANTS: dict[str, str] = {
    "Bolivia": "Plurinational State of Bolivia",
    "Bolivia (Plurinational State of)": "Plurinational State of Bolivia",
    "Cape Verde": "Cabo Verde",
    "Czech Republic": "Czechia",
    "Ivory Coast": "Côte d’Ivoire",
    "North Korea": "Democratic People’s Republic of Korea",
    "South Korea": "Republic of Korea",
    "Korea": "Republic of Korea",
    "Swaziland": "Eswatini",
    "Iran": "Islamic Republic of Iran",
    "Iran (Islamic Republic of)": "Islamic Republic of Iran",
    "Laos": "Lao People’s Democratic Republic",
    "Micronesia": "Federated States of Micronesia",
    "Micronesia (Federated States of)": "Federated States of Micronesia",
    "Moldova": "Republic of Moldova",
    "Netherlands": "Kingdom of the Netherlands",
    "The former Yugoslav Republic of Macedonia": "North Macedonia",
    "Russia": "Russian Federation",
    "Syria": "Syrian Arab Republic",
    "Tanzania": "United Republic of Tanzania",
    "Turkey": "Türkiye",
    "Republic of Türkiye": "Türkiye",
    "Republic of Turkey": "Türkiye",
    "United Kingdom": "United Kingdom of Great Britain and Northern Ireland",
    "United States": "United States of America",
    "Venezuela": "Bolivarian Republic of Venezuela",
    "Venezuela (Bolivarian Republic of)": "Bolivarian Republic of Venezuela",
    "Vietnam": "Viet Nam",
    "Palestine": "State of Palestine",
    "Argentine Republic": "Argentina",
    "People’s Republic of China": "China",
    "Hashemite Kingdom of Jordan": "Jordan",
    "Arab Republic of Egypt": "Egypt",
    "Kingdom of Saudi Arabia": "Saudi Arabia",
    "French Republic": "France",
    "Federal Republic of Germany": "Germany",
    "Union of Soviet Socialist Republics": "Union of Soviet Socialist Republics",
    "USSR": "Union of Soviet Socialist Republics",
    "Yugoslavia": "Yugoslavia",
}
# Formal prefixes: "Republic of Cyprus" is Cyprus, "Kingdom of Morocco" is Morocco.
_FORMAL_PREFIXES = (
    "Republic of ",
    "Kingdom of ",
    "State of ",
    "Federal Republic of ",
    "Democratic Republic of ",
    "Islamic Republic of ",
    "Principality of ",
    "Sultanate of ",
    "Commonwealth of ",
)


def _key(name: str) -> str:
    """Compare names without case, accents, apostrophe shapes or the article."""
    name = name.replace("’", "'").replace("‘", "'")
    name = unicodedata.normalize("NFKD", name)
    name = "".join(char for char in name if not unicodedata.combining(char))
    name = re.sub(r"\s+", " ", name).strip().lower()
    return name[4:] if name.startswith("the ") else name


_LOOKUP: dict[str, str] = {_key(name): name for name in STATE_NAMES}
_LOOKUP.update({_key(variant): name for variant, name in STATE_VARIANTS.items()})
# Longest first, so "Democratic Republic of the Congo" wins over "Congo".
_NAMES_BY_LENGTH = sorted(_LOOKUP, key=len, reverse=True)
_STATE_IN_TEXT = re.compile(
    r"(?<![\w'])(?:" + "|".join(re.escape(key) for key in _NAMES_BY_LENGTH) + r")(?![\w'])"
)


def canonical_state(name: str) -> str | None:
    """The canonical name of the State `name` refers to, or None if it is not a State."""
    key = _key(name)
    if key in _LOOKUP:
        return _LOOKUP[key]
    for prefix in _FORMAL_PREFIXES:
        stripped = prefix.lower()
        if key.startswith(stripped) and key[len(stripped) :] in _LOOKUP:
            return _LOOKUP[key[len(stripped) :]]
    return None


def states_in(text: str) -> list[str]:
    """Canonical names of the States a phrase like "Denmark, Sierra Leone and the United
    Kingdom ..." lists, in order; formal long forms count as their State."""
    found: list[str] = []
    for match in _STATE_IN_TEXT.finditer(_key(text)):
        name = _LOOKUP[match.group(0)]
        if name not in found:
            found.append(name)
    return found


def without_states(text: str) -> str:
    """`text` (lower-cased, accents folded) with every State name taken out."""
    return _STATE_IN_TEXT.sub(" ", _key(text))
