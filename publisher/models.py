"""What is in the publish folder, and what each saved page showed (its dependency keys)."""

from django.db import models
from django.utils import timezone


class PublishedPage(models.Model):
    """One address saved in the publish folder."""

    path = models.CharField(max_length=1000, unique=True)
    digest = models.CharField(max_length=64)
    published_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.path


class Dependency(models.Model):
    """`page` showed what `key` names (see publisher/dependencies.py): a change to it re-renders the page."""

    page = models.ForeignKey(PublishedPage, on_delete=models.CASCADE, related_name="dependencies")
    key = models.CharField(max_length=300, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "key"], name="unique_dependency_per_page")]

    def __str__(self):
        return f"{self.page} ← {self.key}"


class PublisherState(models.Model):
    """One row: up to when scheduled publications have been published."""

    due_checked_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"scheduled content published up to {self.due_checked_at}"
