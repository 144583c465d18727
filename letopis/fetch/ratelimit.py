"""At most N requests per host per second, across all fetching threads."""
from __future__ import annotations

import threading
import time


class HostRateLimit:
    """Spaces the requests to each host by `1 / per_second` seconds (or a host's own, longer delay).

    `per_second <= 0` means no limit (benchmarks against a local server).
    Threads fetching from the same host queue up; other hosts do not wait.
    """

    def __init__(self, per_second: float = 1.0, clock=time.monotonic, sleep=time.sleep):
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self.clock = clock
        self.sleep = sleep
        self.delays: dict[str, float] = {}  # host -> robots.txt Crawl-delay
        self.next_slot: dict[str, float] = {}
        self.lock = threading.Lock()

    def set_delay(self, host: str, seconds: float | None) -> None:
        """A host's own minimum delay (robots.txt `Crawl-delay`), capped at one minute."""
        if seconds:
            self.delays[host] = min(float(seconds), 60.0)

    def wait(self, host: str) -> None:
        """Block until this host may be asked again, and book the slot."""
        interval = max(self.interval, self.delays.get(host, 0.0))
        if not interval:
            return
        with self.lock:
            now = self.clock()
            slot = max(now, self.next_slot.get(host, now))
            self.next_slot[host] = slot + interval
        if slot > now:
            self.sleep(slot - now)
