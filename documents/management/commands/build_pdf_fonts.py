from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from documents.fonts import SOURCES, build


class Command(BaseCommand):
    help = (
        "PDF に埋め込む日本語フォント（Noto Sans CJK JP の Regular と Bold を日本語の文書に"
        "要る字に絞ったもの）を、Debian の fonts-noto-cjk から static/fonts/ に作り直します。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out", default=str(Path(settings.BASE_DIR) / "static" / "fonts"), help="出力先"
        )

    def handle(self, *args, **options):
        target_dir = Path(options["out"])
        missing = [str(source.collection) for source in SOURCES if not source.collection.is_file()]
        if missing:
            raise CommandError(
                "フォントの元ファイルがありません: "
                + "、".join(missing)
                + "（apt-get install fonts-noto-cjk で入ります）",
                returncode=2,
            )
        target_dir.mkdir(parents=True, exist_ok=True)
        for source in SOURCES:
            target = build(source, target_dir)
            self.stdout.write(f"{target}（{target.stat().st_size:,} バイト）")
