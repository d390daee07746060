//! The report for people: findings grouped by layer, then by resource, then a table of counts
//! per layer and severity. Colour only when asked (a terminal).

use std::io::{self, Write};

use super::Report;
use crate::finding::{Finding, Layer, Severity};

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn severity(&self, s: Severity) -> String {
        let code = match s {
            Severity::Critical => "1;31",
            Severity::High => "31",
            Severity::Medium => "33",
            Severity::Low => "36",
            Severity::Info => "2",
        };
        self.wrap(code, &format!("{:<8}", s.as_str()))
    }

    fn bold(&self, text: &str) -> String {
        self.wrap("1", text)
    }

    fn dim(&self, text: &str) -> String {
        self.wrap("2", text)
    }
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let r = report.result;
    let paint = Paint { on: report.colour };
    let rule_width = r.findings.iter().map(|f| f.rule.len()).max().unwrap_or(0);
    for layer in Layer::ALL {
        let mut in_layer: Vec<&Finding> = r.findings.iter().filter(|f| f.layer == layer).collect();
        if in_layer.is_empty() {
            continue;
        }
        in_layer.sort_by(|a, b| {
            (
                &a.location.file,
                &a.resource,
                a.location.line,
                a.location.column,
                a.rule,
            )
                .cmp(&(
                    &b.location.file,
                    &b.resource,
                    b.location.line,
                    b.location.column,
                    b.rule,
                ))
        });
        writeln!(out, "{}", paint.bold(&format!("{} layer", layer.as_str())))?;
        let mut current: Option<(&str, &std::sync::Arc<crate::finding::Resource>)> = None;
        for f in in_layer {
            let key = (&*f.location.file, &f.resource);
            if current != Some(key) {
                writeln!(
                    out,
                    "  {}  {}",
                    paint.bold(&f.resource.to_string()),
                    paint.dim(&f.location.file)
                )?;
                current = Some(key);
            }
            writeln!(
                out,
                "    {} {:<width$}  {}  {}",
                paint.severity(f.severity),
                f.rule,
                paint.dim(&format!("{}:{}", f.location.line, f.location.column)),
                f.message,
                width = rule_width
            )?;
        }
        writeln!(out)?;
    }
    write_summary(report, &paint, out)
}

fn write_summary(report: &Report, paint: &Paint, out: &mut dyn Write) -> io::Result<()> {
    let r = report.result;
    let counts = &r.counts;
    write!(out, "{:<10}", paint.bold("summary"))?;
    // Bold escape codes add width; pad the plain word when colour is on.
    if paint.on {
        write!(out, "   ")?;
    }
    for s in Severity::ALL {
        write!(out, "{:>10}", s.as_str())?;
    }
    writeln!(out, "{:>10}", "total")?;
    for layer in Layer::ALL {
        write!(out, "  {:<8}", layer.as_str())?;
        for s in Severity::ALL {
            write!(out, "{:>10}", counts.get(layer, s))?;
        }
        writeln!(out, "{:>10}", counts.layer_total(layer))?;
    }
    write!(out, "  {:<8}", "all")?;
    for s in Severity::ALL {
        write!(out, "{:>10}", counts.severity_total(s))?;
    }
    writeln!(out, "{:>10}", r.findings.len())?;
    writeln!(
        out,
        "\n{} findings, {} suppressed, {} errors; {} files, {} objects, {} workloads",
        r.findings.len(),
        r.suppressed.len(),
        r.errors.len(),
        r.stats.files,
        r.stats.objects,
        r.stats.workloads
    )
}
