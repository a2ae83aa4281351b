"""The OpenAPI schema is the contract a newsroom scripts against; this hook finishes it.

drf-spectacular describes the successes each view declares. This postprocessing hook adds what
every operation shares, so no view has to repeat it:

- one `Error` component (the body config.api.exception_handler writes) and the error statuses
  each operation can really answer: 400 bad input (body, filters, page), 401 no or bad
  credentials, 403 a role that may not, 404 unknown or hidden (outsiders get 404 everywhere),
  409 a wrong state or stale version, 414 a URL too long for the web server, 415 a body of
  the wrong type, 429 throttled;
- blank-able URL fields as a plain string: drf-spectacular writes `oneOf: [uri, ""]`, and "" is
  valid for both branches, so strict validators rejected every source without a URL;
- the token endpoint as anonymous (`security: []`), Idempotency-Key on the POSTs that start
  work, 304 on GETs (ETags), and every `{id}` path parameter as an integer.
"""

from __future__ import annotations

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error answer of the API, whatever the status.",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "status": {"type": "integer", "description": "The HTTP status, repeated."},
                "code": {
                    "type": "string",
                    "description": "Stable and machine-readable: invalid, not_authenticated, "
                    "authentication_failed, permission_denied, forbidden, not_found, "
                    "conflict, not_ready, unsupported_media_type, throttled, ...",
                },
                "message": {"type": "string", "description": "For people."},
                "details": {
                    "description": "For invalid input: the message(s) per field or parameter."
                },
            },
            "required": ["status", "code", "message"],
        }
    },
    "required": ["error"],
}

ERROR_DESCRIPTIONS = {
    "304": "Not modified: the ETag you sent in If-None-Match is current.",
    "400": "Bad input: the body, a filter, the page or the cursor (the message names it).",
    "401": "No credentials, or bad ones (see WWW-Authenticate).",
    "403": "Your role may not do this.",
    "404": "Not found, or not visible to you.",
    "409": "The object is in the wrong state, or your version is stale.",
    "414": "The URL with its query is longer than the web server accepts (its own plain answer).",
    "415": "The body's content type is not one this operation accepts.",
    "429": "Too many requests; retry after the Retry-After header's seconds.",
}

ANONYMOUS_OPERATIONS = {"v1_auth_token_create"}
# The POSTs that start work honour Idempotency-Key (claims/idempotency.py).
IDEMPOTENT_OPERATIONS = {
    "v1_letters_create",
    "v1_sources_captures_create",
    "v1_claims_evidence_create",
    "v1_exports_create",
}
IDEMPOTENCY_HEADER = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 255},
    "description": "Send the same key again (within 24 hours) to get the first answer back "
    "instead of starting a second job.",
}
UNSAFE = {"post", "put", "patch", "delete"}


def error_statuses(method: str, operation: dict) -> list[str]:
    anonymous = operation.get("operationId") in ANONYMOUS_OPERATIONS
    statuses = ["400"]
    if not anonymous:
        statuses += ["401", "403", "404"]
    if method in UNSAFE and not anonymous:
        statuses.append("409")
    if method == "get":
        statuses.append("304")
    statuses.append("414")  # answered by gunicorn before the request reaches the workbench
    if "requestBody" in operation:
        statuses.append("415")
    if method in UNSAFE:
        statuses.append("429")
    return statuses


def postprocess_schema(result: dict, generator, request, public) -> dict:
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    error_content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            _integer_ids(operation)
            if operation.get("operationId") in ANONYMOUS_OPERATIONS:
                operation["security"] = []
            if operation.get("operationId") in IDEMPOTENT_OPERATIONS:
                operation.setdefault("parameters", []).append(IDEMPOTENCY_HEADER)
            responses = operation.setdefault("responses", {})
            for status in error_statuses(method, operation):
                answer: dict[str, object] = {"description": ERROR_DESCRIPTIONS[status]}
                if status not in ("304", "414"):
                    answer["content"] = error_content
                responses.setdefault(status, answer)
    _plain_blankable_urls(result)
    return result


def _integer_ids(operation: dict) -> None:
    """Every {id} is a number; routes written with re_path would otherwise document a string."""
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "path" and parameter.get("name") == "id":
            parameter["schema"] = {"type": "integer"}


def _plain_blankable_urls(node) -> None:
    """`oneOf: [{format: uri}, {enum: [""]}]` -> a plain string (with the same max length)."""
    if isinstance(node, dict):
        for key, value in list(node.items()):
            if isinstance(value, dict) and _is_blankable_uri(value):
                node[key] = _plain_string(value)
            else:
                _plain_blankable_urls(value)
    elif isinstance(node, list):
        for item in node:
            _plain_blankable_urls(item)


def _is_blankable_uri(schema: dict) -> bool:
    branches = schema.get("oneOf") or schema.get("anyOf")
    if not isinstance(branches, list) or len(branches) != 2:
        return False
    formats = {branch.get("format") for branch in branches if isinstance(branch, dict)}
    blank = any(
        isinstance(b, dict) and (b.get("enum") == [""] or b.get("maxLength") == 0) for b in branches
    )
    return blank and "uri" in formats


def _plain_string(schema: dict) -> dict:
    branches = schema.get("oneOf") or schema.get("anyOf") or []
    uri = next(b for b in branches if b.get("format") == "uri")
    plain = {k: v for k, v in schema.items() if k not in ("oneOf", "anyOf")}
    plain["type"] = "string"
    if "maxLength" in uri:
        plain["maxLength"] = uri["maxLength"]
    plain.setdefault("description", "A URL, or an empty string when there is none.")
    return plain
