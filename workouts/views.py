"""Workout pages: the list with facets and one workout."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from .models import Workout


@require_safe
def workout_list(request):
    workouts = Workout.objects.published().in_language(get_language())
    return render(request, "workouts/list.html", {"workouts": workouts})


@require_safe
def workout_detail(request, slug):
    workout = Workout.objects.published().in_language(get_language()).with_items().filter(slug=slug).first()
    if workout is None:
        raise Http404("No workout here.")
    return render(request, "workouts/detail.html", {"workout": workout})
