"""The whole site → a Hugo site folder (content/ and data/) that import_content reads back to the same rows."""

from pathlib import Path

from exercises.exporter import export_exercises
from pages.exporter import export_pages
from publishing.exporting import ExportResult
from workouts.exporter import export_workouts


def export_site(outdir) -> ExportResult:
    """Write every exercise, workout (with its data records) and page under `outdir`/content and /data."""
    content = Path(outdir) / "content"
    result = export_exercises(content)
    export_workouts(content, result)
    export_pages(content, result)
    return result
