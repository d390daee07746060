#!/usr/bin/env bash
# RBAC benchmark: 10,000 roles, 10,000 bindings, 5,000 service accounts, on one core.
set -euo pipefail
cd "$(dirname "$0")"
out=../out/rbac
python3 gen_rbac.py --out "$out/cluster" --roles 10000 --bindings 10000 --sas 5000 --namespaces 200
cargo build --release --quiet --target-dir target
for i in 1 2 3; do
  RAYON_NUM_THREADS=1 taskset -c 0 target/release/rbac-bench "$out/cluster"
  echo
done
