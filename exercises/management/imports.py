"""What the import commands share: checking their arguments and turning a failed import into a clear message."""

from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import DatabaseError

from exercises.importer import ImportFailed


def check_arguments(paths, *, language=None, **folders):
    """Refuse missing paths, folder options that are not folders (`static_root=…`) and a disabled language."""
    for path in paths:
        if not Path(path).exists():
            raise CommandError(f"{path} does not exist.")
    for name, folder in folders.items():
        if folder and not Path(folder).is_dir():
            raise CommandError(f"--{name.replace('_', '-')} {folder} is not a folder.")
    enabled = [code for code, _ in settings.LANGUAGES]
    if language and language not in enabled:
        raise CommandError(
            f"--language {language} is not enabled; enabled languages are {', '.join(enabled)} "
            "(the SITE_LANGUAGES setting)."
        )


@contextmanager
def reported_as_command_errors():
    """A refused, interrupted or failed import as a CommandError that says the database is as it was."""
    try:
        yield
    except ImportFailed as error:
        count = len(error.problems)
        raise CommandError(
            f"{count} problem{'s' if count != 1 else ''} found; nothing was imported.\n" + "\n".join(error.problems)
        )
    except KeyboardInterrupt:
        raise CommandError("Interrupted: the import was rolled back and the database is as it was.")
    except DatabaseError as error:
        raise CommandError(f"Database error ({error}): the import was rolled back and the database is as it was.")
