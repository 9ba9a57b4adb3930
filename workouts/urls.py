from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "workouts"

urlpatterns = [
    path(_("workouts/"), views.workout_list, name="list"),
    # Before the detail pattern, which would take "builder" for a slug.
    path(_("workouts/builder/"), views.workout_builder, name="builder"),
    path(_("workouts/<str:slug>/"), views.workout_detail, name="detail"),
]
