from django.core.management.base import BaseCommand

from exercises.importer import BATCH_SIZE, import_exercises
from exercises.management.imports import check_arguments, reported_as_command_errors


class Command(BaseCommand):
    help = (
        "Import exercises from Markdown files with YAML, TOML or JSON front matter (a Hugo content tree). "
        "All or nothing: if any file is invalid, every problem is listed and nothing is written. "
        "Re-importing updates exercises in place, matched by language and slug."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help="Markdown files or folders (searched for *.md; _index.md skipped)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Validate and report, but write nothing.")
        parser.add_argument(
            "--strict-tags",
            action="store_true",
            help="Refuse muscle and equipment names that neither the vocabulary nor the stored terms know "
            "(by default each makes a new term, listed in the summary).",
        )
        parser.add_argument(
            "--content-root",
            metavar="DIR",
            help="Hugo's content folder, for languages and old URLs (default: each folder given).",
        )
        parser.add_argument(
            "--static-root", metavar="DIR", help="Hugo's static folder, where image paths like /images/x.jpg are."
        )
        parser.add_argument(
            "--language",
            metavar="CODE",
            help="Language of files whose name or folder does not say (default: the site's).",
        )

    def handle(self, *args, paths, dry_run, strict_tags, content_root, static_root, language, verbosity, **options):
        self.verbosity = verbosity
        check_arguments(paths, language=language, content_root=content_root, static_root=static_root)
        with reported_as_command_errors():
            result = import_exercises(
                paths,
                content_root=content_root,
                static_root=static_root,
                language=language,
                dry_run=dry_run,
                strict_tags=strict_tags,
                progress=self.show_progress,
            )
        if verbosity >= 1:
            self.report(result)

    def show_progress(self, stage, done, total):
        if self.verbosity >= 1 and total > BATCH_SIZE:
            self.stdout.write(f"{stage.capitalize()} {done}/{total} files…")

    def report(self, result):
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(f"Warning: {warning}"))
        for note in result.new_terms:
            self.stdout.write(note[0].upper() + note[1:])
        if result.files == 0:
            self.stdout.write(self.style.WARNING("No Markdown files found; nothing to import."))
            return
        for link in result.linked:
            self.stdout.write(f"Linked: {link}")
        counts = f"{result.created} created, {result.updated} updated, {result.unchanged} unchanged"
        if result.dry_run:
            message = f"Dry run: {result.files} files are valid ({counts} if imported). Nothing was written."
        else:
            message = f"Imported {result.files} files in {result.seconds:.1f} s: {counts}."
        self.stdout.write(self.style.SUCCESS(message))
        if result.lifted:
            self.stdout.write(
                f"Steps or modifications were taken from the body of {result.lifted} "
                f"file{'s' if result.lifted != 1 else ''}."
            )
