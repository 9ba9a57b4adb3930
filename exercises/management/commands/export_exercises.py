from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from exercises.exporter import export_exercises


class Command(BaseCommand):
    help = (
        "Export exercises as a Hugo content tree: one Markdown file with YAML front matter per exercise, "
        "placed where Hugo would serve it at the exercise's URL on this site. Files already up to date are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("outdir", metavar="OUTDIR", help="Folder to write into (created if missing).")
        parser.add_argument("--language", metavar="CODE", help="Export only this language (default: all).")

    def handle(self, *args, outdir, language, verbosity, **options):
        enabled = [code for code, _ in settings.LANGUAGES]
        if language and language not in enabled:
            raise CommandError(
                f"--language {language} is not enabled; enabled languages are {', '.join(enabled)} "
                "(the SITE_LANGUAGES setting)."
            )
        if Path(outdir).exists() and not Path(outdir).is_dir():
            raise CommandError(f"{outdir} exists and is not a folder.")
        try:
            result = export_exercises(outdir, language=language)
        except (OSError, ValueError) as error:
            raise CommandError(f"Export stopped: {error}")
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Exported {result.written + result.unchanged} exercises to {outdir}: "
                    f"{result.written} written, {result.unchanged} already up to date."
                )
            )
