"""Pages: articles, profiles, legal pages and section pages, placed in a tree by their URL path."""

import reversion
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from publishing.models import OldAddress, Publishable, PublishableQuerySet


class Kind(models.TextChoices):
    PAGE = "page", _("Page")
    SECTION = "section", _("Section (lists its children)")


class PageQuerySet(PublishableQuerySet):
    def at(self, language, path):
        return self.filter(language=language, path=path)

    def ancestors_of(self, page):
        """The sections above a page, outermost first (one query)."""
        parts = page.path.split("/")
        paths = ["/".join(parts[:depth]) for depth in range(0, len(parts))]
        return self.published().filter(language=page.language, kind=Kind.SECTION, path__in=paths).order_by("path")

    def children_of(self, section):
        """Published pages directly below a section, in Hugo's order: weight, then newest first."""
        return self.published().filter(language=section.language, section=section.path).exclude(pk=section.pk)


class Page(Publishable):
    path = models.CharField(
        _("path"),
        max_length=500,
        blank=True,
        help_text=_("The page's address below the language prefix, without slashes at the ends, e.g. ‘learn/roll-up’."),
    )
    section = models.CharField(
        _("section"), max_length=500, blank=True, db_index=True, help_text=_("The path of the section it belongs to.")
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.PAGE)
    layout = models.CharField(
        _("layout"),
        max_length=100,
        blank=True,
        help_text=_("Picks a special template, e.g. ‘workout-builder’. Leave empty for a normal page."),
    )
    page_type = models.CharField(
        _("Hugo type"), max_length=100, blank=True, help_text=_("The old site's `type:` value, kept for export.")
    )

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["weight", "-publish_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["language", "path"], name="unique_page_path_per_language")]
        indexes = [models.Index(fields=["language", "section", "status", "publish_at"], name="page_children_idx")]

    def identity_key(self):
        return self.path or "home"

    @property
    def feature(self):
        """The site feature that replaces this page's old template (settings.PAGE_FEATURES), if any."""
        return settings.PAGE_FEATURES.get(self.layout) or settings.PAGE_FEATURES.get(self.page_type) or ""

    @property
    def slug(self):
        return self.path.rpartition("/")[2]

    def get_absolute_url(self):
        with translation.override(self.language):
            if not self.path:
                return reverse("exercises:home")
            return reverse("pages:page", kwargs={"path": self.path})


class PageOldURL(OldAddress):
    """An address the old site used for a page; the public site redirects it (301)."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="old_urls")


reversion.register(PageOldURL)
reversion.register(Page, follow=["old_urls"])
