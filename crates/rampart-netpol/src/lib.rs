//! NetworkPolicy reachability between workloads.
