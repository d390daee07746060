#!/usr/bin/env python3
"""Writes a synthetic but realistic corpus of Kubernetes manifests for benchmarking rampart.

Deterministic for a given --seed and --objects. Python 3 standard library only.

    python3 bench/gen_corpus.py --objects 20000 --out bench/out/corpus-20k --seed 1

Layout: DIR/<team>/<app>/NN-name.yaml files holding 1-5 `---` separated documents, plus a
few DIR/dumps/*.json files holding a `kind: List` (what `kubectl get -o json` prints).
Every object counts once, whether it is a document of its own or an item of a List.
About 60% of the objects are workloads (Deployment, StatefulSet, DaemonSet, Job, CronJob,
Pod); the rest are Service, ConfigMap, Secret, ServiceAccount, Role, RoleBinding,
NetworkPolicy, Namespace and Ingress objects. A summary (files, objects, bytes, kinds) is
written to DIR/.corpus.json (hidden, so rampart does not read it).
"""

import argparse
import base64
import json
import os
import random
import re
import shutil
import sys

WORKLOAD_KINDS = [
    ("Deployment", 45),
    ("StatefulSet", 12),
    ("DaemonSet", 8),
    ("Job", 10),
    ("CronJob", 10),
    ("Pod", 15),
]
OTHER_KINDS = [
    ("Service", 25),
    ("ConfigMap", 22),
    ("Secret", 12),
    ("ServiceAccount", 12),
    ("Role", 6),
    ("RoleBinding", 6),
    ("NetworkPolicy", 7),
    ("Namespace", 4),
    ("Ingress", 6),
]
WORKLOAD_SHARE = 0.60

WORDS = (
    "api web worker cart checkout payment billing search index gateway auth user profile "
    "orders inventory catalog shipping notify email sms report metrics logs audit cache "
    "session frontend backend admin portal ledger quote pricing media upload thumbnail "
    "stream feed ranking recommend fraud risk kyc onboarding scheduler cron sync export "
    "import etl ingest router proxy edge dns cert vault config flags"
).split()
TEAMS = (
    "platform payments identity commerce data growth infra security observability "
    "mobile content logistics support finance ml"
).split()
REGISTRIES = [
    "ghcr.io/acme",
    "acme.azurecr.io",
    "docker.io/library",
    "mcr.microsoft.com/oss",
    "quay.io/acme",
    "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
]
BASE_IMAGES = [
    "nginx", "redis", "postgres", "busybox", "envoy", "fluent-bit", "node-exporter",
    "kube-state-metrics", "alpine", "python", "openjdk", "golang", "haproxy", "memcached",
]
ENV_NAMES = (
    "LOG_LEVEL PORT HTTP_PORT GRPC_PORT DATABASE_URL DB_HOST DB_PORT DB_NAME REDIS_URL "
    "CACHE_TTL FEATURE_FLAGS OTEL_EXPORTER_OTLP_ENDPOINT OTEL_SERVICE_NAME JAVA_OPTS "
    "GOMAXPROCS NODE_ENV TZ REGION AZURE_CLIENT_ID AZURE_TENANT_ID KAFKA_BROKERS "
    "QUEUE_NAME MAX_CONNECTIONS TIMEOUT_SECONDS RETRY_COUNT SENTRY_DSN"
).split()


# --------------------------------------------------------------------------------------------
# A small YAML emitter (block style), enough for manifests.

PLAIN_OK = re.compile(r"^[A-Za-z_/][A-Za-z0-9_./:@-]*$")
RESERVED = {
    "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n",
    "True", "False", "Yes", "No", "On", "Off", "Null", "NULL", "TRUE", "FALSE",
}


def scalar(v):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return str(v)
    s = str(v)
    if PLAIN_OK.match(s) and s not in RESERVED and ": " not in s and not s.endswith(":"):
        return s
    return json.dumps(s)


