import json

from django.core.management.base import BaseCommand

from health.checks import report


class Command(BaseCommand):
    help = (
        "Count the exercises that need an editor's work: placeholder videos, missing images, missing or "
        "out-of-date translations, thin pages, broken links…"
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["text", "json"], default="text", help="json: {check: count}")
        parser.add_argument("--fail", action="store_true", help="exit with status 1 when any count is above zero")

    def handle(self, *args, format, fail, **options):
        counts = report()
        if format == "json":
            self.stdout.write(json.dumps({check.key: count for check, count in counts}, indent=2))
        else:
            width = max(len(str(check.label)) for check, _count in counts)
            for check, count in counts:
                self.stdout.write(f"{str(check.label):<{width}}  {count:>6}  ({check.key})")
        if fail and any(count for _check, count in counts):
            raise SystemExit(1)
