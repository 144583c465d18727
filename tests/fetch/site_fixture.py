"""A small news site served on 127.0.0.1 for the fetch tests: pages, feeds, sitemaps, and trouble.

Everything is generated here: Russian pages in UTF-8 and cp1251, RSS 2.0 and
Atom feeds, a sitemap index with a news sitemap, a redirect chain, a 404, a
slow answer, a 50 MB body (streamed from a generator, never held), broken
XML, a robots.txt disallowing /private/, and a feed that gains an item after
its first read (for `watch`). `Site.hits` counts requests per path.
"""
from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# (path, title, paragraphs): distinct short news, so no two are duplicates.
ARTICLES = [
    ("/news/1.html", "В Казани открыли новый мост через Казанку",
     ["Мэр Казани Ильсур Метшин открыл в понедельник новый автомобильный мост через реку Казанку.",
      "Строительство моста длиной 800 метров заняло три года и обошлось бюджету Татарстана в 12 млрд рублей.",
      "По словам мэра, мост разгрузит центральные улицы города в часы пик."]),
    ("/news/2.html", "Центробанк сохранил ключевую ставку",
     ["Совет директоров Банка России сохранил ключевую ставку на уровне 16% годовых.",
      "Председатель ЦБ Эльвира Набиуллина заявила, что инфляция замедляется медленнее, чем ожидалось.",
      "Следующее заседание по ставке пройдет в конце июля."]),
    ("/news/cp1251.html", "В Новосибирске прошел фестиваль уличных театров",
     ["В Новосибирске в выходные прошел международный фестиваль уличных театров.",
      "На площадях города выступили труппы из Франции, Испании и Казахстана.",
      "Организаторы насчитали более пятидесяти тысяч зрителей."]),
    ("/news/3.html", "Археологи нашли под Псковом клад монет XIV века",
     ["Археологи Псковского музея-заповедника нашли клад серебряных монет XIV века.",
      "Находку сделали при раскопках на месте будущего жилого квартала.",
      "Монеты передадут на реставрацию в Москву."]),
    ("/news/4.html", "Губернатор Приморья посетил Владивостокский порт",
     ["Губернатор Приморского края Олег Кожемяко посетил во вторник Владивостокский морской порт.",
      "Он осмотрел новый контейнерный терминал и провел совещание с руководством порта.",
      "Грузооборот порта за полгода вырос на 15%."]),
    ("/news/5.html", "В Мурманске впервые за сезон увидели северное сияние",
     ["Жители Мурманска в ночь на среду наблюдали первое в этом сезоне северное сияние.",
      "Синоптики связывают его с сильной магнитной бурей.",
      "Фотографии сияния разошлись по социальным сетям."]),
    ("/news/6.html", "Сборная России по хоккею выиграла турнир в Сочи",
     ["Сборная России по хоккею выиграла международный турнир в Сочи, обыграв в финале команду Белоруссии.",
      "Решающую шайбу забросил нападающий Иван Морозов.",
      "Главный тренер сборной поблагодарил болельщиков за поддержку."]),
    ("/news/7.html", "В Екатеринбурге запустили новую линию трамвая",
     ["В Екатеринбурге запустили новую трамвайную линию до района Академический.",
      "Длина линии составила семь километров, на ней построили двенадцать остановок.",
      "Проезд по новой линии будет бесплатным до конца месяца."]),
    ("/news/8.html", "Минздрав России начал прививочную кампанию против гриппа",
     ["Министерство здравоохранения России объявило о начале прививочной кампании против гриппа.",
      "Вакцинацию планируют провести у 60% населения страны.",
      "Прививки можно сделать бесплатно в поликлиниках."]),
    ("/news/9.html", "В Калининграде открыли музей янтаря после реконструкции",
     ["Музей янтаря в Калининграде открылся после двухлетней реконструкции.",
      "В экспозиции представлено более шести тысяч изделий из янтаря.",
      "Первыми посетителями стали школьники из области."]),
    ("/news/w1.html", "В Самаре завершили ремонт набережной Волги",
     ["В Самаре завершили ремонт третьей очереди набережной Волги.",
      "На набережной появились новые велодорожки, спортивные площадки и освещение.",
      "Работы вели два года."]),
    ("/news/w2.html", "В Якутске зафиксировали рекордный мороз",
     ["В Якутске в четверг зафиксировали минус 52 градуса, это рекорд для декабря.",
      "Занятия в школах города отменили.",
      "Синоптики обещают потепление к выходным."]),
]
PAGES = {path: (title, paragraphs) for path, title, paragraphs in ARTICLES}
ENGLISH = ("<html><head><title>Bridge opens</title></head><body><article><h1>Bridge opens</h1>"
           + "<p>The mayor opened a new bridge over the river on Monday, officials said.</p>" * 5
           + "</article></body></html>")
