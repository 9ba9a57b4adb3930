"""Content files for import/export tests: write one, import a folder, export into one."""

from io import StringIO

from django.core.management import call_command


def write(root, relative, text):
    """Write `text` to root/relative exactly (no newline translation), making folders as needed."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def import_folder(root, **options):
    """Run import_exercises on `root`; its standard output."""
    out = StringIO()
    call_command("import_exercises", str(root), stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def export_folder(root):
    call_command("export_exercises", str(root), stdout=StringIO())
