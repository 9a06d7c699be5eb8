"""The moved models' content types follow them from "practices" to "visits".

A content type row names its app; the permissions (auth_permission) and admin log
entries of a visit, bottleneck, … hang on it. Relabelling the existing rows keeps
those attached, instead of Django creating new "visits" rows beside orphaned ones.
"""

from django.db import migrations

MODELS = [
    "visit",
    "historicalvisit",
    "visitreply",
    "followupaction",
    "bottleneck",
    "vendoranswer",
    "visitnotice",
]


def relabel(apps, schema_editor, *, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        if ContentType.objects.using(db).filter(app_label=new, model=model).exists():
            continue  # already there (made by an earlier run): leave both as they are
        ContentType.objects.using(db).filter(app_label=old, model=model).update(
            app_label=new
        )


def forwards(apps, schema_editor):
    relabel(apps, schema_editor, old="practices", new="visits")


def backwards(apps, schema_editor):
    relabel(apps, schema_editor, old="visits", new="practices")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("visits", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
