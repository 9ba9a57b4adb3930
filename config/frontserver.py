"""The production front server's config: config/nginx.conf.template with its {{placeholders}} filled in.

    python -m config.frontserver --listen 80 --upstream 127.0.0.1:8000 > /etc/nginx/nginx.conf

Static, media and publish roots default to the settings' STATIC_ROOT, MEDIA_ROOT and PUBLISH_ROOT, so nginx
serves exactly the folders collectstatic, uploads and the publisher write to. The headers sent with published
pages are the ones Django sends with a public page under the same settings, read when the config is made.
"""

import argparse
import re
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
# Without a publish folder every page goes to Django: try_files finds nothing in a folder that does not exist.
NO_PUBLISH_ROOT = "/nonexistent/no-published-pages"
HEADER_INDENT = " " * 12


def header_lines(headers: dict[str, str]) -> str:
    """nginx add_header lines; a value nginx would read as a variable or could not quote is refused."""
    lines = []
    for name, value in headers.items():
        if not re.fullmatch(r"[A-Za-z0-9-]+", name) or any(char in value for char in '"$\\\n'):
            raise ValueError(f"cannot pass this header to nginx: {name}: {value!r}")
        lines.append(f'{HEADER_INDENT}add_header {name} "{value}";')
    return "\n".join(lines)


def render(
    *,
    listen: str,
    upstream: str,
    static_root: Path | str,
    media_root: Path | str,
    publish_root: Path | str = NO_PUBLISH_ROOT,
    page_headers: dict[str, str] | None = None,
    session_cookie: str = "sessionid",
    prefix: Path | str = "/var/lib/nginx",
    pid_file: Path | str = "/run/nginx.pid",
    log_dir: Path | str = "/var/log/nginx",
    user: str = "www-data",
    mime_types: str = "/etc/nginx/mime.types",
) -> str:
    """The nginx.conf text. `prefix` holds nginx's temp folders; `upstream` is gunicorn's bind address."""
    if not re.fullmatch(r"\w+", session_cookie):
        raise ValueError(f"unusual session cookie name: {session_cookie!r}")
    values = {
        "listen": listen,
        "upstream": upstream,
        "static_root": str(Path(static_root)),
        "media_root": str(Path(media_root)),
        "publish_root": str(Path(publish_root or NO_PUBLISH_ROOT)),
        "page_headers": header_lines(page_headers or {}),
        "session_cookie": session_cookie,
        "prefix": str(prefix),
        "pid_file": str(pid_file),
        "log_dir": str(log_dir),
        "user": user,
        "mime_types": mime_types,
    }
    text = TEMPLATE.read_text()
    missing = set(PLACEHOLDER.findall(text)) - values.keys()
    if missing:
        raise ValueError(f"{TEMPLATE.name} has placeholders render() does not fill: {', '.join(sorted(missing))}")
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


def main(argv=None):
    import django
    from django.conf import settings

    django.setup()
    from publisher.headers import page_headers

    parser = argparse.ArgumentParser(description="Print the nginx config of the front server.")
    parser.add_argument("--listen", default="80", help="nginx's listen address, e.g. 80 or 127.0.0.1:8080")
    parser.add_argument("--upstream", default="127.0.0.1:8000", help="gunicorn's bind, e.g. unix:/run/app.sock")
    parser.add_argument("--static-root", default=str(settings.STATIC_ROOT))
    parser.add_argument("--media-root", default=str(settings.MEDIA_ROOT))
    parser.add_argument("--publish-root", default=settings.PUBLISH_ROOT or NO_PUBLISH_ROOT)
    parser.add_argument("--prefix", default="/var/lib/nginx", help="folder for nginx's temp files")
    parser.add_argument("--pid-file", default="/run/nginx.pid", help="where Debian's nginx service expects it")
    parser.add_argument("--log-dir", default="/var/log/nginx")
    parser.add_argument("--user", default="www-data", help="nginx's worker user (needs read access to the roots)")
    args = parser.parse_args(argv)
    config = render(**vars(args), page_headers=page_headers(), session_cookie=settings.SESSION_COOKIE_NAME)
    print(config, end="")


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    main()
