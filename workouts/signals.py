from publishing.signals import watch


def connect():
    from .models import Workout, WorkoutItem, WorkoutOldURL

    watch(Workout, WorkoutItem, WorkoutOldURL)
