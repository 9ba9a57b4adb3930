from django.core.management.base import BaseCommand, CommandError

from hugo.exporter import export_site


class Command(BaseCommand):
    help = (
        "Write the whole site as a Hugo site folder: OUTDIR/content/ (exercises, workouts, pages and section "
        "_index.md files) and OUTDIR/data/ (the workout records that came from data files). import_content "
        "OUTDIR gives back the same content, and every old address still redirects. Unchanged files are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("outdir", metavar="OUTDIR", help="Folder to write into (created if missing).")

    def handle(self, *args, outdir, verbosity, **options):
        try:
            result = export_site(outdir)
        except (OSError, ValueError) as error:
            raise CommandError(f"Export stopped: {error}")
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(f"{result.written} written, {result.unchanged} already up to date in {outdir}.")
            )
