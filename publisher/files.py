"""The publish folder: one file per public address, written atomically with its pre-compressed copies.

`/exercises/squat/` is `exercises/squat/index.html`; `/sitemap.xml`, `/index.xml` and `/robots.txt` keep
their names. Every file is written to a temporary name in the same folder and renamed over the old one,
so the front server only ever opens a whole old file or a whole new one. The temporary names start with a
dot, and the front server never serves a name starting with a dot.
"""

import gzip
import os
import secrets
import time
from pathlib import Path

try:  # Optional: brotli is smaller, but the front server needs its own module to send .br files.
    import brotli
except ImportError:  # pragma: no cover - brotli is in requirements.txt
    brotli = None

INDEX = "index.html"
FILE_SUFFIXES = (".xml", ".txt")


class UnsafePath(ValueError):
    pass


def file_name(path: str) -> str | None:
    """The file an address is saved as, relative to the folder; None when it is not saved as a file."""
    if "\x00" in path or "\\" in path or not path.startswith("/"):
        raise UnsafePath(f"not a site path: {path!r}")
    parts = path.strip("/").split("/")
    if any(part in ("..", ".") or part.startswith(".") for part in parts if part):
        raise UnsafePath(f"not a site path: {path!r}")
    if path.endswith("/"):
        return path.lstrip("/") + INDEX
    if path.endswith(FILE_SUFFIXES):
        return path.lstrip("/")
    return None


def saved_name(path: str) -> str | None:
    """file_name, or None also for an address that is not a site path (an editor's link such as /a/../b/)."""
    try:
        return file_name(path)
    except UnsafePath:
        return None


def encodings(body: bytes) -> dict[str, bytes]:
    """The file's contents by suffix: as is, gzip and (when available) brotli, each compressed once, here."""
    versions = {"": body, ".gz": gzip.compress(body, compresslevel=9, mtime=0)}
    if brotli is not None:
        # Quality 5: within ~15 % of the smallest (11) at a sixtieth of the time (under 1 ms for a page).
        versions[".br"] = brotli.compress(body, quality=5)
    return versions


def _replace(target: Path, data: bytes, mtime: float):
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.utime(temporary, (mtime, mtime))
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write(root: Path, name: str, body: bytes):
    """Save `body` as `name` and its compressed copies, each atomically; all three share one modification time,
    which the front server sends as Last-Modified."""
    target = root / name
    target.parent.mkdir(parents=True, exist_ok=True)
    mtime = time.time()
    versions = encodings(body)
    # Compressed copies first: a client taking the plain file never meets a newer .gz missing its twin.
    for suffix in sorted(versions, key=len, reverse=True):
        _replace(target.with_name(target.name + suffix), versions[suffix], mtime)


def remove(root: Path, name: str):
    """Delete a saved address and its compressed copies; empty folders left behind go too."""
    target = root / name
    for suffix in ("", ".gz", ".br"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    folder = target.parent
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def exists(root: Path, name: str) -> bool:
    return (root / name).is_file()
