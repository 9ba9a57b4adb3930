"""Shared by the benchmarks: generated content, throwaway databases, a static nginx and wrk.

The servers themselves (gunicorn, the front server, redis) start through config/servers.py, as in the tests.
Every file written lands in a temporary folder.
"""

import json
import re
import secrets
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from config import servers


def generate(folder: Path, count: int):
    """Write `count` exercises as Hugo Markdown files under `folder` (the import benchmark's generator)."""
    from bench import import_benchmark

    import_benchmark.generate(folder, count)


def static_file_path(static_root: Path) -> str:
    """The address of the collected (hashed) site.css: the static file every throughput row is compared with."""
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'bench.sqlite3'}"


NGINX_CONF = """\
user {user};
worker_processes 2;
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
    if servers.nginx_binary() is None:
        yield None
        return
    port = servers.free_port()
    folder = Path(tempfile.mkdtemp(prefix="exercise-bench-nginx-"))
    (folder / "html").mkdir()
    (folder / "tmp").mkdir()
    for name, content in files.items():
        (folder / "html" / name).write_bytes(content)
    config = NGINX_CONF.format(folder=folder, port=port, user=servers.current_user())
    try:
        with servers.nginx(config, folder, port) as url:
            yield url
    finally:
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
