from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from exercises import media


class Command(BaseCommand):
    help = (
        "Remove the files in MEDIA_ROOT's exercise image and rendition folders that no exercise, and no old "
        "revision of one, refers to: left behind by interrupted saves and imports, or by replaced images. "
        "Each file is listed; symbolic links are never followed or removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List the files that would go; remove nothing.")
        parser.add_argument(
            "--min-age",
            type=int,
            default=60,
            metavar="MINUTES",
            help="Leave files younger than this alone: their save may not have committed yet (default: 60).",
        )

    def handle(self, *args, dry_run, min_age, verbosity, **options):
        if min_age < 0:
            raise CommandError("--min-age must be 0 or more minutes.")
        try:
            found = media.orphans(timedelta(minutes=min_age))
        except media.MediaError as error:
            raise CommandError(f"Nothing removed: {error}.")
        if not dry_run:
            media.delete(found)
        if verbosity < 1:
            return
        for orphan in found:
            self.stdout.write(f"{'Would remove' if dry_run else 'Removed'} {orphan.path}")
        megabytes = sum(orphan.size for orphan in found) / 1024 / 1024
        if dry_run:
            self.stdout.write(f"Dry run: {len(found)} unreferenced files ({megabytes:.1f} MB) would be removed.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Removed {len(found)} unreferenced files ({megabytes:.1f} MB)."))
