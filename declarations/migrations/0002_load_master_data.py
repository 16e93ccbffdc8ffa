"""Load the 47 prefectures and 1,741 municipalities shipped in filing/master_data/.

The CSV files are copied from ../shared/data (code4fukui/localgovjp, CC0 1.0);
see filing/master_data/SOURCE.md. Re-running the load (``manage.py
load_master_data``) updates rows in place, so it is idempotent.
"""

from django.db import migrations


def load(apps, schema_editor):
    from declarations.master_loader import load_master_data

    load_master_data(
        apps.get_model("declarations", "Prefecture"), apps.get_model("declarations", "Municipality")
    )


def unload(apps, schema_editor):
    apps.get_model("declarations", "Municipality").objects.all().delete()
    apps.get_model("declarations", "Prefecture").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("declarations", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
