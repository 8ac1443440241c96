"""pacewise.core must never import Django (or any web framework): it is the pure engine."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pacewise.core


def core_modules() -> list[str]:
    return sorted(
        m.name for m in pkgutil.walk_packages(pacewise.core.__path__, prefix="pacewise.core.")
    )


def test_importing_every_core_module_loads_no_framework():
    modules = core_modules()
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'django', 'ninja', 'allauth', 'axes', 'csp'})\n"
        "print(','.join(bad))\n"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(sys.path)}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == ""


def test_the_walk_finds_the_core_modules():
    assert "pacewise.core" not in core_modules()
    assert len(core_modules()) >= 1
