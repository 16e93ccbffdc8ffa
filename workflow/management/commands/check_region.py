"""``manage.py check_region FILE [--format json]``: check a region bundle, save nothing.

Reads the bundle (``filing.bundle``), runs every 要綱 rule over it with the
database's master data and today's date, and prints the findings.

Exit status: 0 no error (warnings allowed), 1 at least one error, 2 the check
could not run: the input is unusable (an input error of the bundle, a missing
file, a directory, over 5 MB, not UTF-8) or the master data is not loaded.
On 2, one Japanese line goes to stderr (with the JSON path) and stdout stays
empty. With ``--format json`` stdout holds only the JSON list of findings.
``FILE`` may be ``-`` for standard input.
"""

import json
import sys
from typing import NoReturn

from django.core.management.base import BaseCommand
from django.db import DatabaseError
from django.utils.translation import gettext as _

from declarations.selectors import master_data
from filing.bundle import STDIN, BundleError, has_consultation_record, read_bundle_listing_file
from filing.data import Filing
from filing.engine import check_filing
from filing.findings import Finding, Severity, has_errors
from workflow.adapter import rule_context

EXIT_ERRORS = 1
EXIT_UNUSABLE = 2


class Command(BaseCommand):
    # A plain string: argparse formats it and cannot take a lazy translation (issue 13).
    help = (
        "広域リージョンのバンドル（JSON）を要綱のルールで検査します（保存はしません）。"
        "終了コード: 0 エラーなし（警告のみを含む）、1 エラーあり、2 入力を読めない。"
    )
    # The check reads a file and the master data; the project's system checks are not its business
    # and must not turn into exit codes of their own.
    requires_system_checks = []
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            metavar="FILE",
            help=_("バンドルの JSON ファイル（- で標準入力）"),
        )
        parser.add_argument(
            "--format",
            choices=("text", "json"),
            default="text",
            help=_(
                "出力形式: text（既定、日本語の一覧）または json（{code, clause, severity, message, path} の配列だけ）"
            ),
        )

    def handle(self, *args, **options):
        source = options["file"]
        try:
            filing, listing = self.read(source, options.get("stdin"))
        except BundleError as error:
            name = _("標準入力") if source == STDIN else source
            self.fail(_("入力エラー（%(name)s）: %(error)s") % {"name": name, "error": error})

        try:
            master = master_data()
        except DatabaseError as error:
            self.fail(
                _("マスタデータを読めません（%(error)s）。manage.py migrate を実行してください")
                % {"error": " ".join(str(error).split())}
            )
        if not master.prefectures:
            self.fail(
                _(
                    "マスタデータが読み込まれていません。manage.py load_master_data を実行してください"
                )
            )

        # consultation.record (ADR 0120) from the bundle's listing; a bundle that lists no
        # attachment at all says nothing about them.
        recorded = (
            {
                f"{document}_consultation_record": has_consultation_record(listing, document)
                for document in ("declaration", "vision")
            }
            if listing
            else {}
        )
        findings = check_filing(filing, rule_context(master=master, **recorded))
        if options["format"] == "json":
            self.stdout.write(
                json.dumps(
                    [finding.as_dict() for finding in findings], ensure_ascii=False, indent=2
                )
            )
        else:
            self.write_text(findings)
        if has_errors(findings):
            sys.exit(EXIT_ERRORS)

    def read(self, source: str, stdin) -> tuple[Filing, tuple]:
        """The filing and the attachments it lists (``filing.bundle.attachments``)."""
        return read_bundle_listing_file(source, stdin=stdin)

    def fail(self, line: str) -> NoReturn:
        """One line on stderr and exit status 2 (CommandError would prefix it in English)."""
        self.stderr.write(" ".join(line.split()))
        sys.exit(EXIT_UNUSABLE)

    def write_text(self, findings: list[Finding]) -> None:
        labels = {Severity.ERROR: _("エラー"), Severity.WARNING: _("警告")}
        styles = {Severity.ERROR: self.style.ERROR, Severity.WARNING: self.style.WARNING}
        for finding in findings:
            line = f"{labels[finding.severity]} {finding.clause} {finding.code} {finding.path or '$'}: {finding.message}"
            self.stdout.write(line, style_func=styles[finding.severity])
        errors = sum(finding.severity == Severity.ERROR for finding in findings)
        warnings = len(findings) - errors
        if errors:
            verdict = _("エラーがあるため提出できません。")
        elif warnings:
            verdict = _("エラーはありません。警告を確認してください。")
        else:
            verdict = _("指摘はありません。")
        self.stdout.write(
            _("結果: エラー %(errors)d 件、警告 %(warnings)d 件。%(verdict)s")
            % {"errors": errors, "warnings": warnings, "verdict": verdict}
        )
