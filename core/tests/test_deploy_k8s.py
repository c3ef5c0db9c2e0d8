"""deploy/k8s/: the manifests render with kustomize, pass the Kubernetes schemas (strictly, offline:
scripts/k8s_manifests.py, also its own step of `make test`), and say what the rest of the
repository says: the same commands as docker-compose.yml, the images' users and ports, the
singletons, the probes, the security contexts, the Secret's keys."""

import copy
import importlib.util
import os
import shlex

import pytest

from core.tests.deployment import REPO, compose_file, dockerfile_stages, parse_nginx

K8S = REPO / "deploy" / "k8s"
_spec = importlib.util.spec_from_file_location(
    "k8s_manifests", REPO / "scripts" / "k8s_manifests.py"
)
manifests = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(manifests)

needs_kustomize = pytest.mark.skipif(
    manifests.kustomize_command() is None,
    reason="neither kustomize nor kubectl is installed: the overlay cannot be rendered "
    "(scripts/k8s_manifests.py then checks each file on its own)",
)
APP_PROCESSES = ("api", "worker", "worker-ai", "worker-batch", "beat", "bot")


@pytest.fixture(scope="module")
def production():
    if manifests.kustomize_command() is None:
        pytest.skip("neither kustomize nor kubectl is installed: the overlay cannot be rendered")
    return manifests.render(K8S / "overlays" / "production")


def _objects(documents, kind):
    return {d["metadata"]["name"]: d for d in documents if d["kind"] == kind}


def _pod_specs(documents):
    """Every pod template: the Deployments' and the Job's."""
    return {
        f"{d['kind']}/{d['metadata']['name']}": d["spec"]["template"]["spec"]
        for d in documents
        if d["kind"] in ("Deployment", "Job")
    }


@needs_kustomize
@pytest.mark.parametrize("version", manifests.VERSIONS)
def test_the_production_overlay_passes_the_kubernetes_schemas(production, version):
    assert manifests.validate(production, version) == []


def test_the_validator_refuses_what_kubernetes_would():
    """The check is live: a misspelt field and a wrong type are each refused."""
    (deployment,) = manifests.load(K8S / "base" / "beat.yaml")
    assert manifests.validate([deployment], manifests.VERSIONS[-1]) == []
    misspelt = copy.deepcopy(deployment)
    misspelt["spec"]["replica"] = misspelt["spec"].pop("replicas")
    wrong_type = copy.deepcopy(deployment)
    wrong_type["spec"]["replicas"] = "one"
    for broken in (misspelt, wrong_type):
        assert manifests.validate([broken], manifests.VERSIONS[-1]) != []


@needs_kustomize
def test_the_overlay_renders_the_whole_stack_in_its_namespace(production):
    kinds = {(d["kind"], d["metadata"]["name"]) for d in production}
    deployments = {name for kind, name in kinds if kind == "Deployment"}
    assert deployments == {*APP_PROCESSES, "frontend"}
    assert ("Job", "migrate") in kinds and ("Namespace", "atomic-habits") in kinds
    assert not [d for d in production if d["kind"] == "Secret"]  # applied apart, never blanked
    for document in production:
        if document["kind"] != "Namespace":
            assert document["metadata"]["namespace"] == "atomic-habits", document["metadata"]
    images = {
        container["image"]
        for spec in _pod_specs(production).values()
        for container in spec["containers"]
    }
    assert all(image.startswith("registry.example.org/") for image in images)


@needs_kustomize
def test_the_processes_run_what_compose_runs(production):
    """One definition of each process's command: docker-compose.yml's."""
    deployments = _objects(production, "Deployment")
    services = compose_file()["services"]
    for name in APP_PROCESSES:
        (container,) = deployments[name]["spec"]["template"]["spec"]["containers"]
        assert container["command"] == services[name]["command"], name
    (job,) = _objects(production, "Job")["migrate"]["spec"]["template"]["spec"]["containers"]
    assert job["command"] == services["migrate"]["command"]


