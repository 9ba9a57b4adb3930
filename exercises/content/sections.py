"""Body sections: minimal files keep their steps and modifications in the Markdown body.

When the front matter has no steps, a section titled Steps (or Execution, Instructions, Pasos, …) that holds
a numbered list becomes the steps; likewise a Modifications section whose bullets start with **Easier:** or
**Harder:** (or their translations) becomes the modifications. Lifted sections leave the body; when the
steps section had text before it, STEPS_MARKER takes its place, so the page shows that text before the steps.
"""

import re
import unicodedata
from dataclasses import dataclass

from .vocabulary import MODIFICATION_LEVELS, SECTION_TITLES, canonical_value

HEADING = re.compile(r"^##[ \t]+(?P<title>.+?)[ \t#]*$")
NUMBERED_ITEM = re.compile(r"^\s{0,3}\d{1,3}[.)][ \t]+(?P<text>.*)$")
BULLET_ITEM = re.compile(r"^\s{0,3}[-*+][ \t]+(?P<text>.*)$")
LEVEL_LABEL = re.compile(r"^\*\*(?P<label>[^*]+?)\s*:?\s*\*\*\s*:?\s*(?P<text>.*)$")
# "Bent knee — bend the knee" or "Bent knee: bend the knee": the author wrote a name before the description.
NAME_SEPARATOR = re.compile(r"\s+[—–-]\s+|:\s+")
CLAUSE_END = re.compile(r"[,;.(]")
MAX_NAME_LENGTH = 200
MAX_SHORT_NAME_WORDS = 6  # a longer first clause is a sentence, not a name
# Where the lifted steps were, in a body that had text before them (a Markdown comment: Hugo shows nothing).
STEPS_MARKER = "<!-- steps -->"
CODE_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


@dataclass
class Section:
    title: str
    start: int  # index of the heading line
    end: int  # index just past the section's last line


def split_sections(lines: list[str]) -> list[Section]:
    """The ## sections of a body (headings inside fenced code blocks do not count)."""
    sections, in_code = [], False
    for index, line in enumerate(lines):
        if CODE_FENCE.match(line):
            in_code = not in_code
        elif not in_code and (match := HEADING.match(line)):
            if sections:
                sections[-1].end = index
            sections.append(Section(match["title"].strip(), index, len(lines)))
    return sections


def _title_kind(title: str):
    key = unicodedata.normalize("NFC", title.strip().rstrip(":").strip().lower())
    return next((kind for kind, titles in SECTION_TITLES.items() if key in titles), None)


def _list_items(lines: list[str], item_pattern) -> list[str] | None:
    """The items of a list that is the only content of `lines`, or None if anything else is there."""
    items = []
    for line in lines:
        if match := item_pattern.match(line):
            items.append(match["text"].strip())
        elif not line.strip():
            continue
        elif items and line.startswith((" ", "\t")):
            items[-1] = f"{items[-1]} {line.strip()}"  # a wrapped item continues on an indented line
        else:
            return None
    return items or None


def _short_name(text: str, label: str) -> tuple[str, str]:
    """(name, description) for a modification written as a sentence: the sentence is the description and its
    first clause the name when that is short, else the level's label as the file wrote it ("Easier")."""
    words = text.split()
    if len(words) <= MAX_SHORT_NAME_WORDS and not text.endswith("."):
        return text, ""  # "Ankle weight": already a name
    clause = CLAUSE_END.split(text, maxsplit=1)[0].strip()
    if clause != text.rstrip(".").strip() and 0 < len(clause.split()) <= MAX_SHORT_NAME_WORDS:
        return clause, text
    return label[:1].upper() + label[1:], text


def _modification(label_text: str):
    """(name, level, description) from the text after a **Level:** label: 'Bent knee — shorter lever' names
    itself; a sentence is named by its first clause or the label, and kept whole as the description."""
    match = LEVEL_LABEL.match(label_text)
    if not match:
        return None
    level = canonical_value("level", match["label"])
    if level not in MODIFICATION_LEVELS:
        return None
    text = match["text"].strip()
    if not text:
        return None
    parts = NAME_SEPARATOR.split(text, maxsplit=1)
    if len(parts) == 2 and len(parts[0].split()) <= MAX_SHORT_NAME_WORDS:
        name, description = parts[0].strip(), parts[1].strip()
    else:
        name, description = _short_name(text, match["label"].strip())
    if len(name) > MAX_NAME_LENGTH:
        name = name[: MAX_NAME_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    return name.rstrip("."), level, description


def _has_text(lines: list[str]) -> bool:
    return any(line.strip() for line in lines)


def lift_sections(body: str, want_steps: bool, want_modifications: bool):
    """Return (body, steps, modifications, notes) with the lifted sections removed from the body.

    `steps` is a list of strings, `modifications` a list of (name, level, description); either is None
    when nothing was lifted. `notes` explain sections that looked liftable but were left in the body.
    """
    lines = body.split("\n")
    steps = modifications = steps_section = None
    notes, remove = [], []
    for section in split_sections(lines):
        kind = _title_kind(section.title)
        content = lines[section.start + 1 : section.end]
        if kind == "steps" and want_steps and steps is None:
            items = _list_items(content, NUMBERED_ITEM)
            if items:
                steps, steps_section = items, section
                remove.append(section)
            else:
                notes.append(f"the “{section.title}” section is not only a numbered list, so it stays in the body")
        elif kind == "modifications" and want_modifications and modifications is None:
            items = _list_items(content, BULLET_ITEM)
            parsed = [_modification(item) for item in items or []]
            if parsed and all(parsed):
                modifications = parsed
                remove.append(section)
            else:
                notes.append(
                    f"the “{section.title}” section is not only bullets starting with **Easier:** or **Harder:**, "
                    "so it stays in the body"
                )
    for section in reversed(remove):
        replacement = [STEPS_MARKER, ""] if section is steps_section and _has_text(lines[: section.start]) else []
        lines[section.start : section.end] = replacement
    return "\n".join(lines).strip("\n").rstrip(), steps, modifications, notes
