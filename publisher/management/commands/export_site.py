from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from publisher.export import export_site


class Command(BaseCommand):
    help = (
        "Write the whole public site (every language, page, first pages of lists, landing pages, sitemap, "
        "feeds, robots.txt, static files and media) into OUTDIR, ready for any static host or CDN."
    )

    def add_arguments(self, parser):
        parser.add_argument("outdir", metavar="OUTDIR", help="Folder to write into (created if missing).")
        parser.add_argument(
            "--dynamic-origin",
            default="",
            metavar="URL",
            help="Where the app runs, e.g. https://app.example.org: searches, filters and later list pages "
            "link there. Without it they keep relative addresses, for a host that forwards them to the app.",
        )

    def handle(self, *args, outdir, dynamic_origin, verbosity, **options):
        if Path(outdir).exists() and not Path(outdir).is_dir():
            raise CommandError(f"{outdir} exists and is not a folder.")
        if dynamic_origin and not dynamic_origin.startswith(("https://", "http://")):
            raise CommandError(
                f"--dynamic-origin must be an origin such as https://app.example.org, not {dynamic_origin!r}."
            )
        try:
            result = export_site(outdir, dynamic_origin)
        except (OSError, ValueError) as error:
            raise CommandError(f"Export stopped: {error}")
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Exported {result.pages} pages and {result.static_files} static and media files to {outdir} "
                    f"in {result.seconds:.1f} s."
                )
            )
