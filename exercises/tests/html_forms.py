"""Read a rendered HTML form's current values, as a browser would submit them."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = form_id is None
        self.data = {}
        self.select = None
        self.textarea = None
        self.options = []

    def add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.add(name, attrs.get("value", "on"))
                return
            self.add(name, attrs.get("value", ""))
        elif tag == "select" and name:
            self.select, self.options = name, []
        elif tag == "option" and self.select:
            self.options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.form_id is not None:
            self.inside = False
        elif tag == "select" and self.select:
            chosen = [value for value, selected in self.options if selected]
            for value in chosen or [value for value, _ in self.options[:1]]:
                self.add(self.select, value)
            self.select = None
        elif tag == "textarea" and self.textarea:
            name, text = self.textarea
            # HTML drops one newline right after <textarea>.
            self.add(name, text[1:] if text.startswith("\n") else text)
            self.textarea = None


def form_values(html, form_id=None):
    """Return {name: [values]} for the form with `form_id` (or every form) in `html`."""
    reader = _FormReader(form_id)
    reader.feed(html)
    return reader.data
