"""`FetchError`: one URL, one problem, and whether trying again later may help."""
from __future__ import annotations

from ..errors import LetopisError


class FetchError(LetopisError):
    """A URL could not be fetched (or read): `URL: problem`, one line.

    `transient` problems (DNS, timeouts, refused connections, HTTP 5xx/429,
    robots.txt) may go away, so a later poll tries the URL again; the others
    (HTTP 404, not HTML, too large, a blocked address) are final for that URL.
    `retry` says whether trying again right away may help (not for robots.txt).
    """

    def __init__(self, url: str, problem: str, transient: bool = False, status: int | None = None,
                 retry: bool | None = None):
        self.url = self.path = str(url)
        self.problem = problem
        self.transient = transient
        self.retry = transient if retry is None else retry  # worth retrying within this fetch
        self.status = status
        self.line = None
        super().__init__(f"{self.url}: {problem}")
