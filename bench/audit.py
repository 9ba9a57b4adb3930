"""`make audit`: Lighthouse (mobile) and axe-core against a locally served, production-like site.

Builds a throwaway SQLite database, imports fixtures/ (or a few demo exercises when it is empty), runs
gunicorn with production settings (debug off, a throwaway key, no SSL redirect) on 127.0.0.1, then audits
the home, list and detail pages with Debian's chromium and prints one table of scores, followed by every
Lighthouse audit that did not pass (of the run with the median performance score, out of --runs). Reports
land in bench/out/. Lighthouse is an audit tool, not a test:
the exit status is 0 even when a score is below 100, unless a tool fails to run at all.
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
OUT = ROOT / "bench" / "out"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
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

DEMO_DATA = """
from exercises.tests.factories import make_full_exercise, make_exercise
make_full_exercise(video_id="dQw4w9WgXcQ", author="Ana", translation_key="prone-leg-lift")
make_full_exercise("Side Leg Lift", slug="side-leg-lift", translation_key="side-leg-lift")
make_exercise("Elevación de pierna prona", slug="elevacion-de-pierna-prona", language="es",
              translation_key="prone-leg-lift", description="Levanta una pierna estirada.",
              steps=("Túmbate boca abajo.", "Levanta una pierna."), muscles=("Glúteos",))
"""

PICK_VIDEO_EXERCISE = """
from exercises.models import Exercise
public = Exercise.objects.published().in_language("en")
exercise = public.exclude(video_id="").first()
if exercise is None:
    exercise = public.order_by("slug").first()
    exercise.video_id = "dQw4w9WgXcQ"
    exercise.save()
print("DETAIL", exercise.get_absolute_url())
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


def prepare_site(env):
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    fixtures = ROOT / "fixtures"
    if fixtures.is_dir() and any(fixtures.rglob("*.md")):
        manage(env, "import_exercises", "fixtures/", "-v", "0")
        return "fixtures/"
    manage(env, "shell", stdin=DEMO_DATA)
    return "demo exercises (fixtures/ is empty)"


def video_detail_path(env):
    """The path of a public English exercise with a video, giving one a video if none has, so the
    audited detail page includes the video facade (the heaviest thing a detail page shows)."""
    output = manage(env, "shell", stdin=PICK_VIDEO_EXERCISE)
    return re.search(r"^DETAIL (\S+)$", output, re.MULTILINE).group(1)


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


def run_lighthouse(url, name, chromium):
    """One Lighthouse run; the report is also written as bench/out/lighthouse-<name>.{json,html}."""
    report = OUT / f"lighthouse-{name}.report.json"
    env = {**os.environ, "CHROME_PATH": chromium}
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--form-factor=mobile",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        "--output=json",
        "--output=html",
        f"--output-path={OUT / f'lighthouse-{name}'}",
        *(f"--blocked-url-patterns={pattern}" for pattern in OFFLINE_BLOCKED),
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    return json.loads(report.read_text())


def median_lighthouse(url, name, chromium, runs):
    """The run with the median performance score, as Lighthouse's docs advise against run-to-run noise."""
    results = []
    for run in range(runs):
        report = run_lighthouse(url, f"{name}-{run + 1}", chromium)
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


def run_axe(urls, chromium):
    """{url: [violation ids]} from axe-core in chromium (CSP bypassed for the injected script only)."""
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROME_FLAGS)
        context = browser.new_context(bypass_csp=True)
        # Nothing leaves the machine: the YouTube thumbnail is answered with an empty image.
        context.route(
            re.compile(r"^https?://(?!127\.0\.0\.1[:/])"),
            lambda route: route.fulfill(status=200, content_type="image/gif", body=b"GIF89a"),
        )
        page = context.new_page()
        for url in urls:
            page.goto(url)
            page.add_script_tag(path=str(AXE_SCRIPT))
            violations = page.evaluate("async () => (await axe.run(document)).violations")
            results[url] = [f"{v['id']} ({len(v['nodes'])})" for v in violations]
        browser.close()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median is shown.")
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
    content = prepare_site(env)
    detail = video_detail_path(env)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
        + ["config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(folder / "gunicorn.log").open("w"),
    )
    try:
        wait_for(base + "/", server)
        pages = {"home": base + "/", "list": base + "/exercises/", "detail": base + detail}
        print(f"Auditing {base} ({content}); reports in {OUT.relative_to(ROOT)}/", flush=True)
        reports, spreads = {}, {}
        for name, url in pages.items():
            print(f"  lighthouse {name}: {url}", flush=True)
            reports[name], spreads[name] = median_lighthouse(url, name, chromium, max(1, args.runs))
        axe = run_axe(list(pages.values()), chromium)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    header = ["page", "performance", "accessibility", "best practices", "SEO", "axe violations", "performance runs"]
    rows = []
    for name, url in pages.items():
        scores = [round(reports[name]["categories"][c]["score"] * 100) for c in CATEGORIES]
        rows.append([name, *map(str, scores), str(len(axe[url])), " ".join(map(str, spreads[name]))])
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    print()
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))

    sizes = transfer_sizes(reports["detail"])
    budgets = {"Document": ("HTML", 40), "Stylesheet": ("CSS", 20), "Script": ("JS", 5)}
    print(
        "\ndetail page budgets (uncompressed): "
        + ", ".join(
            f"{label} {sizes[kind] / 1024:.1f} KB of {limit} KB{'' if sizes[kind] <= limit * 1024 else ' OVER'}"
            for kind, (label, limit) in budgets.items()
        )
    )
    print()
    for name, url in pages.items():
        missed = failed_audits(reports[name])
        for category, title, detail, score in missed:
            shown = "error" if score is None else f"score {score:.2f}"
            print(f"{name}: [{category}] {title} ({shown}{', ' + detail if detail else ''})")
        for violation in axe[url]:
            print(f"{name}: [axe] {violation}")
        if not missed and not axe[url]:
            print(f"{name}: every audit passes")


if __name__ == "__main__":
    main()
