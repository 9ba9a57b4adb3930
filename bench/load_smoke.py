"""`make load-smoke`: 30 s of wrk at 64 connections on list and detail pages, in three scenarios.

gunicorn (production settings, config/gunicorn.py) serves a fresh database holding a first set of
generated exercises. wrk requests list pages (plain, filtered, searched) and detail pages — half of
them with a page-cache miss forced — while:

- imports: import_exercises loads a second, larger set, then the first one again, and so on;
- redis-outage: the page cache is a private redis-server, stopped for 10 s mid-run and started again;
- slow-clients: wrk goes through the nginx front server (config/nginx.conf.template) while 8 more
  connections send one header line every 1.5 s and never finish their request.

A scenario passes only if wrk saw no non-2xx/3xx answer and no socket error (timeouts included), the
server logged no error, and every import succeeded. Exit status 1 otherwise.

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


SCENARIOS = ("imports", "redis-outage", "slow-clients")


def prepare(label, database_url, temp: Path, content: Path, args) -> dict:
    """Migrate, collect static files and import the first set; return the production environment."""
    first = content / "first"
    env = servers.production_env(database_url, temp / "static")
    print(f"{label}: migrate, collectstatic, first import ({args.size:,}) …", file=sys.stderr, flush=True)
    servers.manage(env, "migrate", "--no-input")
    servers.manage(env, "collectstatic", "--no-input")
    servers.manage(env, "import_exercises", str(first), "--content-root", str(first))
    return env


def wrk(label, base, temp, args, note):
    paths = pages(base)
    print(
        f"{label}: wrk {args.seconds} s, {args.connections} connections, {len(paths)} paths, {note} …",
        file=sys.stderr,
        flush=True,
    )
    return serving.run_wrk(base, paths, temp, seconds=args.seconds, connections=args.connections, threads=args.threads)


def server_problems(log_path: Path) -> list[str]:
    lines = log_path.read_text(errors="replace").splitlines() if log_path.exists() else []
    return [line for line in lines if "WORKER TIMEOUT" in line or "Traceback" in line or '"level": "ERROR"' in line]


def report(title, summary, args, problems, notes=()) -> bool:
    """Print one scenario's figures; True when it saw no error."""
    print(f"\n{title}: {summary['requests']:,} requests in {args.seconds} s ({summary['rps']:,.0f} req/s)")
    print(
        f"  latency p50 {summary.get('p50_ms', 0):.1f} ms, p99 {summary.get('p99_ms', 0):.1f} ms, "
        f"max {summary.get('max_ms', 0):.0f} ms"
    )
    print(f"  non-2xx/3xx responses: {summary['non_2xx_3xx']}")
    socket_errors = ", ".join(f"{name} {count}" for name, count in summary["socket_errors"].items()) or "none"
    print(f"  socket errors: {socket_errors}")
    for note in notes:
        print(f"  {note}")
    if problems:
        print(f"  server log: {len(problems)} error line(s), the first: {problems[0][:300]}")
    passed = summary["errors"] == 0 and not problems
    print(f"  {'PASS' if passed else 'FAIL'}")
    return passed


def imports_scenario(label, env, temp: Path, content: Path, args) -> bool:
    """wrk while import_exercises loads the second set, then the first, and so on."""
    stop_event = threading.Event()
    runs = []
    log_path = temp / "gunicorn-imports.log"
    with servers.gunicorn(env, log_path) as base, open(temp / "import.log", "w") as log:
        sets = [content / "second", content / "first"]
        importer = threading.Thread(target=lambda: runs.extend(import_loop(env, sets, stop_event, log)), daemon=True)
        started = time.monotonic()
        threading.Timer(1.0, importer.start).start()
        try:
            summary = wrk(label, base, temp, args, "imports meanwhile")
        finally:
            stop_event.set()
            time.sleep(1.5)  # the timer has started the importer by now
            importer.join(timeout=300)
        elapsed = time.monotonic() - started
    notes = [f"{len(runs)} import(s) overlapping, all done after {elapsed:.0f} s"]
    notes += [
        f"import {run['source']}: exit {run['returncode']} in {run['seconds']:.1f} s — {run['message']}" for run in runs
    ]
    passed = report(f"{label}, imports", summary, args, server_problems(log_path), notes)
    return passed and bool(runs) and all(run["returncode"] == 0 for run in runs)


