//! Times the RBAC work on a generated cluster: loading, building the engine, every
//! `cluster.rbac.*` rule, and `who-can` queries. Run through `bench/rbac/run.sh`.

use std::path::PathBuf;
use std::time::Instant;

use rampart::config::Config;
use rampart::context::Context;
use rampart::rules::{Check, Emit, CATALOG};
use rampart::scan::Scan;
use rampart_document::Limits;
use rampart_rbac::Request;

fn main() {
    let dir: PathBuf = std::env::args().nth(1).expect("usage: rbac-bench DIR").into();
    let context = Context { version: rampart_pss::Version::LATEST, config: Config::default() };
    let scan = Scan { context: &context, rules: Vec::new(), limits: Limits::default(), progress: false };

    let t = Instant::now();
    let result = scan.run(&[dir]);
    let load = t.elapsed();
    let inv = &result.inventory;

    let t = Instant::now();
    let rbac = inv.rbac();
    let build = t.elapsed();

    let rules: Vec<_> = CATALOG.iter().copied().filter(|r| r.id.starts_with("cluster.rbac.")).collect();
    let mut findings = Vec::new();
    let t = Instant::now();
    for rule in &rules {
        if let Check::Inventory(check) = rule.check {
            check(inv, &context, &mut Emit { rule, out: &mut findings });
        }
    }
    let rules_time = t.elapsed();

    let queries = [
        ("get", "secrets", Some("team-7")),
        ("list", "secrets", None),
        ("create", "pods", None),
        ("create", "pods/exec", Some("team-42")),
        ("create", "deployments.apps", None),
        ("get", "/metrics", None),
    ];
    let mut slowest = std::time::Duration::ZERO;
    let mut total = std::time::Duration::ZERO;
    let mut answers = 0;
    for (verb, resource, ns) in queries {
        let request = Request::parse(verb, resource, None).unwrap();
        let t = Instant::now();
        answers += rbac.who_can(&request, ns).len();
        let d = t.elapsed();
        slowest = slowest.max(d);
        total += d;
    }
    println!(
        "objects {} roles {} bindings {} service-accounts {}",
        result.stats.objects,
        rbac.roles.len(),
        rbac.bindings.len(),
        rbac.service_accounts.len()
    );
    println!("load (parse + inventory)      {:>8.1} ms", load.as_secs_f64() * 1e3);
    println!("engine build (aggregation)    {:>8.1} ms", build.as_secs_f64() * 1e3);
    println!("all {} cluster.rbac rules     {:>8.1} ms  ({} findings)", rules.len(), rules_time.as_secs_f64() * 1e3, findings.len());
    println!("engine build + rules          {:>8.1} ms", (build + rules_time).as_secs_f64() * 1e3);
    println!(
        "who-can: {} queries, mean {:.2} ms, slowest {:.2} ms ({} subjects)",
        queries.len(),
        total.as_secs_f64() * 1e3 / queries.len() as f64,
        slowest.as_secs_f64() * 1e3,
        answers
    );
}
