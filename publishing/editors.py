"""The Editors group's permissions over a content type's models, for each app's data migration."""

from django.contrib.auth.management import create_permissions

ACTIONS = ["add", "change", "delete", "view"]


def _permissions(apps, app_label, model_names):
    # Permissions are normally created after all migrations run; create them now so the group gets them.
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    codenames = [f"{action}_{model}" for model in model_names for action in ACTIONS]
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)


def grant_to_editors(apps, app_label, model_names):
    """Give the Editors group full control of these models (creating the group if needed)."""
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name="Editors")
    group.permissions.add(*_permissions(apps, app_label, model_names))


def revoke_from_editors(apps, app_label, model_names):
    group = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if group is not None:
        group.permissions.remove(*_permissions(apps, app_label, model_names))
