from django.core.management.base import BaseCommand

from exercises.management.imports import check_arguments, reported_as_command_errors
from hugo.importer import import_site


class Command(BaseCommand):
    help = (
        "Import a whole Hugo site: exercises, workouts (with their data-file records) and pages (articles, "
        "legal pages, section pages). Each file goes to a type by its section (the CONTENT_SECTIONS setting; "
        "`type:` in front matter overrides). All or nothing: if any file is invalid, every problem is listed "
        "and nothing is written. Re-importing updates rows in place."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="PATH",
            help="A Hugo site root (with content/, data/, static/), a content folder, or single files.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Validate and report, but write nothing.")
        parser.add_argument(
            "--strict-tags",
            action="store_true",
            help="Refuse muscle and equipment names that neither the vocabulary nor the stored terms know "
            "(by default each makes a new term, listed in the summary).",
        )
        parser.add_argument(
            "--only-new",
            action="store_true",
            help="Create what is missing and leave existing rows alone (how `make run` loads the starter library).",
        )
        parser.add_argument(
            "--static-root", metavar="DIR", help="Hugo's static folder (default: static/ beside content/)."
        )
        parser.add_argument("--language", metavar="CODE", help="Language of files whose name or folder does not say.")

    def handle(self, *args, paths, dry_run, only_new, strict_tags, static_root, language, verbosity, **options):
        check_arguments(paths, language=language, static_root=static_root)
        with reported_as_command_errors():
            result = import_site(
                paths,
                language=language,
                static_root=static_root,
                dry_run=dry_run,
                strict_tags=strict_tags,
                only_new=only_new,
                progress=self.progress(verbosity),
            )
        if verbosity >= 1:
            self.report(result)

    def progress(self, verbosity):
        def show(stage, done, total):
            if verbosity >= 1 and total > 500:
                self.stdout.write(f"{stage.capitalize()} {done}/{total} exercise files…")

        return show

    def report(self, result):
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(f"Warning: {warning}"))
        for note in result.new_terms:
            self.stdout.write(note[0].upper() + note[1:])
        for kind in ("exercise", "workout", "page"):
            counts = result.counts.get(kind)
            if counts:
                self.stdout.write(
                    f"{kind.capitalize()}s: {counts.created} created, {counts.updated} updated, "
                    f"{counts.unchanged} unchanged"
                )
        for link in result.linked:
            self.stdout.write(f"Linked: {link}")
        if result.dry_run:
            self.stdout.write(self.style.SUCCESS(f"Dry run: {result.files} files are valid. Nothing was written."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {result.files} files in {result.seconds:.1f} s."))
