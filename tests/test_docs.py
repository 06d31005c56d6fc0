"""The README stays honest: every command and issue code documented, exactly two set-up commands."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from pipeline import errors
from pipeline.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


def test_the_commands_are_ingest_extract_report_run_serve_and_watch():
    assert COMMANDS == ["extract", "ingest", "report", "run", "serve", "watch"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example_and_is_in_the_readme(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert f"perfreturns {command}" in result.output
    assert f"### `perfreturns {command}" in README


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_is_in_the_readme(command):
    for param in cli.commands[command].params:
        if isinstance(param, click.Option):
            assert any(opt in README for opt in param.opts), (command, param.opts)


def test_every_issue_code_is_documented():
    source = "\n".join(p.read_text() for d in ("pipeline", "extractors") for p in (ROOT / d).rglob("*.py"))
    codes = set(re.findall(r"Severity\.[A-Z]+,\s*\"([a-z_]+)\"", source))
    codes |= set(re.findall(r'code="([a-z_]+)"', source))
    codes |= {cls.code for cls in vars(errors).values() if isinstance(cls, type) and hasattr(cls, "code")}
    assert len(codes) >= 20
    for code in codes:
        assert f"| `{code}` |" in README, code


def test_readme_keeps_exactly_two_set_up_commands():
    block = README.split("## Set up on a fresh machine", 1)[1].split("```")[1]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make run", "make test"]