BIG = 50 * 1024 * 1024
SLOW_SECONDS = 3.0


def page_html(path: str, charset: str = "utf-8") -> bytes:
    title, paragraphs = PAGES[path]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    meta = f'<meta charset="{charset}">'
    html = (f"<!doctype html><html lang=\"ru\"><head>{meta}<title>{title}</title></head><body>"
            f"<nav><a href=\"/\">Главная</a></nav><article><h1>{title}</h1>{body}</article>"
            f"<footer>© Новости тестового сайта</footer></body></html>")
    return html.encode(charset)


def rss(base: str, paths: list[str], title: str = "Тестовые новости") -> bytes:
    items = "".join(
        f"<item><title>{PAGES[p][0] if p in PAGES else p}</title><link>{base}{p}</link>"
        f"<pubDate>Mon, 24 Jun 2024 10:{i:02d}:00 +0300</pubDate><description>Кратко о событии.</description></item>"
        for i, p in enumerate(paths))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>{base}/</link><description>Лента</description>{items}</channel></rss>").encode("utf-8")


def atom(paths: list[str]) -> bytes:
    entries = "".join(
        f'<entry><title>{PAGES[p][0]}</title><link href="{p}"/><id>tag:test,{p}</id>'
        f"<updated>2024-06-25T08:00:00Z</updated><summary>Анонс</summary></entry>" for p in paths)
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            '<title>Атом-лента</title><id>tag:test,feed</id><updated>2024-06-25T08:00:00Z</updated>'
            f"{entries}</feed>").encode("utf-8")


def sitemap_index(base: str, names: list[str]) -> bytes:
    maps = "".join(f"<sitemap><loc>{base}/{n}</loc></sitemap>" for n in names)
    return ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{maps}</sitemapindex>").encode("utf-8")


def news_sitemap(base: str, paths: list[str]) -> bytes:
    urls = "".join(
        f"<url><loc>{base}{p}</loc><news:news><news:publication><news:name>Тест</news:name>"
        f"<news:language>ru</news:language></news:publication><news:publication_date>2024-06-2{i}T09:00:00+03:00"
        f"</news:publication_date><news:title>{PAGES[p][0]}</news:title></news:news></url>"
        for i, p in enumerate(paths, 1))
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' f"{urls}</urlset>").encode("utf-8")


