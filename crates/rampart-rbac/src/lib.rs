//! Kubernetes RBAC: effective permissions, who-can queries and escalation paths.
