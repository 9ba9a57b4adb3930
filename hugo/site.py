"""A Hugo site on disk: where its content, data and static folders are, and which type each file is.

Reads files but writes nothing and knows no models: the importer decides what becomes of each file.
"""

from dataclasses import dataclass, field
from pathlib import Path

from exercises.content import Problem, SourceFile, find_files
from exercises.content.frontmatter import FrontMatterError, load_json, load_toml, load_yaml, normalise_text
from exercises.content.tree import folder_path

CONTENT_TYPES = ("exercise", "workout", "page")
DATA_SUFFIXES = {".json": load_json, ".yaml": load_yaml, ".yml": load_yaml, ".toml": load_toml}
MAX_DATA_BYTES = 8 * 1024 * 1024


@dataclass
class SiteData:
    """Hugo's data files by name (e.g. 'workouts.json'), each parsed."""

    files: dict = field(default_factory=dict)

    def find(self, record_id: str):
        """(file name, record) of the record with this id in any data file, or None.

        Records are found as a mapping's key (`{id: {...}}`), or as a list item with `id: …`, also one
        level down (`{workouts: [{id: …}]}`).
        """
        for name, content in sorted(self.files.items()):
            for record in _records(content):
                if record[0] == record_id:
                    return name, record[1]
        return None

    def describe(self):
        return ", ".join(sorted(self.files)) or "none found"


def _records(content, depth=0):
    if isinstance(content, dict):
        for key, value in content.items():
            if isinstance(value, dict):
                yield str(key), value
            elif isinstance(value, list) and depth == 0:
                yield from _records(value, depth + 1)
    elif isinstance(content, list):
        for item in content:
            if isinstance(item, dict) and isinstance(item.get("id"), str | int):
                yield str(item["id"]), item


@dataclass
class Site:
    sources: list[SourceFile]
    data: SiteData
    static_root: Path | None
    problems: list[tuple[Path, Problem]] = field(default_factory=list)


def locate(paths) -> Site:
    """The files to import from site roots (with content/), content folders or single files."""
    sources, data, static_root, problems = [], SiteData(), None, []
    for path in map(Path, paths):
        if path.is_dir() and (path / "content").is_dir():
            sources += find_files([path / "content"], path / "content", list_pages=True)
            problems += _load_data(path / "data", data)
            static_root = static_root or ((path / "static") if (path / "static").is_dir() else None)
        elif path.is_dir():
            sources += find_files([path], path, list_pages=True)
        else:
            root = next((parent for parent in path.resolve().parents if parent.name == "content"), None)
            sources += find_files([path], root, list_pages=True)
    unique = {source.path.resolve(): source for source in sources}
    return Site(list(unique.values()), data, static_root, problems)


def _load_data(folder: Path, data: SiteData) -> list[tuple[Path, Problem]]:
    problems = []
    if not folder.is_dir():
        return problems
    for file in sorted(folder.rglob("*")):
        loader = DATA_SUFFIXES.get(file.suffix.lower())
        if loader is None or not file.is_file():
            continue
        name = file.relative_to(folder).as_posix()
        try:
            if file.stat().st_size > MAX_DATA_BYTES:
                raise FrontMatterError(f"is larger than {MAX_DATA_BYTES // 1024 // 1024} MB", None)
            data.files[name] = loader(normalise_text(file.read_text(encoding="utf-8")))
        except FrontMatterError as error:
            problems.append((file, Problem("data", error.message, error.line)))
        except (OSError, UnicodeDecodeError) as error:
            problems.append((file, Problem("data", f"cannot be read as UTF-8 text ({error})")))
    return problems


def section_of(source: SourceFile) -> str:
    """The first folder below the language folder ('' for files at the top of the content tree)."""
    return (folder_path(source) or "").partition("/")[0]


def content_type(source: SourceFile, declared_type, sections: dict) -> str:
    """The content type a file holds: `type:` when it names one, else its section's (pages by default)."""
    if isinstance(declared_type, str) and declared_type.strip().lower() in CONTENT_TYPES:
        return declared_type.strip().lower()
    return sections.get(section_of(source), "page")
