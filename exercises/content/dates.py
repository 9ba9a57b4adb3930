"""The dates a content file or the admin may set: the range every database stores, reads back and shows."""

import datetime

# Far inside years 1–9999, so time-zone shifts and date arithmetic never leave what Python and PostgreSQL hold.
EARLIEST_DATE = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
LATEST_DATE = datetime.datetime(9000, 12, 31, 23, 59, 59, 999999, tzinfo=datetime.UTC)


def date_range_text() -> str:
    return f"{EARLIEST_DATE:%Y-%m-%d} and {LATEST_DATE:%Y-%m-%d} (UTC)"


def checked_datetime(value: datetime.datetime) -> datetime.datetime:
    """`value` unchanged if its UTC time lies between EARLIEST_DATE and LATEST_DATE; else raise ValueError.

    A value without a time zone is taken as UTC.
    """
    aware = value if value.tzinfo else value.replace(tzinfo=datetime.UTC)
    if not EARLIEST_DATE <= aware <= LATEST_DATE:
        raise ValueError(f"must be between {date_range_text()}, not {value.isoformat()}")
    return value
