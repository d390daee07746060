//! JUnit XML for CI systems that show test results: one test suite per rule that ran, one
//! failing test case per finding (a passing case when the rule found nothing), and load errors
//! as errored test cases.
//!
//! Written directly: the format is four elements with attributes, and the only subtlety is
//! escaping, handled by [`escape`].

use std::io::{self, Write};

use super::Report;

/// Escapes text for XML attributes and content, dropping characters XML 1.0 cannot carry.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let r = report.result;
    let failures = r.findings.len();
    let passing = report
        .rules
        .iter()
        .filter(|rule| !r.findings.iter().any(|f| f.rule == rule.id))
        .count();
    let tests = failures + passing + r.errors.len();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="rampart" tests="{tests}" failures="{failures}" errors="{}">"#,
        r.errors.len()
    )?;
    for rule in report.rules {
        let found: Vec<_> = r.findings.iter().filter(|f| f.rule == rule.id).collect();
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{}" errors="0" skipped="0">"#,
            escape(rule.id),
            found.len().max(1),
            found.len()
        )?;
        if found.is_empty() {
            writeln!(
                out,
                r#"    <testcase name="no findings" classname="{}"/>"#,
                escape(rule.id)
            )?;
        }
        for f in found {
            writeln!(
                out,
                r#"    <testcase name="{}" classname="{}" file="{}" line="{}">"#,
                escape(&format!("{} {}", f.resource, f.location.path)),
                escape(rule.id),
                escape(&f.location.file),
                f.location.line
            )?;
            writeln!(
                out,
                r#"      <failure message="{}" type="{}">{}</failure>"#,
                escape(&f.message),
                f.severity.as_str(),
                escape(&format!(
                    "{}:{}:{} {}\n{}\nfix: {}",
                    f.location.file,
                    f.location.line,
                    f.location.column,
                    f.location.path,
                    f.message,
                    f.remediation
                ))
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    if !r.errors.is_empty() {
        writeln!(
            out,
            r#"  <testsuite name="input" tests="{0}" failures="0" errors="{0}" skipped="0">"#,
            r.errors.len()
        )?;
        for e in &r.errors {
            writeln!(
                out,
                r#"    <testcase name="{}" classname="input" file="{}" line="{}">"#,
                escape(&format!("{}:{}", e.file, e.line)),
                escape(&e.file),
                e.line
            )?;
            writeln!(
                out,
                r#"      <error message="{}" type="load">{}</error>"#,
                escape(&e.message),
                escape(&e.to_string())
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
