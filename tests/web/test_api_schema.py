"""Property-based run of the JSON API against its own OpenAPI spec
(schemathesis strategies + hypothesis, in-process over ASGI): for every
operation, valid and invalid generated requests never get a 5xx, and every
4xx comes in the one error shape.

(schemathesis's pytest loader does not work with pytest 9 here, so each
operation's hypothesis strategy is driven directly.)
"""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from letopis.web import create_app

SPEC = create_app(None).openapi()  # the spec needs no store
# Invalid requests only exist for operations that take parameters.
CASES = [(path, mode) for path in sorted(SPEC["paths"]) for mode in GenerationMode
         if mode is GenerationMode.POSITIVE or SPEC["paths"][path]["get"].get("parameters")]


@pytest.fixture(scope="module")
def api_schema(web_kb):
    return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(web_kb))


def operation(schema, path: str):
    for result in schema.get_all_operations():
        op = result.ok()
        if op.path == path and op.method.upper() == "GET":
            return op
    raise AssertionError(f"{path} is not in the OpenAPI spec")


def check_response(case) -> None:
    """No 5xx; a 4xx is `{"ok": false, "error", "status", "errors"}` with the real status."""
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])
    if 400 <= response.status_code < 500:
        body = response.json()
        assert body["ok"] is False and body["status"] == response.status_code and body["error"], body


@pytest.mark.parametrize("path, mode", CASES, ids=[f"{p}-{m.value}" for p, m in CASES])
def test_no_5xx_for_generated_requests(api_schema, path, mode):
    op = operation(api_schema, path)

    @given(case=op.as_strategy(generation_mode=mode))
    @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def run(case):
        check_response(case)

    run()
