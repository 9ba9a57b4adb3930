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
   static file. wrk and the servers share the machine, so ratios matter more than absolute numbers;
4. generates a whole bilingual Hugo site (bench/site_content.py: 1,500 and 6,000 files of exercises,
   workouts, articles and section pages), imports it with `manage.py import_content` into a fresh
   database, and renders a workout page, the workouts list and two section pages as in 2 (bench/site.py).
   These are the "site of N files" columns; `--site-only` runs just this part (a few minutes).

`--stack` measures the published site instead, through the stack's own servers (bench/stack.py): full publish
and export_site, the front server against a static file, edit → visible; saved as bench/out/stack.md.

Everything is written to a temporary folder; the table is also saved as bench/out/latest.md.
"""

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from datetime import date
from itertools import product
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import serving, site, site_content, stack  # noqa: E402
from bench.inprocess import PAGE_TIME_LIMIT, render_cell, run_worker, setup_django, time_pages, timed  # noqa: E402
from config import servers  # noqa: E402

OUT = ROOT / "bench" / "out"
TARGETS = {"list_2_facets": 30.0, "detail": 10.0}  # p50 ms at 10,000 exercises, SQLite
THROUGHPUT_TARGETS = {"detail_uncached": 0.35, "detail_cached": 0.8}  # × static-file requests/s
PAGE_LABELS = {
    "home": "home",
    "list": "list, no filter",
    "list_2_facets": "list, 2 facets (muscle + equipment)",
    "search": "list, search",
    "search_typo": "list, search with a typo (no results: suggestion + other languages)",
    "detail": "detail",
    "landing": "landing (muscle)",
    "detail_cached": "detail, page cache hit",
}


# --- workers: each runs in its own process, against one database, and prints one JSON line -------------


def worker_import(source: str):
    setup_django()
    from exercises.importer import import_exercises

    figures = timed(lambda: import_exercises([source], content_root=source))
    figures["files"] = figures.pop("result").files
    return figures


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
            # Two inner letters swapped: finds nothing on SQLite, so the page computes "Did you mean".
            "search_typo": [f"{list_path}?q={word[0]}{word[2]}{word[1]}{word[3:]}"],
            "detail": [reverse("exercises:detail", kwargs={"slug": slug}) for slug in slugs],
            "landing": [reverse("exercises:muscle", kwargs={"slug": muscle})],
        }


def worker_render(requests: int):
    setup_django()
    paths = pick_paths()
    paths["detail_cached"] = paths["detail"][:1]
    return time_pages(paths, requests)


# --- throughput ----------------------------------------------------------------------------------------


def throughput(env: dict, folder: Path, detail_path: str, list_path: str, args) -> dict:
    """Requests/s under gunicorn for each case, in one run, plus nginx serving the detail page's HTML."""
    import urllib.request

    folder.mkdir()
    cases = {
        "static": [serving.static_file_path(Path(env["STATIC_ROOT"]))],
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


@contextmanager
def fresh_database(engine: str, folder: Path, postgres_url: str):
    """The URL of a new empty database: a SQLite file in `folder`, or a throwaway PostgreSQL database."""
    folder.mkdir()
    if engine == "SQLite":
        yield serving.sqlite_url(folder)
    else:
        with servers.scratch_postgres(postgres_url) as url:
            yield url


def measure(label, database_url, content, static_root, folder, args, with_throughput, workers=("import", "render")):
    """Import `content` with the first worker, render with the second: {worker: figures}."""
    env = servers.production_env(database_url, static_root)
    print(f"{label}: migrate …", file=sys.stderr, flush=True)
    servers.manage(env, "migrate", "--no-input")
    importer, renderer = workers
    print(f"{label}: import …", file=sys.stderr, flush=True)
    figures = {importer: run_worker(importer, env, content)}
    print(f"{label}: render ×{args.requests} per page …", file=sys.stderr, flush=True)
    figures[renderer] = run_worker(renderer, env, args.requests)
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
        if set(cells) == {"—"}:
            return  # a part that did not run (e.g. --site-only)
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {target} |")

    row("import time", lambda c: f"{c['import']['seconds']:.1f} s", "1k < 10 s; 10k < 60 s")
    row("import peak memory (process RSS)", lambda c: f"{c['import']['peak_rss_mb']:.0f} MB")
    for page, label in PAGE_LABELS.items():
        target = f"p50 ≤ {TARGETS[page]:.0f} ms at 10k, SQLite" if page in TARGETS else ""

        row(
            f"{label}: p50 / p95 · SQL queries",
            lambda c, page=page: render_cell(c["render"][page], args.requests),
            target + ("; " if target else "") + "≤ 8 queries",
        )
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
    site.rows(row, args.requests)
    stack.rows(row, columns)
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


def notes(args, with_site: bool) -> str:
    text = (
        f"Render times are in-process (Django test client, full middleware, page cache cleared before each of "
        f"{args.requests} requests, or as many as fit in {PAGE_TIME_LIMIT} s (at least 20) when a page is slow; "
        "the detail and workout rows rotate over 200 pages)."
    )
    if not args.no_throughput:
        text += (
            f" Throughput: gunicorn with config/gunicorn.py ({os.cpu_count() * 2 + 1} sync workers, local-memory "
            f"cache) and wrk ({args.threads} threads, {args.connections} connections, {args.wrk_seconds} s per row) "
            "on loopback. **The load generator and the servers share the same machine and its cores**, so absolute "
            "requests/s are a floor; the ratios to the static file served by the same gunicorn in the same run are "
            "the figures to compare."
        )
    if with_site:
        text += (
            ' The "site of N files" columns import a generated bilingual Hugo site (60 % exercises, 1/6 workouts '
            "of 10 items, the rest articles, profiles, legal and section pages) with `manage.py import_content`."
        )
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="Comma-separated exercise counts (default 1000,10000).")
    parser.add_argument("--requests", type=int, default=200, help="Measured requests per page type (default 200).")
    parser.add_argument("--wrk-seconds", type=int, default=10, help="Length of each wrk run (default 10).")
    parser.add_argument("--connections", type=int, default=64, help="wrk connections (default 64).")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2).")
    parser.add_argument("--no-throughput", action="store_true", help="Skip the gunicorn/wrk part.")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only, even when DATABASE_URL is set.")
    parser.add_argument(
        "--site-files", default="1500,6000", help="Sizes of the generated Hugo site in files (default 1500,6000)."
    )
    parser.add_argument(
        "--site-only", action="store_true", help="Only the whole-site part (import, workout/section pages)."
    )
    parser.add_argument("--no-site", action="store_true", help="Skip the whole-site part.")
    parser.add_argument(
        "--stack", action="store_true", help="Only the published site through the stack's servers (bench/stack.py)."
    )
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        kind, argument = args.worker
        print(json.dumps(WORKERS[kind](argument)))
        return

    started = time.monotonic()
    sizes = [] if args.site_only else [int(size) for size in args.sizes.split(",")]
    site_sizes = [] if args.no_site or args.stack else [int(files) for files in args.site_files.split(",")]
    args.no_throughput = args.no_throughput or args.site_only
    postgres_url = os.environ.get("DATABASE_URL", "")
    use_postgres = postgres_url.startswith(("postgres://", "postgresql://")) and not args.no_postgres
    engines = ["SQLite", "PostgreSQL"] if use_postgres else ["SQLite"]
    if not args.no_throughput and not serving.shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk); or run with --no-throughput.")

    with tempfile.TemporaryDirectory(prefix="exercise-bench-") as temp:
        temp = Path(temp)
        contents = {}
        for size in sizes:
            print(f"Generating {size:,} exercises …", file=sys.stderr, flush=True)
            contents[size] = temp / f"content-{size}"
            serving.generate(contents[size], size)
        for files in site_sizes:
            print(f"Generating a Hugo site of {files:,} files …", file=sys.stderr, flush=True)
            contents[f"site-{files}"] = temp / f"site-{files}"
            site_content.generate_site(contents[f"site-{files}"], files)
        static_root = temp / "static"
        servers.manage(servers.production_env(serving.sqlite_url(temp), static_root), "collectstatic", "--no-input")

        columns = {}
        for size, engine in product(sizes if args.stack else [], engines):
            label, folder = (
                f"{engine} {size:,}" + (" + Redis" if engine == "PostgreSQL" else ""),
                temp / f"stack-{engine}-{size}",
            )
            with fresh_database(engine, folder, postgres_url) as url, stack.redis_for(engine, folder) as redis:
                with_throughput = size == max(sizes) and not args.no_throughput
                redis_url = redis.url if redis else ""
                columns[label] = stack.measure(
                    label, url, contents[size], static_root, folder / "run", args, with_throughput, redis_url
                )
        for size, engine in product([] if args.stack else sizes, engines):
            with_throughput = size == max(sizes) and not args.no_throughput
            label, folder = f"{engine} {size:,}", temp / f"{engine}-{size}"
            with fresh_database(engine, folder, postgres_url) as url:
                columns[label] = measure(label, url, contents[size], static_root, folder / "run", args, with_throughput)
        for files, engine in product(site_sizes, engines):
            label, folder = f"{engine}, site of {files:,} files", temp / f"{engine}-site-{files}"
            with fresh_database(engine, folder, postgres_url) as url:
                site_folder = contents[f"site-{files}"]
                columns[label] = measure(label, url, site_folder, static_root, None, args, False, SITE_WORKERS)

    minutes = (time.monotonic() - started) / 60
    report = "\n".join(
        [
            f"Benchmark of {date.today().isoformat()} on {machine()}; {minutes:.1f} minutes.",
            "",
            table(columns, args),
            "",
            notes(args, with_site=bool(site_sizes)),
        ]
    )
    print(report)
    OUT.mkdir(exist_ok=True)
    # A --site-only or --stack run keeps the last full table.
    name = "site" if args.site_only else "stack" if args.stack else "latest"
    (OUT / f"{name}.md").write_text(report + "\n")
    (OUT / f"{name}.json").write_text(json.dumps(columns, indent=2, default=str))
    failures = [] if args.stack else check_targets(columns, sizes)
    for failure in failures:
        print(f"Target missed: {failure}", file=sys.stderr)


def check_targets(columns, sizes) -> list[str]:
    failures = []
    largest = f"SQLite {max(sizes, default=0):,}"
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


WORKERS = {"import": worker_import, "render": lambda requests: worker_render(int(requests))}
WORKERS.update(import_site=site.worker_import, render_site=site.worker_render)
WORKERS.update(publish=stack.worker_publish, export=stack.worker_export, edits=stack.worker_edits)
SITE_WORKERS = ("import_site", "render_site")

if __name__ == "__main__":
    main()
