"""Tags matched by slug: "Hip Flexors", "hip flexors" and "hip-flexors" are one tag."""

from django.utils.text import slugify
from taggit.managers import _TaggableManager


def tag_slug(name: str) -> str:
    return slugify(name, allow_unicode=True)


def tags_for_names(tag_model, names):
    """Return tags for the given names, in order and without duplicates, creating missing ones.

    Existing tags are found by slug in one query; a new tag keeps the first spelling seen.
    """
    wanted = {}
    for name in names:
        name = " ".join(str(name).split())
        slug = tag_slug(name)
        if slug and slug not in wanted:
            wanted[slug] = name
    existing = {tag.slug: tag for tag in tag_model.objects.filter(slug__in=wanted)}
    tags = []
    for slug, name in wanted.items():
        tag = existing.get(slug)
        if tag is None:
            tag, _ = tag_model.objects.get_or_create(slug=slug, defaults={"name": name[:100]})
        tags.append(tag)
    return tags


class SlugTaggableManager(_TaggableManager):
    """taggit's manager, but strings are matched to tags by slug rather than by name."""

    def _to_tag_model_instances(self, tags, tag_kwargs):
        tag_model = self.through.tag_model()
        objects = [tag for tag in tags if isinstance(tag, tag_model)]
        names = [tag for tag in tags if isinstance(tag, str)]
        found = tags_for_names(tag_model, names)
        return list(dict.fromkeys(objects + found))
