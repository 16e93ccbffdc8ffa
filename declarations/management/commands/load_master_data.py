from django.core.management.base import BaseCommand

from declarations.master_loader import load_master_data
from declarations.models import Municipality, Prefecture
from declarations.selectors import master_data_clear


class Command(BaseCommand):
    help = "都道府県・市区町村のマスタデータ（filing/master_data/）を読み込みます（何度実行しても同じ結果になります）。"

    def handle(self, *args, **options):
        prefectures, municipalities = load_master_data(Prefecture, Municipality)
        master_data_clear()
        self.stdout.write(
            f"都道府県 {prefectures} 件、市区町村 {municipalities} 件を読み込みました。"
        )
