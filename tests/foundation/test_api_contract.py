"""The OpenAPI schema is the contract: content types, anonymous token, documented errors, and
the check (tests/contract.py) that holds every API test response to it."""

import json

import pytest
from django.http import JsonResponse

from tests import contract


@pytest.fixture(scope="module")
def schema():
    return contract.served_schema()


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_each_body_is_offered_only_as_the_content_types_it_accepts(schema):
    bodies = {
        (path, method): sorted(op["requestBody"]["content"])
        for path, method, op in _operations(schema)
        if "requestBody" in op
    }
    uploads = {("/api/v1/letters/", "post"), ("/api/v1/claims/{id}/evidence/", "post")}
    for key, types in bodies.items():
        expected = (
            ["application/json", "multipart/form-data"] if key in uploads else ["application/json"]
        )
        assert types == expected, key
    letter_json = schema["paths"]["/api/v1/letters/"]["post"]["requestBody"]["content"]
    assert "files" not in json.dumps(letter_json["application/json"])


def test_the_token_endpoint_is_anonymous_and_every_other_operation_is_not(schema):
    for path, _method, operation in _operations(schema):
        if path == "/api/v1/auth/token/":
            assert operation["security"] == []
        else:
            assert operation["security"], path


def test_every_operation_documents_its_errors_with_the_one_error_component(schema):
    for path, method, operation in _operations(schema):
        responses = operation["responses"]
        expected = {"400"} if path == "/api/v1/auth/token/" else {"400", "401", "403", "404"}
        if method in ("post", "patch", "put", "delete"):
            expected.add("429")
        assert expected <= set(responses), (path, method)
        for status in expected:
            ref = responses[status]["content"]["application/json"]["schema"]["$ref"]
            assert ref == "#/components/schemas/Error"


def test_no_schema_offers_a_blank_url_as_a_second_branch(schema):
    def branches(node):
        if isinstance(node, dict):
            yield from node.get("oneOf", [])
            for value in node.values():
                yield from branches(value)
        elif isinstance(node, list):
            for item in node:
                yield from branches(item)

    assert not [b for b in branches(schema) if isinstance(b, dict) and b.get("format") == "uri"]
    assert schema["components"]["schemas"]["Source"]["properties"]["url"]["type"] == "string"


def test_claim_rows_type_their_enums_and_counts_are_required_where_always_sent(schema):
    components = schema["components"]["schemas"]
    row = components["ClaimRowList"]["properties"]
    assert row["state"] == {"$ref": "#/components/schemas/ClaimStateEnum"}
    assert row["kind"] == {"$ref": "#/components/schemas/ClaimKindEnum"}
    assert row["claim_type"] == {"$ref": "#/components/schemas/ClaimTypeEnum"}
    assert "claim_count" in components["Source"]["required"]
    assert "claim_count" not in components["SourceRef"]["properties"]


def test_the_check_rejects_an_undocumented_status_and_a_body_off_the_schema():
    with pytest.raises(contract.ContractViolation, match="not documented"):
        contract.check("get", "/api/v1/letters/", JsonResponse({}, status=418))
    row = JsonResponse({"letters": [{"id": 1, "symbol": "S/1", "status": "bogus"}]}, status=201)
    with pytest.raises(contract.ContractViolation, match="does not match"):
        contract.check("post", "/api/v1/letters/", row)
    contract.check("get", "/not/the/api/", JsonResponse({}, status=418))  # not ours: ignored


def test_the_schema_generates_without_warnings_and_validates(tmp_path):
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
