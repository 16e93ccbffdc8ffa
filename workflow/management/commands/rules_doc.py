from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from filing.engine import all_rules
from filing.rules_doc import RULES_DOC, render


class Command(BaseCommand):
    help = "要綱チェックの一覧（docs/rules.md）をルールの定義から生成します。"

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=RULES_DOC, help="書き出すファイル")
        parser.add_argument(
            "--check",
            action="store_true",
            help="書き出さず、ファイルが最新かどうかだけを確かめます（古ければ失敗します）",
        )

    def handle(self, *args, output: Path, check: bool, **options):
        text = render()
        if check:
            current = output.read_text(encoding="utf-8") if output.exists() else ""
            if current != text:
                raise CommandError(
                    f"{output} が古くなっています。manage.py rules_doc で作り直してください。"
                )
            self.stdout.write(f"{output} は最新です。")
            return
        output.write_text(text, encoding="utf-8")
        self.stdout.write(f"{output} を書き出しました（{len(all_rules())} ルール）。")
