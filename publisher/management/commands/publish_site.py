from django.core.management.base import BaseCommand, CommandError

from publisher import jobs, site


class Command(BaseCommand):
    help = (
        "Render every public page into the publish folder (PUBLISH_ROOT) and remove pages that are no longer "
        "public. Edits publish themselves; run this once after deploying new templates or code."
    )

    def handle(self, *args, verbosity, **options):
        if not jobs.is_enabled():
            raise CommandError("PUBLISH_ROOT is not set: there is no publish folder to write to.")
        report = site.publish_all()
        if verbosity >= 1:
            counts = ", ".join(f"{count} {outcome}" for outcome, count in sorted(report.counts().items()))
            self.stdout.write(self.style.SUCCESS(f"Published to {site.root()}: {counts or 'nothing to do'}."))
        if report.counts().get("failed"):
            raise CommandError("Some pages could not be rendered; they keep their previous version (see the log).")
