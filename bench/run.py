"""`make bench`: import, render and throughput figures on fresh databases, printed as one Markdown table.

For each size (1,000 and 10,000 exercises) and each database (a temporary SQLite file; also a throwaway
PostgreSQL database when DATABASE_URL points at a server) this script

1. generates the exercises as Markdown files with bench/import_benchmark.py's generator and imports them
   in a fresh process (wall time and peak resident memory of that process);
2. renders each page type ≥ 200 times in-process through the full middleware stack with Django's test
   client, clearing the page cache before every request (so each one renders), and reports p50/p95
   and the number of SQL queries;
3. at the largest size, serves the site with gunicorn (production settings, config/gunicorn.py) and
   measures requests per second with wrk for a static file (whitenoise), detail and list pages with the
   page cache hit and missed, and nginx serving a saved copy of the detail page — as ratios to the
   static file. wrk and the servers share the machine, so ratios matter more than absolute numbers.

Everything is written to a temporary folder; the table is also saved as bench/out/latest.md.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import serving  # noqa: E402
from config import servers  # noqa: E402

OUT = ROOT / "bench" / "out"
TARGETS = {"list_2_facets": 30.0, "detail": 10.0}  # p50 ms at 10,000 exercises, SQLite
THROUGHPUT_TARGETS = {"detail_uncached": 0.35, "detail_cached": 0.8}  # × static-file requests/s
# A page slower than this stops after at least 20 requests, so that one slow page cannot stretch the run.
PAGE_TIME_LIMIT = 40
PAGE_LABELS = {
    "home": "home",
    "list": "list, no filter",
    "list_2_facets": "list, 2 facets (muscle + equipment)",
    "search": "list, search",
    "detail": "detail",
    "landing": "landing (muscle)",
    "detail_cached": "detail, page cache hit",
}


# --- workers: each runs in its own process, against one database, and prints one JSON line -------------


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def worker_import(source: str):
    import resource

    _setup_django()
    from exercises.importer import import_exercises

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    result = import_exercises([source], content_root=source)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "files": result.files, "peak_rss_mb": peak / 1024, "baseline_rss_mb": baseline / 1024}


def pick_paths(language="en"):
    """Realistic URLs: a common muscle and equipment, a common title word, public detail pages."""
    from django.urls import reverse
    from django.utils import translation

    from exercises.filters import tag_counts
    from exercises.models import Exercise, TaggedEquipment, TaggedMuscle

    public = Exercise.objects.published().in_language(language)
    muscle = max(tag_counts(TaggedMuscle, public), key=lambda row: row[2])[0]
    equipment = max(tag_counts(TaggedEquipment, public), key=lambda row: row[2])[0]
    titles = public.order_by("?").values_list("title", flat=True)[:500]
    words = Counter(word.lower() for title in titles for word in title.split() if len(word) >= 4)
    word = words.most_common(1)[0][0]
    slugs = list(public.order_by("?").values_list("slug", flat=True)[:200])
    with translation.override(language):
        list_path = reverse("exercises:list")
        return {
            "home": [reverse("exercises:home")],
            "list": [list_path],
            "list_2_facets": [f"{list_path}?muscle={muscle}&equipment={equipment}"],
            "search": [f"{list_path}?q={word}"],
            "detail": [reverse("exercises:detail", kwargs={"slug": slug}) for slug in slugs],
            "landing": [reverse("exercises:muscle", kwargs={"slug": muscle})],
        }


def worker_render(requests: int):
    _setup_django()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    paths = pick_paths()
    paths["detail_cached"] = paths["detail"][:1]
    figures = {}
    for name, urls in paths.items():
        cached = name.endswith("_cached")

        def get(url, cached=cached):
            if not cached:
                cache.clear()
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            return elapsed, response

        for i in range(10):
            get(urls[i % len(urls)])
        timings = []
        deadline = time.monotonic() + PAGE_TIME_LIMIT
        while len(timings) < requests and (len(timings) < 20 or time.monotonic() < deadline):
            timings.append(get(urls[len(timings) % len(urls)])[0] * 1000)
        with CaptureQueriesContext(connection) as queries:
            _, response = get(urls[0])
        quantiles = statistics.quantiles(timings, n=100)
        figures[name] = {
            "p50": statistics.median(timings),
            "p95": quantiles[94],
            "queries": len(queries),
            "url": urls[0],
            "bytes": len(response.content),
            "requests": len(timings),
        }
    return figures


def run_worker(kind: str, env: dict, *args) -> dict:
    command = [servers.PYTHON, str(Path(__file__).resolve()), "--worker", kind, *map(str, args)]
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{kind} worker failed:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- throughput ----------------------------------------------------------------------------------------


def static_file_path(static_root: Path) -> str:
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def throughput(env: dict, folder: Path, detail_path: str, list_path: str, args) -> dict:
    """Requests/s under gunicorn for each case, in one run, plus nginx serving the detail page's HTML."""
    import urllib.request

    folder.mkdir()
    cases = {
        "static": [static_file_path(Path(env["STATIC_ROOT"]))],
        "detail_cached": [detail_path],
        # {n} makes every request's page-cache key unique; the views ignore page numbers this large.
        "detail_uncached": [f"{detail_path}?page={{n}}"],
        "list_cached": [list_path],
        "list_uncached": [f"{list_path}?page={{n}}"],
    }
    figures = {}
    with servers.gunicorn(env, folder / "gunicorn.log") as base:
        for name, paths in cases.items():
            print(f"  wrk {name} …", file=sys.stderr, flush=True)
            figures[name] = run_wrk(base, paths, folder, args)
        with urllib.request.urlopen(base + detail_path) as response:
            html = response.read()
    with serving.nginx({"detail.html": html}) as nginx_base:
        if nginx_base:
            print("  wrk nginx …", file=sys.stderr, flush=True)
            figures["nginx_detail"] = run_wrk(nginx_base, ["/detail.html"], folder, args)
    return figures


