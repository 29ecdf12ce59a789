"""The REST API against its OpenAPI schema as a signed-in person of a server for many
people (schemathesis, in-process, PostgreSQL): with the session cookie and the
anti-forgery header, no server error and every answer as documented; and what the same
generated calls write lands in the signed-in person's data only."""
# ruff: noqa: F811 - the fixtures of web/many.py are imported, then taken as parameters

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from cairn.web.sessions import COOKIE
from web.many import Member, exporter, many, pg_url  # noqa: F401 - fixtures
from web.test_web_schemathesis import CHECKS

EXAMPLES = 25  # per operation and mode


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_keeps_its_schema_for_a_signed_in_person(many: FastAPI, pg_url: str, mode):
    ada = Member(many, "ada@example.org").sign_up()
    ada.onboard("Prop Tester")
    bob = Member(many, "bob@example.org").sign_up()
    bob.onboard("Bob")
    export = exporter(pg_url)
    bobs, adas = export(bob.person_id), export(ada.person_id)
    headers = {"cookie": f"{COOKIE}={ada.client.cookies[COOKIE]}", "X-CSRF-Token": ada.csrf}
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", many)
    tried: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        takes_input = bool(list(operation.iter_parameters())) or bool(
            operation.get_request_payload_content_types())
        if mode is GenerationMode.NEGATIVE and not takes_input:
            continue  # nothing to get wrong: covered by POSITIVE

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def call(case) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)
            tried.append(case.operation.label)

        call()
    assert len(set(tried)) >= 2
    assert export(bob.person_id) == bobs  # nothing of Bob's touched
    if mode is GenerationMode.POSITIVE:  # the calls were Ada's: her goals were made
        assert export(ada.person_id) != adas
