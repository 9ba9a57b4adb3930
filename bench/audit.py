"""`make audit`: Lighthouse (mobile and desktop), axe-core and screenshots of a locally served, production-like site.

Builds a throwaway SQLite database, imports fixtures/ plus --library generated exercises in English and
Spanish (bench/audit_library.py), runs gunicorn with production settings (debug off, a throwaway key, no SSL
redirect) on 127.0.0.1, then audits home, list, detail, a muscle page and a workout page with Debian's
chromium: Lighthouse on the English pages in its mobile and desktop presets, axe on every page in both
languages at a phone's and a laptop's width, and full-page screenshots of each (bench/out/screenshots/). It
prints one table of scores per page and form factor, the detail page's budgets, then every Lighthouse audit
that did not pass (of the run with the median performance score, out of --runs) and every axe violation.
Reports land in bench/out/. Lighthouse is an audit tool, not a test: the exit status is 0 even when a score
is below 100, unless a tool fails to run at all.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.audit_browser import AXE_SCRIPT, axe_and_screenshots  # noqa: E402
from bench.audit_library import write_library  # noqa: E402

OUT = ROOT / "bench" / "out"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
SCREENSHOTS = OUT / "screenshots"
# Lighthouse's settings per form factor: mobile is its default (a throttled phone), desktop its preset.
FORM_FACTORS = {"mobile": [], "desktop": ["--preset=desktop"]}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# The audited pages in both languages: the first exercise (by slug) of the fixtures that has a Spanish
# translation, both versions given a video if they have none (the heaviest thing a detail page shows), the
# muscle with the most exercises and the first bilingual workout. Printed as one JSON line.
PICK_PAGES = """
import json
from django.db.models import Count
from django.urls import reverse
from django.utils import translation
from exercises.models import Exercise
from exercises.terms import Muscle
from workouts.models import Workout

def bilingual(model):
    spanish = model.objects.published().in_language("es").values("translation_key")
    return model.objects.published().in_language("en").filter(translation_key__in=spanish).order_by("slug")

def in_both(row):
    return {"en": row.get_absolute_url(), "es": row.translations().get(language="es").get_absolute_url()}

def named(url_name):
    paths = {}
    for language in ("en", "es"):
        with translation.override(language):
            paths[language] = reverse(url_name)
    return paths

exercise = bilingual(Exercise).exclude(slug__startswith="exercise-").first()
for version in (exercise, *exercise.translations()):
    if not version.video_id:
        version.video_id = "dQw4w9WgXcQ"
        version.save()
muscle = Muscle.objects.filter(language="en").annotate(uses=Count("exercise_links")).order_by("-uses", "slug")[0]
pages = {"home": named("exercises:home"), "list": named("exercises:list"), "detail": in_both(exercise),
         "muscle": in_both(muscle), "workout": in_both(bilingual(Workout).first())}
