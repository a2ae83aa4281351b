"""JSON-LD for embedding in an HTML page (pure: no Django).

Inside <script type="application/ld+json"> the HTML parser ends the element at the first
"</script", whatever the JSON says; escaping <, > and & as \\u003c, \\u003e, \\u0026 (still the
same JSON string) means letter text can never close the element or open a comment.
"""

from __future__ import annotations

import json
from typing import Any

_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def jsonld_for_html(obj: Any) -> str:
    """`obj` as compact JSON that is safe between <script type="application/ld+json"> tags."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
