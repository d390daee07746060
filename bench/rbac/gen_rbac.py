#!/usr/bin/env python3
"""Writes a generated cluster's RBAC: ROLES roles, BINDINGS bindings, SAS service accounts over
NAMESPACES namespaces, as `kubectl get -o yaml`-style multi-document files (100 objects a file).
Deterministic for a given --seed. Mixes namespaced Roles and ClusterRoles, aggregated roles,
RoleBindings to ClusterRoles, group/user/service-account subjects, wildcards, resourceNames and
the risky verbs the rules look for."""
import argparse, os, random

VERBS = ["get", "list", "watch", "create", "update", "patch", "delete"]
RESOURCES = [("", "pods"), ("", "secrets"), ("", "configmaps"), ("", "services"), ("apps", "deployments"),
             ("apps", "statefulsets"), ("batch", "jobs"), ("", "pods/exec"), ("", "pods/log"),
             ("", "serviceaccounts/token"), ("networking.k8s.io", "ingresses"), ("", "persistentvolumeclaims")]

def rule(r):
    group, res = r.choice(RESOURCES)
    verbs = sorted(set(r.sample(VERBS, r.randint(1, 4))))
    if r.random() < 0.03:
        verbs = ["*"]
    lines = [f"- apiGroups: [\"{group}\"]", f"  resources: [\"{res}\"]", f"  verbs: [{', '.join(chr(34) + v + chr(34) for v in verbs)}]"]
    if r.random() < 0.1:
        lines.append(f"  resourceNames: [\"name-{r.randint(0, 50)}\"]")
    return "\n".join(lines)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--roles", type=int, default=10000)
    ap.add_argument("--bindings", type=int, default=10000)
    ap.add_argument("--sas", type=int, default=5000)
    ap.add_argument("--namespaces", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    r = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    docs = []
    ns = [f"team-{i}" for i in range(a.namespaces)]
    cluster_roles = []
    roles = []
    for i in range(a.roles):
        rules = "\n".join(rule(r) for _ in range(r.randint(1, 5)))
        if i % 4 == 0:
            name = f"cluster-role-{i}"
            cluster_roles.append(name)
            labels = "\n  labels: {rbac.example.com/aggregate-to-ops: \"true\"}" if i % 40 == 0 else ""
            docs.append(f"apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: {name}{labels}\nrules:\n{rules}")
        else:
            n = r.choice(ns)
            name = f"role-{i}"
            roles.append((n, name))
            docs.append(f"apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: {name}\n  namespace: {n}\nrules:\n{rules}")
    docs.append("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ops-aggregate\naggregationRule:\n  clusterRoleSelectors:\n  - matchLabels: {rbac.example.com/aggregate-to-ops: \"true\"}\nrules: []")
    sas = []
    for i in range(a.sas):
        n = ns[i % len(ns)]
        sas.append((n, f"sa-{i}"))
        docs.append(f"apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-{i}\n  namespace: {n}")
    for i in range(a.bindings):
        kind = r.random()
        if kind < 0.5:
            sn, s = r.choice(sas)
            subject = f"- kind: ServiceAccount\n  name: {s}\n  namespace: {sn}"
        elif kind < 0.85:
            subject = f"- kind: Group\n  name: {r.getrandbits(32):08x}-0000-4000-8000-{r.getrandbits(48):012x}"
        else:
            subject = f"- kind: User\n  name: user{r.randint(0, 2000)}@contoso.com"
        if i % 10 == 0:
            role = r.choice(cluster_roles)
            docs.append(f"apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: crb-{i}\nsubjects:\n{subject}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: {role}")
        elif i % 3 == 0:
            n = r.choice(ns)
            role = r.choice(cluster_roles)
            docs.append(f"apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: rb-{i}\n  namespace: {n}\nsubjects:\n{subject}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: {role}")
        else:
            n, role = r.choice(roles)
            docs.append(f"apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: rb-{i}\n  namespace: {n}\nsubjects:\n{subject}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: {role}")
    for f in range(0, len(docs), 100):
        with open(os.path.join(a.out, f"rbac-{f // 100:04d}.yaml"), "w") as out:
            out.write("\n---\n".join(docs[f:f + 100]) + "\n")
    print(f"{len(docs)} objects in {(len(docs) + 99) // 100} files under {a.out}")

if __name__ == "__main__":
    main()
