from django.core.management.base import BaseCommand, CommandError

from config.servers import WORKER_READY
from publisher import jobs

DUE_CHECK_SECONDS = 1.0


class Command(BaseCommand):
    help = (
        "The publishing worker: takes publish jobs from the Redis queue (when REDIS_URL is set) and publishes "
        "scheduled content when its time comes. Run one or more beside the app servers."
    )

    def ready(self, what):
        self.stdout.write(f"{WORKER_READY}: {what}.")
        self.stdout.flush()

    def handle(self, *args, **options):
        if not jobs.is_enabled():
            raise CommandError("PUBLISH_ROOT is not set: there is no publish folder to write to.")
        if jobs.uses_queue():
            jobs.run_queue_worker(DUE_CHECK_SECONDS, ready=self.ready)
        else:
            # Without Redis, edits publish in the process that made them; this process only watches the clock.
            self.ready("publishing scheduled content when due")
            jobs.watch_the_clock(DUE_CHECK_SECONDS)