def plain_sitemap(base: str, paths: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{base}{p}</loc><lastmod>2024-06-20</lastmod></url>" for p in paths)
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>").encode("utf-8")


# What each feed lists (paths on this site).
RSS_ITEMS = ["/news/1.html", "/news/2.html", "/news/cp1251.html", "/redirect/1", "/missing.html",
             "/private/secret.html", "/slow.html", "/big.html", "/big-stream.html", "/english.html", "/report.pdf",
             "/news/1.html"]  # listed twice: fetched once
ATOM_ITEMS = ["/news/4.html", "/news/5.html", "/news/1.html"]  # relative links; /news/1.html also in the RSS
NEWS_ITEMS = ["/news/6.html", "/news/7.html"]
PLAIN_ITEMS = ["/news/8.html", "/news/2.html"]


class Site:
    """The server: `start()`, `base` (http://127.0.0.1:PORT), `hits`, `stop()`."""

    def __init__(self, port: int = 0):
        self.hits: Counter = Counter()
        self.sent: Counter = Counter()  # body bytes written per path
        self.flaky_left = 1  # /flaky.html answers 503 this many times first
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self.handler())
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "Site":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def route(self, path: str):
        """(status, headers, body bytes or an iterator of chunks) for a path."""
        base = self.base
        html = {"Content-Type": "text/html; charset=utf-8"}
        xml = {"Content-Type": "application/xml"}
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"
        if path == "/news/cp1251.html":  # the charset only in the page's <meta>
            return 200, {"Content-Type": "text/html"}, page_html(path, "windows-1251")
        if path in PAGES:
            return 200, html, page_html(path)
        if path == "/redirect/1":
            return 301, {"Location": "/redirect/2"}, b""
        if path == "/redirect/2":
            return 302, {"Location": f"{base}/news/3.html"}, b""
        if path == "/redirect/private":
            return 302, {"Location": f"http://127.0.0.2:{self.server.server_address[1]}/news/1.html"}, b""
        if path == "/redirect/file":
            return 302, {"Location": "file:///etc/passwd"}, b""
        if path == "/redirect/loop":
            return 302, {"Location": "/redirect/loop"}, b""
        if path == "/slow.html":
            time.sleep(SLOW_SECONDS)
            return 200, html, page_html("/news/9.html")
        if path == "/big.html":  # announced size
            return 200, dict(html, **{"Content-Length": str(BIG)}), filler(BIG)
        if path == "/big-stream.html":  # no size announced: the cap must stop the stream
            return 200, html, filler(BIG)
        if path == "/english.html":
            return 200, html, ENGLISH.encode("utf-8")
        if path == "/report.pdf":
            return 200, {"Content-Type": "application/pdf"}, b"%PDF-1.4 not a page"
        if path == "/flaky.html":
            if self.flaky_left > 0:
                self.flaky_left -= 1
                return 503, html, b"busy"
            return 200, html, page_html("/news/5.html")
        if path == "/feed.xml":
            return 200, {"Content-Type": "application/rss+xml; charset=utf-8"}, rss(base, RSS_ITEMS)
        if path == "/atom.xml":
            return 200, {"Content-Type": "application/atom+xml"}, atom(ATOM_ITEMS)
        if path == "/broken.xml":  # the first item is whole, then the XML breaks off
            good = rss(base, ["/news/9.html"]).decode("utf-8").replace("</channel></rss>", "")
            return 200, xml, (good + "<item><title>Обрыв<link>" + base + "/news/8.h").encode("utf-8")
        if path == "/garbage.xml":
            return 200, xml, b"\x00\x01\x02 this is not xml at all {{{"
        if path == "/watch.xml":  # one item, then two: an item added between polls
            items = ["/news/w1.html"] if self.hits[path] <= 1 else ["/news/w1.html", "/news/w2.html"]
            return 200, {"Content-Type": "application/rss+xml"}, rss(base, items)
        if path == "/sitemap_index.xml":
            return 200, xml, sitemap_index(base, ["sitemap_news.xml", "sitemap_pages.xml", "sitemap_gone.xml"])
        if path == "/sitemap_news.xml":
            return 200, xml, news_sitemap(base, NEWS_ITEMS)
        if path == "/sitemap_pages.xml":
            return 200, xml, plain_sitemap(base, PLAIN_ITEMS)
        return 404, html, b"<html><body>not found</body></html>"

    def handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                path = self.path.split("?", 1)[0]
                site.hits[path] += 1
                site.agents = getattr(site, "agents", set()) | {self.headers.get("User-Agent", "")}
                status, headers, body = site.route(path)
                try:
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    if isinstance(body, bytes):
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    for chunk in ([body] if isinstance(body, bytes) else body):
                        self.wfile.write(chunk)
                        site.sent[path] += len(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading (too large): expected

            def log_message(self, *args):
                pass

        return Handler


def filler(total: int, chunk: int = 64 * 1024):
    """`total` bytes of HTML, produced chunk by chunk."""
    piece = ("<p>" + "я" * 200 + "</p>").encode("utf-8")
    block = (piece * (chunk // len(piece) + 1))[:chunk]
    yield b"<html><body>"
    sent = 0
    while sent < total:
        yield block
        sent += len(block)


# --- pytest fixtures (imported by the test modules of this folder) ---
import pytest  # noqa: E402


@pytest.fixture
def site():
    server = Site().start()
    yield server
    server.stop()


@pytest.fixture
def settings():
    """Fast and permissive enough for the local server: loopback allowed (the explicit flag), short timeout."""
    from letopis.fetch.client import FetchSettings
    return FetchSettings(timeout=1.0, retries=0, backoff=0.01, rate=0, allow_private=True)


if __name__ == "__main__":  # serve the site for a demo: python tests/fetch/site_fixture.py [PORT]
    import sys
    demo = Site(int(sys.argv[1]) if len(sys.argv) > 1 else 8765).start()
    print(f"serving the test site at {demo.base}/ (feed.xml, atom.xml, sitemap_index.xml, watch.xml); Ctrl-C stops")
    try:
        demo.thread.join()
    except KeyboardInterrupt:
        demo.stop()
