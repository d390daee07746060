#!/usr/bin/env python3
"""Generates a NetworkPolicy benchmark input: NAMESPACES namespaces holding WORKLOADS
Deployments and POLICIES NetworkPolicies in total, shaped like a real multi-team cluster.

Most namespaces deny by default and open tiers to each other (web -> api -> db), DNS to
kube-dns, Prometheus scraping by a named port, ingress from the ingress controller's
namespace, and some egress to address ranges with exceptions; a few namespaces have no
default deny. One file per namespace.

    python3 bench/netpol/gen_netpol.py --out bench/netpol/out/input [--workloads 5000]
        [--policies 1000] [--namespaces 200] [--seed 1]
"""
import argparse
import json
import os
import random

TIERS = ["web", "api", "worker", "db", "cache"]


def deployment(ns, name, labels, ports):
    lab = "\n".join(f"        {k}: {v}" for k, v in labels.items())
    sel = "\n".join(f"      {k}: {v}" for k, v in labels.items())
    prt = "\n".join(
        f"        - {{name: {n}, containerPort: {p}, protocol: {proto}}}" for n, p, proto in ports
    )
    return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  namespace: {ns}
spec:
  selector:
    matchLabels:
{sel}
  template:
    metadata:
      labels:
{lab}
    spec:
      containers:
      - name: main
        image: contoso.azurecr.io/{ns}/{name}:1.0.0
        ports:
{prt}
"""


def policy(ns, name, spec):
    body = "\n".join("  " + line for line in spec.strip("\n").splitlines())
    return f"""apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {name}
  namespace: {ns}
spec:
{body}
"""


def namespace(name, labels):
    lab = "\n".join(f"    {k}: {v}" for k, v in labels.items())
    return f"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n  labels:\n{lab}\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--workloads", type=int, default=5000)
    ap.add_argument("--policies", type=int, default=1000)
    ap.add_argument("--namespaces", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    for f in os.listdir(a.out):
        if f.endswith(".yaml"):
            os.remove(os.path.join(a.out, f))

    special = ["kube-system", "ingress-nginx", "monitoring"]
    teams = [f"team-{i:03d}" for i in range(a.namespaces - len(special))]
    names = special + teams
    per_ns = [a.workloads // a.namespaces] * a.namespaces
    for i in range(a.workloads - sum(per_ns)):
        per_ns[i % a.namespaces] += 1
    pol_per_ns = [a.policies // a.namespaces] * a.namespaces
    for i in range(a.policies - sum(pol_per_ns)):
        pol_per_ns[i % a.namespaces] += 1
    # One team namespace in twenty has no default deny at all.
    open_teams = set(rnd.sample(teams, max(1, len(teams) // 20)))

    total_w = total_p = 0
    for idx, ns in enumerate(names):
        docs = []
        group = f"group-{idx % 8}"
        docs.append(namespace(ns, {"group": group, "env": rnd.choice(["prod", "stage"])}))
        for w in range(per_ns[idx]):
            if ns == "kube-system" and w == 0:
                labels = {"k8s-app": "kube-dns"}
                name = "coredns"
                ports = [("dns", 53, "UDP"), ("dns-tcp", 53, "TCP"), ("metrics", 9153, "TCP")]
            elif ns == "ingress-nginx" and w == 0:
                labels = {"app": "ingress-nginx"}
                name = "controller"
                ports = [("http", 80, "TCP"), ("https", 443, "TCP")]
            elif ns == "monitoring" and w == 0:
                labels = {"app": "prometheus"}
                name = "prometheus"
                ports = [("web", 9090, "TCP")]
            else:
                tier = TIERS[w % len(TIERS)]
                name = f"{tier}-{w:03d}"
                labels = {"app": name, "tier": tier, "team": ns}
                if w % 7 == 0:
                    labels["canary"] = "true"
                port = {"web": 8080, "api": 8443, "worker": 9000, "db": 5432, "cache": 6379}[tier]
                ports = [("http" if tier in ("web", "api") else tier, port, "TCP"), ("metrics", 9100, "TCP")]
            docs.append(deployment(ns, name, labels, ports))
            total_w += 1

        candidates = []
        if ns not in open_teams:
            candidates.append(("default-deny", "podSelector: {}\npolicyTypes: [Ingress, Egress]\n"))
        candidates.append(("allow-dns", """
