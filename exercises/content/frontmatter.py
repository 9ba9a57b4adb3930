"""Split a content file into front matter and body, and read or write the front matter.

Hugo's three formats: YAML between ``---`` lines, TOML between ``+++`` lines, or a JSON object at the
top of the file. Everything here works on text and returns plain Python values.
"""

import datetime
import json
import re
import sys
import tomllib

import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import AliasEvent
from yaml.resolver import Resolver

MAX_FRONT_MATTER_BYTES = 64 * 1024
MAX_NESTING = 20  # lists and mappings inside each other; real front matter uses three or four
YAML_DELIMITER = "---"
TOML_DELIMITER = "+++"


class FrontMatterError(ValueError):
    """The front matter cannot be read. `line` is the 1-based line in the file, when known."""

    def __init__(self, message, line=None):
        super().__init__(message)
        self.message = message
        self.line = line


def normalise_text(text: str) -> str:
    """Drop a UTF-8 byte-order mark and turn CRLF (or lone CR) line endings into LF."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> tuple[str, dict, str]:
    """Return (format, front matter, body) for a file's normalised text; raise FrontMatterError."""
    first_line = text.split("\n", 1)[0].rstrip()
    if first_line == YAML_DELIMITER:
        raw, body, start_line = _delimited(text, YAML_DELIMITER, "YAML")
        return "yaml", checked_nesting(load_yaml(raw, first_line=start_line)), body
    if first_line == TOML_DELIMITER:
        raw, body, start_line = _delimited(text, TOML_DELIMITER, "TOML")
        return "toml", checked_nesting(load_toml(raw, first_line=start_line)), body
    if text.startswith("{"):
        end = _json_object_end(text)
        return "json", checked_nesting(load_json(text[:end])), text[end:]
    raise FrontMatterError("no front matter: the file must start with a --- (YAML), +++ (TOML) or { (JSON) line", 1)


def checked_nesting(data):
    """`data` unchanged unless lists and mappings nest deeper than MAX_NESTING; then raise FrontMatterError.

    Checked without recursion, so later steps that do recurse (saving, exporting) never meet a deep value.
    """
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict | list):
            if depth > MAX_NESTING:
                raise FrontMatterError(f"lists and mappings are nested more than {MAX_NESTING} levels deep", 1)
            items = value.values() if isinstance(value, dict) else value
            pending.extend((item, depth + 1) for item in items)
    return data


def _unreadable(error: Exception) -> str:
    """Why a value could not be read, in words for the file's author rather than Python's."""
    if isinstance(error, RecursionError):
        return "lists and mappings are nested too deeply"
    if "integer string conversion" in str(error):
        return f"a number has more than {sys.get_int_max_str_digits()} digits"
    return str(error)


def _delimited(text, delimiter, name):
    """Return (front matter, body, line where the front matter starts) for --- or +++ front matter."""
    closing = re.compile(rf"^{re.escape(delimiter)}[ \t]*$", re.MULTILINE)
    start = text.index("\n") + 1 if "\n" in text else len(text)
    match = closing.search(text, start)
    end = match.start() if match else len(text)
    if len(text[start:end].encode()) > MAX_FRONT_MATTER_BYTES:
        raise FrontMatterError(f"front matter is larger than {MAX_FRONT_MATTER_BYTES // 1024} KB", 1)
    if match is None:
        raise FrontMatterError(f"{name} front matter opened with {delimiter} on line 1 is never closed", 1)
    return text[start:end], text[match.end() :], 2


def _json_object_end(text):
    """Index just past the JSON object that opens the text, found without parsing it."""
    depth, in_string, escaped = 0, False, False
    limit = min(len(text), MAX_FRONT_MATTER_BYTES + 1)
    for index in range(limit):
        char = text[index]
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth == 0:
                return index + 1
    if len(text) > MAX_FRONT_MATTER_BYTES:
        raise FrontMatterError(f"front matter is larger than {MAX_FRONT_MATTER_BYTES // 1024} KB", 1)
    raise FrontMatterError("JSON front matter opened with { on line 1 is never closed", 1)


class StrictComposer(Composer):
    """Refuses anchors and aliases, so an alias "bomb" fails at its first anchor instead of expanding."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            raise ComposerError(None, None, "YAML anchors and aliases (&name, *name) are not allowed", event.start_mark)
        return super().compose_node(parent, index)


class StrictConstructor(SafeConstructor):
    """The safe constructor, refusing a key that appears twice in one mapping (YAML would keep the last),
    and reporting a value Python cannot build (2024-02-30, a 5,000-digit number) at its line."""

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError) as error:
            shown = f"“{node.value[:60]}” " if isinstance(node.value, str) else ""
            raise ConstructorError(None, None, f"{shown}cannot be read: {_unreadable(error)}", node.start_mark)

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
            except TypeError:
                raise ConstructorError(None, None, "a mapping key must be a plain value", key_node.start_mark)
            if duplicate:
                raise ConstructorError(None, None, f"the key “{key}” appears twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


try:  # libyaml parses about five times faster; the composer above still runs in Python.
    from yaml.cyaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser as _Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, _Parser):
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _Parser.__init__(self)


class StrictSafeLoader(StrictComposer, _Parser, StrictConstructor, Resolver):
    """yaml.SafeLoader without anchors, aliases or duplicate keys."""

    def __init__(self, stream):
        _Parser.__init__(self, stream)
        StrictComposer.__init__(self)
        StrictConstructor.__init__(self)
        Resolver.__init__(self)


def load_yaml(raw: str, first_line: int = 1):
    loader = StrictSafeLoader(raw)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = " ".join(part for part in (error.context, error.problem) if part)
        raise FrontMatterError(f"invalid YAML: {problem}", mark.line + first_line if mark else None)
    except yaml.YAMLError as error:
        raise FrontMatterError(f"invalid YAML: {error}", first_line)
    except RecursionError as error:
        raise FrontMatterError(f"invalid YAML: {_unreadable(error)}", first_line)
    finally:
        loader.dispose()


def load_toml(raw: str, first_line: int = 1):
    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = re.search(r"\s*\(at line (\d+), column \d+\)", message)
        line = first_line + int(match.group(1)) - 1 if match else None
        message = message[: match.start()] if match else message
        raise FrontMatterError(f"invalid TOML: {message}", line)
    except (ValueError, RecursionError) as error:  # tomllib lets these through unwrapped
        raise FrontMatterError(f"invalid TOML: {_unreadable(error)}", first_line)


def load_json(raw: str):
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        raise FrontMatterError(f"invalid JSON: {error.msg}", error.lineno)
    except (ValueError, RecursionError) as error:
        raise FrontMatterError(f"invalid JSON: {_unreadable(error)}", 1)


class _Dumper(yaml.SafeDumper):
    """Block style, multi-line strings as | blocks, datetimes in RFC 3339 form as Hugo writes them."""

    def ignore_aliases(self, data):
        return True


def _represent_str(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_datetime(dumper, value):
    text = value.isoformat().replace("+00:00", "Z")
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", text)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(datetime.datetime, _represent_datetime)


def dump_yaml(data: dict) -> str:
    """YAML for the given mapping, keys in the given order; the same input always gives the same text."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1_000_000)
