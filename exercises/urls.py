from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import feeds, views

app_name = "exercises"

urlpatterns = [
    path("", views.home, name="home"),
    path("index.xml", feeds.LatestExercisesFeed(), name="feed"),
    path(_("exercises/"), views.exercise_list, name="list"),
    path(_("exercises/index.xml"), feeds.ExerciseSectionFeed(), name="list_feed"),
    path(_("exercises/<str:slug>/"), views.exercise_detail, name="detail"),
    path("muscles/", views.muscle_index, name="muscles"),
    path("muscles/<str:slug>/", views.muscle, name="muscle"),
    path("equipment/", views.equipment_index, name="equipment_index"),
    path("equipment/<str:slug>/", views.equipment, name="equipment"),
    path("difficulties/", views.difficulty_index, name="difficulties"),
    path("difficulties/<str:level>/", views.difficulty, name="difficulty"),
]
