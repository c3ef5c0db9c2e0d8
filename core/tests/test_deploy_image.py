"""The API image (Dockerfile): code owned by root and read-only to the process, which runs as a
user that may write only logs/ and var/. Checked by reading the Dockerfile and by running its
build steps in a copy of the build context (there is no Docker engine in CI)."""

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from core.tests.deployment import (
    REPO,
    Instruction,
    copy_build_context,
    dockerfile_stages,
    dockerignore_patterns,
    dockerignored,
    env_instructions,
)

WRITABLE_DIRECTORIES = {"logs", "var"}


@pytest.fixture(scope="module")
def runtime_stage() -> list[Instruction]:
    return dockerfile_stages(REPO / "Dockerfile")[-1]


def _commands(stage, keyword):
    return [instruction.arguments for instruction in stage if instruction.keyword == keyword]


def _chown_targets(shell: str) -> list[str]:
    """The paths every `chown [-R] owner path...` in a RUN command changes."""
    lexer = shlex.shlex(shell, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    commands, current = [], []
    for token in lexer:
        if token in {"&&", "||", ";", "|"}:
            commands.append(current)
            current = []
        else:
            current.append(token)
    targets = []
    for words in [*commands, current]:
        if words and words[0] == "chown":
            arguments = [word for word in words[1:] if not word.startswith("-")]
            targets += arguments[1:]  # the first is the owner
    return targets


def test_no_copy_hands_the_code_to_the_app_user(runtime_stage):
    for copy in _commands(runtime_stage, "COPY"):
        assert "--chown" not in copy and "--chmod" not in copy, copy


def test_only_logs_and_var_are_handed_to_the_app_user(runtime_stage):
    targets = [path for run in _commands(runtime_stage, "RUN") for path in _chown_targets(run)]
    assert set(targets) == WRITABLE_DIRECTORIES


def test_the_process_runs_as_a_user_that_is_not_root(runtime_stage):
    keywords = [instruction.keyword for instruction in runtime_stage]
    user_index = len(keywords) - 1 - keywords[::-1].index("USER")
    assert runtime_stage[user_index].arguments not in {"root", "0", "0:0"}
    # Nothing after USER builds files, which would then belong to that user.
    assert not {"COPY", "ADD", "RUN"} & set(keywords[user_index:])


def test_the_build_context_leaves_out_secrets_and_local_state():
    patterns = dockerignore_patterns(REPO)
    for path in [".env", ".venv/bin/python", "var/db.sqlite3", "logs/web.log", ".git"]:
        assert dockerignored(path, patterns), path
    for path in ["manage.py", "core/views.py", "logs"]:
        assert not dockerignored(path, patterns), path


def test_the_image_build_steps_run_with_the_images_environment(runtime_stage, tmp_path):
    """Each RUN after `COPY . .` (collectstatic imports the production settings, which refuse to
    start without a proper key and host names) works in a copy of the build context, with only
    the image's ENV: the image had not built since production settings required host names."""
    app = tmp_path / "app"
    copy_build_context(REPO, app)
    image_env = env_instructions(runtime_stage)
    environment = {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": image_env["DJANGO_SETTINGS_MODULE"],
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    keywords = [instruction.keyword for instruction in runtime_stage]
    after_copy = runtime_stage[keywords.index("WORKDIR") :]
    for run in _commands(after_copy, "RUN"):
        if "chown" in run:  # needs the image's `app` user; the paths are checked above
            run = run.split("&& chown")[0]
        result = subprocess.run(
            ["sh", "-c", run], cwd=app, env=environment, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stderr[-2000:]
    assert (app / "staticfiles" / "staticfiles.json").is_file()
    assert {path.name for path in app.iterdir() if path.is_dir()} >= WRITABLE_DIRECTORIES
    assert not (app / ".env").exists() and os.listdir(app / "logs") == []
