"""Page front matter ⇄ Page fields: the one table the importer, exporter and admin form read."""

from exercises.content.fields import Field, core_keys
from publishing.mapping import PUBLICATION_FIELDS

PAGE_FIELDS = [
    *PUBLICATION_FIELDS,
    Field("layout", "layout"),
    Field("type", "page_type"),
]

# Keys the admin's "extra front matter" may not hold: they would be written over the real values.
PAGE_CORE_KEYS = core_keys(PAGE_FIELDS) | {"slug"}