@needs_kustomize
def test_beat_and_the_bot_are_singletons_that_never_overlap(production):
    deployments = _objects(production, "Deployment")
    scaled = {
        h["spec"]["scaleTargetRef"]["name"]
        for h in production
        if "scaleTargetRef" in h.get("spec", {})
    }
    budgets = [
        d["spec"]["selector"]["matchLabels"]
        for d in production
        if d["kind"] == "PodDisruptionBudget"
    ]
    for name in ("beat", "bot"):
        spec = deployments[name]["spec"]
        assert spec["replicas"] == 1 and spec["strategy"] == {"type": "Recreate"}, name
        assert name not in scaled
        assert {"app.kubernetes.io/name": name} not in budgets


@needs_kustomize
def test_the_api_scales_on_cpu_and_keeps_a_replica_through_disruptions(production):
    hpa = _objects(production, "HorizontalPodAutoscaler")["api"]["spec"]
    assert hpa["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "api"}
    assert hpa["minReplicas"] >= 2
    (metric,) = hpa["metrics"]
    assert metric["resource"]["name"] == "cpu"
    budgets = _objects(production, "PodDisruptionBudget")
    for name in ("api", "worker", "frontend"):
        assert budgets[name]["spec"]["minAvailable"] >= 1
        assert budgets[name]["spec"]["selector"]["matchLabels"] == {"app.kubernetes.io/name": name}
        labels = _objects(production, "Deployment")[name]["spec"]["template"]["metadata"]["labels"]
        assert labels["app.kubernetes.io/name"] == name


@needs_kustomize
def test_the_api_is_probed_on_healthz_and_readyz(production):
    (api,) = _objects(production, "Deployment")["api"]["spec"]["template"]["spec"]["containers"]
    assert api["readinessProbe"]["httpGet"]["path"] == "/readyz"  # the database and Redis
    assert api["livenessProbe"]["httpGet"]["path"] == "/healthz"  # the process only
    assert api["startupProbe"]["httpGet"]["path"] == "/healthz"


@needs_kustomize
def test_every_pod_runs_as_non_root_with_nothing_to_spare(production):
    app_user = next(
        i.arguments
        for i in dockerfile_stages(REPO / "Dockerfile")[-1]
        if i.keyword == "RUN" and "useradd" in i.arguments
    )
    app_uid = int(shlex.split(app_user)[shlex.split(app_user).index("--uid") + 1])
    frontend_user = [
        i.arguments
        for i in dockerfile_stages(REPO / "frontend" / "Dockerfile")[-1]
        if i.keyword == "USER"
    ]
    for name, spec in _pod_specs(production).items():
        pod = spec["securityContext"]
        assert pod["runAsNonRoot"] is True and pod["seccompProfile"]["type"] == "RuntimeDefault"
        expected = int(frontend_user[-1]) if name == "Deployment/frontend" else app_uid
        assert pod["runAsUser"] == expected, name
        assert spec["automountServiceAccountToken"] is False, name
        for container in spec.get("initContainers", []) + spec["containers"]:
            context = container["securityContext"]
            assert context["allowPrivilegeEscalation"] is False, name
            assert context["readOnlyRootFilesystem"] is True, name
            assert context["capabilities"] == {"drop": ["ALL"]}, name
            resources = container["resources"]
            assert {"cpu", "memory"} <= set(resources["requests"]) & set(resources["limits"]), name


@needs_kustomize
def test_only_the_frontend_is_reachable_and_it_reaches_the_api_where_nginx_looks(production):
    policies = _objects(production, "NetworkPolicy")
    assert policies["default-deny-ingress"]["spec"] == {
        "podSelector": {},
        "policyTypes": ["Ingress"],
    }
    (rule,) = policies["api-from-frontend"]["spec"]["ingress"]
    assert rule["from"] == [
        {"podSelector": {"matchLabels": {"app.kubernetes.io/name": "frontend"}}}
    ]
    # nginx proxies to `api:8000` (frontend/nginx-upstream.conf): the Service of that name and port
    upstream = parse_nginx((REPO / "frontend" / "nginx-upstream.conf").read_text()).all("upstream")
    host, port = upstream[0].values("server")[0][0].split(":")
    (service_port,) = _objects(production, "Service")[host]["spec"]["ports"]
    assert service_port["port"] == int(port) == rule["ports"][0]["port"]
    # the frontend container listens where frontend/nginx.conf says, and the policy lets it in
    server = parse_nginx((REPO / "frontend" / "nginx.conf").read_text()).all("server")[0]
    listen = int(server.values("listen")[0][0])
    (nginx,) = _objects(production, "Deployment")["frontend"]["spec"]["template"]["spec"][
        "containers"
    ]
    assert nginx["ports"] == [{"name": "http", "containerPort": listen}]
    assert policies["frontend-from-anywhere"]["spec"]["ingress"] == [
        {"ports": [{"protocol": "TCP", "port": listen}]}
    ]


def test_the_secret_is_a_template_naming_every_key_the_pods_read():
    (secret,) = manifests.load(K8S / "secret.template.yaml")
    assert secret["metadata"]["name"] == "aht-secrets"
    assert set(secret["stringData"].values()) == {""}  # no value kept in the repository
    referenced = set()
    for path in (K8S / "base").glob("*.yaml"):
        for document in manifests.load(path):
            for spec in _pod_specs([document]).values():
                for container in spec.get("initContainers", []) + spec["containers"]:
                    for source in container.get("envFrom", []):
                        if "secretRef" in source:
                            assert source["secretRef"]["name"] == "aht-secrets"
                    for variable in container.get("env", []):
                        ref = variable.get("valueFrom", {}).get("secretKeyRef")
                        if ref:
                            referenced.add(ref["key"])
    assert referenced == {"MIGRATE_DATABASE_URL"}
    assert referenced <= set(secret["stringData"])
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL"} <= set(secret["stringData"])


def test_the_keda_component_watches_the_queues_the_workers_serve():
    """No schema for KEDA's custom resource: checked against what it refers to instead."""
    (scaled,) = manifests.load(K8S / "components" / "keda-worker" / "scaled-object.yaml")
    (deployment, _) = manifests.load(K8S / "base" / "worker.yaml")
    assert scaled["spec"]["scaleTargetRef"]["name"] == deployment["metadata"]["name"]
    command = deployment["spec"]["template"]["spec"]["containers"][0]["command"]
    queues = command[command.index("--queues") + 1].split(",")
    config = dict(
        line.split("=", 1)
        for line in (K8S / "base" / "config.env").read_text().splitlines()
        if line and not line.startswith("#")
    )
    watched = [trigger["metadata"]["listName"] for trigger in scaled["spec"]["triggers"]]
    assert watched == [f"{config['REDIS_NAMESPACE']}:{queue}" for queue in queues]


@needs_kustomize
def test_the_keda_component_renders_onto_the_overlay(tmp_path):
    def relative(path):  # kustomize takes no absolute paths
        return os.path.relpath(path, tmp_path)

    (tmp_path / "kustomization.yaml").write_text(
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
        "namespace: atomic-habits\n"  # as in the overlay, where the component is meant to go
        f"resources:\n  - {relative(K8S / 'overlays' / 'production')}\n"
        f"components:\n  - {relative(K8S / 'components' / 'keda-worker')}\n"
    )
    rendered = manifests.render(tmp_path)
    (scaled,) = [d for d in rendered if d["kind"] == "ScaledObject"]
    worker = _objects(rendered, "Deployment")[scaled["spec"]["scaleTargetRef"]["name"]]
    assert scaled["metadata"]["namespace"] == worker["metadata"]["namespace"] == "atomic-habits"
    assert not [
        h
        for h in rendered
        if h["kind"] == "HorizontalPodAutoscaler"
        and h["spec"]["scaleTargetRef"]["name"] == "worker"
    ]  # KEDA alone scales it
