from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "exercises"

urlpatterns = [
    path("", views.home, name="home"),
    path(_("exercises/"), views.exercise_list, name="list"),
    path(_("exercises/<str:slug>/"), views.exercise_detail, name="detail"),
    path("muscles/<str:slug>/", views.muscle, name="muscle"),
    path("equipment/<str:slug>/", views.equipment, name="equipment"),
]
