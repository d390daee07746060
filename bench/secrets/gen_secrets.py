#!/usr/bin/env python3
"""Generates a corpus for the secrets detectors: ConfigMaps full of ordinary configuration
(embedded JSON, INI and YAML files, URLs, digests, UUIDs, base64 of text, identifiers) and
Deployments with many literal environment variables, with a known number of planted
credentials. Writes `.planted.json` with what was planted, so the benchmark can also count
findings that were not planted (false positives on the generated noise).

    python3 gen_secrets.py --out DIR [--apps 2000] [--seed 1]
"""

import argparse
import base64
import json
import os
import random
import string
import uuid


def rand(rng, n, alphabet=string.ascii_letters + string.digits):
    return "".join(rng.choice(alphabet) for _ in range(n))


def word(rng):
    return rng.choice(
        ["orders", "catalog", "billing", "search", "ledger", "cart", "export", "notify",
         "thumbnail", "inventory", "shipping", "profile", "review", "quote", "risk"]
    )


def noise_values(rng, app):
    """Ordinary settings: none of these is a credential."""
    host = f"{app}.{word(rng)}.svc.cluster.local"
    return {
        "LOG_LEVEL": rng.choice(["info", "debug", "warning"]),
        "HTTP_PORT": str(rng.choice([8080, 3000, 5000])),
        "DATABASE_HOST": f"{app}-db.postgres.database.azure.com",
        "DATABASE_NAME": app.replace("-", "_"),
        "DATABASE_USER": f"{app}-app",
        "DB_PASSWORD_FILE": f"/mnt/secrets-store/{app}-db-password",
        "DB_PASSWORD": "$(" + app.upper().replace("-", "_") + "_DB_PASSWORD)",
        "UPSTREAM_URL": f"http://{host}:8080/api/v1",
        "BROKER_URL": f"amqp://{app}-broker.{word(rng)}.svc:5672/",
        "AZURE_TENANT_ID": str(uuid.UUID(int=rng.getrandbits(128))),
        "AZURE_CLIENT_ID": str(uuid.UUID(int=rng.getrandbits(128))),
        "KEYVAULT_NAME": f"{app}-kv",
        "TOKEN_ENDPOINT": "https://login.microsoftonline.com/common/oauth2/v2.0/token",
        "SECRET_NAME": f"{app}-tls",
        "BUILD_COMMIT": "%040x" % rng.getrandbits(160),
        "BASE_IMAGE_DIGEST": "sha256:%064x" % rng.getrandbits(256),
        "FEATURE_FLAGS": base64.b64encode(
            ",".join(rng.sample(["checkout-v2", "dark-mode", "beta-search", "fast-pay", "new-nav"], 3)).encode()
        ).decode(),
        "OTEL_SERVICE_NAME": "".join(w.capitalize() for w in app.split("-")) + "Service",
        "JAVA_OPTS": "-Xms256m -Xmx1g -XX:+UseG1GC -Dfile.encoding=UTF-8",
        "CACHE_TTL_SECONDS": str(rng.randint(30, 3600)),
        "ALLOW_EMPTY_PASSWORD": "no",
        "TZ": "Europe/Amsterdam",
    }


def embedded_files(rng, app):
    appsettings = {
        "Logging": {"LogLevel": {"Default": "Information", "Microsoft.AspNetCore": "Warning"}},
        "ConnectionStrings": {
            "Orders": f"Server=tcp:{app}-sql.database.windows.net,1433;Initial Catalog={app};"
                      "Authentication=Active Directory Workload Identity;Encrypt=True;"
        },
        "KeyVault": {"Uri": f"https://{app}-kv.vault.azure.net/"},
        "Storage": {"AccountName": app.replace("-", "")[:20], "Password": "${STORAGE_PASSWORD}"},
        "Features": {f"flag{i}": rng.random() < 0.5 for i in range(30)},
    }
    ini = "\n".join(
        [f"[{word(rng)}]"]
        + [f"{word(rng)}_{i} = {rng.choice(['on', 'off', str(rng.randint(1, 999)), word(rng)])}" for i in range(40)]
        + ["password_file = /run/secrets/db", "token_ttl = 3600"]
    ) + "\n"
    nginx = "\n".join(
        ["server {", "  listen 8080;"]
        + [f"  location /{word(rng)}{i} {{ proxy_pass http://127.0.0.1:{3000 + i}; }}" for i in range(40)]
        + ["}"]
    ) + "\n"
    return {
        "appsettings.json": json.dumps(appsettings, indent=2) + "\n",
        "worker.ini": ini,
        "nginx.conf": nginx,
    }


PLANTS = [
    ("STORAGE_CONNECTION", lambda rng: "DefaultEndpointsProtocol=https;AccountName=x;AccountKey="
     + base64.b64encode(rng.randbytes(64)).decode() + ";EndpointSuffix=core.windows.net"),
    ("ADMIN_PASSWORD", lambda rng: rand(rng, 14, string.ascii_letters + string.digits + "!#%&")),
    ("CI_TOKEN", lambda rng: "ghp_" + rand(rng, 36)),
    ("SIGNING_KEY", lambda rng: base64.b64encode(rng.randbytes(32)).decode()),
]


def yaml_block(text, indent):
    pad = " " * indent
    return "|\n" + "".join(pad + line + "\n" for line in text.splitlines())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--apps", type=int, default=2000)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    planted = []
    values = 0
    for i in range(a.apps):
        app = f"{word(rng)}-{i:05d}"
        ns = f"team-{i % 50:02d}"
        settings = noise_values(rng, app)
        docs = []
        data = dict(settings)
        if i % 25 == 0:  # one app in 25 leaks a credential into its ConfigMap
            key, make = PLANTS[(i // 25) % len(PLANTS)]
            data[key] = make(rng)
            planted.append({"file": f"{app}.yaml", "kind": "ConfigMap", "key": key})
        lines = [f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {app}-settings\n  namespace: {ns}\ndata:\n"]
        for k, v in data.items():
            lines.append(f"  {k}: {json.dumps(v)}\n")
        for k, v in embedded_files(rng, app).items():
            lines.append(f"  {k}: {yaml_block(v, 4)}")
        values += len(data) + 3
        docs.append("".join(lines))
        env = [f"        - name: {k}\n          value: {json.dumps(v)}\n" for k, v in settings.items()]
        values += len(env)
        if i % 25 == 12:  # and one in 25 into an environment variable
            key, make = PLANTS[(i // 25) % len(PLANTS)]
            env.append(f"        - name: {key}\n          value: {json.dumps(make(rng))}\n")
            planted.append({"file": f"{app}.yaml", "kind": "Deployment", "key": key})
        docs.append(
            f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {app}\n  namespace: {ns}\n"
            f"spec:\n  selector:\n    matchLabels: {{ app: {app} }}\n  template:\n    metadata:\n"
            f"      labels: {{ app: {app} }}\n    spec:\n      containers:\n      - name: app\n"
            f"        image: shopacr.azurecr.io/{app}:1.{i % 10}.0\n        env:\n" + "".join(env)
        )
        with open(os.path.join(a.out, f"{app}.yaml"), "w") as f:
            f.write("---\n".join(docs))
    with open(os.path.join(a.out, ".planted.json"), "w") as f:
        json.dump({"apps": a.apps, "seed": a.seed, "values": values, "planted": planted}, f)
    print(f"{a.apps} apps, {values} values, {len(planted)} planted credentials in {a.out}")


if __name__ == "__main__":
    main()
