"""Admin for the taxonomy: terms (a muscle's or equipment's name in one language) and the concepts they name."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin

from .models import Equipment, EquipmentConcept, Muscle, MuscleConcept
from .taxonomy import merge_terms


class TermListFilter(admin.RelatedFieldListFilter):
    """The exercise list's muscle or equipment filter: the chosen language's names, or all, each marked
    with its language, when no language is chosen."""

    def field_choices(self, field, request, model_admin):
        terms = field.remote_field.model.objects.order_by("name", "language")
        language = request.GET.get("language__exact")
        if language:
            return [(term.pk, term.name) for term in terms.filter(language=language)]
        return [(term.pk, f"{term.name} ({term.language})") for term in terms]


@admin.register(Muscle, Equipment)
class TermAdmin(VersionAdmin):
    list_display = ["name", "language", "slug", "concept", "other_languages", "exercise_count"]
    list_filter = ["language"]
    search_fields = ["name", "slug", "concept__key"]
    fields = ["name", "slug", "language", "concept", "synonyms", "description"]
    autocomplete_fields = ["concept"]
    actions = ["merge_selected"]

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and request.POST.get("action") == "merge_selected":
            # The merge saves its own "before" revision; the list-wide revision reversion opens here would
            # fold the merge's result into it, leaving nothing to revert to.
            return admin.ModelAdmin.changelist_view(self, request, extra_context)
        return super().changelist_view(request, extra_context)

    def get_search_results(self, request, queryset, search_term):
        # Other spellings count too: "quads" finds Quadriceps, "psoas" Hip Flexors.
        found, duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            found = (found | queryset.filter(synonyms__icontains=search_term.strip())).order_by("name", "language")
        return found, duplicates

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("concept")
        return queryset.annotate(exercise_count=Count("exercise_links")).order_by("name", "language")

    @admin.display(description=_("exercises"), ordering="exercise_count")
    def exercise_count(self, term):
        return term.exercise_count

    @admin.display(description=_("other languages"))
    def other_languages(self, term):
        return format_html_join(
            ", ",
            '<a href="{}">{}</a> ({})',
            (
                (reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[o.pk]), o.name, o.language)
                for o in term.translations()
            ),
        )

    @admin.action(description=_("Merge selected into one…"))
    def merge_selected(self, request, queryset):
        terms = list(queryset.select_related("concept").order_by("language", "name"))
        if len(terms) < 2:
            self.message_user(request, _("Select two or more to merge."), messages.WARNING)
            return None
        target = next((term for term in terms if str(term.pk) == request.POST.get("target")), None)
        if target is None or "confirm" not in request.POST:
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "terms": terms,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "title": _("Merge %(things)s") % {"things": self.opts.verbose_name_plural},
            }
            return TemplateResponse(request, "admin/exercises/merge_terms.html", context)
        merge_terms(target, terms, user=request.user)
        history = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[target.pk])
        self.message_user(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                ngettext("Merged %(count)d into “%(name)s”.", "Merged %(count)d into “%(name)s”.", len(terms) - 1)
                % {"count": len(terms) - 1, "name": target.name},
                history,
                _("Undo it from the history."),
            ),
            messages.SUCCESS,
        )
        return None


class TermInline(admin.TabularInline):
    extra = 1
    fields = ["language", "name", "slug", "synonyms", "description"]


class MuscleInline(TermInline):
    model = Muscle


class EquipmentInline(TermInline):
    model = Equipment


class ConceptAdmin(VersionAdmin):
    search_fields = ["key", "terms__name"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("terms")

    @admin.display(description=_("names"))
    def names(self, concept):
        return ", ".join(f"{term.name} ({term.language})" for term in concept.terms.all())


@admin.register(MuscleConcept)
class MuscleConceptAdmin(ConceptAdmin):
    list_display = ["key", "names", "region", "parent"]
    list_filter = ["region"]
    fields = ["key", "region", "parent"]
    autocomplete_fields = ["parent"]
    inlines = [MuscleInline]


@admin.register(EquipmentConcept)
class EquipmentConceptAdmin(ConceptAdmin):
    list_display = ["key", "names"]
    fields = ["key"]
    inlines = [EquipmentInline]
