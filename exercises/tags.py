"""Tag fields that read names in the exercise's language: "Hip-Flexors", "hip flexors" and "psoas" are one term."""

from django.utils.text import slugify
from taggit.managers import _TaggableManager


def tag_slug(name: str) -> str:
    return slugify(name, allow_unicode=True)


class SlugTaggableManager(_TaggableManager):
    """taggit's manager, but strings are matched to the exercise's language's terms through the taxonomy."""

    def _to_tag_model_instances(self, tags, tag_kwargs):
        from .taxonomy import Taxonomy, kind_of

        tag_model = self.through.tag_model()
        objects = [tag for tag in tags if isinstance(tag, tag_model)]
        names = [tag for tag in tags if isinstance(tag, str)]
        found = Taxonomy(kind_of(tag_model)).terms_for(names, self.instance.language) if names else []
        return list(dict.fromkeys(objects + found))
