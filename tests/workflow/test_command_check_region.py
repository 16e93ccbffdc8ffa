"""``manage.py check_region``: exit codes, text and JSON output, input errors without tracebacks."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from declarations.models import Municipality, Prefecture
from filing.bundle import MAX_BUNDLE_BYTES

ROOT = Path(__file__).resolve().parents[2]
BUNDLES = ROOT / "tests" / "data" / "bundles"
VALID = BUNDLES / "valid_region.json"
FINDING_KEYS = {"code", "clause", "severity", "message", "path"}


def run(*args, stdin=None):
    """(exit code, stdout, stderr) of the command, called in-process with the test database."""
    out, err = io.StringIO(), io.StringIO()
    options = {"stdout": out, "stderr": err}
    if stdin is not None:
        options["stdin"] = stdin
    code = 0
    try:
        call_command("check_region", *map(str, args), **options)
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def write_bundle(tmp_path, mutate) -> Path:
    bundle = json.loads(VALID.read_text(encoding="utf-8"))
    mutate(bundle)
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    return path


# --- exit 0 and 1 ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["valid_region.json", "declaration_only.json"])
def test_valid_bundle_exits_zero_with_a_clean_summary(name):
    code, out, err = run(BUNDLES / name)
    assert code == 0
    assert out.strip() == "結果: エラー 0 件、警告 0 件。指摘はありません。"
    assert err == ""


@pytest.mark.django_db
def test_warnings_alone_exit_zero_and_are_listed_in_japanese():
    code, out, err = run(BUNDLES / "warnings_only.json")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].startswith(
        "警告 第4(2)③ウ project.plan_reference vision.projects[1].plan_references: "
    )
    assert lines[-1] == "結果: エラー 0 件、警告 1 件。エラーはありません。警告を確認してください。"
    assert err == ""


@pytest.mark.django_db
def test_rule_errors_exit_one_with_severity_clause_code_and_path():
    code, out, err = run(BUNDLES / "single_prefecture.json")
    assert code == 1
    lines = out.strip().splitlines()
    assert lines[0].startswith("エラー 第3(3)ア members.multi_prefecture members: 第3(3)ア: ")
    assert "岡山県" in lines[0]
    assert lines[-1] == "結果: エラー 1 件、警告 0 件。エラーがあるため提出できません。"
    assert err == ""


@pytest.mark.django_db
def test_findings_come_from_the_master_data_in_the_database():
    # 倉敷市 is known to the master data, so an unknown code is reported at its member.
    path_ok = BUNDLES / "valid_region.json"
    assert run(path_ok)[0] == 0
    Municipality.objects.filter(lg_code="332020").delete()
    code, out, _ = run(path_ok)
    assert code == 1
    assert "members.lg_code" in out
    assert "members[3]" in out


@pytest.mark.django_db
def test_json_format_prints_only_a_list_of_findings(tmp_path):
    code, out, err = run(BUNDLES / "single_prefecture.json", "--format", "json")
    assert code == 1
    findings = json.loads(out)
    assert findings == [
        {
            "code": "members.multi_prefecture",
            "clause": "第3(3)ア",
            "severity": "error",
            "message": findings[0]["message"],
            "path": "members",
        }
    ]
    assert findings[0]["message"].startswith("第3(3)ア: ")
    assert err == ""


@pytest.mark.django_db
def test_json_format_lists_every_finding_with_exactly_five_keys(tmp_path):
    def break_several_rules(bundle):
        bundle["declaration"]["aspiration"] = ""
        bundle["vision"]["projects"][1]["plan_references"] = []
        bundle["vision"]["projects"][0]["period"]["end"] = "2025-03-31"

    code, out, _ = run(write_bundle(tmp_path, break_several_rules), "--format", "json")
    assert code == 1
    findings = json.loads(out)
    assert isinstance(findings, list)
    assert all(isinstance(item, dict) and set(item) == FINDING_KEYS for item in findings)
    assert {item["severity"] for item in findings} == {"error", "warning"}
    codes = {item["code"] for item in findings}
    assert {"declaration.aspiration", "project.plan_reference", "project.period"} <= codes


@pytest.mark.django_db
def test_json_format_of_a_clean_bundle_is_an_empty_list():
    code, out, err = run(VALID, "--format", "json")
    assert (code, json.loads(out), err) == (0, [], "")


@pytest.mark.django_db
def test_json_format_of_warnings_alone_exits_zero():
    code, out, _ = run(BUNDLES / "warnings_only.json", "--format", "json")
    assert code == 0
    assert [item["severity"] for item in json.loads(out)] == ["warning"]


@pytest.mark.django_db
def test_standard_input_is_read_with_a_dash():
    code, out, _ = run("-", stdin=io.BytesIO(VALID.read_bytes()))
    assert code == 0
    assert "指摘はありません" in out
    code, _, err = run("-", stdin=io.BytesIO(b'{"region": 1}'))
    assert code == 2
    assert err.strip() == (
        "入力エラー（標準入力）: region: オブジェクトを指定してください（数値 1 が指定されています）"
    )


# --- exit 2: the input is unusable -------------------------------------------------------------


def _lg_code_number(tmp_path):
    return write_bundle(tmp_path, lambda b: b["members"][3].update(lg_code=11002))


def _unknown_member(tmp_path):
    return write_bundle(
        tmp_path, lambda b: b["vision"]["projects"][0]["implementers"].append({"member": "tottori"})
    )


def _malformed_json(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"region": {"name": "x",}\n', encoding="utf-8")
    return path


def _shift_jis(tmp_path):
    path = tmp_path / "sjis.json"
    path.write_bytes(VALID.read_text(encoding="utf-8").encode("shift_jis"))
    return path


def _too_large(tmp_path):
    path = tmp_path / "big.json"
    text = VALID.read_bytes()
    path.write_bytes(text + b" " * (MAX_BUNDLE_BYTES + 1 - len(text)))
    return path


UNUSABLE = [
    (
        "lg-code-number",
        _lg_code_number,
        "members[3].lg_code: 文字列を指定してください（数値 11002 が指定されています）",
    ),
    (
        "unknown-member",
        _unknown_member,
        'vision.projects[0].implementers[9].member: キー "tottori" のメンバーは members にありません',
    ),
    (
        "malformed-json",
        _malformed_json,
        "$: JSON として読めません（1 行 24 列）: オブジェクトの最後に余分な「,」があります",
    ),
    ("not-utf8", _shift_jis, "$: UTF-8 として読めません"),
    ("over-5-mb", _too_large, "5 MB"),
    ("missing-file", lambda tmp_path: tmp_path / "missing.json", "がありません"),
    ("directory", lambda tmp_path: tmp_path, "ディレクトリ"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize(
    ("make", "expected"), [case[1:] for case in UNUSABLE], ids=[case[0] for case in UNUSABLE]
)
def test_unusable_input_exits_two_with_one_japanese_line_on_stderr(tmp_path, make, expected, fmt):
    path = make(tmp_path)
    code, out, err = run(path, "--format", fmt)
    assert code == 2
    assert out == ""
    assert err.endswith("\n")
    assert len(err.splitlines()) == 1
    assert err.startswith(f"入力エラー（{path}）: ")
    assert expected in err
    assert "Traceback" not in err


@pytest.mark.django_db
def test_missing_master_data_exits_two_instead_of_reporting_every_code():
    Municipality.objects.all().delete()
    Prefecture.objects.all().delete()
    code, out, err = run(VALID)
    assert code == 2
    assert out == ""
    assert "load_master_data" in err


# --- a real process: exit codes and no traceback ----------------------------------------------


def _manage(*args, env_extra=None, input_bytes=None):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "region_portal.settings.test",
        **(env_extra or {}),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check_region", *map(str, args)],
        cwd=ROOT,
        env=env,
        input=input_bytes,
        capture_output=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("make", "expected"), [case[1:] for case in UNUSABLE], ids=[case[0] for case in UNUSABLE]
)
def test_process_exits_two_without_traceback_on_unusable_input(tmp_path, make, expected):
    # The bundle is refused before the database is opened, so no database is needed here.
    path = make(tmp_path)
    result = _manage(path, "--format", "json")
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert result.stdout == b""
    assert expected in stderr
    assert len(stderr.splitlines()) == 1
    assert "Traceback" not in stderr


def test_process_checks_a_bundle_end_to_end(tmp_path):
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "region_portal.settings.test",
            "DATABASE_URL": database,
        },
        capture_output=True,
        timeout=300,
    )
    assert migrate.returncode == 0, migrate.stderr.decode()
    env = {"DATABASE_URL": database}

    clean = _manage(VALID, env_extra=env)
    assert clean.returncode == 0
    assert "指摘はありません" in clean.stdout.decode("utf-8")

    errors = _manage(BUNDLES / "single_prefecture.json", "--format", "json", env_extra=env)
    assert errors.returncode == 1
    assert [item["code"] for item in json.loads(errors.stdout)] == ["members.multi_prefecture"]
    assert errors.stderr == b""

    piped = _manage("-", env_extra=env, input_bytes=VALID.read_bytes())
    assert piped.returncode == 0


# --- issue 11: what an independent checker found ------------------------------------------------


def _project_with_a_joint_body_and_no_implementer(bundle):
    project = next(p for p in bundle["vision"]["projects"] if p["joint_body_of"])
    project["implementers"] = []


def _bare_plan_in_place_of_the_aspiration(bundle):
    bundle["vision"]["aspiration"] = ""
    bundle["vision"]["aspiration_plan_reference"] = {"plan": "中国圏広域地方計画"}


def _never_verified_long_after_the_declaration(bundle):
    bundle["declaration"]["declared_on"] = "2000-04-01"
    bundle["vision"]["verified_on"] = None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (_project_with_a_joint_body_and_no_implementer, [("project.implementers", "error")]),
        (_bare_plan_in_place_of_the_aspiration, [("vision.aspiration", "error")]),
        (_never_verified_long_after_the_declaration, []),
    ],
    ids=["joint-body-not-named", "plan-without-section", "bundle-never-overdue"],
)
def test_issue_11_findings_through_the_command(tmp_path, mutate, expected):
    code, out, _ = run(write_bundle(tmp_path, mutate), "--format", "json")
    found = [(f["code"], f["severity"]) for f in json.loads(out)]
    assert found == expected
    assert code == (1 if expected else 0)
