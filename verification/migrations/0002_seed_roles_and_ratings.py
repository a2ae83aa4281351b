"""Create the four role groups and the default verdict scale."""

from django.db import migrations

ROLES = ["observer", "fact_checker", "editor", "admin"]

DEFAULT_SCALE = [
    ("Confirmed", "The responsible party acknowledged it, or independent high-grade sources establish it.", "#1a7f37", 5),
    ("Corroborated", "Two or more credible independent sources support it.", "#4c9a2a", 4),
    ("Single source", "Only one credible source supports it.", "#bf8700", 3),
    ("Contested", "Credible sources disagree, or responsibility is disputed.", "#d1802b", 2),
    ("Contradicted", "Credible evidence shows it did not happen as claimed.", "#cf222e", 1),
    ("Unverifiable", "The available evidence cannot settle it either way.", "#6e7781", 0),
]


def seed(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Rating = apps.get_model("verification", "Rating")
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    for order, (label, description, colour, value) in enumerate(DEFAULT_SCALE):
        Rating.objects.get_or_create(
            label=label, defaults={"description": description, "colour": colour, "value": value, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("verification", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
