"""The production servers (gunicorn, the nginx front server, redis) on free loopback ports, for tests and benchmarks.

The front-server tests and `make load-smoke` start the same processes the same way, so the launchers live
here, beside the configs they run, rather than in bench/ (scripts the test suite should not depend on).
Everything listens on 127.0.0.1 only, and every process started here is stopped by its own id.
"""

import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from config import frontserver

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MANAGE = [PYTHON, str(ROOT / "manage.py")]
WORKER_READY = "Publish worker ready"  # what `manage.py publish_worker` prints once it takes jobs


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(database_url: str, static_root: Path, **extra) -> dict:
    """Environment for production settings on loopback: debug off, a throwaway key, no SSL redirect."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.pop("REDIS_URL", None)
    env.pop("PUBLISH_ROOT", None)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,testserver",
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(static_root.parent / "media"),
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def local_stack_env(folder: Path, database_url: str, front_port: int, **extra) -> dict:
    """Production settings for a stack whose front server answers on http://127.0.0.1:`front_port` (plain HTTP,
    so cookies are not marked secure), publishing into `folder`/published."""
    origin = f"http://127.0.0.1:{front_port}"
    return production_env(
        database_url,
        folder / "static",
        PUBLISH_ROOT=str(folder / "published"),
        SITE_URL=origin,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_CSRF_TRUSTED_ORIGINS=origin,
        DJANGO_SECURE_COOKIES="0",
        **extra,
    )


def manage(env, *args, quiet=True, extra_env=None):
    """Run manage.py with `env` (and `extra_env`); raise with its output if it fails."""
    env = {**env, **(extra_env or {})}
    result = subprocess.run([*MANAGE, *args], env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    if not quiet:
        print(result.stdout, end="")
    return result


def wait_for(url: str, seconds: float = 30.0):
    """Return once `url` answers with any HTTP status."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                response.read()
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer within {seconds:.0f} s")
            time.sleep(0.2)


def stop(process: subprocess.Popen, seconds: float = 15.0):
    """Stop one process we started, politely first."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def gunicorn(env: dict, log_path: Path, *args: str):
    """gunicorn with the project's config on a free loopback port (extra command-line `args` win); yields its URL."""
    port = free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    command = [str(Path(PYTHON).parent / "gunicorn"), "-c", "config/gunicorn.py", *args, "config.wsgi"]
    with open(log_path, "ab") as log:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=log)
    try:
        wait_for(f"http://127.0.0.1:{port}/robots.txt")
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


def nginx_binary() -> str | None:
    """nginx's path, also when /usr/sbin is not on PATH (Debian, as a normal user); None when not installed."""
    return shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)


def current_user() -> str:
    """nginx's worker user: ourselves, so workers can read our temporary folders (ignored unless we are root)."""
    return pwd.getpwuid(os.getuid()).pw_name


@contextmanager
def nginx(config: str, prefix: Path, port: int):
    """nginx in the foreground with `config` (written to prefix/nginx.conf), listening on `port`; yields its URL."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed (Debian: apt-get install nginx-light)")
    prefix.mkdir(parents=True, exist_ok=True)
    (prefix / "nginx.conf").write_text(config)
    log_path = prefix / "nginx-console.log"
    command = [binary, "-p", str(prefix), "-e", str(log_path), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"]
    with open(log_path, "ab") as log:
        process = subprocess.Popen(command, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 10
        while not _listening(port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start:\n{log_path.read_text(errors='replace')}")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


@contextmanager
def front_server(upstream_url: str, static_root: Path, media_root: Path, prefix: Path, env=None, port=None):
    """The production front server (config/nginx.conf.template) in front of `upstream_url`; yields its URL.

    With `env` the config is made by `python -m config.frontserver` under that environment, as in production:
    published pages from its PUBLISH_ROOT, with the headers its settings give public pages.
    """
    port = port or free_port()
    options = {
        "listen": f"127.0.0.1:{port}",
        "upstream": upstream_url.removeprefix("http://"),
        "static_root": static_root,
        "media_root": media_root,
        "prefix": prefix,
        "pid_file": prefix / "nginx.pid",
        "log_dir": prefix,
        "user": current_user(),
    }
    if env is None:
        config = frontserver.render(**options)
    else:
        arguments = [f"--{name.replace('_', '-')}={value}" for name, value in options.items()]
        command = [PYTHON, "-m", "config.frontserver", *arguments]
        made = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
        if made.returncode != 0:
            raise RuntimeError(f"config.frontserver failed:\n{made.stderr}")
        config = made.stdout
    with nginx(config, prefix, port) as url:
        yield url


@contextmanager
def publish_worker(env: dict, log_path: Path):
    """`manage.py publish_worker` (the publishing queue's worker, and the clock for scheduled content)."""
    with open(log_path, "ab") as log:
        process = subprocess.Popen([*MANAGE, "publish_worker"], env=env, cwd=ROOT, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 30
        while WORKER_READY not in log_path.read_text(errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"publish_worker did not start:\n{log_path.read_text(errors='replace')}")
            time.sleep(0.1)
        yield process
    finally:
        stop(process)


class RedisServer:
    """A private redis-server on a free loopback port, without persistence; can be stopped and started again."""

    def __init__(self, log_path: Path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log_path = log_path
        self.process = None

    def start(self):
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=log)
        deadline = time.monotonic() + 10
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start:\n{self.log_path.read_text(errors='replace')}")
            time.sleep(0.1)

    def stop(self):
        if self.process is not None:
            stop(self.process)

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()


@contextmanager
def slow_clients(port: int, count: int = 8, interval: float = 1.5, path: str = "/exercises/"):
    """`count` connections to `port` that send one more header line every `interval` s and never end the request.

    A connection the server drops is opened again, so the pressure lasts until the block ends. Yields once
    every connection is open and has sent its request line.
    """
    done = threading.Event()
    opened = threading.Semaphore(0)

    def trickle(number):
        while not done.is_set():
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
                    connection.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode())
                    opened.release()
                    line = 0
                    while not done.wait(interval):
                        line += 1
                        connection.sendall(f"X-Slow-{line}: {number}\r\n".encode())
            except OSError:
                done.wait(0.2)

    threads = [threading.Thread(target=trickle, args=(number,), daemon=True) for number in range(count)]
    for thread in threads:
        thread.start()
    try:
        for _ in range(count):
            if not opened.acquire(timeout=10):
                raise RuntimeError(f"the slow clients could not connect to port {port}")
        yield
    finally:
        done.set()
        for thread in threads:
            thread.join(timeout=interval + 6)


@contextmanager
def scratch_postgres(server_url: str, name: str = ""):
    """A new empty database `name` (a random one by default) on the server `server_url` points at, replacing one a
    crashed run left behind, and dropped afterwards; yields its URL."""
    import psycopg

    name = name or f"scratch_{secrets.token_hex(4)}"
    parts = urlsplit(server_url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
