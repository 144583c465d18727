"""`letopis ingest --scheduler tcp://...` on a real Dask cluster (a scheduler and two workers
started here, on loopback) into PostgreSQL: the same rows and cards as the local process
pool, and a worker SIGKILLed mid-run loses nothing (the scheduler reruns its task elsewhere)."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from conftest import ROOT, new_store_url
from letopis.kb import KnowledgeBase
from letopis.store import models as m
from test_ingest import counts, rt_slice, stored

pytestmark = pytest.mark.slow  # three processes load the pipeline's models; minutes on a busy machine
DASK = Path(sys.executable).with_name("dask")
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
       "MKL_NUM_THREADS": "1"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([str(DASK), *args], env=ENV, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def wait_for_workers(address: str, n: int, timeout: float = 120) -> None:
    from dask.distributed import Client
    with Client(address, timeout=timeout) as client:
        client.wait_for_workers(n, timeout=timeout)


def cards(url: str) -> dict:
    engine = create_engine(url)
    with engine.connect() as conn:
        out = {url_: card for url_, card in conn.execute(select(m.Article.url, m.Article.card))}
    engine.dispose()
    return out


@pytest.fixture
def cluster():
    """A scheduler and two single-threaded workers without nannies (a SIGKILL is final)."""
    if not DASK.exists():
        pytest.skip(f"{DASK} not installed")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [start("scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard")]
    try:
        for _ in range(2):
            procs.append(start("worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                               "--memory-limit", "0"))
        wait_for_workers(address, 2)
        yield address, procs[1:]
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def test_dask_cluster_ingest_into_postgresql_matches_the_pool_and_survives_a_killed_worker(cluster, tmp_path):
    address, workers = cluster
    path = rt_slice(tmp_path / "cluster.jsonl", 24, skip=200)
    dask_url = new_store_url("postgresql", tmp_path)
    pool_url = new_store_url("postgresql", tmp_path)
    ingest = subprocess.Popen([sys.executable, "-c", "from letopis.cli import main; main()", "ingest", str(path),
                               "--db", dask_url, "--scheduler", address, "--no-progress", "--json"],
                              env=ENV, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 400
    while stored(dask_url) == 0 and time.time() < deadline and ingest.poll() is None:
        time.sleep(0.2)
    os.killpg(workers[0].pid, signal.SIGKILL)  # one worker dies with its batch in hand
    out, err = ingest.communicate(timeout=600)
    assert ingest.returncode == 0, err
    summary = json.loads(out)
    assert summary["read"] == 24 and summary["failed"] == []
    pool = KnowledgeBase(pool_url).ingest([str(path)], workers=1, progress=False)
    assert (summary["new"], summary["skipped"]) == (pool["new"], pool["skipped"])
    assert counts(dask_url) == counts(pool_url)
    assert counts(dask_url)["articles"] == pool["new"] > 0
    assert cards(dask_url) == cards(pool_url)
