"""The exercise app's signals, connected in AppConfig.ready(): content changes mark cached pages stale,
keep the search text current and make image renditions."""

from django.db.models.signals import post_save

from publishing.signals import watch


def connect():
    from . import renditions, search
    from .models import FAQ, Equipment, Exercise, Modification, Muscle, OldURL, Step, TaggedEquipment, TaggedMuscle

    content = (Exercise, Step, Modification, FAQ, Muscle, Equipment, TaggedMuscle, TaggedEquipment, OldURL)
    watch(*content, through=(TaggedMuscle, TaggedEquipment))
    search.connect_signals()
    post_save.connect(renditions.make_renditions_on_save, sender=Exercise, dispatch_uid="exercise_image_renditions")