podSelector: {}
policyTypes: [Egress]
egress:
- to:
  - namespaceSelector:
      matchLabels: {kubernetes.io/metadata.name: kube-system}
    podSelector:
      matchLabels: {k8s-app: kube-dns}
  ports:
  - {protocol: UDP, port: 53}
  - {protocol: TCP, port: 53}
"""))
        candidates.append(("web-from-ingress", """
podSelector:
  matchLabels: {tier: web}
policyTypes: [Ingress]
ingress:
- from:
  - namespaceSelector:
      matchLabels: {kubernetes.io/metadata.name: ingress-nginx}
    podSelector:
      matchLabels: {app: ingress-nginx}
  ports:
  - port: http
"""))
        peer_team = rnd.choice(teams)
        candidates.append(("api-from-web", f"""
podSelector:
  matchLabels: {{tier: api}}
policyTypes: [Ingress, Egress]
ingress:
- from:
  - podSelector:
      matchLabels: {{tier: web}}
  - namespaceSelector:
      matchLabels: {{kubernetes.io/metadata.name: {peer_team}}}
    podSelector:
      matchExpressions:
      - {{key: tier, operator: In, values: [web, worker]}}
      - {{key: canary, operator: DoesNotExist}}
  ports:
  - port: http
egress:
- to:
  - podSelector:
      matchLabels: {{tier: db}}
  - podSelector:
      matchLabels: {{tier: cache}}
  ports:
  - {{port: 5432}}
  - {{port: 6379}}
- to:
  - ipBlock:
      cidr: 10.{idx % 250}.0.0/16
      except: [10.{idx % 250}.{rnd.randrange(250)}.0/24]
  ports:
  - {{port: 1433, endPort: 1434}}
"""))
        candidates.append(("db-from-api", """
podSelector:
  matchExpressions:
  - {key: tier, operator: In, values: [db, cache]}
policyTypes: [Ingress]
ingress:
- from:
  - podSelector:
      matchLabels: {tier: api}
  - podSelector:
      matchLabels: {tier: worker}
  ports:
  - {port: 5432}
  - {port: 6379}
"""))
        candidates.append(("metrics-from-prometheus", """
podSelector: {}
policyTypes: [Ingress]
ingress:
- from:
  - namespaceSelector:
      matchLabels: {kubernetes.io/metadata.name: monitoring}
    podSelector:
      matchLabels: {app: prometheus}
  ports:
  - port: metrics
"""))
        candidates.append(("web-egress", f"""
podSelector:
  matchLabels: {{tier: web}}
policyTypes: [Egress]
egress:
- to:
  - podSelector:
      matchLabels: {{tier: api}}
  - namespaceSelector:
      matchLabels: {{group: {group}}}
    podSelector:
      matchLabels: {{tier: api}}
  ports:
  - port: http
- to:
  - ipBlock:
      cidr: 0.0.0.0/0
      except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 169.254.169.254/32]
  ports:
  - port: 443
"""))
        n = pol_per_ns[idx]
        # Four common policies, then one of the others in turn, then per-workload extras.
        base = len(candidates) - 3
        rest = candidates[base:]
        chosen = (candidates[:base] + rest[idx % 3:] + rest[:idx % 3])[:n]
        k = 0
        while len(chosen) < n:
            k += 1
            chosen.append((f"worker-{k}", f"""
podSelector:
  matchLabels: {{app: worker-{(5 * k + 2) % 1000:03d}}}
policyTypes: [Egress]
egress:
- to:
  - ipBlock: {{cidr: 20.{k % 250}.{idx % 250}.0/24}}
  ports:
  - {{port: 443}}
"""))
        for name, spec in chosen:
            docs.append(policy(ns, name, spec))
            total_p += 1
        with open(os.path.join(a.out, f"{ns}.yaml"), "w") as f:
            f.write("---\n".join(docs))
    with open(os.path.join(a.out, ".input.json"), "w") as f:
        json.dump({"workloads": total_w, "policies": total_p, "namespaces": len(names), "seed": a.seed}, f)
    print(f"{total_w} workloads, {total_p} policies, {len(names)} namespaces in {a.out}")


if __name__ == "__main__":
    main()
