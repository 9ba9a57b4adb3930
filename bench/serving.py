"""Shared by the benchmarks: throwaway databases, production settings, gunicorn, nginx and wrk.

Everything listens on 127.0.0.1 only, every process started here is stopped by its own id, and every
file written lands in a temporary folder.
"""

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
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MANAGE = [PYTHON, str(ROOT / "manage.py")]


def generate(folder: Path, count: int):
    """Write `count` exercises as Hugo Markdown files under `folder` (the import benchmark's generator)."""
    from bench import import_benchmark

    import_benchmark.generate(folder, count)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(database_url: str, static_root: Path, **extra) -> dict:
    """Environment for production settings on loopback: debug off, a throwaway key, no SSL redirect."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.pop("REDIS_URL", None)
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


def manage(env, *args, quiet=True):
    """Run manage.py with `env`; raise with its output if it fails."""
    result = subprocess.run([*MANAGE, *args], env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    if not quiet:
        print(result.stdout, end="")
    return result


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'bench.sqlite3'}"


@contextmanager
def throwaway_postgres(server_url: str):
    """A new empty database on the server `server_url` points at, dropped afterwards; yields its URL."""
    import psycopg

    name = f"bench_{secrets.token_hex(4)}"
    parts = urlsplit(server_url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wait_for(url: str, seconds: float = 30.0):
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
def gunicorn(env: dict, log_path: Path):
    """gunicorn with the project's config (its documented worker count) on a free loopback port."""
    port = free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    command = [str(Path(PYTHON).parent / "gunicorn"), "-c", "config/gunicorn.py", "config.wsgi"]
    with open(log_path, "ab") as log:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=log)
    try:
        wait_for(f"http://127.0.0.1:{port}/robots.txt")
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


NGINX_CONF = """\
worker_processes 2;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/tmp;
    proxy_temp_path {folder}/tmp;
    fastcgi_temp_path {folder}/tmp;
    uwsgi_temp_path {folder}/tmp;
    scgi_temp_path {folder}/tmp;
    default_type text/html;
    server {{
        listen 127.0.0.1:{port};
        root {folder}/html;
    }}
}}
"""


@contextmanager
def nginx(files: dict[str, bytes]):
    """nginx serving `files` ({name: content}) from a temporary folder; yields its base URL, or None without nginx."""
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if binary is None:
        yield None
        return
    port = free_port()
    # Its own folder, readable by everyone: nginx's workers drop root privileges.
    folder = Path(tempfile.mkdtemp(prefix="exercise-bench-nginx-"))
    folder.chmod(0o755)
    (folder / "html").mkdir(parents=True)
    (folder / "tmp").mkdir()
    for name, content in files.items():
        (folder / "html" / name).write_bytes(content)
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    (folder / "nginx.conf").write_text(NGINX_CONF.format(folder=folder, port=port))
    process = subprocess.Popen(
        [binary, "-p", str(folder), "-c", str(folder / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/", 10)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)
        shutil.rmtree(folder, ignore_errors=True)


# The request path for each connection rotates through `paths`; "{n}" in a path becomes a counter that is
# unique per request, so a path like "/x/?page={n}" never hits the page cache.
WRK_SCRIPT = """\
local paths = {%s}
local counter = 0
thread_id = 0
local threads = 0
function setup(thread)
  thread:set("thread_id", threads)
  threads = threads + 1
end
request = function()
  counter = counter + 1
  local path = paths[(counter %% #paths) + 1]
  path = string.gsub(path, "{n}", tostring(1000000 + thread_id * 100000000 + counter))
  return wrk.format("GET", path)
end
"""


def lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run_wrk(base_url: str, paths: list[str], folder: Path, *, seconds=10, connections=64, threads=2, timeout=10):
    """Run wrk against `paths` (rotating) and return its parsed summary."""
    script = folder / f"wrk-{secrets.token_hex(3)}.lua"
    script.write_text(WRK_SCRIPT % ", ".join(lua_string(path) for path in paths))
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        f"--timeout={timeout}s",
        "--latency",
        "-s",
        str(script),
        base_url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed: {result.stderr or result.stdout}")
    return parse_wrk(result.stdout)


def _duration_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(output: str) -> dict:
    """The numbers of a wrk run: requests, rate, latency percentiles, errors. Missing error lines mean 0."""
    summary = {"output": output, "non_2xx_3xx": 0, "socket_errors": {}}
    if match := re.search(r"^\s*(\d+) requests in ([\d.]+)(\w+)", output, re.MULTILINE):
        summary["requests"] = int(match.group(1))
    if match := re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE):
        summary["rps"] = float(match.group(1))
    if match := re.search(r"^\s*Non-2xx or 3xx responses:\s+(\d+)", output, re.MULTILINE):
        summary["non_2xx_3xx"] = int(match.group(1))
    if match := re.search(r"^\s*Socket errors:\s*(.+)$", output, re.MULTILINE):
        summary["socket_errors"] = {name: int(count) for name, count in re.findall(r"(\w+) (\d+)", match.group(1))}
    for percentile in ("50", "99"):
        if match := re.search(rf"^\s*{percentile}(?:\.000)?%\s+([\d.]+\w+)", output, re.MULTILINE):
            summary[f"p{percentile}_ms"] = _duration_ms(match.group(1))
    if match := re.search(r"^\s*Latency\s+\S+\s+\S+\s+([\d.]+\w+)", output, re.MULTILINE):
        summary["max_ms"] = _duration_ms(match.group(1))
    if "rps" not in summary:
        raise RuntimeError(f"could not read wrk's output:\n{output}")
    summary["errors"] = summary["non_2xx_3xx"] + sum(summary["socket_errors"].values())
    return summary
