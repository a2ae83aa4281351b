"""A Python client generated from the served schema by openapi-python-client drives the whole
flow a newsroom scripts, and nothing else talks to the server: token, upload, poll until
processed, list claims, triage, take, source, evidence, propose, approve as editor, export,
poll, download and check the SHA-256."""

from __future__ import annotations

import hashlib
import importlib
import io
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO, wait_for

pytestmark = pytest.mark.slow
SAMPLE = REPO / "sample_data" / "letters" / "S_2025_43.txt"
GENERATOR = Path(sys.executable).parent / "openapi-python-client"


@pytest.fixture(scope="module")
def wc(live_workbench, tmp_path_factory):
    """The generated package, imported (every module of it must import)."""
    out = tmp_path_factory.mktemp("client")
    schema = httpx.get(
        f"{live_workbench}/api/schema/",
        headers={"Accept": "application/vnd.oai.openapi+json"},
        timeout=180,  # the first request builds the schema: slow on a loaded machine
    )
    schema.raise_for_status()
    (out / "schema.json").write_bytes(schema.content)
    (out / "config.yaml").write_text(
        "project_name_override: workbench-client\npackage_name_override: workbench_client\n"
    )
    subprocess.run(
        [str(GENERATOR), "generate", "--path", "schema.json", "--config", "config.yaml",
         "--meta", "none", "--output-path", "workbench_client"],
        cwd=out, check=True, timeout=300,
    )  # fmt: skip
    sys.path.insert(0, str(out))
    try:
        package = importlib.import_module("workbench_client")
        for module in sorted((out / "workbench_client" / "api" / "v1").glob("v1_*.py")):
            importlib.import_module(f"workbench_client.api.v1.{module.stem}")
        yield package
    finally:
        sys.path.remove(str(out))


def _ok(response, *statuses: int):
    assert response.status_code in (statuses or (200,)), (response.status_code, response.content)
    return response.parsed


def _login(wc, base: str, username: str):
    from workbench_client.api.v1 import v1_auth_token_create
    from workbench_client.models import AuthTokenRequest

    anonymous = wc.Client(base_url=base, raise_on_unexpected_status=True, timeout=120)
    body = AuthTokenRequest(username=username, password=f"{username}-demo-pass")
    token = _ok(v1_auth_token_create.sync_detailed(client=anonymous, body=body)).token
    return wc.AuthenticatedClient(base_url=base, token=token, prefix="Token", timeout=120)


def test_the_generated_client_drives_the_whole_flow(wc, live_workbench):
    from workbench_client.api.v1 import (
        v1_claims_actions_create,
        v1_claims_evidence_create,
        v1_claims_list,
        v1_exports_create,
        v1_exports_download_retrieve,
        v1_exports_retrieve,
        v1_letters_create,
        v1_letters_retrieve,
        v1_ratings_list,
        v1_sources_create,
    )
    from workbench_client.models import (
        ActionInputRequest,
        EvidenceLinkInputRequest,
        ExportRequestInputRequest,
        ExportScopeRequest,
        FormatEnum,
        LetterUploadInputRequest,
        SourceInputRequest,
        StanceEnum,
        V1ClaimsListState,
    )
    from workbench_client.models import (
        V1ClaimsActionsCreateAction as Act,
    )
    from workbench_client.types import File

    checker = _login(wc, live_workbench, "checker")
    editor = _login(wc, live_workbench, "editor")

    data = SAMPLE.read_bytes() + b"\nSent through the generated API client.\n"
    upload = LetterUploadInputRequest(files=[File(payload=io.BytesIO(data), file_name="flow.txt")])
    uploaded = _ok(v1_letters_create.sync_detailed(client=checker, body=upload), 201)
    letter_id = uploaded.letters[0].id

    def processed():
        letter = _ok(v1_letters_retrieve.sync_detailed(letter_id, client=checker))
        return letter if letter.status.value in ("ready", "failed") else None

    letter = wait_for(processed, timeout=300, interval=1)
    assert letter.status.value == "ready", letter.failure_reason
    assert letter.claim_count > 0

    new = V1ClaimsListState.NEW
    claims = _ok(v1_claims_list.sync_detailed(client=checker, letter=letter_id, state=new))
    assert claims.count == letter.claim_count
    claim_id = claims.results[0].id

    def act(client, action, **values):
        body = ActionInputRequest(**values)
        return _ok(
            v1_claims_actions_create.sync_detailed(claim_id, action, client=client, body=body)
        )

    assert act(checker, Act.TRIAGE).state.value == "queued"
    assert act(checker, Act.TAKE).state.value == "in_research"

    source = _ok(
        v1_sources_create.sync_detailed(
            client=checker, body=SourceInputRequest(title="Field report", publisher="Desk")
        ),
        201,
    )
    assert source.claim_count == 0 and source.url == ""
    evidence = _ok(
        v1_claims_evidence_create.sync_detailed(
            claim_id,
            client=checker,
            body=EvidenceLinkInputRequest(source_id=source.id, stance=StanceEnum.CORROBORATES),
        ),
        201,
    )

    rating = _ok(v1_ratings_list.sync_detailed(client=checker)).results[0]
    proposed = act(
        checker, Act.PROPOSE, rating=rating.id, rationale="Matches the report.",
        evidence=[evidence.id],
    )  # fmt: skip
    assert proposed.state.value == "proposed"
    assert act(editor, Act.APPROVE).state.value == "approved"

    scope = ExportScopeRequest(claim=claim_id)
    body = ExportRequestInputRequest(format_=FormatEnum.CSV, scope=scope)
    job = _ok(v1_exports_create.sync_detailed(client=editor, body=body), 202)

    def finished():
        polled = _ok(v1_exports_retrieve.sync_detailed(job.id, client=editor))
        return polled if polled.status.value in ("done", "failed") else None

    done = wait_for(finished, timeout=300, interval=1)
    assert done.status.value == "done", done.error
    download = v1_exports_download_retrieve.sync_detailed(job.id, client=editor)
    assert download.status_code == 200
    assert hashlib.sha256(download.content).hexdigest() == done.sha256
