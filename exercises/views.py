from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from .models import Equipment, Exercise, Muscle


def public_exercises():
    return Exercise.objects.published().in_language(get_language())


def home(request):
    return render(request, "exercises/home.html", {"exercises": public_exercises()[:12]})


def exercise_list(request):
    return render(request, "exercises/list.html", {"exercises": public_exercises()})


def exercise_detail(request, slug):
    exercise = get_object_or_404(public_exercises(), slug=slug)
    return render(request, "exercises/detail.html", {"exercise": exercise})


def muscle(request, slug):
    tag = get_object_or_404(Muscle, slug=slug)
    return render(request, "exercises/list.html", {"exercises": public_exercises().filter(muscles=tag)})


def equipment(request, slug):
    tag = get_object_or_404(Equipment, slug=slug)
    return render(request, "exercises/list.html", {"exercises": public_exercises().filter(equipment=tag)})