print("PAGES " + json.dumps(pages))
"""
# This machine is offline: block the thumbnail the way a content blocker would; Lighthouse ignores such
# blocked requests in its console audit. Online, drop this to measure the real thumbnail.
OFFLINE_BLOCKED = ["https://i.ytimg.com/*"]


def chromium_path():
    path = os.environ.get("CHROMIUM_PATH") or os.environ.get("CHROME_PATH") or "/usr/bin/chromium"
    return path if os.access(path, os.X_OK) else shutil.which("chromium")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(folder: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=f"sqlite:///{folder / 'audit.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *args, stdin=None):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, input=stdin, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def prepare_site(env, folder: Path, exercises: int):
    """Migrate, collect static files and import fixtures/ plus `exercises` generated exercises; return
    {page name: {language: path}} of the audited pages."""
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    write_library(folder / "content", exercises)
    manage(env, "import_content", str(folder / "content"), "--strict-tags", "-v", "0")
    output = manage(env, "shell", stdin=PICK_PAGES)
    return json.loads(re.search(r"^PAGES (.+)$", output, re.MULTILINE).group(1))


def wait_for(url, process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.3)
    sys.exit(f"the site did not answer at {url} within {seconds} s")


def run_lighthouse(url, name, form_factor, chromium):
    """One Lighthouse run; the report is also written as bench/out/lighthouse-<name>.{json,html}."""
    report = OUT / f"lighthouse-{name}.report.json"
    env = {**os.environ, "CHROME_PATH": chromium}
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        *FORM_FACTORS[form_factor],
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        "--output=json",
        "--output=html",
        f"--output-path={OUT / f'lighthouse-{name}'}",
        *(f"--blocked-url-patterns={pattern}" for pattern in OFFLINE_BLOCKED),
    ]
    # On a busy machine Lighthouse sometimes loses the page load's trace (NO_NAVSTART): that run is retried.
    for _attempt in range(3):
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode == 0:
            return json.loads(report.read_text())
        if "Please run Lighthouse again" not in result.stderr:
            break
    sys.exit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")


def median_lighthouse(url, name, form_factor, chromium, runs):
    """The run with the median performance score, as Lighthouse's docs advise against run-to-run noise."""
    results = []
    for run in range(runs):
        report = run_lighthouse(url, f"{name}-{run + 1}", form_factor, chromium)
        results.append((report["categories"]["performance"]["score"], run + 1, report))
    results.sort(key=lambda result: result[:2])
    _score, run, report = results[len(results) // 2]
    for suffix in ("json", "html"):
        shutil.copyfile(OUT / f"lighthouse-{name}-{run}.report.{suffix}", OUT / f"lighthouse-{name}.{suffix}")
    spread = sorted(round(score * 100) for score, _run, _report in results)
    return report, spread


def failed_audits(lighthouse_report):
    """(category, audit title, display value) for every scored audit below 1 in the audited categories."""
    audits = lighthouse_report["audits"]
    missed = []
    for category in CATEGORIES:
        for ref in lighthouse_report["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                detail = audit.get("displayValue") or ""
                missed.append((category, f"{ref['id']}: {audit['title']}", detail, audit["score"]))
            elif audit["scoreDisplayMode"] == "error":
                missed.append((category, f"{ref['id']}: {audit['title']}", audit.get("errorMessage", ""), None))
    return missed


def transfer_sizes(lighthouse_report):
    """Uncompressed bytes of the page's own HTML, CSS and JS, as issue 6's budgets count them."""
    sizes = {"Document": 0, "Stylesheet": 0, "Script": 0}
    for item in lighthouse_report["audits"]["network-requests"]["details"]["items"]:
        if item.get("resourceType") in sizes:
            sizes[item["resourceType"]] += item.get("resourceSize") or 0
    return sizes


def start_server(env, folder):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
        + ["config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(folder / "gunicorn.log").open("w"),
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/", server)
    return server, base


def stop_server(server):
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()


def audit(base, pages, chromium, runs):
    """Lighthouse on each English page in each form factor ({(page, form factor): (report, spread)}), then
    axe and screenshots in both languages ({(page, form factor): [violations]})."""
    lighthouse = {}
    for name, paths in pages.items():
        for form_factor in FORM_FACTORS:
            url = base + paths["en"]
            print(f"  lighthouse {name} {form_factor}: {url}", flush=True)
            lighthouse[name, form_factor] = median_lighthouse(url, f"{name}-{form_factor}", form_factor, chromium, runs)
    print(f"  axe and screenshots ({SCREENSHOTS.relative_to(ROOT)}/)", flush=True)
    axe = axe_and_screenshots(base, pages, chromium, CHROME_FLAGS, SCREENSHOTS)
    return lighthouse, axe


def print_table(lighthouse, axe):
    header = ["page", "form factor", "performance", "accessibility", "best practices", "SEO", "axe (en+es)", "runs"]
    rows = []
    for (name, form_factor), (report, spread) in lighthouse.items():
        scores = [round(report["categories"][c]["score"] * 100) for c in CATEGORIES]
        violations = str(len(axe[name, form_factor]))
        rows.append([name, form_factor, *map(str, scores), violations, " ".join(map(str, spread))])
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    print()
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


def print_budgets(detail_report):
    sizes = transfer_sizes(detail_report)
    budgets = {"Document": ("HTML", 40), "Stylesheet": ("CSS", 20), "Script": ("JS", 5)}
    print(
        "\ndetail page budgets (uncompressed): "
        + ", ".join(
            f"{label} {sizes[kind] / 1024:.1f} KB of {limit} KB{'' if sizes[kind] <= limit * 1024 else ' OVER'}"
            for kind, (label, limit) in budgets.items()
        )
    )


def print_misses(lighthouse, axe):
    print()
    for (name, form_factor), (report, _spread) in lighthouse.items():
        missed = failed_audits(report)
        for category, title, detail, score in missed:
            shown = "error" if score is None else f"score {score:.2f}"
            print(f"{name} {form_factor}: [{category}] {title} ({shown}{', ' + detail if detail else ''})")
        for violation in axe[name, form_factor]:
            print(f"{name} {form_factor}: [axe] {violation}")
        if not missed and not axe[name, form_factor]:
            print(f"{name} {form_factor}: every audit passes")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median is shown.")
    parser.add_argument("--library", type=int, default=600, help="Generated exercises (half of them in Spanish).")
    parser.add_argument("--keep", action="store_true", help="Keep the throwaway folder (database, media).")
    args = parser.parse_args()

    chromium = chromium_path()
    if not chromium:
        sys.exit("chromium is not installed: run `make browser`")
    if not LIGHTHOUSE.exists() or not AXE_SCRIPT.exists():
        sys.exit("node_modules is missing: run `make node_modules` (npm ci)")
    OUT.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="exercise-audit-"))
    env = production_env(folder)
    try:
        pages = prepare_site(env, folder, args.library)
        server, base = start_server(env, folder)
        try:
            print(f"Auditing {base} (fixtures/ + {args.library} generated exercises); reports in bench/out/")
            lighthouse, axe = audit(base, pages, chromium, max(1, args.runs))
        finally:
            stop_server(server)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print_table(lighthouse, axe)
    print_budgets(lighthouse["detail", "mobile"][0])
    print_misses(lighthouse, axe)


if __name__ == "__main__":
    main()
