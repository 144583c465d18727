"""Items 12-13: the writable server is safe from other sites and hosts, and its one writer
answers concurrent posts honestly."""
from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import EXAMPLES
from letopis.cli import app as cli
from letopis.kb import KnowledgeBase
from letopis.web import create_app, security

TOKEN = "token-for-the-security-tests"
NEWS = [json.loads(line) for line in (EXAMPLES / "004_news.jsonl").read_text(encoding="utf-8").splitlines()]


def article(i: int = 0, **changes) -> bytes:
    return json.dumps(dict(NEWS[i], **changes), ensure_ascii=False).encode()


@pytest.fixture
def writable(tmp_path):
    kb = KnowledgeBase(str(tmp_path / "w.db"))
    return kb, create_app(kb, read_only=False, token=TOKEN, trusted_hosts=security.trusted_hosts("127.0.0.1"))


def client(app, **headers) -> TestClient:
    return TestClient(app, base_url="http://127.0.0.1:8000", headers=headers)


AUTH = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}


# --- 12. token, origin, content type, host, no silent overwrite, headers ---
def test_a_cross_site_form_post_is_not_stored(writable):
    kb, app = writable
    web = client(app)
    # what an HTML form on another site can send: text/plain, an Origin, no Authorization
    forged = web.post("/api/articles", content=article(), headers={"Content-Type": "text/plain",
                                                                   "Origin": "http://evil.example"})
    assert forged.status_code == 403 and forged.json()["error"].startswith("cross-origin write refused")
    no_token = web.post("/api/articles", content=article(), headers={"Content-Type": "application/json"})
    assert no_token.status_code == 401 and no_token.headers["www-authenticate"] == "Bearer"
    wrong = web.post("/api/articles", content=article(), headers={**AUTH, "Authorization": "Bearer guess"})
    assert wrong.status_code == 401
    plain = web.post("/api/articles", content=article(), headers={**AUTH, "Content-Type": "text/plain"})
    assert plain.status_code == 415
    same_site = web.post("/api/articles", content=article(), headers={**AUTH, "Origin": "http://evil.example"})
    assert same_site.status_code == 403  # even with the token, another site's page may not write
    assert kb.stats()["articles"] == 0
    ok = web.post("/api/articles", content=article(), headers={**AUTH, "Origin": "http://127.0.0.1:8000"})
    assert ok.status_code == 201 and kb.stats()["articles"] == 1


@pytest.mark.parametrize("host, status", [("127.0.0.1:8000", 200), ("localhost:8000", 200), ("[::1]:8000", 200),
                                          ("evil.example", 400), ("evil.example:8000", 400), ("", 400)])
def test_only_trusted_hosts_are_answered(writable, host, status):
    _, app = writable
    response = client(app).get("/api/stats", headers={"Host": host})
    assert response.status_code == status, response.text
    page = client(app).get("/", headers={"Host": host})
    assert page.status_code == status


def test_security_headers_on_every_answer(writable):
    _, app = writable
    web = client(app)
    for path in ("/", "/api/stats", "/api/articles/nope", "/static/style.css"):
        headers = web.get(path).headers
        assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert "script-src 'self';" in headers["content-security-policy"]


def test_a_stored_article_is_replaced_only_when_asked(writable):
    kb, app = writable
    web = client(app, **AUTH)
    assert web.post("/api/articles", content=article(0)).status_code == 201
    original = kb.stats()
    changed = article(0, title="Подмена заголовка", text="Подменённый текст статьи о губернаторе.")
    conflict = web.post("/api/articles", content=changed)
    assert conflict.status_code == 409 and conflict.json()["ok"] is False
    assert conflict.json()["error"] == "already stored with other content: send replace=true to replace it"
    stored = kb.search("губернатор", limit=5)["items"]
    assert all("Подмена" not in item["title"] for item in stored) and kb.stats() == original
    replaced = web.post("/api/articles", content=changed, params={"replace": "true"})
    assert replaced.status_code == 200 and replaced.json()["summary"]["updated"] == 1


def test_a_busy_store_is_503_with_retry_after(writable):
    from letopis.store.lock import writer_lock
    kb, app = writable
    with writer_lock(kb.engine):  # as another ingest into the same store would
        busy = client(app, **AUTH).post("/api/articles", content=article())
    assert busy.status_code == 503 and busy.headers["retry-after"] == "5"
    assert busy.json()["error"].startswith("another ingest into ") and kb.stats()["articles"] == 0


def test_serve_warns_beyond_loopback_and_prints_a_token(monkeypatch, tmp_path):
    import uvicorn
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda asgi_app, host, port, log_level: seen.update(app=asgi_app))
    db = tmp_path / "kb.db"
    KnowledgeBase(str(db)).close()
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--host", "0.0.0.0", "--writable"])
    assert result.exit_code == 0, result.output
    token = seen["app"].state.write_token
    assert f"write token: {token}  (send it as: Authorization: Bearer TOKEN)" in result.stderr
    assert "Warning: bound to 0.0.0.0: anyone who can reach this machine can read the store" in result.stderr
    assert len(token) >= 32 and seen["app"].state.trusted_hosts >= {"127.0.0.1", "localhost"}
    quiet = CliRunner().invoke(cli, ["serve", "--db", str(db), "--writable", "--token", TOKEN])
    assert "Warning" not in quiet.stderr and TOKEN not in quiet.stderr  # a chosen token is not echoed


# --- 13. concurrent posts on a real server: one writer, honest answers ---
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post(url: str, body: bytes) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=body, method="POST", headers=AUTH)
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as exc:
        return exc.code, json.load(exc)


def test_concurrent_posts_are_each_answered_truthfully(tmp_path):
    from procs import children, corpus_slice, kill_tree, letopis, stored, wait_for
    records = corpus_slice(tmp_path / "slice.jsonl", 8, skip=80).read_text(encoding="utf-8").splitlines()
    db = tmp_path / "kb.db"
    KnowledgeBase(str(db)).close()
    port = free_port()
    server = letopis("serve", "--db", str(db), "--port", str(port), "--writable", "--token", TOKEN)
    base = f"http://127.0.0.1:{port}"
    try:
        def up():
            try:
                return urllib.request.urlopen(base + "/api/stats", timeout=5).status == 200
            except OSError:
                return False
        assert wait_for(up, 60), server.stderr.read() if server.poll() is not None else "server not up"
        assert post(base + "/api/articles", records[0].encode())[0] == 201  # loads the models once
        answers, most_children = [], 0

        def send(line):
            answers.append(post(base + "/api/articles", line.encode()))

        threads = [threading.Thread(target=send, args=(line,)) for line in records[1:]]
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            most_children = max(most_children, len(children(server.pid)))
            time.sleep(0.2)
        statuses = sorted(status for status, _ in answers)
        assert set(statuses) <= {201, 503}, answers  # stored, or told to retry: never a false "ok"
        assert statuses.count(201) >= 5  # the writer + its queue of 4
        assert all(body["ok"] is (status == 201) for status, body in answers)
        assert stored(db) == 1 + statuses.count(201)  # exactly what the answers said
        assert most_children == 0  # no process per request: the server's one writer thread
        for status, body in answers:
            if status == 503:
                assert body["error"].startswith("the writer is busy")
    finally:
        kill_tree(server)
