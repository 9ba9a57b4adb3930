"""`make stack`: the production stack on one machine — nginx on 127.0.0.1:8080 in front of gunicorn, and the
publishing worker — with production settings, until Ctrl-C (or SIGTERM) stops all three.

PostgreSQL and Redis are used when DATABASE_URL and REDIS_URL are set; otherwise a SQLite file and in-process
publishing. Everything it writes (database, static files, media, publish folder, logs) is under .stack/.
"""

import argparse
import os
import secrets
import signal
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

from config import servers

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / ".stack"


def stack_env(folder: Path, port: int) -> dict:
    """Production settings for a loopback stack: plain http on 127.0.0.1, cookies without the HTTPS flag."""
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'db.sqlite3'}"
    key_file = folder / "secret-key"
    if not key_file.exists():  # kept between runs, so editors stay logged in
        key_file.write_text(secrets.token_urlsafe(50))
    extra = {"REDIS_URL": os.environ["REDIS_URL"]} if os.environ.get("REDIS_URL") else {}
    env = servers.local_stack_env(
        folder, database_url, port, MEDIA_ROOT=str(folder / "media"), DJANGO_TRUSTED_PROXIES="1", **extra
    )
    env["DJANGO_SECRET_KEY"] = key_file.read_text().strip()
    return env


def prepare(env: dict, fixtures: bool):
    """Static files, migrations, the starter site if asked, and a full publish."""
    servers.manage(env, "collectstatic", "--no-input", "-v", "0")
    servers.manage(env, "migrate", "--no-input", "-v", "0")
    if fixtures:
        servers.manage(env, "import_content", "--only-new", str(ROOT / "fixtures"))
    servers.manage(env, "publish_site", quiet=False)


def _interrupt(signum, frame):
    raise KeyboardInterrupt  # SIGTERM stops the stack as Ctrl-C does: every server by its own id


def run(port: int, fixtures: bool, createsuperuser: bool = False):
    FOLDER.mkdir(exist_ok=True)
    env = stack_env(FOLDER, port)
    prepare(env, fixtures)
    if createsuperuser:  # interactive: the account lives in the stack's own database
        subprocess.run([*servers.MANAGE, "createsuperuser"], env=env, cwd=ROOT, check=False)
    signal.signal(signal.SIGTERM, _interrupt)
    with ExitStack() as running:
        app = running.enter_context(servers.gunicorn(env, FOLDER / "gunicorn.log"))
        running.enter_context(servers.publish_worker(env, FOLDER / "worker.log"))
        front = running.enter_context(
            servers.front_server(app, FOLDER / "static", FOLDER / "media", FOLDER / "nginx", env=env, port=port)
        )
        print(f"Serving {front}/ (admin: {front}/admin/; logs in {FOLDER}). Ctrl-C stops it.", flush=True)
        try:
            signal.pause()
        except KeyboardInterrupt:
            print("Stopping nginx, the worker and gunicorn…", flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--no-fixtures", action="store_true", help="do not load the starter site")
    parser.add_argument("--createsuperuser", action="store_true", help="ask for an admin account before starting")
    args = parser.parse_args(argv)
    run(args.port, fixtures=not args.no_fixtures, createsuperuser=args.createsuperuser)
    return 0


if __name__ == "__main__":
    sys.exit(main())
