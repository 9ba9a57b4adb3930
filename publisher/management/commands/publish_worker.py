import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from publisher import jobs

DUE_CHECK_SECONDS = 1.0


class Command(BaseCommand):
    help = (
        "The publishing worker: takes publish jobs from the Redis queue (when REDIS_URL is set) and publishes "
        "scheduled content when its time comes. Run one or more beside the app servers."
    )

    def handle(self, *args, **options):
        if not jobs.is_enabled():
            raise CommandError("PUBLISH_ROOT is not set: there is no publish folder to write to.")
        if jobs.uses_queue():
            jobs.run_queue_worker(due_check_seconds=DUE_CHECK_SECONDS)
        else:
            # Without Redis, edits publish in the process that made them; this process only watches the clock.
            while True:
                close_old_connections()
                jobs.publish_due()
                time.sleep(DUE_CHECK_SECONDS)
