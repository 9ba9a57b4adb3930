"""`manage.py export_site OUTDIR`: the whole public site as files any static host or CDN can serve.

The same crawl as a full publish (every language's home, sitemap, feeds, robots.txt, and every page they lead
to, lists through their later pages) writes each page where a static host looks for it (`/exercises/` as
`exercises/index.html`), pre-compressed; then the collected (hashed) static files and the media are copied.
Pages that need the server — searches, filters, later pages of lists, all addresses with a query string —
are sent to `dynamic_origin` when one is given, so they keep working from the exported site.
"""

import html
import re
import shutil
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.conf import settings

from . import files, rendering, site

# Links and GET forms whose address has a query string: only the app can answer them.
QUERY_LINK = re.compile(r'((?:href|action)=")(/[^"?#]*\?[^"]*)(")')
SEARCH_FORM = re.compile(r'(<form\b[^>]*\baction=")(/[^"?#]*(?:#[^"]*)?)("[^>]*>)')


@dataclass
class ExportResult:
    pages: int = 0
    static_files: int = 0
    seconds: float = 0.0


def to_dynamic_origin(text: str, origin: str) -> str:
    """Point query-string links and GET forms (search, filters) at the app at `origin`."""
    text = QUERY_LINK.sub(lambda m: f"{m.group(1)}{origin}{m.group(2)}{m.group(3)}", text)
    return SEARCH_FORM.sub(
        lambda m: (
            f"{m.group(1)}{origin}{m.group(2)}{m.group(3)}" if 'method="post"' not in m.group(3).lower() else m.group(0)
        ),
        text,
    )


def _write_page(rendered, *, outdir: Path, origin: str, result: ExportResult):
    name = files.saved_name(rendered.path)
    if name is None or not rendering.is_publishable(rendered, name):
        return
    body = rendered.body
    if origin and name.endswith(".html"):
        body = to_dynamic_origin(body.decode(), origin).encode()
    files.write(outdir, name, body)
    result.pages += 1


def _copy_tree(source: Path, target: Path) -> int:
    if not source.is_dir():
        return 0
    shutil.copytree(source, target, dirs_exist_ok=True)
    return sum(1 for path in target.rglob("*") if path.is_file())


def export_site(outdir: Path | str, dynamic_origin: str = "") -> ExportResult:
    """Write the public site into `outdir`; raise ValueError when the static files have not been collected."""
    started = time.monotonic()
    outdir = Path(outdir)
    static_root = Path(settings.STATIC_ROOT)
    if not (static_root / "staticfiles.json").exists():
        raise ValueError(f"No collected static files in {static_root}: run `manage.py collectstatic` first.")
    result = ExportResult()
    report = site.Report()
    origin = html.escape(dynamic_origin.rstrip("/"))
    site.crawl(site.seeds(), report, partial(_write_page, outdir=outdir, origin=origin, result=result))
    if report.counts().get("failed"):
        raise ValueError("Some pages could not be rendered (see the log); the export is incomplete.")
    result.static_files = _copy_tree(static_root, outdir / settings.STATIC_URL.strip("/"))
    result.static_files += _copy_tree(Path(settings.MEDIA_ROOT), outdir / settings.MEDIA_URL.strip("/"))
    result.seconds = time.monotonic() - started
    return result