def emit(value, indent, out):
    """Appends lines for `value` (a dict or list) at `indent` spaces."""
    pad = " " * indent
    if isinstance(value, dict):
        for k, v in value.items():
            key = scalar(k)
            if isinstance(v, dict) and v:
                out.append(f"{pad}{key}:")
                emit(v, indent + 2, out)
            elif isinstance(v, list) and v:
                out.append(f"{pad}{key}:")
                emit(v, indent, out)  # sequences under a key are not indented (kubectl style)
            elif isinstance(v, dict):
                out.append(f"{pad}{key}: {{}}")
            elif isinstance(v, list):
                out.append(f"{pad}{key}: []")
            elif isinstance(v, str) and "\n" in v:
                out.append(f"{pad}{key}: |")
                for line in v.rstrip("\n").split("\n"):
                    out.append(f"{pad}  {line}" if line else "")
            else:
                out.append(f"{pad}{key}: {scalar(v)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item:
                sub = []
                emit(item, indent + 2, sub)
                sub[0] = f"{pad}- " + sub[0][indent + 2:]
                out.extend(sub)
            elif isinstance(item, list) and item:
                sub = []
                emit(item, indent + 2, sub)
                sub[0] = f"{pad}- " + sub[0][indent + 2:]
                out.extend(sub)
            else:
                out.append(f"{pad}- {scalar(item) if not isinstance(item, (dict, list)) else ('{}' if isinstance(item, dict) else '[]')}")
    else:
        raise TypeError(value)


def to_yaml(obj):
    out = []
    emit(obj, 0, out)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------
# Object builders.


class Gen:
    def __init__(self, rng):
        self.r = rng
        self.counter = 0

    def pick_weighted(self, table):
        total = sum(w for _, w in table)
        x = self.r.uniform(0, total)
        for name, w in table:
            x -= w
            if x <= 0:
                return name
        return table[-1][0]

    def name(self, app):
        self.counter += 1
        return f"{app}-{self.counter:06d}"

    def labels(self, app, team):
        d = {
            "app.kubernetes.io/name": app,
            "app.kubernetes.io/instance": f"{app}-{self.r.choice(['prod', 'staging', 'dev'])}",
            "app.kubernetes.io/part-of": team,
            "app.kubernetes.io/managed-by": self.r.choice(["Helm", "kustomize", "argocd"]),
        }
        if self.r.random() < 0.5:
            d["app.kubernetes.io/version"] = f"{self.r.randint(1, 9)}.{self.r.randint(0, 30)}.{self.r.randint(0, 9)}"
        if self.r.random() < 0.3:
            d["team"] = team
        return d

    def metadata(self, name, ns, app, team, annotations=True):
        m = {"name": name}
        if ns is not None:
            m["namespace"] = ns
        m["labels"] = self.labels(app, team)
        if annotations and self.r.random() < 0.4:
            a = {}
            if self.r.random() < 0.5:
                a["meta.helm.sh/release-name"] = app
                a["meta.helm.sh/release-namespace"] = ns or "default"
            if self.r.random() < 0.3:
                a["rampart.dev/ignore"] = self.r.choice(
                    ["pod.resources.cpu-limits: bursty batch work, limits set by the namespace quota",
                     "pod.image.not-pinned-by-digest,pod.image.latest-tag: internal mirror tags are immutable",
                     "pod.read-only-root-filesystem: legacy app writes to /var/cache"])
            if self.r.random() < 0.4:
                a["kubernetes.io/description"] = f"{app} owned by the {team} team"
            if a:
                m["annotations"] = a
        return m

    def image(self, app):
        r = self.r
        if r.random() < 0.6:
            repo = f"{r.choice(REGISTRIES)}/{app}"
        else:
            repo = f"{r.choice(REGISTRIES)}/{r.choice(BASE_IMAGES)}"
        x = r.random()
        if x < 0.15:
            return repo  # no tag
        if x < 0.25:
            return repo + ":latest"
        if x < 0.45:
            digest = "".join(r.choice("0123456789abcdef") for _ in range(64))
            return f"{repo}@sha256:{digest}"
        return f"{repo}:{r.randint(1, 12)}.{r.randint(0, 40)}.{r.randint(0, 20)}"

    def env(self):
        r = self.r
        out = []
        for n in r.sample(ENV_NAMES, r.randint(0, 12)):
            y = r.random()
            if y < 0.7:
                out.append({"name": n, "value": r.choice(
                    ["info", "8080", "true", "false", "30", "eu-west-1", "UTC",
                     f"http://{r.choice(WORDS)}.svc.cluster.local:4317", "-Xmx512m -XX:+UseG1GC"])})
            elif y < 0.85:
                out.append({"name": n, "valueFrom": {"secretKeyRef": {
                    "name": f"{r.choice(WORDS)}-secrets", "key": n.lower()}}})
            else:
                out.append({"name": n, "valueFrom": {"configMapKeyRef": {
                    "name": f"{r.choice(WORDS)}-config", "key": n.lower()}}})
        return out

    def probe(self, port):
        r = self.r
        x = r.random()
        if x < 0.6:
            p = {"httpGet": {"path": r.choice(["/healthz", "/ready", "/live", "/actuator/health"]),
                             "port": port}}
        elif x < 0.85:
            p = {"tcpSocket": {"port": port}}
        else:
            p = {"exec": {"command": ["/bin/sh", "-c", "pg_isready -U postgres"]}}
        p["initialDelaySeconds"] = r.choice([0, 5, 10, 15, 30])
        p["periodSeconds"] = r.choice([5, 10, 20])
        if r.random() < 0.5:
            p["timeoutSeconds"] = r.choice([1, 2, 5])
            p["failureThreshold"] = r.choice([3, 5, 6])
        return p

    def container(self, app, idx, risky, mounts):
        r = self.r
        name = app if idx == 0 else r.choice(["sidecar", "proxy", "log-shipper", "metrics", "init"]) + f"-{idx}"
        c = {"name": name, "image": self.image(app)}
        if r.random() < 0.3:
            c["imagePullPolicy"] = r.choice(["IfNotPresent", "Always"])
        if r.random() < 0.3:
            c["command"] = ["/app/" + app]
            c["args"] = [f"--port={r.choice([8080, 9090])}", "--log-format=json"] + (
                ["--enable-tracing"] if r.random() < 0.5 else [])
        port = r.choice([80, 8080, 8443, 9090, 3000, 5432, 6379])
        if r.random() < 0.8:
            ports = [{"name": "http", "containerPort": port, "protocol": "TCP"}]
            if r.random() < 0.3:
                ports.append({"name": "metrics", "containerPort": 9102, "protocol": "TCP"})
            if risky and r.random() < 0.3:
                ports[0]["hostPort"] = port
            c["ports"] = ports
        env = self.env()
        if env:
            c["env"] = env
        if r.random() < 0.2:
            c["envFrom"] = [{"configMapRef": {"name": f"{app}-config"}}]
        if r.random() < 0.75:
            res = {}
            if r.random() < 0.9:
                res["requests"] = {"cpu": r.choice(["50m", "100m", "250m", "500m", "1"]),
                                   "memory": r.choice(["64Mi", "128Mi", "256Mi", "512Mi", "1Gi"])}
            if r.random() < 0.6:
                lim = {"memory": r.choice(["128Mi", "256Mi", "512Mi", "1Gi", "2Gi"])}
                if r.random() < 0.5:
                    lim["cpu"] = r.choice(["200m", "500m", "1", "2"])
                res["limits"] = lim
            c["resources"] = res
        if r.random() < 0.6:
            c["livenessProbe"] = self.probe(port)
        if r.random() < 0.6:
            c["readinessProbe"] = self.probe(port)
        if mounts:
            c["volumeMounts"] = [dict(m) for m in mounts]
        x = r.random()
        if risky:
            sc = {}
            y = r.random()
            if y < 0.5:
                sc["privileged"] = True
            if r.random() < 0.4:
                sc["capabilities"] = {"add": r.sample(["NET_ADMIN", "SYS_ADMIN", "SYS_PTRACE", "NET_RAW"], r.randint(1, 2))}
            if r.random() < 0.3:
                sc["runAsUser"] = 0
            if r.random() < 0.3:
                sc["allowPrivilegeEscalation"] = True
            if sc:
                c["securityContext"] = sc
        elif x < 0.45:
            c["securityContext"] = {
                "allowPrivilegeEscalation": False,
                "readOnlyRootFilesystem": r.random() < 0.8,
                "runAsNonRoot": True,
                "runAsUser": r.choice([1000, 10001, 65532]),
                "capabilities": {"drop": ["ALL"]},
                "seccompProfile": {"type": "RuntimeDefault"},
            }
        elif x < 0.65:
            c["securityContext"] = {"runAsNonRoot": True, "allowPrivilegeEscalation": False}
        return c

    def pod_spec(self, app, kind):
        r = self.r
        risky = r.random() < (0.35 if kind == "DaemonSet" else 0.08)
        spec = {}
        if r.random() < 0.6:
            spec["serviceAccountName"] = f"{app}-sa"
        if r.random() < 0.25:
            spec["automountServiceAccountToken"] = False
        if risky:
            if r.random() < 0.5:
                spec["hostNetwork"] = True
            if r.random() < 0.2:
                spec["hostPID"] = True
        if r.random() < 0.4:
            psc = {"runAsNonRoot": True, "fsGroup": 2000}
            if r.random() < 0.5:
                psc["seccompProfile"] = {"type": "RuntimeDefault"}
            spec["securityContext"] = psc
        volumes, mounts = [], []
        for i in range(r.randint(0, 4)):
            v = r.random()
            if risky and v < 0.5:
                path = r.choice(["/var/run/docker.sock", "/var/log", "/proc", "/etc", "/var/lib/kubelet", "/data"])
                vol = {"name": f"host-{i}", "hostPath": {"path": path, "type": r.choice(["Directory", "File", "DirectoryOrCreate"])}}
                mount = {"name": f"host-{i}", "mountPath": "/host" + path}
                if r.random() < 0.5:
                    mount["readOnly"] = True
            elif v < 0.35:
                vol = {"name": f"config-{i}", "configMap": {"name": f"{app}-config"}}
                mount = {"name": f"config-{i}", "mountPath": f"/etc/{app}", "readOnly": True}
            elif v < 0.6:
                vol = {"name": f"secret-{i}", "secret": {"secretName": f"{app}-tls", "defaultMode": 420}}
                mount = {"name": f"secret-{i}", "mountPath": f"/var/run/secrets/{app}", "readOnly": True}
            elif v < 0.85:
                vol = {"name": f"tmp-{i}", "emptyDir": {"sizeLimit": "256Mi"} if r.random() < 0.5 else {}}
                mount = {"name": f"tmp-{i}", "mountPath": "/tmp" if i == 0 else f"/scratch{i}"}
            else:
                vol = {"name": f"data-{i}", "persistentVolumeClaim": {"claimName": f"{app}-data"}}
                mount = {"name": f"data-{i}", "mountPath": "/data"}
            volumes.append(vol)
            mounts.append(mount)
        n = r.choices([1, 2, 3], weights=[60, 30, 10])[0]
        spec["containers"] = [self.container(app, i, risky, mounts if i == 0 else mounts[:1]) for i in range(n)]
        if r.random() < 0.15:
            spec["initContainers"] = [{
                "name": "migrate", "image": self.image(app),
                "command": ["/bin/sh", "-c", "./migrate up"],
                "resources": {"requests": {"cpu": "50m", "memory": "64Mi"}},
            }]
        if volumes:
            spec["volumes"] = volumes
        if r.random() < 0.3:
            spec["nodeSelector"] = {"kubernetes.io/os": "linux", "agentpool": r.choice(["system", "user", "spot"])}
        if r.random() < 0.2:
            spec["tolerations"] = [{"key": "kubernetes.azure.com/scalesetpriority", "operator": "Equal",
                                    "value": "spot", "effect": "NoSchedule"}]
        if r.random() < 0.15:
            spec["affinity"] = {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{
                "weight": 100,
                "podAffinityTerm": {"topologyKey": "kubernetes.io/hostname",
                                    "labelSelector": {"matchLabels": {"app.kubernetes.io/name": app}}}}]}}
        if kind in ("Job", "CronJob", "Pod") and r.random() < 0.7:
            spec["restartPolicy"] = "OnFailure" if kind != "Pod" else r.choice(["Always", "Never"])
        if r.random() < 0.2:
            spec["terminationGracePeriodSeconds"] = r.choice([10, 30, 60])
        if r.random() < 0.03:
            spec["shareProcessNamespace"] = True
        return spec

    def template(self, app, team, kind):
        meta = {"labels": {"app.kubernetes.io/name": app, "app.kubernetes.io/part-of": team}}
        if self.r.random() < 0.3:
            meta["annotations"] = {"prometheus.io/scrape": "true", "prometheus.io/port": "9102"}
        return {"metadata": meta, "spec": self.pod_spec(app, kind)}

    def workload(self, kind, ns, app, team):
        r = self.r
        name = self.name(app)
        meta = self.metadata(name, ns, app, team)
        selector = {"matchLabels": {"app.kubernetes.io/name": app}}
        if kind == "Pod":
            tpl = self.template(app, team, kind)
            meta["labels"].update(tpl["metadata"]["labels"])
            return {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": tpl["spec"]}
        if kind == "Deployment":
            spec = {"replicas": r.choice([1, 2, 3, 5]), "selector": selector}
            if r.random() < 0.4:
                spec["strategy"] = {"type": "RollingUpdate",
                                    "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 0}}
            spec["template"] = self.template(app, team, kind)
            return {"apiVersion": "apps/v1", "kind": kind, "metadata": meta, "spec": spec}
        if kind == "StatefulSet":
            spec = {"serviceName": app, "replicas": r.choice([1, 3]), "selector": selector,
                    "template": self.template(app, team, kind)}
            if r.random() < 0.7:
                spec["volumeClaimTemplates"] = [{
                    "metadata": {"name": "data"},
                    "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "managed-csi",
                             "resources": {"requests": {"storage": r.choice(["10Gi", "50Gi", "100Gi"])}}}}]
            return {"apiVersion": "apps/v1", "kind": kind, "metadata": meta, "spec": spec}
        if kind == "DaemonSet":
            spec = {"selector": selector, "template": self.template(app, team, kind)}
            if r.random() < 0.5:
                spec["updateStrategy"] = {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1}}
            return {"apiVersion": "apps/v1", "kind": kind, "metadata": meta, "spec": spec}
        job_spec = {"backoffLimit": r.choice([0, 3, 6])}
        if r.random() < 0.5:
            job_spec["ttlSecondsAfterFinished"] = 3600
        job_spec["template"] = self.template(app, team, kind)
        if kind == "Job":
            return {"apiVersion": "batch/v1", "kind": "Job", "metadata": meta, "spec": job_spec}
        return {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": meta, "spec": {
            "schedule": r.choice(["*/5 * * * *", "0 * * * *", "30 2 * * *", "0 0 * * 0"]),
            "concurrencyPolicy": r.choice(["Forbid", "Allow", "Replace"]),
            "successfulJobsHistoryLimit": 3,
            "jobTemplate": {"spec": job_spec}}}

    def other(self, kind, ns, app, team):
        r = self.r
        name = self.name(app)
        meta = self.metadata(name, ns, app, team)
        if kind == "Service":
            spec = {"type": r.choices(["ClusterIP", "LoadBalancer", "NodePort"], weights=[80, 12, 8])[0],
                    "selector": {"app.kubernetes.io/name": app},
                    "ports": [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"}]}
            if r.random() < 0.3:
                spec["ports"].append({"name": "metrics", "port": 9102, "targetPort": 9102, "protocol": "TCP"})
            if spec["type"] == "LoadBalancer" and r.random() < 0.5:
                meta.setdefault("annotations", {})["service.beta.kubernetes.io/azure-load-balancer-internal"] = "true"
            return {"apiVersion": "v1", "kind": "Service", "metadata": meta, "spec": spec}
        if kind == "ConfigMap":
            data = {}
            for i in range(r.randint(1, 6)):
                key = r.choice(["LOG_LEVEL", "FEATURE_X", "TIMEOUT", "REGION", "MODE"]) + f"_{i}"
                data[key] = r.choice(["info", "true", "30s", "westeurope", "strict"])
            if r.random() < 0.4:
                lines = [f"{r.choice(WORDS)}:\n  enabled: {r.choice(['true', 'false'])}\n  replicas: {r.randint(1, 9)}"
                         for _ in range(r.randint(3, 25))]
                data["config.yaml"] = "\n".join(lines) + "\n"
            if r.random() < 0.2:
                data["nginx.conf"] = ("server {\n  listen 8080;\n  location / {\n    proxy_pass http://" + app
                                      + ":80;\n    proxy_set_header Host $host;\n  }\n}\n")
            return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta, "data": data}
        if kind == "Secret":
            data = {}
            for k in r.sample(["username", "password", "token", "tls.crt", "tls.key", "api-key", "dsn"], r.randint(1, 4)):
                raw = bytes(r.getrandbits(8) for _ in range(r.choice([16, 32, 48, 600 if k.startswith("tls") else 24])))
                data[k] = base64.b64encode(raw).decode()
            return {"apiVersion": "v1", "kind": "Secret", "metadata": meta,
                    "type": "kubernetes.io/tls" if "tls.crt" in data else "Opaque", "data": data}
        if kind == "ServiceAccount":
            o = {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": meta}
            if r.random() < 0.4:
                meta.setdefault("annotations", {})["azure.workload.identity/client-id"] = (
                    f"{r.getrandbits(32):08x}-{r.getrandbits(16):04x}-{r.getrandbits(16):04x}-{r.getrandbits(16):04x}-{r.getrandbits(48):012x}")
            if r.random() < 0.3:
                o["automountServiceAccountToken"] = False
            return o
        if kind == "Role":
            rules = []
            for _ in range(r.randint(1, 4)):
                rules.append({"apiGroups": [r.choice(["", "apps", "batch", "networking.k8s.io"])],
                              "resources": r.sample(["pods", "configmaps", "secrets", "services", "deployments", "jobs", "pods/log"], r.randint(1, 3)),
                              "verbs": r.choice([["get", "list", "watch"], ["*"], ["get"], ["create", "update", "patch", "delete"]])})
            return {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": meta, "rules": rules}
        if kind == "RoleBinding":
            return {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": meta,
                    "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": r.choice(["Role", "ClusterRole"]),
                                "name": r.choice([f"{app}-role", "view", "edit"])},
                    "subjects": [{"kind": "ServiceAccount", "name": f"{app}-sa", "namespace": ns}]}
        if kind == "NetworkPolicy":
            spec = {"podSelector": {"matchLabels": {"app.kubernetes.io/name": app}} if r.random() < 0.8 else {},
                    "policyTypes": ["Ingress", "Egress"] if r.random() < 0.5 else ["Ingress"]}
            spec["ingress"] = [{"from": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": r.choice(TEAMS)}}},
                                         {"podSelector": {"matchLabels": {"app.kubernetes.io/name": r.choice(WORDS)}}}],
                                "ports": [{"protocol": "TCP", "port": 8080}]}]
            if "Egress" in spec["policyTypes"]:
                spec["egress"] = [{"to": [{"ipBlock": {"cidr": "10.0.0.0/8", "except": ["10.1.0.0/16"]}}],
                                   "ports": [{"protocol": "TCP", "port": 443}]}]
            return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": meta, "spec": spec}
        if kind == "Namespace":
            meta = {"name": ns, "labels": {"kubernetes.io/metadata.name": ns, "team": team}}
            x = r.random()
            if x < 0.35:
                meta["labels"]["pod-security.kubernetes.io/enforce"] = "restricted"
                meta["labels"]["pod-security.kubernetes.io/enforce-version"] = "latest"
            elif x < 0.6:
                meta["labels"]["pod-security.kubernetes.io/enforce"] = "baseline"
                meta["labels"]["pod-security.kubernetes.io/warn"] = "restricted"
            elif x < 0.65:
                meta["labels"]["pod-security.kubernetes.io/enforce"] = "privileged"
            return {"apiVersion": "v1", "kind": "Namespace", "metadata": meta}
        if kind == "Ingress":
            host = f"{app}.{team}.example.com"
            spec = {"ingressClassName": r.choice(["nginx", "webapprouting.kubernetes.azure.com"]),
                    "rules": [{"host": host, "http": {"paths": [{
                        "path": "/", "pathType": "Prefix",
                        "backend": {"service": {"name": app, "port": {"number": 80}}}}]}}]}
            if r.random() < 0.6:
                spec["tls"] = [{"hosts": [host], "secretName": f"{app}-tls"}]
                meta.setdefault("annotations", {})["cert-manager.io/cluster-issuer"] = "letsencrypt"
            return {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": meta, "spec": spec}
        raise ValueError(kind)

    def one(self, ns, app, team):
        if self.r.random() < WORKLOAD_SHARE:
            kind = self.pick_weighted(WORKLOAD_KINDS)
            return self.workload(kind, ns, app, team)
        kind = self.pick_weighted(OTHER_KINDS)
        return self.other(kind, ns, app, team)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--objects", type=int, required=True, help="number of Kubernetes objects")
    ap.add_argument("--out", required=True, help="folder to write (replaced if it exists)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--list-share", type=float, default=0.01,
                    help="share of objects written inside `kind: List` JSON files (default 0.01)")
    args = ap.parse_args(argv)

    r = random.Random(args.seed)
    g = Gen(r)
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    os.makedirs(args.out)

    list_objects = int(args.objects * args.list_share)
    yaml_objects = args.objects - list_objects
    kinds = {}
    files = 0
    total_bytes = 0
    workloads = 0

    def count(o):
        nonlocal workloads
        kinds[o["kind"]] = kinds.get(o["kind"], 0) + 1
        if o["kind"] in dict(WORKLOAD_KINDS):
            workloads += 1

    written = 0
    app_dir = None
    files_in_dir = 0
    while written < yaml_objects:
        if app_dir is None or files_in_dir >= r.randint(3, 12):
            team = r.choice(TEAMS)
            app = r.choice(WORDS)
            ns = f"{team}-{r.choice(['prod', 'staging', 'dev'])}" if r.random() < 0.93 else "default"
            app_dir = os.path.join(args.out, team, f"{app}-{g.counter:06d}")
            os.makedirs(app_dir, exist_ok=True)
            files_in_dir = 0
        n = min(r.randint(1, 5), yaml_objects - written)
        docs = []
        for _ in range(n):
            o = g.one(ns, app, team)
            count(o)
            docs.append(to_yaml(o))
        text = "---\n".join(docs)
        if r.random() < 0.3:
            text = "---\n" + text
        ext = ".yml" if r.random() < 0.1 else ".yaml"
        path = os.path.join(app_dir, f"{files_in_dir:02d}-{docs and app}{ext}")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        total_bytes += len(text.encode())
        files += 1
        files_in_dir += 1
        written += n

    if list_objects:
        dump_dir = os.path.join(args.out, "dumps")
        os.makedirs(dump_dir, exist_ok=True)
        i = 0
        done = 0
        while done < list_objects:
            n = min(r.randint(20, 200), list_objects - done)
            team = r.choice(TEAMS)
            ns = f"{team}-prod"
            items = []
            for _ in range(n):
                o = g.one(ns, r.choice(WORDS), team)
                o["metadata"]["uid"] = "%08x-%04x-%04x-%04x-%012x" % (
                    r.getrandbits(32), r.getrandbits(16), r.getrandbits(16), r.getrandbits(16), r.getrandbits(48))
                o["metadata"]["resourceVersion"] = str(r.randint(1000, 9999999))
                o["metadata"]["creationTimestamp"] = "2026-11-%02dT%02d:%02d:00Z" % (
                    r.randint(1, 26), r.randint(0, 23), r.randint(0, 59))
                count(o)
                items.append(o)
            doc = {"apiVersion": "v1", "kind": "List", "items": items,
                   "metadata": {"resourceVersion": ""}}
            text = json.dumps(doc, indent=4) + "\n"
            with open(os.path.join(dump_dir, f"{team}-{i:04d}.json"), "w", encoding="utf-8") as f:
                f.write(text)
            total_bytes += len(text.encode())
            files += 1
            i += 1
            done += n

    summary = {"objects": args.objects, "files": files, "bytes": total_bytes,
               "workloads": workloads, "seed": args.seed, "kinds": dict(sorted(kinds.items()))}
    with open(os.path.join(args.out, ".corpus.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=2)
        f.write("\n")
    print(f"{args.out}: {args.objects} objects ({workloads} workloads) in {files} files, "
          f"{total_bytes / 1e6:.1f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
