"""The response cache: a repeated GET is served without the app, and a write shows at once."""
import json

from fastapi.testclient import TestClient

from letopis.kb import KnowledgeBase
from letopis.web import create_app
from letopis.web.cache import ResponseCache

TEXT = ("Президент Казахстана Касым-Жомарт Токаев провёл в Астане переговоры с премьер-министром "
        "Индии Нарендрой Моди. Стороны обсудили торговлю и транспорт.")


def cache_of(app) -> ResponseCache:
    app.build_middleware_stack()
    layer = app.middleware_stack
    while not isinstance(layer, ResponseCache):
        layer = layer.app
    return layer


def test_a_repeated_get_is_a_hit_and_a_post_invalidates_it(tmp_path):
    app = create_app(KnowledgeBase(str(tmp_path / "c.db")), read_only=False)
    client = TestClient(app, headers={"Authorization": f"Bearer {app.state.write_token}",
                                      "Content-Type": "application/json"})
    assert client.get("/api/stats").json()["articles"] == 0
    cache = cache_of(app)
    again = client.get("/api/stats")
    assert again.json()["articles"] == 0 and cache.hits == 1
    assert again.headers["X-Frame-Options"] == "DENY"  # the security headers are on cached answers too
    body = json.dumps({"title": "Токаев и Моди", "text": TEXT, "published": "2024-07-03"}, ensure_ascii=False)
    assert client.post("/api/articles", content=body.encode()).status_code == 201
    assert client.get("/api/stats").json()["articles"] == 1  # the commit moved the data version
    assert client.get("/api/nothing-here").status_code == 404
    assert client.get("/api/nothing-here").status_code == 404 and cache.hits == 1  # errors are not kept
