"""Write the master data into the database (used by the data migration and
``manage.py load_master_data``). Takes the model classes so that a migration can
pass its historical models."""

from filing.master import read_municipalities, read_prefectures


def load_master_data(prefecture_model, municipality_model) -> tuple[int, int]:
    prefectures = [
        prefecture_model(
            code=row.code,
            lg_code=row.lg_code,
            name=row.name,
            kana=row.kana,
            name_en=row.name_en,
            block=row.block,
            block_name=row.block_name,
        )
        for row in read_prefectures()
    ]
    prefecture_model.objects.bulk_create(
        prefectures,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["lg_code", "name", "kana", "name_en", "block", "block_name"],
    )
    municipalities = [
        municipality_model(
            lg_code=row.lg_code, name=row.name, kana=row.kana, prefecture_id=row.prefecture_code
        )
        for row in read_municipalities()
    ]
    municipality_model.objects.bulk_create(
        municipalities,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["lg_code"],
        update_fields=["name", "kana", "prefecture"],
    )
    return len(prefectures), len(municipalities)
