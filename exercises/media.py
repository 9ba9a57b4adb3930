"""Exercise image files that no row refers to: removed when the save that wrote them fails, or by clean_media.

Only two folders of the media storage are ever looked at: the image field's upload folder and the
renditions folder. Symbolic links are never followed and never removed.
"""

import os
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.core.files.storage import default_storage
from reversion.errors import RevertError
from reversion.models import Version

from . import renditions
from .models import Exercise

_new_files: ContextVar[list[str] | None] = ContextVar("new_media_files", default=None)


class MediaError(Exception):
    pass


@dataclass(frozen=True)
class Orphan:
    path: Path
    size: int


@contextmanager
def delete_new_files_on_error():
    """Delete the files registered with `written()` inside the block if an exception leaves it.

    Django has no rollback hook, and an exception leaving the block is what rolls the save back.
    """
    names = []
    token = _new_files.set(names)
    try:
        yield
    except BaseException:
        for name in names:
            default_storage.delete(name)
        raise
    finally:
        _new_files.reset(token)


def written(name: str) -> None:
    """Register a file just written, for the enclosing delete_new_files_on_error (if any)."""
    names = _new_files.get()
    if names is not None:
        names.append(name)


def folders() -> list[str]:
    upload_to = Exercise._meta.get_field("image").upload_to
    return [upload_to.split("/")[0], renditions.ROOT]


def referenced_names() -> set[str]:
    """Storage names the database refers to: images, their manifests and renditions.

    Images of old revisions count too: reverting to a revision brings its image back.
    """
    images = set(Exercise.objects.exclude(image="").values_list("image", flat=True))
    for version in Version.objects.get_for_model(Exercise).iterator():
        try:
            image = version.field_dict.get("image")
        except RevertError:  # a revision the current model cannot read cannot be reverted to either
            continue
        if image:
            images.add(getattr(image, "name", image))
    names = set(images)
    for image in images:
        if found := renditions.stored_manifest(image):
            names.add(renditions.manifest_name(image))
            names.update(name for sources in found["sources"].values() for _width, name in sources)
    return names


def orphans(min_age: timedelta) -> list[Orphan]:
    """Regular files in the exercise folders that nothing refers to and that are older than `min_age`.

    The age spares a file whose row has not committed yet, or renditions still being made.
    """
    try:
        root = Path(default_storage.path("")).resolve()
    except NotImplementedError:
        raise MediaError("the media storage is not a local folder; only a local MEDIA_ROOT can be cleaned")
    keep = referenced_names()
    cutoff = time.time() - min_age.total_seconds()
    found = []
    for folder in folders():
        top = root / folder
        if top.is_symlink() or not top.is_dir():
            continue
        for directory, _subdirectories, filenames in os.walk(top):  # does not enter linked folders
            for filename in filenames:
                path = Path(directory) / filename
                status = path.lstat()
                if path.is_symlink() or path.relative_to(root).as_posix() in keep or status.st_mtime > cutoff:
                    continue
                found.append(Orphan(path, status.st_size))
    return sorted(found, key=lambda orphan: orphan.path)


def delete(found: list[Orphan]) -> None:
    for orphan in found:
        orphan.path.unlink(missing_ok=True)  # unlinking a link (should one appear) never touches its target
