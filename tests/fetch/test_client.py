"""The fetcher against the local site: safety, robots, redirects, limits, charsets, retries."""
from __future__ import annotations

import re

import pytest

from site_fixture import BIG, PAGES, settings, site  # noqa: F401  (fixtures)
from letopis.fetch import safety
from letopis.fetch.client import Fetcher, FetchSettings
from letopis.fetch.errors import FetchError
from letopis.fetch.pages import read_page
from letopis.fetch.ratelimit import HostRateLimit


def fetch_error(fetcher, url) -> FetchError:
    with pytest.raises(FetchError) as caught:
        read_page(fetcher.page(url))
    assert caught.value.url == url and str(caught.value).startswith(url + ": ")
    return caught.value


@pytest.mark.parametrize("url, problem", [
    ("file:///etc/passwd", "not an http(s) URL"), ("ftp://example.org/x", "not an http(s) URL"),
    ("javascript:alert(1)", "not an http(s) URL"), ("http://", "no host"), ("http://[::1", "not a valid URL"),
])
def test_only_http_urls(url, problem):
    with pytest.raises(FetchError, match=re.escape(problem)):
        safety.check_url(url)


@pytest.mark.parametrize("address, public", [
    ("127.0.0.1", False), ("::1", False), ("10.1.2.3", False), ("192.168.0.10", False), ("172.16.5.4", False),
    ("169.254.169.254", False), ("0.0.0.0", False), ("::ffff:127.0.0.1", False), ("100.64.0.1", False),
    ("fe80::1", False), ("8.8.8.8", True), ("2a00:1450:4010:c05::65", True),
])
def test_address_rules(address, public):
    assert (safety.address_problem(address) is None) == public


def test_loopback_is_refused_without_the_flag_and_nothing_is_sent(site):
    with Fetcher(FetchSettings(timeout=1.0, retries=0, rate=0)) as fetcher:
        error = fetch_error(fetcher, site.base + "/news/1.html")
        assert "blocked" in error.problem and "loopback" in error.problem and "--allow-private" in error.problem
        assert "localhost" in fetch_error(fetcher, site.base.replace("127.0.0.1", "localhost") + "/x").problem
    assert sum(site.hits.values()) == 0  # not even robots.txt was asked for


def test_a_redirect_cannot_lead_to_a_private_address(site, monkeypatch):
    # Make 127.0.0.1 count as public for this test, every other address (127.0.0.2 here) as private.
    original = safety.address_problem
    monkeypatch.setattr(safety, "address_problem", lambda a: None if a == "127.0.0.1" else original(a))
    with Fetcher(FetchSettings(timeout=1.0, retries=0, rate=0)) as fetcher:
        assert fetcher.page(site.base + "/news/1.html").status == 200
        error = fetch_error(fetcher, site.base + "/redirect/private")
    assert "blocked: 127.0.0.2" in error.problem and "redirected to http://127.0.0.2" in error.problem


def test_redirects_robots_and_bad_answers(site, settings):
    with Fetcher(settings) as fetcher:
        page = fetcher.page(site.base + "/redirect/1")
        assert page.final_url == site.base + "/news/3.html" and len(page.redirects) == 2
        assert read_page(page).url == site.base + "/news/3.html"
        assert fetch_error(fetcher, site.base + "/missing.html").problem == "HTTP 404 Not Found"
        assert fetch_error(fetcher, site.base + "/private/secret.html").problem == "disallowed by robots.txt"
        assert "not an http(s) URL" in fetch_error(fetcher, site.base + "/redirect/file").problem
        assert "too many redirects" in fetch_error(fetcher, site.base + "/redirect/loop").problem
        assert fetch_error(fetcher, site.base + "/report.pdf").problem == "not HTML (content type application/pdf)"
        assert "not Russian" in fetch_error(fetcher, site.base + "/english.html").problem
    assert site.hits["/private/secret.html"] == 0 and site.hits["/robots.txt"] == 1
    assert site.agents == {next(iter(site.agents))} and next(iter(site.agents)).startswith("Letopis/")


def test_timeout_and_size_cap(site, settings):
    with Fetcher(settings) as fetcher:
        slow = fetch_error(fetcher, site.base + "/slow.html")
        assert slow.problem == "timeout after 1 s" and slow.transient
        announced = fetch_error(fetcher, site.base + "/big.html")
        assert announced.problem == "too large: 50.0 MB (the limit is 5.0 MB)" and not announced.transient
        streamed = fetch_error(fetcher, site.base + "/big-stream.html")
        assert streamed.problem.startswith("too large: over 5.0 MB")
    assert site.sent["/big-stream.html"] < BIG // 2  # the body was cut off while streaming, not read to the end


def test_retries_after_a_transient_answer(site, settings):
    settings.retries = 1
    with Fetcher(settings) as fetcher:
        assert fetcher.page(site.base + "/flaky.html").status == 200
    assert site.hits["/flaky.html"] == 2
    site.flaky_left = 1
    settings.retries = 0
    with Fetcher(settings) as fetcher:
        error = fetch_error(fetcher, site.base + "/flaky.html")
    assert error.problem.startswith("HTTP 503") and error.transient


def test_charsets_from_header_and_from_meta(site, settings):
    with Fetcher(settings) as fetcher:
        utf8 = read_page(fetcher.page(site.base + "/news/2.html"))
        cp1251 = read_page(fetcher.page(site.base + "/news/cp1251.html"))
    assert utf8.title == PAGES["/news/2.html"][0] and "Набиуллина" in utf8.text
    assert cp1251.title == PAGES["/news/cp1251.html"][0] and "пятидесяти тысяч зрителей" in cp1251.text


def test_dns_failure_is_one_line():
    with Fetcher(FetchSettings(timeout=1.0, retries=0, rate=0)) as fetcher:
        error = fetch_error(fetcher, "http://no-such-host.invalid/news.html")
    assert error.problem.startswith("DNS: cannot resolve host no-such-host.invalid") and error.transient


def test_rate_limit_spaces_requests_per_host():
    now, slept = [0.0], []
    limit = HostRateLimit(2.0, clock=lambda: now[0], sleep=slept.append)
    for _ in range(3):
        limit.wait("a.ru")
    limit.wait("b.ru")  # another host does not wait
    assert slept == [0.5, 1.0]
    limit.set_delay("c.ru", 3)
    limit.wait("c.ru")
    limit.wait("c.ru")
    assert slept[-1] == 3.0