def run_wrk(base, paths, folder, args):
    summary = serving.run_wrk(
        base, paths, folder, seconds=args.wrk_seconds, connections=args.connections, threads=args.threads
    )
    summary.pop("output")
    return summary


# --- one database at one size --------------------------------------------------------------------------


def measure(label, database_url, content, static_root, folder, args, with_throughput):
    env = servers.production_env(database_url, static_root)
    print(f"{label}: migrate …", file=sys.stderr, flush=True)
    servers.manage(env, "migrate", "--no-input")
    print(f"{label}: import …", file=sys.stderr, flush=True)
    figures = {"import": run_worker("import", env, content)}
    print(f"{label}: render ×{args.requests} per page …", file=sys.stderr, flush=True)
    figures["render"] = run_worker("render", env, args.requests)
    if with_throughput:
        print(f"{label}: throughput …", file=sys.stderr, flush=True)
        render = figures["render"]
        figures["throughput"] = throughput(env, folder, render["detail"]["url"], render["list"]["url"], args)
    return figures


# --- the table -----------------------------------------------------------------------------------------


def table(columns: dict, args) -> str:
    names = list(columns)
    lines = [
        "| Measure | " + " | ".join(names) + " | Target |",
        "|---|" + "---:|" * len(names) + "---|",
    ]

    def row(label, cell, target=""):
        cells = []
        for name in names:
            try:
                cells.append(cell(columns[name]))
            except (KeyError, TypeError):
                cells.append("—")
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {target} |")

    row("import time", lambda c: f"{c['import']['seconds']:.1f} s", "1k < 10 s; 10k < 60 s")
    row("import peak memory (process RSS)", lambda c: f"{c['import']['peak_rss_mb']:.0f} MB")
    for page, label in PAGE_LABELS.items():
        target = f"p50 ≤ {TARGETS[page]:.0f} ms at 10k, SQLite" if page in TARGETS else ""

        def cell(c, page=page):
            figure = c["render"][page]
            cut = f" (only {figure['requests']})" if figure["requests"] < args.requests else ""
            return f"{figure['p50']:.1f} / {figure['p95']:.1f} ms · {figure['queries']} q{cut}"

        row(f"{label}: p50 / p95 · SQL queries", cell, target + ("; " if target else "") + "≤ 8 queries")
    rps_labels = {
        "static": "static file (whitenoise, same gunicorn)",
        "detail_uncached": "detail, page cache miss",
        "detail_cached": "detail, page cache hit",
        "list_uncached": "list, page cache miss",
        "list_cached": "list, page cache hit",
        "nginx_detail": "nginx, saved copy of the detail page",
    }
    for case, label in rps_labels.items():
        target = f"≥ {THROUGHPUT_TARGETS[case]}× static" if case in THROUGHPUT_TARGETS else ""

        def cell(c, case=case):
            runs = c["throughput"]
            rate = runs[case]["rps"]
            ratio = "" if case == "static" else f" ({rate / runs['static']['rps']:.2f}×)"
            errors = f", {runs[case]['errors']} errors" if runs[case]["errors"] else ""
            return f"{rate:,.0f} req/s{ratio}{errors}"

        row(f"{label}: wrk", cell, target)
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GB RAM, Python {platform.python_version()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="Comma-separated exercise counts (default 1000,10000).")
    parser.add_argument("--requests", type=int, default=200, help="Measured requests per page type (default 200).")
    parser.add_argument("--wrk-seconds", type=int, default=10, help="Length of each wrk run (default 10).")
    parser.add_argument("--connections", type=int, default=64, help="wrk connections (default 64).")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2).")
    parser.add_argument("--no-throughput", action="store_true", help="Skip the gunicorn/wrk part.")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only, even when DATABASE_URL is set.")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        kind, *rest = args.worker
        result = worker_import(rest[0]) if kind == "import" else worker_render(int(rest[0]))
        print(json.dumps(result))
        return

    started = time.monotonic()
    sizes = [int(size) for size in args.sizes.split(",")]
    postgres_url = os.environ.get("DATABASE_URL", "")
    use_postgres = postgres_url.startswith(("postgres://", "postgresql://")) and not args.no_postgres
    if not args.no_throughput and not serving.shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk); or run with --no-throughput.")

    with tempfile.TemporaryDirectory(prefix="exercise-bench-") as temp:
        temp = Path(temp)
        contents = {}
        for size in sizes:
            print(f"Generating {size:,} exercises …", file=sys.stderr, flush=True)
            contents[size] = temp / f"content-{size}"
            serving.generate(contents[size], size)
        static_root = temp / "static"
        servers.manage(servers.production_env(serving.sqlite_url(temp), static_root), "collectstatic", "--no-input")

        columns = {}
        for size in sizes:
            with_throughput = size == max(sizes) and not args.no_throughput
            folder = temp / f"sqlite-{size}"
            folder.mkdir()
            label = f"SQLite {size:,}"
            columns[label] = measure(
                label, serving.sqlite_url(folder), contents[size], static_root, folder / "run", args, with_throughput
            )
            if use_postgres:
                label = f"PostgreSQL {size:,}"
                with serving.throwaway_postgres(postgres_url) as url:
                    folder = temp / f"postgres-{size}"
                    folder.mkdir()
                    columns[label] = measure(
                        label, url, contents[size], static_root, folder / "run", args, with_throughput
                    )

    minutes = (time.monotonic() - started) / 60
    report = "\n".join(
        [
            f"Benchmark of {date.today().isoformat()} on {machine()}; {minutes:.1f} minutes.",
            "",
            table(columns, args),
            "",
            f"Render times are in-process (Django test client, full middleware, page cache cleared before each of "
            f"{args.requests} requests, or as many as fit in {PAGE_TIME_LIMIT} s (at least 20) when a page is slow; "
            "the detail row rotates over 200 exercises). Throughput: gunicorn with "
            f"config/gunicorn.py ({os.cpu_count() * 2 + 1} sync workers, local-memory cache) and wrk "
            f"({args.threads} threads, {args.connections} connections, {args.wrk_seconds} s per row) on loopback. "
            "**The load generator and the servers share the same machine and its cores**, so absolute requests/s are "
            "a floor; the ratios to the static file served by the same gunicorn in the same run are the figures "
            "to compare.",
        ]
    )
    print(report)
    OUT.mkdir(exist_ok=True)
    (OUT / "latest.md").write_text(report + "\n")
    (OUT / "latest.json").write_text(json.dumps(columns, indent=2, default=str))
    failures = check_targets(columns, sizes)
    for failure in failures:
        print(f"Target missed: {failure}", file=sys.stderr)


def check_targets(columns, sizes) -> list[str]:
    failures = []
    largest = f"SQLite {max(sizes):,}"
    if largest not in columns or max(sizes) < 10000:
        return failures
    render = columns[largest]["render"]
    for page, limit in TARGETS.items():
        if render[page]["p50"] > limit:
            failures.append(f"{PAGE_LABELS[page]} p50 {render[page]['p50']:.1f} ms > {limit:.0f} ms")
    runs = columns[largest].get("throughput")
    if runs:
        for case, ratio in THROUGHPUT_TARGETS.items():
            measured = runs[case]["rps"] / runs["static"]["rps"]
            if measured < ratio:
                failures.append(f"{case} throughput {measured:.2f}× static < {ratio}×")
    return failures


if __name__ == "__main__":
    main()
