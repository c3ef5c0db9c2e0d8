"""The import rule (.importlinter, run by `make test`) fails when an arrow points up.

The check runs on a copy of the apps with a few upward imports added, so the rule is shown to
catch them, module-level and inside functions alike, and the real tree stays untouched.
"""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "core",
    "users",
    "habits",
    "habit_instances",
    "goals",
    "journal",
    "reports",
    "notifications",
    "achievements",
    "rewards",
    "community",
    "telegrambot",
    "push",
    "ical",
    "backups",
    "imports",
    "demo",
]
UPWARD = {
    "habits/_probe_up.py": "from habit_instances.models import HabitInstance  # noqa: F401\n",
    "users/_probe_up.py": "def later():\n    from habits import selectors  # noqa: F401\n",
    "notifications/_probe_up.py": "import demo.services  # noqa: F401\n",
    "goals/_probe_up.py": "def later():\n    from telegrambot.bot import replies  # noqa: F401\n",
}


def _python_only(directory, names):
    return [
        name
        for name in names
        if name == "__pycache__" or (Path(directory, name).is_file() and not name.endswith(".py"))
    ]


def _lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            str(Path(sys.executable).with_name("lint-imports")),
            "--config",
            str(ROOT / ".importlinter"),
            "--no-cache",
        ],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_an_import_up_the_layers_breaks_the_contract(tmp_path):
    for app in APPS:
        shutil.copytree(ROOT / app, tmp_path / app, ignore=_python_only)
    for path, source in UPWARD.items():
        (tmp_path / path).write_text(source)
    result = _lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "BROKEN" in result.stdout
    for importer, imported in [
        ("habits._probe_up", "habit_instances.models"),
        ("users._probe_up", "habits.selectors"),
        ("notifications._probe_up", "demo.services"),
        ("goals._probe_up", "telegrambot.bot.replies"),
    ]:
        assert f"{importer} -> {imported}" in result.stdout, result.stdout
