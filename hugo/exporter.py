"""The whole site → a Hugo site folder (content/ and data/) that import_content reads back to the same rows."""

from dataclasses import dataclass
from pathlib import Path

from exercises.exporter import export_exercises
from pages.exporter import export_pages
from workouts.exporter import export_workouts


@dataclass
class ExportResult:
    written: int = 0
    unchanged: int = 0


def export_site(outdir) -> ExportResult:
    """Write every exercise, workout (with its data records) and page under `outdir`/content and /data."""
    content = Path(outdir) / "content"
    result = ExportResult()
    exercises = export_exercises(content)
    result.written, result.unchanged = exercises.written, exercises.unchanged
    export_workouts(content, result)
    export_pages(content, result)
    return result
