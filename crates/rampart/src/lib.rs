//! rampart: defense-in-depth security for AKS and Kubernetes, from manifests to admission.
//!
//! The pipeline is load ([`source`]) → inventory ([`inventory`], [`workload`]) → rules
//! ([`rules`]) → findings ([`finding`]) → suppression ([`suppress`]) → reporters ([`report`]).

pub mod aks;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod context;
pub mod finding;
pub mod inventory;
pub mod kubelet;
pub mod namespaces;
pub mod netpol;
pub mod netpol_cmd;
pub mod node_cmd;
pub mod object;
pub mod rbac_cmd;
pub mod report;
pub mod rules;
pub mod scan;
pub mod source;
pub mod suppress;
pub mod workload;
