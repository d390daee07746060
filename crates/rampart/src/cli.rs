//! The command line: `rampart scan`, `rampart rules`, `rampart namespaces`.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use rampart_document::Limits;
use rampart_pss::Version;

use crate::config::Config;
use crate::context::Context;
use crate::finding::Severity;
use crate::report::{Format, Report};
use crate::rules::{selector_matches, Rule, CATALOG};
use crate::scan::{Scan, ScanResult};

/// Exit codes, as documented in the README.
pub const EXIT_CLEAN: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "rampart",
    version,
    about = "Defense-in-depth security audit for AKS and Kubernetes: host, cluster and pod layers",
    after_help = "Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage error or unreadable input."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Scan manifests, rendered charts and `kubectl get -o yaml|json` dumps.
    Scan(ScanArgs),
    /// List the rule catalog, or print one rule's documentation.
    Rules(RulesArgs),
    /// Pod Security Admission per namespace: enforce labels and the workloads they would reject.
    Namespaces(NamespacesArgs),
    /// Node hardening: kubelet flags and configuration, and kubelet file permissions, under a
    /// root folder (a node's `/`, or the host mounted at `/host`).
    Node(crate::node_cmd::NodeArgs),
    /// NetworkPolicy reachability (`reach`), coverage per namespace, and a starting policy set.
    #[command(subcommand_required = true)]
    Netpol(crate::netpol_cmd::NetpolArgs),
    /// RBAC: who can do what (`who-can`), one subject's permissions (`explain`), escalation
    /// paths (`paths`).
    Rbac(crate::rbac_cmd::RbacArgs),
}

#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Files or folders to read (folders recursively); `-` reads standard input.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Pod Security Standards policy version: `X.Y`, `vX.Y` or `latest`.
    #[arg(long, value_name = "X.Y")]
    pub k8s_version: Option<String>,
    /// Settings file (default: `.rampart.yaml` in the current folder, if present).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Threads to use (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
}

#[derive(Args, Debug)]
pub struct ScanArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit 1 when a finding is at or above this severity.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
    /// Rule ids or dotted prefixes to run (comma-separated or repeated); replaces the config's.
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub select: Vec<String>,
    /// Rule ids or dotted prefixes to skip (comma-separated or repeated); adds to the config's.
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub ignore: Vec<String>,
    /// Print only the summary line (human format) and no progress.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Also say what was skipped and why, on standard error.
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Also report on the stock `system:` RBAC roles and bindings of a cluster.
    #[arg(long)]
    pub include_system: bool,
    /// ARM parameters file for the templates scanned (default: `x.parameters.json` beside
    /// template `x.json`, when scanned too).
    #[arg(long, value_name = "FILE")]
    pub parameters: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// A rule id: print its documentation.
    pub id: Option<String>,
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

#[derive(Args, Debug)]
pub struct NamespacesArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Critical,
    High,
    Medium,
    Low,
    Info,
    Never,
}

impl FailOn {
    fn parse(s: &str) -> Option<FailOn> {
        FailOn::from_str(s, true).ok()
    }

    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Critical => Some(Severity::Critical),
            FailOn::High => Some(Severity::High),
            FailOn::Medium => Some(Severity::Medium),
            FailOn::Low => Some(Severity::Low),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// A usage problem: printed and exit 2.
pub struct UsageError(pub String);

pub fn run(cli: Cli) -> i32 {
    let outcome = match cli.command {
        Command::Scan(args) => scan(args),
        Command::Rules(args) => rules(args),
        Command::Namespaces(args) => crate::namespaces::run(args),
        Command::Node(args) => crate::node_cmd::run(args),
        Command::Netpol(args) => crate::netpol_cmd::run(args),
        Command::Rbac(args) => crate::rbac_cmd::run(args),
    };
    match outcome {
        Ok(code) => code,
        Err(UsageError(message)) => {
            eprintln!("error: {message}");
            EXIT_ERROR
        }
    }
}

/// Reads the inputs into an inventory without running any rule: what the `rbac`, `netpol` and
/// `namespaces` commands query.
pub fn read_inventory(input: &InputArgs) -> Result<(Context, ScanResult), UsageError> {
    let context = prepare(input)?;
    let result = Scan {
        context: &context,
        rules: Vec::new(),
        limits: Limits::default(),
        progress: true,
    }
    .run(&input.paths);
    Ok((context, result))
}

/// Settings from the config file, with the version resolved; the thread pool configured.
pub fn prepare(input: &InputArgs) -> Result<Context, UsageError> {
    // The process's main thread lives as long as the pool, so it works in the pool instead of
    // waiting for it: one thread fewer to start, and the memory that the reading threads free
    // is reused by the joins that run after them on this thread (less memory at the peak, and
    // a faster scan: bench/README.md). Threads that end, as tests' do, must not join.
    let main_thread = std::thread::current().name() == Some("main");
    if input.jobs.is_some() || main_thread {
        let mut pool =
            rayon::ThreadPoolBuilder::new().num_threads(input.jobs.map_or(0, |j| j.max(1)));
        if main_thread {
            pool = pool.use_current_thread();
        }
        // Only the first call configures the pool; later calls are harmless no-ops.
        let _ = pool.build_global();
    }
    let config = match &input.config {
        Some(path) => Config::load(path).map_err(|e| UsageError(e.to_string()))?,
        None if Path::new(".rampart.yaml").is_file() => {
            Config::load(Path::new(".rampart.yaml")).map_err(|e| UsageError(e.to_string()))?
        }
        None => Config::default(),
    };
    let version_text = input
        .k8s_version
        .clone()
        .or_else(|| config.k8s_version.clone())
        .unwrap_or_else(|| "latest".into());
    let version = Version::parse(&version_text).ok_or_else(|| {
        UsageError(format!(
            "--k8s-version {version_text:?}: expected X.Y, vX.Y or latest (e.g. 1.30)"
        ))
    })?;
    Ok(Context { version, config })
}

/// The rules selected by the command line and config.
pub fn selected_rules(
    select: &[String],
    ignore: &[String],
) -> Result<Vec<&'static Rule>, UsageError> {
    for s in select.iter().chain(ignore) {
        if !CATALOG.iter().any(|r| selector_matches(s, r.id)) {
            return Err(UsageError(format!(
                "`{s}` matches no rule id (see `rampart rules`)"
            )));
        }
    }
    Ok(CATALOG
        .iter()
        .copied()
        .filter(|r| select.is_empty() || select.iter().any(|s| selector_matches(s, r.id)))
        .filter(|r| !ignore.iter().any(|s| selector_matches(s, r.id)))
        .collect())
}

