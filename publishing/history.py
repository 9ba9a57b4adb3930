"""Readable comparisons of content: two saved versions of a row, or a translation's source then and now."""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from reversion.models import Version

# Bookkeeping that changes on every save and says nothing to an editor.
HIDDEN_FIELDS = {
    *("id", "body_html", "search_text", "created", "updated"),
    *("edit_version", "content_version", "source_language", "source_version", "source_text"),
}
TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str

    @property
    def html(self) -> SafeString:
        """The new text with removed words in <del> and added words in <ins>."""
        old, new = TOKENS.findall(self.old), TOKENS.findall(self.new)
        parts = []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if tag in ("replace", "delete"):
                parts.append(f"<del>{escape(''.join(old[i1:i2]))}</del>")
            if tag in ("replace", "insert"):
                parts.append(f"<ins>{escape(''.join(new[j1:j2]))}</ins>")
            if tag == "equal":
                parts.append(escape("".join(old[i1:i2])))
        return mark_safe("".join(parts))


def changes(old: dict, new: dict) -> list[Change]:
    """The entries that differ between two {label: text} dicts, in `new`'s order then the removed ones."""
    labels = list(dict.fromkeys([*new, *old]))
    return [
        Change(label, str(old.get(label, "")), str(new.get(label, "")))
        for label in labels
        if str(old.get(label, "")) != str(new.get(label, ""))
    ]


def version_text(version: Version) -> dict:
    """A saved version as {label: text}: the row's own fields, then each followed child row (steps, items…)
    in order, labelled by its kind and position."""
    model = version._model
    text = {}
    for name, value in version.field_dict.items():
        if name in HIDDEN_FIELDS:
            continue
        try:
            label = str(model._meta.get_field(name).verbose_name)
        except Exception:  # a field removed since this version was saved
            label = name
        text[label] = _plain(value)
    children = [v for v in version.revision.version_set.all() if v.pk != version.pk]
    children.sort(key=lambda v: (v.content_type_id, v.field_dict.get("order", 0), v.object_id))
    counters = {}
    for child in children:
        kind = str(child._model._meta.verbose_name)
        counters[kind] = counters.get(kind, 0) + 1
        values = [_child_value(child, field, model) for field in child._model._meta.concrete_fields]
        text[f"{kind} {counters[kind]}"] = " · ".join(value for value in values if value)
    return text


def _child_value(child, field, parent_model) -> str:
    """A child field as an editor reads it: a linked row by its name; nothing for the link to the parent."""
    if field.primary_key or field.name in HIDDEN_FIELDS or field.name == "order":
        return ""
    value = child.field_dict.get(field.attname)
    if not field.is_relation:
        return _plain(value)
    if field.related_model is parent_model or value is None:
        return ""
    return str(field.related_model._default_manager.filter(pk=value).first() or value)


def _plain(value) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_plain(item)}" for key, item in value.items())
    if value is None:
        return ""
    return str(value)
