"""Front-matter values → stored values: each reader returns the value or raises Invalid with a message a
person can act on. Pure; shared by every content type's field table."""

import datetime
import math
import unicodedata
from dataclasses import dataclass

from .dates import checked_datetime

MAX_EXTRA_INT = 2**63 - 1  # what the database's JSON can hold as a number


@dataclass
class Problem:
    field: str
    message: str
    line: int | None = None


class ContentError(ValueError):
    """A file that cannot become a Document; `problems` lists every reason found."""

    def __init__(self, problems: list[Problem], document=None):
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))
        self.problems = problems
        self.document = document  # what could be read, so later checks can report their problems too


class Invalid(ValueError):
    pass


def text(value):
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise Invalid(f"must be text, not {describe(value)}")


def slug_text(value):
    return unicodedata.normalize("NFC", text(value))


def boolean(value):
    if isinstance(value, bool):
        return value
    raise Invalid(f"must be true or false, not {describe(value)}")


def integer(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise Invalid(f"must be a whole number, not {describe(value)}")


def seconds(value):
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise Invalid(f"must be a whole number of seconds, 0 or more (e.g. 60), not {describe(value)}")


def datetime_value(value):
    """A time-zone-aware datetime in the range checked_datetime() allows; no time zone means UTC."""
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value.strip())
        except ValueError:
            raise Invalid(f"must be a date such as 2024-05-01 or 2024-05-01T09:30:00Z, not “{value[:60]}”")
    if isinstance(value, datetime.datetime):
        value = value if value.tzinfo else value.replace(tzinfo=datetime.UTC)
    elif isinstance(value, datetime.date):
        value = datetime.datetime(value.year, value.month, value.day, tzinfo=datetime.UTC)
    else:
        raise Invalid(f"must be a date such as 2024-05-01 or 2024-05-01T09:30:00Z, not {describe(value)}")
    try:
        return checked_datetime(value)
    except ValueError as error:
        raise Invalid(str(error))


def strings(value):
    if not isinstance(value, list):
        raise Invalid(f"must be a list of text values, e.g. [glutes, hamstrings], not {describe(value)}")
    for index, item in enumerate(value, 1):
        if not isinstance(item, str):
            raise Invalid(f"item {index} must be text, not {describe(item)}")
    return [item.strip() for item in value if item.strip()]


def describe(value):
    if value is None:
        return "an empty value"
    return {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a mapping"}.get(
        type(value), f"“{str(value)[:60]}”"
    )


def json_safe(value):
    """An extra front-matter value as JSON can hold it: dates become ISO 8601 text."""
    if isinstance(value, dict):
        return {str(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    if isinstance(value, set):
        return sorted((json_safe(item) for item in value), key=str)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_EXTRA_INT:
        raise Invalid(f"holds a number larger than {MAX_EXTRA_INT}")  # a hex 0xfff… may be too long to print
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise Invalid(f"holds a value this site cannot keep ({describe(value)})")
