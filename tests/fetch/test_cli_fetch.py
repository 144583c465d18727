"""The CLI over the local site: ingest URLs/feeds/sitemaps, watch picking up a new item, analyze URL, errors."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from site_fixture import PAGES, site  # noqa: F401  (fixture)
from letopis.cli import app

LOCAL = ["--allow-private", "--rate", "0", "--timeout", "1"]


@pytest.fixture
def runner():
    return CliRunner()


def stats(runner, db) -> dict:
    return json.loads(runner.invoke(app, ["stats", "--db", db, "--json", "--top", "0"]).stdout)["stats"]


def test_watch_picks_up_an_item_added_between_two_polls(runner, site, tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text(f'interval = 3600\n\n[[source]]\nname = "Тестовая лента"\nfeed = "{site.base}/watch.xml"\n\n'
                       f'[[source]]\nfeed = "{site.base}/garbage.xml"\n', encoding="utf-8")
    db = str(tmp_path / "watch.db")
    result = runner.invoke(app, ["watch", str(sources), "--db", db, "--workers", "0", "--polls", "2",
                                 "--interval", "0.2", *LOCAL])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 4  # one line per poll: 2 sources x 2 polls
    feed_lines = [line for line in lines if line.startswith("Тестовая лента:")]
    assert feed_lines[0].startswith("Тестовая лента: 1 found, 0 known, 1 fetched, 1 new")
    assert feed_lines[1].startswith("Тестовая лента: 2 found, 1 known, 1 fetched, 1 new")
    assert all("source failed: not a readable feed" in line for line in lines if "garbage.xml" in line)
    assert f"Error: {site.base}/garbage.xml: not a readable feed" in result.stderr
    assert site.hits["/watch.xml"] == 2 and site.hits["/news/w1.html"] == 1 and site.hits["/news/w2.html"] == 1
    assert stats(runner, db)["articles"] == 2
    # Started again, it goes on: nothing stored is fetched again.
    again = runner.invoke(app, ["watch", str(sources), "--db", db, "--workers", "0", "--polls", "1", *LOCAL])
    assert again.exit_code == 0 and "2 found, 2 known, 0 fetched, 0 new" in again.stdout
    assert site.hits["/news/w1.html"] == 1 and site.hits["/news/w2.html"] == 1


def test_ingest_urls_feeds_and_sitemaps(runner, site, tmp_path):
    db = str(tmp_path / "cli.db")
    result = runner.invoke(app, ["ingest", site.base + "/news/5.html", site.base + "/missing.html",
                                 "--feed", site.base + "/atom.xml", "--sitemap", site.base + "/sitemap_index.xml",
                                 "--db", db, "--workers", "0", "--no-progress", "--json", *LOCAL])
    assert result.exit_code == 1  # something failed; the rest is stored
    polls = json.loads(result.stdout)["polls"]
    assert [(p["kind"], p["new"], p["failed"]) for p in polls] == [("pages", 1, 1), ("feed", 2, 0), ("sitemap", 4, 1)]
    assert f"Error: {site.base}/missing.html: HTTP 404 Not Found" in result.stderr
    assert f"Error: {site.base}/sitemap_gone.xml: HTTP 404 Not Found" in result.stderr
    assert stats(runner, db)["articles"] == 7
    text = runner.invoke(app, ["ingest", "--feed", site.base + "/atom.xml", "--db", db, "--no-progress", *LOCAL])
    assert text.exit_code == 0 and text.stdout.startswith(f"{site.base}/atom.xml: 3 found, 3 known, 0 fetched")


def test_loopback_needs_the_flag(runner, site, tmp_path):
    result = runner.invoke(app, ["ingest", site.base + "/news/1.html", "--db", str(tmp_path / "x.db"),
                                 "--no-progress", "--workers", "0"])
    assert result.exit_code == 1
    assert f"Error: {site.base}/news/1.html: blocked: 127.0.0.1 -> 127.0.0.1 is a loopback address" in result.stderr
    assert sum(site.hits.values()) == 0


def test_analyze_a_url(runner, site):
    result = runner.invoke(app, ["analyze", site.base + "/news/2.html", "--allow-private"])
    assert result.exit_code == 0, result.output
    card = json.loads(result.stdout)
    assert card["article"]["url"] == site.base + "/news/2.html" and card["article"]["title"] == PAGES["/news/2.html"][0]
    assert any(e["name"] == "Эльвира Набиуллина" for e in card["entities"])
    bad = runner.invoke(app, ["analyze", site.base + "/report.pdf", "--allow-private"])
    assert bad.exit_code == 1 and bad.stderr.strip() == (
        f"Error: {site.base}/report.pdf: not HTML (content type application/pdf)")


@pytest.mark.parametrize("content, problem", [
    ('[[source]]\nfeed = "ftp://example.org/rss"\n', "source 1: ftp://example.org/rss: not an http(s) URL"),
    ('[[source]]\nname = "x"\n', "source 1: give exactly one of feed"),
    ('[[source]]\nfeed = "https://a.ru/rss"\nevery = 5\n', "source 1: unknown key 'every'"),
    ('interval = "often"\n[[source]]\nfeed = "https://a.ru/rss"\n', "interval must be a number"),
    ("[[source]\n", "not valid TOML"),
])
def test_bad_sources_file_is_one_line(runner, tmp_path, content, problem):
    path = tmp_path / "sources.toml"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["watch", str(path), "--db", str(tmp_path / "w.db"), "--polls", "1"])
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: {path}: ") and problem in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_list_of_feed_urls_is_a_sources_file(tmp_path):
    from letopis.fetch.sources import load_sources
    path = tmp_path / "feeds.txt"
    path.write_text("# news\nhttps://tass.ru/rss/v2.xml\n\nhttps://ria.ru/export/rss2/archive/index.xml\n",
                    encoding="utf-8")
    assert [(s.kind, s.url) for s in load_sources(path)] == [
        ("feed", "https://tass.ru/rss/v2.xml"), ("feed", "https://ria.ru/export/rss2/archive/index.xml")]
