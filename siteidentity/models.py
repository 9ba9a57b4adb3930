"""The site's identity: one record an editor changes in the admin — name, tagline, logo, accent colour, menu,
footer and social links — read by every page through a snapshot (identity.py)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from publishing.models import language_choices  # also named here by this app's migrations

from . import colours, logos

DEFAULT_ACCENT = "#0b5d4b"
IDENTITY_PK = 1


class SiteIdentity(models.Model):
    """The one identity record (primary key 1)."""

    name = models.CharField(
        _("site name"),
        max_length=80,
        blank=True,
        help_text=_("Shown in the header, page titles, feeds and search results. Example: ‘Studio Pilates’."),
    )
    logo = models.FileField(
        _("logo"),
        upload_to="site/",
        blank=True,
        validators=[logos.validate_logo],
        help_text=_("An SVG or a JPEG, PNG or WebP image, shown at 40 pixels high in the header."),
    )
    logo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    logo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    accent = models.CharField(
        _("accent colour"),
        max_length=7,
        default=DEFAULT_ACCENT,
        validators=[colours.validate_accent],
        help_text=_("A dark colour as #rrggbb: white text on it and it on white must stay readable. Example: #0b5d4b."),
    )
    # What pages read: this row, its texts and links as plain data, rebuilt on every change (identity.py).
    snapshot = models.JSONField(default=dict, editable=False)

    class Meta:
        verbose_name = _("site identity")
        verbose_name_plural = _("site identity")

    def __str__(self):
        return self.name or str(settings.SITE_NAME)

    def save(self, *args, **kwargs):
        self.pk = IDENTITY_PK
        if self.logo and not self.logo._committed:
            self.logo, self.logo_width, self.logo_height = logos.cleaned_logo(self.logo)
        elif not self.logo:
            self.logo_width = self.logo_height = None
        super().save(*args, **kwargs)


class SiteText(models.Model):
    """The name and tagline in one language."""

    identity = models.ForeignKey(SiteIdentity, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=10, choices=language_choices)
    name = models.CharField(
        _("site name in this language"), max_length=80, blank=True, help_text=_("Empty: the site name above.")
    )
    tagline = models.CharField(
        _("tagline"), max_length=160, blank=True, help_text=_("Example: ‘Pilates at home, step by step’.")
    )

    class Meta:
        verbose_name = _("name and tagline in a language")
        verbose_name_plural = _("names and taglines by language")
        constraints = [models.UniqueConstraint(fields=["identity", "language"], name="one_site_text_per_language")]

    def __str__(self):
        return f"{self.language}: {self.name or self.tagline}"


class Place(models.TextChoices):
    MENU = "menu", _("header menu")
    FOOTER = "footer", _("footer")
    SOCIAL = "social", _("social link")


def validate_link_url(value):
    if not value.startswith(("/", "https://", "http://", "mailto:")) or value.startswith("//"):
        raise ValidationError(
            _("Give a path on this site (/about/) or a full address (https://…, mailto:…)."), code="bad_url"
        )


class SiteLink(models.Model):
    """One link of the header menu, a footer column or the social links, in one language or in all."""

    identity = models.ForeignKey(SiteIdentity, on_delete=models.CASCADE, related_name="links")
    place = models.CharField(_("where"), max_length=10, choices=Place.choices, default=Place.MENU)
    language = models.CharField(
        _("language"), max_length=10, choices=language_choices, blank=True, help_text=_("Empty: every language.")
    )
    column = models.CharField(
        _("footer column"), max_length=60, blank=True, help_text=_("Footer links only: the heading of their column.")
    )
    title = models.CharField(_("text"), max_length=80)
    url = models.CharField(_("address"), max_length=500, validators=[validate_link_url])
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("menu, footer and social links")
        ordering = ["place", "order", "id"]

    def __str__(self):
        return f"{self.get_place_display()}: {self.title}"
