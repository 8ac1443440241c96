"""Docs that cannot rot: every setting and every Pacewise command is in the README."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_environment_variable_is_documented():
    files = ["config/settings.py", "config/env.py", "ops/management/commands/serve.py"]
    source = "".join((ROOT / "src/pacewise" / name).read_text() for name in files)
    names = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', source))
    names |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', source))
    assert len(names) > 15
    missing = sorted(n for n in names if f"`{n}`" not in README)
    assert missing == []


def test_every_pacewise_command_is_documented():
    commands = ROOT / "src/pacewise/ops/management/commands"
    names = {p.stem.replace("_", "-") for p in commands.glob("*.py") if p.stem != "__init__"}
    assert {"serve", "demo", "backup", "restore"} <= names
    missing = sorted(n for n in names if f"pacewise {n}" not in README)
    assert missing == []
