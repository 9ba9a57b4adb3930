"""`make load-smoke`: 30 s of wrk at 64 connections on list and detail pages while an import runs.

gunicorn (production settings, config/gunicorn.py) serves a fresh database holding a first set of
generated exercises. While wrk requests list pages (plain, filtered, searched) and detail pages — half of
them with a page-cache miss forced — import_exercises loads a second, larger set, then the first one
again, and so on until wrk stops. Passes only if wrk saw no non-2xx/3xx answer and no socket error
(timeouts included), and every import succeeded. Exit status 1 otherwise.

Loopback only; everything is written to a temporary folder.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import serving  # noqa: E402
from config import servers  # noqa: E402


def import_loop(env, sets, stop_event, log):
    """Import the sets in turn until `stop_event` is set; record (seconds, exit status, last output line)."""
    runs = []
    index = 0
    while not stop_event.is_set():
        source = sets[index % len(sets)]
        started = time.monotonic()
        result = subprocess.run(
            [*servers.MANAGE, "import_exercises", str(source), "--content-root", str(source)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        output = (result.stdout + result.stderr).strip().splitlines()
        runs.append(
            {
                "source": source.name,
                "seconds": time.monotonic() - started,
                "returncode": result.returncode,
                "message": output[-1] if output else "",
            }
        )
        log.write(f"import {source.name}: exit {result.returncode}\n{result.stdout}\n{result.stderr}\n")
        index += 1
    return runs


def pages(base: str) -> list[str]:
    """List and detail paths with real slugs and tags, read from the running site's own sitemap."""
    with urllib.request.urlopen(base + "/sitemap.xml", timeout=30) as response:
        sitemap = response.read().decode()
    locations = [urllib.parse.urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    details = [path for path in locations if path.startswith("/exercises/") and path != "/exercises/"][:20]
    muscles = [path.rstrip("/").rsplit("/", 1)[1] for path in locations if path.startswith("/muscles/")][1:3]
    if not details:
        raise RuntimeError("the sitemap lists no exercise pages: did the first import work?")
    paths = ["/exercises/", "/exercises/?q=leg", "/exercises/?difficulty=beginner&max_duration=300"]
    paths += [f"/exercises/?muscle={slug}" for slug in muscles]
    paths += details
    # Every other request misses the page cache: {n} is unique per request and the views ignore such pages.
    return [variant for path in paths for variant in (path, path + ("&" if "?" in path else "?") + "page={n}")]


def smoke(label, database_url, temp: Path, content: Path, args) -> bool:
    first, second = content / "first", content / "second"
    env = servers.production_env(database_url, temp / "static")
    print(f"{label}: migrate, collectstatic, first import ({args.size:,}) …", file=sys.stderr, flush=True)
    servers.manage(env, "migrate", "--no-input")
    servers.manage(env, "collectstatic", "--no-input")
    servers.manage(env, "import_exercises", str(first), "--content-root", str(first))

    stop_event = threading.Event()
    runs = []
    with servers.gunicorn(env, temp / "gunicorn.log") as base, open(temp / "import.log", "w") as log:
        paths = pages(base)
        importer = threading.Thread(
            target=lambda: runs.extend(import_loop(env, [second, first], stop_event, log)), daemon=True
        )
        print(
            f"{label}: wrk {args.seconds} s, {args.connections} connections, {len(paths)} paths, imports meanwhile …",
            file=sys.stderr,
            flush=True,
        )
        started = time.monotonic()
        threading.Timer(1.0, importer.start).start()
        try:
            summary = serving.run_wrk(
                base, paths, temp, seconds=args.seconds, connections=args.connections, threads=args.threads
            )
        finally:
            stop_event.set()
            time.sleep(1.5)  # the timer has started the importer by now
            importer.join(timeout=300)
        elapsed = time.monotonic() - started
    server_log = (temp / "gunicorn.log").read_text(errors="replace")
    worker_problems = [
        line
        for line in server_log.splitlines()
        if "WORKER TIMEOUT" in line or "Traceback" in line or '"level": "ERROR"' in line
    ]

    ok_imports = [run for run in runs if run["returncode"] == 0]
    print(
        f"\n{label}: {summary['requests']:,} requests in {args.seconds} s ({summary['rps']:,.0f} req/s); "
        f"{len(runs)} import(s) overlapping, all done after {elapsed:.0f} s"
    )
    print(
        f"  latency p50 {summary.get('p50_ms', 0):.1f} ms, p99 {summary.get('p99_ms', 0):.1f} ms, "
        f"max {summary.get('max_ms', 0):.0f} ms"
    )
    print(f"  non-2xx/3xx responses: {summary['non_2xx_3xx']}")
    socket_errors = ", ".join(f"{name} {count}" for name, count in summary["socket_errors"].items()) or "none"
    print(f"  socket errors: {socket_errors}")
    for run in runs:
        print(f"  import {run['source']}: exit {run['returncode']} in {run['seconds']:.1f} s — {run['message']}")
    for line in worker_problems[:10]:
        print(f"  server log: {line[:300]}")

    passed = summary["errors"] == 0 and runs and len(ok_imports) == len(runs) and not worker_problems
    print(f"  {'PASS' if passed else 'FAIL'}")
    return bool(passed)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--size", type=int, default=1000, help="Exercises in the first set (the second has 3×).")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only, even when DATABASE_URL is set.")
    args = parser.parse_args()
    if not serving.shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk).")

    postgres_url = os.environ.get("DATABASE_URL", "")
    results = []
    with tempfile.TemporaryDirectory(prefix="exercise-load-smoke-") as temp:
        temp = Path(temp)
        content = temp / "content"
        content.mkdir()
        print("Generating content …", file=sys.stderr, flush=True)
        serving.generate(content / "first", args.size)
        serving.generate(content / "second", args.size * 3)
        for label, database in [("SQLite", "sqlite"), ("PostgreSQL", "postgres")]:
            if database == "postgres" and (args.no_postgres or not postgres_url.startswith("postgres")):
                continue
            folder = temp / database
            folder.mkdir()
            if database == "sqlite":
                results.append(smoke(label, serving.sqlite_url(folder), folder, content, args))
            else:
                with serving.throwaway_postgres(postgres_url) as url:
                    results.append(smoke(label, url, folder, content, args))
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
