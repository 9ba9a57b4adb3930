"""`make bench BENCH_ARGS=--stack`: the published site as `make stack` serves it, side by side with static files.

For each size and database (SQLite with in-process publishing; PostgreSQL with Redis, the RQ worker and the
Redis-held content version when DATABASE_URL points at a server) this part imports the generated exercises,
then measures

- a full publish (`publish_site`) and `export_site`: wall time and peak resident memory of the process;
- at the largest size, wrk through the front server (nginx, the shipped config) on the published detail,
  list and landing pages against nginx serving a static CSS file, and through gunicorn alone a page-cache
  hit against a static file from the same gunicorn (whitenoise);
- edit → visible: an exercise shown on about 50 published pages gets a new title (saved as the admin saves,
  in a transaction), and the time until the front server sends it is measured, and until every page that
  showed the old title has the new one. p50 / p95 over the edits.
"""

import statistics
import sys
import time
import urllib.request
from contextlib import ExitStack, nullcontext
from pathlib import Path

from bench import serving
from bench.inprocess import run_worker, setup_django, timed
from config import servers

EDITS = 20
APP_ROUNDS = 3
TARGET_PAGES = 50


def worker_publish(_unused):
    setup_django()
    from publisher import site

    figures = timed(site.publish_all)
    figures["counts"] = figures.pop("result").counts()
    return figures


def worker_export(outdir):
    setup_django()
    from publisher.export import export_site

    figures = timed(lambda: export_site(outdir))
    result = figures.pop("result")
    figures.update(pages=result.pages, files=result.static_files)
    return figures


def _exercise_on_about(pages: int):
    """The exercise whose row key the number of published pages closest to `pages` depend on."""
    from django.db.models import Count

    from exercises.models import Exercise
    from publisher.models import Dependency

    counts = (
        Dependency.objects.filter(key__startswith="exercises.exercise:")
        .values("key")
        .annotate(pages=Count("id"))
        .order_by()
    )
    best = min(counts, key=lambda row: (abs(row["pages"] - pages), row["key"]))
    return Exercise.objects.get(pk=int(best["key"].rpartition(":")[2])), best["pages"]


def _wait(check, seconds=30.0) -> float:
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > seconds:
            raise RuntimeError(f"not visible after {seconds} s")
        time.sleep(0.005)
    return time.monotonic() - started


def worker_edits(front):
    """Edit one exercise's title EDITS times; seconds until the front sends it, and until every page has it."""
    setup_django()
    from django.conf import settings
    from django.db import transaction
    from django.utils import timezone

    from publisher import files
    from publisher.models import Dependency

    exercise, pages = _exercise_on_about(TARGET_PAGES)
    url = front + exercise.get_absolute_url()
    root = Path(settings.PUBLISH_ROOT)
    key = f"exercises.exercise:{exercise.pk}"
    names = [files.file_name(path) for path in Dependency.objects.filter(key=key).values_list("page__path", flat=True)]
    visible, everywhere = [], []
    for number in range(EDITS):
        # html-escaped as the pages show it; the generated titles need no escaping
        showing = [name for name in names if exercise.title.encode() in (root / name).read_bytes()]
        title = f"{exercise.title.split(' #')[0]} #{number}".encode()
        started, since = time.monotonic(), timezone.now()
        with transaction.atomic():
            exercise.title = title.decode()
            exercise.save()

        def on_every_page(title=title, showing=showing):
            return all(title in (root / name).read_bytes() for name in showing)

        _wait(lambda title=title: _shows(url, title))
        visible.append(time.monotonic() - started)
        _wait(on_every_page)
        everywhere.append(time.monotonic() - started)
        # Each edit measured alone: the job also re-renders pages that depend on the row without showing its
        # title (the sitemap shows its lastmod), and a next edit would wait behind them.
        _wait(lambda since=since: _all_rendered_since(key, since))
    back_to_back = []
    for number in range(EDITS):
        # As an editor saving again and again: each save starts while the last one's lists are still due.
        title = f"{exercise.title.split(' #')[0]} #b{number}".encode()
        started = time.monotonic()
        with transaction.atomic():
            exercise.title = title.decode()
            exercise.save()
        _wait(lambda title=title: _shows(url, title))
        back_to_back.append(time.monotonic() - started)
    return {
        "pages": len(showing),
        "visible": _percentiles(visible),
        "everywhere": _percentiles(everywhere),
        "back_to_back": _percentiles(back_to_back),
    }


def _shows(url, title: bytes) -> bool:
    with urllib.request.urlopen(url, timeout=5) as response:
        return title in response.read()


def _all_rendered_since(key, since) -> bool:
    from publisher.models import PublishedPage

    return not PublishedPage.objects.filter(dependencies__key=key, published_at__lt=since).exists()


def _percentiles(seconds):
    milliseconds = sorted(value * 1000 for value in seconds)
    return {"p50": statistics.median(milliseconds), "p95": statistics.quantiles(milliseconds, n=20)[18]}


def _paths(front: str) -> dict:
    """A landing page and 200 detail pages, read from the published sitemap."""
    import re

    with urllib.request.urlopen(front + "/sitemap.xml") as response:
        locations = re.findall(r"<loc>https?://[^/<]+(/[^<]*)</loc>", response.read().decode())
    details = [path for path in locations if path.startswith("/exercises/") and path.count("/") == 3][:200]
    landing = next(path for path in locations if path.startswith("/muscles/") and path.count("/") == 3)
    return {"detail": details, "list": ["/exercises/"], "landing": [landing]}


