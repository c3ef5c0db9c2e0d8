"""The Kubernetes manifests (deploy/k8s/) rendered and checked against the Kubernetes schemas,
offline: `make test` runs this as its own step, and core/tests/test_deploy_k8s.py uses it.

Rendering: kustomize itself (`kustomize build`, or `kubectl kustomize`, which embeds it). Where
neither is installed there is no honest renderer in Python to fall back on, so each file is
checked on its own (the base's and the overlay's resources; the overlay's patches are partial
objects and cannot be), and the output says that the overlay was not rendered.

Validation: kubernetes-validate (PyPI), which ships the Kubernetes OpenAPI schemas of each
release, strict (an unknown field is an error), against the oldest and the newest release the
manifests are meant for. Custom resources (KEDA's ScaledObject) have no schema there: they are
checked by core/tests/test_deploy_k8s.py against what they refer to.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

K8S = Path(__file__).resolve().parent.parent / "deploy" / "k8s"
KUSTOMIZATIONS = ("base", "overlays/production")
# The oldest release the manifests are written for (autoscaling/v2, policy/v1, the restricted
# Pod Security labels all exist there) and the newest whose schemas kubernetes-validate ships.
VERSIONS = ("1.29.0", "1.37.0")
CUSTOM_KINDS = {"ScaledObject"}


def kustomize_command() -> list[str] | None:
    if shutil.which("kustomize"):
        return ["kustomize", "build"]
    if shutil.which("kubectl"):
        return ["kubectl", "kustomize"]
    return None


def render(directory: Path) -> list[dict]:
    """`kustomize build <directory>` as a list of objects. Raises when kustomize is missing."""
    command = kustomize_command()
    if command is None:
        raise FileNotFoundError("neither kustomize nor kubectl is installed")
    result = subprocess.run([*command, str(directory)], capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} {directory}: {result.stderr.strip()}")
    return [document for document in yaml.safe_load_all(result.stdout) if document]


def resource_files(directory: Path) -> list[Path]:
    """The plain manifests a kustomization lists under `resources` (directories followed)."""
    kustomization = yaml.safe_load((directory / "kustomization.yaml").read_text())
    files = []
    for entry in kustomization.get("resources", []):
        path = (directory / entry).resolve()
        files += resource_files(path) if path.is_dir() else [path]
    return files


def load(path: Path) -> list[dict]:
    return [document for document in yaml.safe_load_all(path.read_text()) if document]


def validate(documents: list[dict], version: str) -> list[str]:
    """Every object against `version`'s schema, strictly; answers the problems found."""
    import kubernetes_validate

    problems = []
    for document in documents:
        name = f"{document.get('kind')}/{document.get('metadata', {}).get('name')}"
        if document.get("kind") in CUSTOM_KINDS:
            continue
        try:
            kubernetes_validate.validate(document, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            problems.append(f"{name} (Kubernetes {version}): {error.message} at {error.path}")
        except kubernetes_validate.SchemaNotFoundError as error:
            problems.append(f"{name} (Kubernetes {version}): no schema: {error}")
    return problems


def main() -> int:
    rendered = kustomize_command() is not None
    failures = []
    for relative in KUSTOMIZATIONS:
        directory = K8S / relative
        if rendered:
            documents, how = render(directory), "rendered by " + " ".join(kustomize_command())
        else:
            documents = [d for path in resource_files(directory) for d in load(path)]
            how = "NOT rendered (no kustomize): its resource files one by one"
        documents += load(K8S / "secret.template.yaml") if relative == "base" else []
        for version in VERSIONS:
            problems = validate(documents, version)
            failures += problems
            print(
                f"{relative}: {len(documents)} objects, {how}, against Kubernetes {version}: "
                + ("valid" if not problems else f"{len(problems)} problems")
            )
    for problem in failures:
        print(f"  {problem}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
