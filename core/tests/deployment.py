"""Reading the deployment files (Dockerfile, .dockerignore, docker-compose.yml) the way Docker does,
for tests that check them on a machine without a Docker engine."""

import fnmatch
import os
import re
import secrets
import shlex
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings

REPO = Path(settings.BASE_DIR)


# --- Dockerfile ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Instruction:
    keyword: str  # upper case: FROM, COPY, RUN, USER, ...
    arguments: str  # the rest of the instruction, continuation lines joined


def dockerfile_stages(path: Path) -> list[list[Instruction]]:
    """The instructions of each build stage, in order; each stage starts with its FROM."""
    logical_lines, pending = [], ""
    for line in path.read_text().splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        logical_lines.append(pending + line)
        pending = ""
    stages: list[list[Instruction]] = []
    for line in logical_lines:
        keyword, _, arguments = line.strip().partition(" ")
        instruction = Instruction(keyword.upper(), arguments.strip())
        if instruction.keyword == "FROM":
            stages.append([])
        if stages:
            stages[-1].append(instruction)
    return stages


def env_instructions(stage: list[Instruction]) -> dict[str, str]:
    """The variables a stage's ENV instructions set (the KEY=value form)."""
    variables = {}
    for instruction in stage:
        if instruction.keyword == "ENV":
            for assignment in shlex.split(instruction.arguments):
                name, _, value = assignment.partition("=")
                variables[name] = value
    return variables


# --- .dockerignore and the build context --------------------------------------------------------
def dockerignore_patterns(context: Path) -> list[str]:
    lines = (context / ".dockerignore").read_text().splitlines()
    return [line.strip().rstrip("/") for line in lines if line.strip() and line[0] != "#"]


def dockerignored(relative: str, patterns: list[str]) -> bool:
    """Whether Docker leaves `relative` (or a folder above it) out of the build context."""
    parts = relative.split("/")
    prefixes = ["/".join(parts[: index + 1]) for index in range(len(parts))]
    for pattern in patterns:
        alternatives = [pattern, pattern.removeprefix("**/")]
        if any(fnmatch.fnmatchcase(p, a) for p in prefixes for a in alternatives):
            return True
    return False


def copy_build_context(context: Path, target: Path) -> None:
    """What `COPY . .` puts in the image: the context minus what .dockerignore names."""
    patterns = dockerignore_patterns(context)

    def ignore(directory: str, names: list[str]) -> list[str]:
        base = Path(directory).relative_to(context)
        return [name for name in names if dockerignored((base / name).as_posix(), patterns)]

    shutil.copytree(context, target, ignore=ignore, symlinks=True)


# --- docker-compose.yml -------------------------------------------------------------------------
_VARIABLE = re.compile(r"\$\$|\$\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}|\$(?P<bare>\w+)")


def interpolate(value: str, variables: dict[str, str]) -> str:
    """Compose's ${NAME}, ${NAME:-default}, ${NAME:?error} and $$ (a literal $)."""

    def substitute(match: re.Match) -> str:
        if match.group(0) == "$$":
            return "$"
        name = match.group("name") or match.group("bare")
        op, arg, current = match.group("op"), match.group("arg"), variables.get(name)
        missing = current is None or (current == "" and op and op.startswith(":"))
        if op and op.endswith("?") and missing:
            raise ValueError(f"compose refuses to start: {name}: {arg}")
        if op and op.endswith("-") and missing:
            return arg
        return current or ""

    return _VARIABLE.sub(substitute, value)


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=value lines, as compose reads an env_file and the project's .env."""
    variables = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#") and "=" in line:
            name, _, value = line.partition("=")
            variables[name.strip()] = value
    return variables


def compose_file() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def service_environment(service: str, dotenv: dict[str, str]) -> dict[str, str]:
    """The environment a service's process sees when .env holds `dotenv`: the env_file's
    variables, overridden by the service's `environment`, interpolated from .env."""
    definition = compose_file()["services"][service]
    environment = dict(dotenv) if definition.get("env_file") else {}
    for name, value in (definition.get("environment") or {}).items():
        environment[name] = interpolate(str(value), dotenv)
    return environment


def compose_dotenv(**overrides: str) -> dict[str, str]:
    """The .env an operator makes from .env.example, with the secrets it asks them to set."""
    dotenv = read_env_file(REPO / ".env.example")
    dotenv.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        POSTGRES_PASSWORD=secrets.token_urlsafe(16),
        DB_OWNER_PASSWORD=secrets.token_urlsafe(16),
        DB_APP_PASSWORD=secrets.token_urlsafe(16),
    )
    dotenv.update(overrides)
    return dotenv


def local_process_environment(environment: dict[str, str], log_dir: Path) -> dict[str, str]:
    """A service's environment for a process on this machine: the compose host names `db` and
    `redis` become the test's own servers; logs go to `log_dir`."""
    return {
        **environment,
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/aht"),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "LOG_DIR": str(log_dir),
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin:/usr/sbin:/sbin",
        "HOME": str(log_dir),
    }


# --- nginx configuration ------------------------------------------------------------------------
@dataclass
class Directive:
    name: str
    args: list[str]
    block: list["Directive"] = field(default_factory=list)

    def all(self, name: str) -> list["Directive"]:
        return [child for child in self.block if child.name == name]

    def values(self, name: str) -> list[list[str]]:
        return [child.args for child in self.all(name)]


_NGINX_TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|#[^\n]*|[{};]|[^\s{};"\']+')


def parse_nginx(text: str) -> Directive:
    """nginx's configuration syntax: `name args;` and `name args { ... }`, quotes removed."""
    root = Directive("", [])
    stack, words = [root], []
    for token in _NGINX_TOKEN.findall(text):
        if token.startswith("#"):
            continue
        if token in {";", "{"}:
            directive = Directive(words[0], words[1:])
            stack[-1].block.append(directive)
            if token == "{":
                stack.append(directive)
            words = []
        elif token == "}":
            stack.pop()
        else:
            words.append(token[1:-1] if token[0] in "\"'" else token)
    return root