def measure(label, database_url, content, static_root: Path, folder: Path, args, with_throughput, redis_url=""):
    """Import, publish, export, and (at the largest size) throughput and edit latency through the stack."""
    from bench.run import run_wrk

    folder.mkdir(parents=True, exist_ok=True)
    front_port = servers.free_port()
    extra = {"REDIS_URL": redis_url} if redis_url else {}
    env = servers.production_env(
        database_url,
        static_root,
        PUBLISH_ROOT=str(folder / "published"),
        SITE_URL=f"http://127.0.0.1:{front_port}",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        **extra,
    )
    print(f"{label}: migrate and import …", file=sys.stderr, flush=True)
    servers.manage(env, "migrate", "--no-input")
    # Publishing follows the import: measured below as a full publish, so the import itself does not publish.
    figures = {"import": run_worker("import", {**env, "PUBLISH_ROOT": ""}, content)}
    print(f"{label}: full publish …", file=sys.stderr, flush=True)
    figures["publish"] = run_worker("publish", env, "-")
    print(f"{label}: export_site …", file=sys.stderr, flush=True)
    figures["export"] = run_worker("export", env, folder / "export")
    if not with_throughput:
        return figures
    with ExitStack() as running:
        app = running.enter_context(servers.gunicorn(env, folder / "gunicorn.log"))
        running.enter_context(servers.publish_worker(env, folder / "worker.log"))
        front = running.enter_context(
            servers.front_server(app, static_root, folder / "media", folder / "nginx", env=env, port=front_port)
        )
        paths = _paths(front)
        cases = {
            "front_static": (front, [serving.static_file_path(static_root)]),
            "front_detail": (front, paths["detail"]),
            "front_list": (front, paths["list"]),
            "front_landing": (front, paths["landing"]),
        }
        figures["throughput"] = {}
        for name, (base, case_paths) in cases.items():
            print(f"{label}: wrk {name} …", file=sys.stderr, flush=True)
            figures["throughput"][name] = run_wrk(base, case_paths, folder, args)
        print(f"{label}: wrk gunicorn alone, static file and page-cache hit in turn …", file=sys.stderr, flush=True)
        urllib.request.urlopen(app + paths["detail"][0]).read()  # warm the page cache
        app_cases = {"app_static": [serving.static_file_path(static_root)], "app_detail_cached": paths["detail"][:1]}
        figures["throughput"].update(_in_turn(app, app_cases, folder, args))
        print(f"{label}: edits …", file=sys.stderr, flush=True)
        figures["edits"] = run_worker("edits", env, front)
    return figures


def _in_turn(base, cases: dict, folder: Path, args) -> dict:
    """wrk on each case in turn, APP_ROUNDS times, median requests/s: with wrk on the same two cores, one run
    of each drifts by ±15 % between runs, which is more than the difference measured."""
    from bench.run import run_wrk

    runs = {name: [] for name in cases}
    for _round in range(APP_ROUNDS):
        for name, paths in cases.items():
            runs[name].append(run_wrk(base, paths, folder, args))
    return {
        name: {"rps": statistics.median(run["rps"] for run in done), "errors": sum(run["errors"] for run in done)}
        for name, done in runs.items()
    }


def redis_for(engine: str, folder: Path):
    """A private Redis for the PostgreSQL runs (production's shape); none for SQLite (in-process publishing)."""
    return servers.RedisServer(folder / "redis.log") if engine == "PostgreSQL" else nullcontext()


def rows(row, columns):
    """The stack part's rows of the bench table."""

    def seconds_and_memory(part):
        return lambda c: f"{c[part]['seconds']:.1f} s · {c[part]['peak_rss_mb']:.0f} MB"

    row("full publish (`publish_site`): time · peak RSS", seconds_and_memory("publish"))
    row("published files (pages)", lambda c: f"{c['publish']['counts'].get('written', 0):,}")
    row("`export_site`: time · peak RSS", seconds_and_memory("export"))

    def rate(case, static):
        def cell(c):
            runs = c["throughput"]
            errors = f", {runs[case]['errors']} errors" if runs[case]["errors"] else ""
            ratio = "" if case == static else f" ({runs[case]['rps'] / runs[static]['rps']:.2f}×)"
            return f"{runs[case]['rps']:,.0f} req/s{ratio}{errors}"

        return cell

    labels = {
        "front_static": ("front server (nginx), static CSS file: wrk", "front_static", ""),
        "front_detail": ("front server, published detail pages: wrk", "front_static", "≥ 0.8× static (nginx)"),
        "front_list": ("front server, published list page: wrk", "front_static", "≥ 0.8× static (nginx)"),
        "front_landing": ("front server, published landing page: wrk", "front_static", "≥ 0.8× static (nginx)"),
        "app_static": ("gunicorn alone, static file (whitenoise): wrk, median of 3", "app_static", ""),
        "app_detail_cached": (
            "gunicorn alone, detail page-cache hit: wrk, median of 3",
            "app_static",
            "≥ 0.9× static (gunicorn)",
        ),
    }
    for case, (label, static, target) in labels.items():
        row(label, rate(case, static), target)

    def edits(part):
        return lambda c: (
            f"{c['edits'][part]['p50']:.0f} / {c['edits'][part]['p95']:.0f} ms ({c['edits']['pages']} pages)"
        )

    row("edit → visible through the front: p50 / p95", edits("visible"), "p95 ≤ 1 s")
    row("edit → every page that showed it updated: p50 / p95", edits("everywhere"), "")
    row("edits back to back → each visible through the front: p50 / p95", edits("back_to_back"), "p95 ≤ 1 s")
