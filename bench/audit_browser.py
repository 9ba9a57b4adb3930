"""`make audit`'s browser part: axe-core and full-page screenshots of each audited page, in Debian's chromium
through Playwright (as the browser tests drive it), at a phone's and a laptop's width, in both languages."""

import re
from functools import cache
from io import BytesIO
from pathlib import Path

from PIL import Image

AXE_SCRIPT = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
# Form factor → viewport: an iPhone-sized phone and the most common laptop screen.
VIEWPORTS = {"mobile": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 768}}


@cache
def placeholder_thumbnail():
    """A grey JPEG of a YouTube thumbnail's size, so screenshots show a still rather than a broken image."""
    buffer = BytesIO()
    Image.new("RGB", (480, 360), (90, 90, 90)).save(buffer, "JPEG", quality=50)
    return buffer.getvalue()


def offline_context(browser, viewport):
    """A context where nothing leaves the machine: the YouTube thumbnail is answered with a grey image,
    and axe's injected script may run despite the Content-Security-Policy."""
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    context.route(
        re.compile(r"^https?://(?!127\.0\.0\.1[:/])"),
        lambda route: route.fulfill(status=200, content_type="image/jpeg", body=placeholder_thumbnail()),
    )
    return context


def axe_violations(page):
    page.add_script_tag(path=str(AXE_SCRIPT))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    return [f"{v['id']} ({len(v['nodes'])})" for v in violations]


def axe_and_screenshots(base, pages, chromium, flags, screenshots: Path):
    """{(page name, form factor): ["<language>: <axe rule> (<nodes>)", …]} for `pages` ({name: {language:
    path}}), writing <name>-<language>-<width>.png (the full page) into `screenshots`."""
    from playwright.sync_api import sync_playwright

    screenshots.mkdir(parents=True, exist_ok=True)
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=flags)
        for form_factor, viewport in VIEWPORTS.items():
            context = offline_context(browser, viewport)
            page = context.new_page()
            for name, paths in pages.items():
                found = results.setdefault((name, form_factor), [])
                for language, path in paths.items():
                    page.goto(base + path)
                    page.screenshot(path=screenshots / f"{name}-{language}-{viewport['width']}.png", full_page=True)
                    found += [f"{language}: {violation}" for violation in axe_violations(page)]
            context.close()
        browser.close()
    return results