def outage(redis: servers.RedisServer, start_after: float, seconds: float, times: dict):
    """Stop Redis `start_after` s from now, start it again `seconds` later; record when."""
    time.sleep(start_after)
    redis.stop()
    times["stopped"] = time.monotonic()
    time.sleep(seconds)
    redis.start()
    times["started"] = time.monotonic()


def redis_outage_scenario(label, env, temp: Path, content: Path, args) -> bool:
    """wrk with the page cache in a private Redis that is down for `args.outage` s in the middle of the run."""
    log_path = temp / "gunicorn-redis.log"
    times = {}
    with servers.RedisServer(temp / "redis.log") as redis:
        with servers.gunicorn({**env, "REDIS_URL": redis.url}, log_path) as base:
            start_after = max(1.0, (args.seconds - args.outage) / 2)
            breaker = threading.Thread(target=outage, args=(redis, start_after, args.outage, times), daemon=True)
            breaker.start()
            started = time.monotonic()
            summary = wrk(label, base, temp, args, f"Redis down for {args.outage} s after {start_after:.0f} s")
            breaker.join(timeout=args.outage + 30)
    notes = [
        f"Redis stopped at {times['stopped'] - started:.1f} s, running again at {times['started'] - started:.1f} s"
        if "started" in times
        else "Redis was not restarted"
    ]
    return report(f"{label}, Redis outage", summary, args, server_problems(log_path), notes) and "started" in times


def slow_clients_scenario(label, env, temp: Path, content: Path, args) -> bool:
    """wrk through the nginx front server while 8 connections trickle header lines and never finish."""
    log_path = temp / "gunicorn-front.log"
    static_root = Path(env["STATIC_ROOT"])
    with servers.gunicorn(env, log_path) as app:
        with servers.front_server(app, static_root, Path(env["MEDIA_ROOT"]), temp / "nginx") as front:
            port = urllib.parse.urlsplit(front).port
            with servers.slow_clients(port, count=args.slow_clients, interval=1.5):
                summary = wrk(label, front, temp, args, f"through nginx, {args.slow_clients} slow clients meanwhile")
    return report(f"{label}, slow clients through nginx", summary, args, server_problems(log_path))


def smoke(label, database_url, temp: Path, content: Path, args) -> list[bool]:
    env = prepare(label, database_url, temp, content, args)
    run = {
        "imports": imports_scenario,
        "redis-outage": redis_outage_scenario,
        "slow-clients": slow_clients_scenario,
    }
    return [run[name](label, env, temp, content, args) for name in args.scenarios]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--size", type=int, default=1000, help="Exercises in the first set (the second has 3×).")
    parser.add_argument("--outage", type=int, default=10, help="Seconds Redis is down in the redis-outage scenario.")
    parser.add_argument("--slow-clients", type=int, default=8, help="Trickling connections in slow-clients.")
    parser.add_argument("--scenarios", nargs="+", choices=SCENARIOS, default=list(SCENARIOS))
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only, even when DATABASE_URL is set.")
    args = parser.parse_args()
    for program, package in [("wrk", "wrk"), ("redis-server", "redis-server")]:
        if not serving.shutil.which(program):
            sys.exit(f"{program} is not installed (Debian: apt-get install {package}).")
    if "slow-clients" in args.scenarios and servers.nginx_binary() is None:
        sys.exit("nginx is not installed (Debian: apt-get install nginx-light, or make front-server).")

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
                results += smoke(label, serving.sqlite_url(folder), folder, content, args)
            else:
                with servers.scratch_postgres(postgres_url) as url:
                    results += smoke(label, url, folder, content, args)
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
