"""The README's table of environment variables lists exactly what the code reads (issue 13: nine
were missing, among them MINISTRY_OFFICE, the addressee of every 送付書), so it cannot drift."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
# Read outside the settings: the settings module itself (manage.py, wsgi.py, asgi.py) and the
# port of `make run` (scripts/setup.sh).
OUTSIDE_SETTINGS = {"DJANGO_SETTINGS_MODULE": ROOT / "manage.py", "PORT": ROOT / "scripts/setup.sh"}


def variables_the_settings_read() -> set[str]:
    """Every ``env.<type>("NAME", …)`` and ``require_*("NAME")`` of region_portal's env reader and
    settings modules."""
    names = set()
    files = [ROOT / "region_portal" / "env.py", *(ROOT / "region_portal" / "settings").glob("*.py")]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            func = node.func
            is_env = isinstance(func, ast.Attribute) and getattr(func.value, "id", "") == "env"
            is_require = isinstance(func, ast.Name) and func.id.startswith("require_")
            if is_env or is_require:
                names.add(first.value)
    return names


def readme_table() -> dict[str, tuple[str, str]]:
    """Variable name → (default, meaning), from the table under「設定（環境変数）」."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## 設定（環境変数）", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", cells[0]):
            rows[name] = (cells[1], cells[2])
    return rows


def test_the_reader_finds_the_variables_it_should():
    found = variables_the_settings_read()
    assert {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "MINISTRY_OFFICE"} <= found


def test_the_readme_lists_every_variable_the_code_reads_and_no_other():
    listed = set(readme_table())
    read = variables_the_settings_read() | set(OUTSIDE_SETTINGS)
    assert not read - listed, f"README にない環境変数: {sorted(read - listed)}"
    assert not listed - read, f"コードが読まない環境変数: {sorted(listed - read)}"


def test_each_variable_has_a_default_and_a_meaning():
    for name, (default, meaning) in readme_table().items():
        assert default and meaning, name


def test_the_variables_read_outside_the_settings_are_really_read_there():
    for name, path in OUTSIDE_SETTINGS.items():
        assert name in path.read_text(encoding="utf-8"), (name, path)
