"""Every management command of the portal's apps answers ``--help`` in Japanese (issue 13).

``check_region --help`` and ``invite_staff --help`` used to crash with
``TypeError: expected string or bytes-like object, got '__proxy__'``: argparse formats the
command's description and each argument's help, and a lazy translation is not a string.
"""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command, get_commands

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def portal_commands() -> list[str]:
    """The commands whose app lives in this repository (not Django's or a library's)."""
    base = Path(settings.BASE_DIR).resolve()
    own = {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        and "site-packages" not in Path(config.path).parts  # .venv lives in the repository
    }
    return sorted(name for name, app in get_commands().items() if app in own)


def test_the_project_has_the_commands_the_readme_lists():
    # A guard for the parametrisation below: it must not silently run over nothing.
    assert {"check_region", "invite_staff", "load_demo_data", "export_pdf"} <= set(
        portal_commands()
    )


@pytest.mark.parametrize("name", portal_commands())
def test_help_exits_0_and_describes_the_command_in_japanese(name, capsys):
    with pytest.raises(SystemExit) as stop:
        call_command(name, "--help")
    assert stop.value.code in (0, None)
    output = capsys.readouterr().out
    usage, _, description = output.partition("\n\n")
    assert usage.startswith("usage:"), output
    # The description (the command's ``help``) comes right after the usage line, in Japanese.
    assert JAPANESE.search(description.split("\n\n")[0]), output


@pytest.mark.parametrize("name", portal_commands())
def test_every_option_of_the_command_is_explained_in_japanese(name):
    from django.core.management import BaseCommand, load_command_class

    command = load_command_class(get_commands()[name], name)
    django_options = {a.dest for a in BaseCommand().create_parser("manage.py", name)._actions}
    own = [a for a in command.create_parser("manage.py", name)._actions]
    unexplained = [
        a.option_strings or a.dest
        for a in own
        if a.dest not in django_options and not JAPANESE.search(str(a.help or ""))
    ]
    assert not unexplained, f"{name}: 説明のない引数 {unexplained}"
