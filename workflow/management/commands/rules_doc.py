from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from filing.engine import all_rules
from filing.rules_doc import RULES_DOC, render


def default_output(language: str) -> Path:
    """docs/rules.md in Japanese (the language of record), docs/rules.<language>.md else."""
    if language == settings.LANGUAGE_CODE:
        return RULES_DOC
    return RULES_DOC.with_name(f"rules.{language}.md")


class Command(BaseCommand):
    help = "要綱チェックの一覧（docs/rules.md）をルールの定義から生成します。"

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="書き出すファイル")
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help="書く言語（既定は日本語。en なら英語の翻訳で docs/rules.en.md。ADR 0124）",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="書き出さず、ファイルが最新かどうかだけを確かめます（古ければ失敗します）",
        )

    def handle(self, *args, output: Path | None, language: str, check: bool, **options):
        output = output or default_output(language)
        with translation.override(language):
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