pub fn print_errors(result: &ScanResult) {
    for e in &result.errors {
        eprintln!("error: {e}");
    }
}

fn scan(args: ScanArgs) -> Result<i32, UsageError> {
    let mut context = prepare(&args.input)?;
    context.config.arm_parameters = args.parameters.clone();
    context.config.include_system |= args.include_system;
    let select = if args.select.is_empty() {
        context.config.select.clone()
    } else {
        args.select.clone()
    };
    let mut ignore = context.config.ignore.clone();
    ignore.extend(args.ignore.iter().cloned());
    let rules = selected_rules(&select, &ignore)?;
    let fail_on = match args.fail_on {
        Some(f) => f,
        None => match &context.config.fail_on {
            Some(text) => FailOn::parse(text).ok_or_else(|| {
                UsageError(format!(
                    "config failOn {text:?}: expected a severity or never"
                ))
            })?,
            None => FailOn::High,
        },
    };
    let scan = Scan {
        context: &context,
        rules: rules.clone(),
        limits: Limits::default(),
        progress: !args.quiet,
    };
    let colour = args.output.is_none()
        && args.format == Format::Human
        && io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::new(File::create(path).map_err(|e| {
            UsageError(format!(
                "cannot write the report to {}: {e}",
                path.display()
            ))
        })?)),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let counts_only = args.quiet && args.output.is_none() && args.format == Format::Human;
    let (result, written) = match crate::report::streamed(args.format, &rules) {
        // JSON and SARIF are written while the scan runs: findings are never all held.
        Some(mut report) => {
            let mut written = report.begin(&mut out);
            let result = scan.run_streaming(&args.input.paths, &mut |batch| {
                if written.is_ok() {
                    written = report.findings(&batch, &mut out);
                }
            });
            let written = written
                .and_then(|_| report.end(&result, &mut out))
                .and_then(|_| out.flush());
            (result, written)
        }
        None if counts_only => {
            let result = scan.run_streaming(&args.input.paths, &mut |_| {});
            let written = writeln!(
                out,
                "{} findings, {} suppressed, {} errors",
                result.counts.total(),
                result.suppressed.len(),
                result.errors.len()
            )
            .and_then(|_| out.flush());
            (result, written)
        }
        None => {
            let result = scan.run(&args.input.paths);
            let report = Report {
                result: &result,
                rules: &rules,
                colour,
            };
            let written = report
                .write(args.format, &mut out)
                .and_then(|_| out.flush());
            (result, written)
        }
    };
    print_errors(&result);
    if args.verbose {
        eprintln!(
            "read {} files: {} objects, {} workloads; skipped {} documents that are not Kubernetes objects",
            result.stats.files, result.stats.objects, result.stats.workloads, result.stats.skipped_documents
        );
    }
    if let Err(e) = written {
        if e.kind() != io::ErrorKind::BrokenPipe {
            return Err(UsageError(format!("cannot write the report: {e}")));
        }
    }
    let code = exit_code(&result, fail_on.threshold());
    // The process ends next: freeing a large inventory piece by piece would only cost time.
    std::mem::forget(result);
    Ok(code)
}

pub fn exit_code(result: &ScanResult, threshold: Option<Severity>) -> i32 {
    if !result.errors.is_empty() {
        EXIT_ERROR
    } else if threshold.is_some_and(|t| {
        Severity::ALL
            .iter()
            .any(|s| s.at_least(t) && result.counts.severity_total(*s) > 0)
    }) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn rules(args: RulesArgs) -> Result<i32, UsageError> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let chosen: Vec<&'static Rule> = match &args.id {
        Some(id) => match crate::rules::find(id) {
            Some(rule) => vec![rule],
            None => {
                let matches: Vec<_> = CATALOG
                    .iter()
                    .copied()
                    .filter(|r| selector_matches(id, r.id))
                    .collect();
                if matches.is_empty() {
                    return Err(UsageError(format!("no rule `{id}` (see `rampart rules`)")));
                }
                matches
            }
        },
        None => CATALOG.to_vec(),
    };
    let single = args.id.is_some() && chosen.len() == 1;
    let written = match args.format {
        ListFormat::Json => {
            let items: Vec<_> = chosen
                .iter()
                .map(|r| crate::catalog::rule_json(r, single))
                .collect();
            let value = if single {
                items.into_iter().next().unwrap_or_default()
            } else {
                serde_json::Value::Array(items)
            };
            serde_json::to_writer_pretty(&mut out, &value)
                .map_err(io::Error::from)
                .and_then(|_| writeln!(out))
        }
        ListFormat::Human if single => write!(out, "{}", crate::catalog::rule_text(chosen[0])),
        ListFormat::Human => crate::catalog::write_table(&chosen, &mut out),
    };
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(UsageError(e.to_string())),
        _ => Ok(EXIT_CLEAN),
    }
}
