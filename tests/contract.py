"""Every API response a test produces is checked against the served OpenAPI schema.

tests/conftest.py wraps the Django test client (the DRF APIClient is one) with `check`: for a
path the schema documents, the status must be documented for that operation, the content type
must be one it lists, and a JSON body must validate against the documented schema (OpenAPI 3.0's
`nullable` read as JSON Schema's null type). So the contract cannot drift from the code without
a red test: a field the schema calls required but the server leaves out, an undocumented error,
a string where an enum was promised.

The schema is the one /api/schema/ serves, generated once per test session on first use.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass

from jsonschema import Draft202012Validator, FormatChecker

SKIPPED_METHODS = {"head", "options", "trace"}


class ContractViolation(AssertionError):
    pass


@functools.cache
def served_schema() -> dict:
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(schema, renderer_context={}))


@dataclass(frozen=True)
class Route:
    pattern: re.Pattern
    template: str


@functools.cache
def routes() -> tuple[Route, ...]:
    found = []
    for template in served_schema()["paths"]:
        regex = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template.rstrip("/")))
        found.append(Route(re.compile(f"^{regex}/?$"), template))
    return tuple(found)


def operation_for(method: str, path: str) -> tuple[str, dict] | None:
    for route in routes():
        if route.pattern.match(path):
            operation = served_schema()["paths"][route.template].get(method)
            return (route.template, operation) if operation else None
    return None


def to_json_schema(node):
    """OpenAPI 3.0 schema -> JSON Schema 2020-12: `nullable: true` becomes a null branch."""
    if isinstance(node, list):
        return [to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: to_json_schema(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable"):
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
        if "type" in out:
            out["type"] = [out["type"], "null"]
        else:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


@functools.cache
def _components() -> dict:
    return to_json_schema(served_schema().get("components", {}))


@functools.cache
def _validator(template: str, method: str, status: str, media_type: str) -> Draft202012Validator:
    answer = served_schema()["paths"][template][method]["responses"][status]
    schema = answer["content"][media_type]["schema"]
    document = {**to_json_schema(schema), "components": _components()}
    return Draft202012Validator(document, format_checker=FormatChecker())


def validate_body(validator: Draft202012Validator, body) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(body)'}: {error.message}"
        for error in validator.iter_errors(body)
    ][:10]


def check(method: str, path: str, response) -> None:
    """Raise ContractViolation if the response is not what the schema documents."""
    method = method.lower()
    if method in SKIPPED_METHODS or not path.startswith("/api/v1/"):
        return
    found = operation_for(method, path)
    if found is None:
        return  # an undocumented URL or method: its 404/405 is checked by the JSON-error tests
    template, operation = found
    where = f"{method.upper()} {path} ({template}) -> {response.status_code}"
    documented = operation.get("responses", {})
    status = str(response.status_code) if str(response.status_code) in documented else "default"
    answer = documented.get(status)
    if answer is None:
        raise ContractViolation(f"{where}: status not documented ({sorted(documented)})")
    content = answer.get("content") or {}
    if not content:
        return
    media_type = response.get("Content-Type", "").split(";")[0].strip()
    if media_type not in content and "*/*" not in content:
        raise ContractViolation(f"{where}: content type {media_type!r} not in {sorted(content)}")
    if media_type != "application/json" or not content[media_type].get("schema"):
        return
    validator = _validator(template, method, status, media_type)
    errors = validate_body(validator, json.loads(response.content or b"null"))
    if errors:
        raise ContractViolation(
            f"{where}: body does not match the schema:\n  " + "\n  ".join(errors)
        )
