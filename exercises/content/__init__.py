"""The content-file format: Markdown with YAML, TOML or JSON front matter, read into a plain Document.

Pure parsing and writing; nothing here touches the database. See importer.py and exporter.py for the
steps that do.
"""

from .dates import checked_datetime
from .document import (
    ContentError,
    Document,
    FAQDoc,
    ModificationDoc,
    Problem,
    front_matter_from_document,
    parse_document,
    render_document,
)
from .frontmatter import MAX_FRONT_MATTER_BYTES, FrontMatterError, checked_nesting
from .tree import LanguageError, SourceFile, detect_language, find_files, hugo_url, normalise_path, slug_from_name

__all__ = [
    "MAX_FRONT_MATTER_BYTES",
    "ContentError",
    "Document",
    "FAQDoc",
    "FrontMatterError",
    "LanguageError",
    "ModificationDoc",
    "Problem",
    "SourceFile",
    "checked_datetime",
    "checked_nesting",
    "detect_language",
    "find_files",
    "front_matter_from_document",
    "hugo_url",
    "normalise_path",
    "parse_document",
    "render_document",
    "slug_from_name",
]
