"""Tag fields that read names in the exercise's language: "Hip-Flexors", "hip flexors" and "psoas" are one term."""

from django.utils.text import slugify
from taggit.managers import _TaggableManager


def tag_slug(name: str) -> str:
    return slugify(name, allow_unicode=True)


class SlugTaggableManager(_TaggableManager):
    """taggit's manager, but strings are matched to the exercise's language's terms through the taxonomy."""

    def _to_tag_model_instances(self, tags, tag_kwargs):
        from .taxonomy import Taxonomy, kind_of, translated_terms

        tag_model, language = self.through.tag_model(), self.instance.language
        objects = [tag for tag in tags if isinstance(tag, tag_model)]
        # A term picked in another language stands for its concept: store the concept's name in this one.
        objects = [tag for tag in objects if tag.language == language] + list(
            translated_terms([tag for tag in objects if tag.language != language], language)
        )
        names = [tag for tag in tags if isinstance(tag, str)]
        found = Taxonomy(kind_of(tag_model)).terms_for(names, language) if names else []
        return list(dict.fromkeys(objects + found))
