//! The AKS cluster model every reader produces: a managed cluster, its agent pools, its
//! maintenance configurations and the diagnostic settings that target it. Field names follow
//! the ARM `Microsoft.ContainerService/managedClusters` schema.

use std::sync::Arc;

use crate::prop::{At, Prop, Value};

/// Which kind of input a definition came from. Defaults differ between them (azurerm picks
/// some of its own), and `az aks show` output never contains the separate resources.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// An ARM template, or a REST request body: what is asked for.
    Arm,
    /// `az aks show` output or a REST response body: what the service reports.
    Live,
    /// Terraform HCL or Terraform JSON configuration.
    Terraform,
    /// `terraform show -json` plan output.
    TerraformPlan,
}

impl Dialect {
    pub fn is_terraform(self) -> bool {
        matches!(self, Dialect::Terraform | Dialect::TerraformPlan)
    }
}

/// Separate resources (maintenance configurations, diagnostic settings) either found in the
/// input or not collectable from it.
#[derive(Clone, Debug, PartialEq)]
pub enum Collected<T> {
    /// What the input holds (possibly nothing).
    Found(Vec<T>),
    /// The input format cannot contain them (`az aks show` output): why.
    NotInInput(&'static str),
}

impl<T> Default for Collected<T> {
    fn default() -> Self {
        Collected::Found(Vec::new())
    }
}

/// A `Microsoft.ContainerService/managedClusters` resource.
#[derive(Clone, Debug, PartialEq)]
pub struct ManagedCluster {
    pub file: Arc<str>,
    pub name: String,
    /// ARM API version, or `azurerm` for Terraform.
    pub api_version: String,
    pub dialect: Dialect,
    /// Where the resource starts.
    pub at: At,
    /// The ARM resource id when the input shows it (live output), for joining separate
    /// resources.
    pub id: Option<String>,
    /// Terraform address (`azurerm_kubernetes_cluster.main`), for joining node pool resources.
    pub address: Option<String>,

    pub kubernetes_version: Prop,
    pub current_kubernetes_version: Prop,
    pub support_plan: Prop,
    pub sku_tier: Prop,

    pub enable_rbac: Prop,
    pub disable_local_accounts: Prop,
    /// `aadProfile` itself (its presence is the integration).
    pub aad_profile: Prop,
    pub aad_managed: Prop,
    pub aad_azure_rbac: Prop,
    pub aad_admin_groups: Prop,
    /// `aadProfile.serverAppID`: the legacy (unmanaged) integration.
    pub aad_server_app: Prop,

    pub private_cluster: Prop,
    pub private_cluster_public_fqdn: Prop,
    pub private_dns_zone: Prop,
    pub authorized_ip_ranges: Prop,
    pub vnet_integration: Prop,
    pub api_server_subnet: Prop,
    pub disable_run_command: Prop,
    pub public_network_access: Prop,

    pub identity_type: Prop,
    pub service_principal_client_id: Prop,
    pub workload_identity: Prop,
    pub oidc_issuer: Prop,
    pub pod_identity: Prop,

    /// `networkProfile` itself (azurerm: kubenet when the block is missing).
    pub network_profile: Prop,
    pub network_plugin: Prop,
    pub network_plugin_mode: Prop,
    pub network_dataplane: Prop,
    pub network_policy: Prop,
    pub outbound_type: Prop,

    pub azure_policy: Prop,
    pub kv_secrets_provider: Prop,
    pub kv_secret_rotation: Prop,
    pub kv_rotation_interval: Prop,
    pub kube_dashboard: Prop,
    pub http_application_routing: Prop,
    pub oms_agent: Prop,
    pub oms_workspace: Prop,
    pub oms_aad_auth: Prop,
    pub prometheus_metrics: Prop,

    pub kms_enabled: Prop,
    pub kms_network_access: Prop,
    pub image_cleaner: Prop,
    pub defender_enabled: Prop,
    pub defender_workspace: Prop,

    pub disk_encryption_set: Prop,
    pub upgrade_channel: Prop,
    pub node_os_upgrade_channel: Prop,
    pub node_rg_restriction: Prop,
    pub ssh_public_keys: Prop,

    pub agent_pools: Vec<AgentPool>,
    pub maintenance: Collected<MaintenanceConfig>,
    pub diagnostics: Collected<DiagnosticSetting>,
}

/// An agent (node) pool: an `agentPoolProfiles[]` item, an `agentPools` resource, a
/// `default_node_pool` block or an `azurerm_kubernetes_cluster_node_pool`.
#[derive(Clone, Debug, PartialEq)]
pub struct AgentPool {
    pub file: Arc<str>,
    pub name: String,
    /// The owning cluster's name, when known.
    pub cluster: Option<String>,
    pub api_version: String,
    pub dialect: Dialect,
    pub at: At,

    pub mode: Prop,
    pub os_type: Prop,
    pub os_sku: Prop,
    pub orchestrator_version: Prop,
    pub encryption_at_host: Prop,
    pub os_disk_type: Prop,
    pub fips: Prop,
    pub node_public_ip: Prop,
    pub node_public_ip_prefix: Prop,
    pub vnet_subnet: Prop,
    pub pod_subnet: Prop,
    pub ssh_access: Prop,
    pub node_taints: Prop,
    /// azurerm `only_critical_addons_enabled` (adds the CriticalAddonsOnly taint).
    pub only_critical_addons: Prop,
    pub pool_type: Prop,
    pub kubelet_config: Prop,
    pub linux_os_config: Prop,
    /// Which subnet `vnet_subnet` names, as a [`network_key`]: an ARM id suffix or a Terraform
    /// address (known even when the id itself is only known at plan time).
    pub subnet_key: Option<String>,
}

impl AgentPool {
    /// `cluster/pool`, the ARM child resource name, or the pool name alone.
    pub fn display_name(&self) -> String {
        match &self.cluster {
            Some(c) => format!("{c}/{}", self.name),
            None => self.name.clone(),
        }
    }

    /// Whether this is a System pool (`mode: System`; Terraform's default pool is one).
    pub fn is_system(&self) -> Result<bool, String> {
        Ok(self
            .mode
            .text()?
            .is_some_and(|m| m.eq_ignore_ascii_case("system")))
    }
}

/// A maintenance configuration: ARM `managedClusters/maintenanceConfigurations` or azurerm's
/// inline `maintenance_window*` blocks (mapped to the reserved configuration names).
#[derive(Clone, Debug, PartialEq)]
pub struct MaintenanceConfig {
    pub file: Arc<str>,
    /// `aksManagedAutoUpgradeSchedule`, `aksManagedNodeOSUpgradeSchedule`, `default` or any
    /// other (which gates nothing).
    pub name: Prop,
    pub at: At,
    /// `Daily`, `Weekly`, `AbsoluteMonthly` or `RelativeMonthly` (from the schedule's key or
    /// azurerm's `frequency`); `default` windows use `time_in_week` instead.
    pub recurrence: Prop,
    pub time_in_week: Prop,
}

/// A `Microsoft.Insights/diagnosticSettings` resource (or `azurerm_monitor_diagnostic_setting`)
/// targeting a cluster.
#[derive(Clone, Debug, PartialEq)]
pub struct DiagnosticSetting {
    pub file: Arc<str>,
    pub name: String,
    pub at: At,
    /// What the setting is scoped to, as written (resource id, expression or address).
    pub target: Prop,
    pub logs: Vec<LogCategory>,
    /// Log Analytics workspace, storage account or event hub: any one.
    pub destination: Prop,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LogCategory {
    pub category: Prop,
    pub category_group: Prop,
    pub enabled: Prop,
    pub at: At,
}

/// Everything found in a scan's inputs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Definitions {
    pub clusters: Vec<ManagedCluster>,
    /// Agent pools whose cluster is not in the input (`az aks nodepool list`, an agent pool
    /// REST body).
    pub pools: Vec<AgentPool>,
    /// Subscription Defender plans for containers found in the input (they apply to every
    /// cluster of the subscription).
    pub defender_plans: Vec<DefenderPlan>,
    /// Subnets and network security groups found in the input, for the node subnet controls.
    pub subnets: Vec<Subnet>,
    pub security_groups: Vec<SecurityGroup>,
}

/// A virtual network subnet (ARM `virtualNetworks/subnets` or inline `subnets[]`, `az network
/// vnet subnet show`, azurerm `azurerm_subnet` with its NSG association).
#[derive(Clone, Debug, PartialEq)]
pub struct Subnet {
    pub file: Arc<str>,
    pub at: At,
    /// [`network_key`] of the subnet.
    pub key: String,
    /// The attached network security group, as written (an id, a reference), or absent.
    pub nsg: Prop,
    /// [`network_key`] of that group, when it can be told.
    pub nsg_key: Option<String>,
}

/// A network security group and its rules (inline, or separate rule resources).
#[derive(Clone, Debug, PartialEq)]
pub struct SecurityGroup {
    pub file: Arc<str>,
    pub at: At,
    pub key: String,
    pub rules: Vec<SecurityRule>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SecurityRule {
    pub name: String,
    pub at: At,
    pub priority: Prop,
    pub direction: Prop,
    pub access: Prop,
    /// Source address prefixes (`*`, `Internet`, CIDRs, service tags), single and plural
    /// spellings merged.
    pub sources: Vec<Prop>,
    /// Destination port ranges (`*`, `22`, `30000-32767`).
    pub ports: Vec<Prop>,
}

/// How subnets and security groups are matched between resources: the lower-cased ARM id
/// suffix (`virtualnetworks/hub/subnets/nodes`, `networksecuritygroups/aks-nsg`) or the
/// Terraform address (`azurerm_subnet.nodes`, `azurerm_network_security_group.aks`) found in
/// an id, an expression or a reference.
pub fn network_key(text: &str) -> Option<String> {
    for kind in ["azurerm_subnet.", "azurerm_network_security_group."] {
        if let Some(i) = text.find(kind) {
            let rest = &text[i + kind.len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            if !name.is_empty() {
                return Some(format!("{kind}{name}"));
            }
        }
    }
    let lower = text.to_ascii_lowercase();
    let segments: Vec<&str> = lower.split('/').filter(|s| !s.is_empty()).collect();
    let after = |kind: &str| {
        segments
            .iter()
            .position(|s| *s == kind)
            .and_then(|i| segments.get(i + 1))
            .map(|s| s.to_string())
    };
    match (
        after("virtualnetworks"),
        after("subnets"),
        after("networksecuritygroups"),
    ) {
        (Some(v), Some(s), _) => Some(format!("virtualnetworks/{v}/subnets/{s}")),
        (_, _, Some(n)) => Some(format!("networksecuritygroups/{n}")),
        _ => None,
    }
}

/// Where one input format keeps a security rule's settings: `(one, many)` name pairs for the
/// source prefixes and destination ports, which may be given singly or as lists.
pub(crate) struct SecurityRuleFields {
    pub sources: (&'static str, &'static str),
    pub ports: (&'static str, &'static str),
}

/// Reads a security rule whose settings are the fields of `settings` (the rule itself, or its
/// `properties`).
pub(crate) fn security_rule(
    rule: &Prop,
    settings: &Prop,
    fields: &SecurityRuleFields,
) -> SecurityRule {
    let many = |(one, plural): (&str, &str)| -> Vec<Prop> {
        let mut out = Vec::new();
        let single = settings.get(one).into_owned();
        if !single.is_absent() {
            out.push(single);
        }
        match settings.get(plural).into_owned() {
            Prop::Known(Value::List(items), _) => out.extend(items),
            Prop::Absent(_) => {}
            other => out.push(other),
        }
        out
    };
    SecurityRule {
        name: rule
            .get("name")
            .text()
            .ok()
            .flatten()
            .map(|s| s.to_string())
            .unwrap_or_default(),
        at: rule.at().clone(),
        priority: settings.get("priority").into_owned(),
        direction: settings.get("direction").into_owned(),
        access: settings.get("access").into_owned(),
        sources: many(fields.sources),
        ports: many(fields.ports),
    }
}

/// Reads a security rule in ARM shape (settings under `properties`, flattened in `az`).
pub(crate) fn security_rule_from_arm(rule: &Prop) -> SecurityRule {
    let wrapped = rule.get("properties");
    let settings: &Prop = if wrapped.is_absent() { rule } else { &wrapped };
    security_rule(
        rule,
        settings,
        &SecurityRuleFields {
            sources: ("sourceAddressPrefix", "sourceAddressPrefixes"),
            ports: ("destinationPortRange", "destinationPortRanges"),
        },
    )
}

/// Reads a subnet in ARM shape; `key` identifies it.
pub(crate) fn subnet_from_arm(file: &Arc<str>, root: &Prop, key: String) -> Subnet {
    let wrapped = root.get("properties");
    let p: &Prop = if wrapped.is_absent() { root } else { &wrapped };
    let nsg = p.path(&["networkSecurityGroup", "id"]);
    let nsg = match (&nsg, p.get("networkSecurityGroup").into_owned()) {
        (Prop::Absent(_), Prop::Unknown(r, at)) => Prop::Unknown(r, at),
        _ => nsg,
    };
    Subnet {
        file: file.clone(),
        at: root.at().clone(),
        key,
        nsg_key: nsg.text().ok().flatten().and_then(|t| network_key(&t)),
        nsg,
    }
}

/// The subscription's Microsoft Defender for Containers plan: ARM `Microsoft.Security/pricings`
/// named `Containers`, `az security pricing show -n Containers`, or azurerm
/// `azurerm_security_center_subscription_pricing` with `resource_type = "Containers"`.
#[derive(Clone, Debug, PartialEq)]
pub struct DefenderPlan {
    pub file: Arc<str>,
    pub at: At,
    /// `Standard` (on) or `Free`.
    pub tier: Prop,
}

impl Definitions {
    pub fn is_empty(&self) -> bool {
        self.clusters.is_empty() && self.pools.is_empty() && self.defender_plans.is_empty()
    }

    /// Adds what another reader found.
    pub fn extend(&mut self, other: Definitions) {
        self.clusters.extend(other.clusters);
        self.pools.extend(other.pools);
        self.defender_plans.extend(other.defender_plans);
        self.subnets.extend(other.subnets);
        self.security_groups.extend(other.security_groups);
    }

    /// The subnet with `key`, when the input holds it.
    pub fn subnet(&self, key: &str) -> Option<&Subnet> {
        self.subnets.iter().find(|s| s.key == key)
    }

    /// Every rule of the security group with `key` (inline and separate rules), or `None`
    /// when the input does not hold the group.
    pub fn security_rules(&self, key: &str) -> Option<Vec<&SecurityRule>> {
        let mut found = false;
        let mut rules = Vec::new();
        for g in self.security_groups.iter().filter(|g| g.key == key) {
            found = true;
            rules.extend(g.rules.iter());
        }
        found.then_some(rules)
    }

    /// Every agent pool: those of each cluster, then the standalone ones.
    pub fn all_pools(&self) -> impl Iterator<Item = &AgentPool> {
        self.clusters
            .iter()
            .flat_map(|c| c.agent_pools.iter())
            .chain(self.pools.iter())
    }
}

/// Reads a cluster in ARM shape: `root` is the resource (with `properties`, `sku`,
/// `identity`) or the flattened `az aks show` object.
pub(crate) fn cluster_from_arm(
    file: &Arc<str>,
    root: &Prop,
    name: String,
    api_version: String,
    dialect: Dialect,
) -> ManagedCluster {
    let props_node = root.get("properties");
    // `az aks show` prints the same settings without the `properties` wrapper.
    let p: &Prop = if props_node.is_absent() {
        root
    } else {
        &props_node
    };
    let g = |keys: &[&str]| p.path(keys);
    let addon = |name: &str, rest: &[&str]| {
        let profiles = p.get("addonProfiles");
        let entry = match profiles.entries() {
            Ok(Some(entries)) => entries
                .iter()
                .rev()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.clone()),
            _ => None,
        };
        match entry {
            Some(e) => e.path(rest),
            None => profiles.path(&[name]).path(rest),
        }
    };
    let id = root.get("id").text().ok().flatten().map(|s| s.to_string());
    let mut pools = Vec::new();
    let profiles = p.get("agentPoolProfiles");
    if profiles.is_unknown() {
        // Pools written as one unresolved expression still exist: every per-pool control must
        // report them as unknown rather than see no pools at all.
        pools.push(pool_from_arm(
            file,
            &profiles,
            "(unresolved agentPoolProfiles)".into(),
            Some(name.clone()),
            api_version.clone(),
            dialect,
        ));
    }
    if let Ok(Some(items)) = profiles.list() {
        for (i, item) in items.iter().enumerate() {
            let pool_name = item
                .get("name")
                .text()
                .ok()
                .flatten()
                .map(|s| s.to_string())
                .unwrap_or_else(|| format!("agentPoolProfiles[{i}]"));
            pools.push(pool_from_arm(
                file,
                item,
                pool_name,
                Some(name.clone()),
                api_version.clone(),
                dialect,
            ));
        }
    }
    let separate: Collected<()> = match dialect {
        Dialect::Live => Collected::NotInInput(
            "az aks show and REST responses do not include them (separate resources)",
        ),
        _ => Collected::Found(Vec::new()),
    };
    ManagedCluster {
        file: file.clone(),
        name,
        api_version,
        dialect,
        at: root.at().clone(),
        id,
        address: None,
        kubernetes_version: g(&["kubernetesVersion"]),
        current_kubernetes_version: g(&["currentKubernetesVersion"]),
        support_plan: g(&["supportPlan"]),
        sku_tier: root.path(&["sku", "tier"]),
        enable_rbac: g(&["enableRBAC"]),
        disable_local_accounts: g(&["disableLocalAccounts"]),
        aad_profile: g(&["aadProfile"]),
        aad_managed: g(&["aadProfile", "managed"]),
        aad_azure_rbac: g(&["aadProfile", "enableAzureRBAC"]),
        aad_admin_groups: g(&["aadProfile", "adminGroupObjectIDs"]),
        aad_server_app: g(&["aadProfile", "serverAppID"]),
        private_cluster: g(&["apiServerAccessProfile", "enablePrivateCluster"]),
        private_cluster_public_fqdn: g(&[
            "apiServerAccessProfile",
            "enablePrivateClusterPublicFQDN",
        ]),
        private_dns_zone: g(&["apiServerAccessProfile", "privateDNSZone"]),
        authorized_ip_ranges: g(&["apiServerAccessProfile", "authorizedIPRanges"]),
        vnet_integration: g(&["apiServerAccessProfile", "enableVnetIntegration"]),
        api_server_subnet: g(&["apiServerAccessProfile", "subnetId"]),
        disable_run_command: g(&["apiServerAccessProfile", "disableRunCommand"]),
        public_network_access: g(&["publicNetworkAccess"]),
        identity_type: root.path(&["identity", "type"]),
        service_principal_client_id: g(&["servicePrincipalProfile", "clientId"]),
        workload_identity: g(&["securityProfile", "workloadIdentity", "enabled"]),
        oidc_issuer: g(&["oidcIssuerProfile", "enabled"]),
        pod_identity: g(&["podIdentityProfile", "enabled"]),
        network_profile: g(&["networkProfile"]),
        network_plugin: g(&["networkProfile", "networkPlugin"]),
        network_plugin_mode: g(&["networkProfile", "networkPluginMode"]),
        network_dataplane: g(&["networkProfile", "networkDataplane"]),
        network_policy: g(&["networkProfile", "networkPolicy"]),
        outbound_type: g(&["networkProfile", "outboundType"]),
        azure_policy: addon("azurepolicy", &["enabled"]),
        kv_secrets_provider: addon("azureKeyvaultSecretsProvider", &["enabled"]),
        kv_secret_rotation: addon(
            "azureKeyvaultSecretsProvider",
            &["config", "enableSecretRotation"],
        ),
        kv_rotation_interval: addon(
            "azureKeyvaultSecretsProvider",
            &["config", "rotationPollInterval"],
        ),
        kube_dashboard: addon("kubeDashboard", &["enabled"]),
        http_application_routing: addon("httpApplicationRouting", &["enabled"]),
        oms_agent: addon("omsagent", &["enabled"]),
        oms_workspace: addon("omsagent", &["config", "logAnalyticsWorkspaceResourceID"]),
        oms_aad_auth: addon("omsagent", &["config", "useAADAuth"]),
        prometheus_metrics: g(&["azureMonitorProfile", "metrics", "enabled"]),
        kms_enabled: g(&["securityProfile", "azureKeyVaultKms", "enabled"]),
        kms_network_access: g(&[
            "securityProfile",
            "azureKeyVaultKms",
            "keyVaultNetworkAccess",
        ]),
        image_cleaner: g(&["securityProfile", "imageCleaner", "enabled"]),
        defender_enabled: g(&[
            "securityProfile",
            "defender",
            "securityMonitoring",
            "enabled",
        ]),
        defender_workspace: g(&[
            "securityProfile",
            "defender",
            "logAnalyticsWorkspaceResourceId",
        ]),
        disk_encryption_set: g(&["diskEncryptionSetID"]),
        upgrade_channel: g(&["autoUpgradeProfile", "upgradeChannel"]),
        node_os_upgrade_channel: g(&["autoUpgradeProfile", "nodeOSUpgradeChannel"]),
        node_rg_restriction: g(&["nodeResourceGroupProfile", "restrictionLevel"]),
        ssh_public_keys: g(&["linuxProfile", "ssh", "publicKeys"]),
        agent_pools: pools,
        maintenance: match &separate {
            Collected::NotInInput(r) => Collected::NotInInput(r),
            Collected::Found(_) => Collected::Found(Vec::new()),
        },
        diagnostics: match separate {
            Collected::NotInInput(r) => Collected::NotInInput(r),
            Collected::Found(_) => Collected::Found(Vec::new()),
        },
    }
}

/// Reads an agent pool in ARM shape: an `agentPoolProfiles[]` item (settings at top level),
/// or an `agentPools` resource (settings under `properties`; flattened in `az` output).
pub(crate) fn pool_from_arm(
    file: &Arc<str>,
    root: &Prop,
    name: String,
    cluster: Option<String>,
    api_version: String,
    dialect: Dialect,
) -> AgentPool {
    let props_node = root.get("properties");
    let p: &Prop = if props_node.is_absent() {
        root
    } else {
        &props_node
    };
    let g = |keys: &[&str]| p.path(keys);
    AgentPool {
        file: file.clone(),
        name,
        cluster,
        api_version,
        dialect,
        at: root.at().clone(),
        mode: g(&["mode"]),
        os_type: g(&["osType"]),
        os_sku: g(&["osSKU"]),
        orchestrator_version: g(&["orchestratorVersion"]),
        encryption_at_host: g(&["enableEncryptionAtHost"]),
        os_disk_type: g(&["osDiskType"]),
        fips: g(&["enableFIPS"]),
        node_public_ip: g(&["enableNodePublicIP"]),
        node_public_ip_prefix: g(&["nodePublicIPPrefixID"]),
        vnet_subnet: g(&["vnetSubnetID"]),
        pod_subnet: g(&["podSubnetID"]),
        ssh_access: g(&["securityProfile", "sshAccess"]),
        node_taints: g(&["nodeTaints"]),
        only_critical_addons: Prop::Absent(p.at().child("onlyCriticalAddonsEnabled")),
        pool_type: g(&["type"]),
        kubelet_config: g(&["kubeletConfig"]),
        linux_os_config: g(&["linuxOSConfig"]),
        subnet_key: match g(&["vnetSubnetID"]).text() {
            Ok(Some(id)) => network_key(&id),
            _ => None,
        },
    }
}

/// Reads a maintenance configuration resource (`properties.maintenanceWindow.schedule.*` or
/// the legacy `properties.timeInWeek`).
pub(crate) fn maintenance_from_arm(file: &Arc<str>, root: &Prop, name: Prop) -> MaintenanceConfig {
    let wrapped = root.get("properties");
    // `az aks maintenanceconfiguration list` prints the settings without the wrapper.
    let props: &Prop = if wrapped.is_absent() { root } else { &wrapped };
    let schedule = props.path(&["maintenanceWindow", "schedule"]);
    let recurrence = match schedule.entries() {
        Ok(Some(entries)) => entries
            .iter()
            .find_map(|(k, v)| {
                let kind = ["daily", "weekly", "absoluteMonthly", "relativeMonthly"]
                    .into_iter()
                    .find(|s| s.eq_ignore_ascii_case(k))?;
                let mut title = kind.to_string();
                title[..1].make_ascii_uppercase();
                Some(Prop::Known(Value::Str(title), v.at().clone()))
            })
            .unwrap_or_else(|| Prop::Absent(schedule.at().clone())),
        Ok(None) => Prop::Absent(schedule.at().clone()),
        Err(r) => Prop::Unknown(r, schedule.at().clone()),
    };
    MaintenanceConfig {
        file: file.clone(),
        name,
        at: root.at().clone(),
        recurrence,
        time_in_week: props.get("timeInWeek").into_owned(),
    }
}

/// Reads a diagnostic setting resource (ARM) or REST/`az monitor diagnostic-settings` item.
pub(crate) fn diagnostic_from_arm(
    file: &Arc<str>,
    root: &Prop,
    name: String,
    target: Prop,
) -> DiagnosticSetting {
    let props_node = root.get("properties");
    let p: &Prop = if props_node.is_absent() {
        root
    } else {
        &props_node
    };
    let logs = match p.get("logs").list() {
        Ok(Some(items)) => items
            .iter()
            .map(|l| LogCategory {
                category: l.get("category").into_owned(),
                category_group: l.get("categoryGroup").into_owned(),
                enabled: l.get("enabled").into_owned(),
                at: l.at().clone(),
            })
            .collect(),
        _ => Vec::new(),
    };
    let destination = [
        "workspaceId",
        "storageAccountId",
        "eventHubAuthorizationRuleId",
    ]
    .iter()
    .map(|k| p.get(k).into_owned())
    .find(|d| !d.is_absent())
    .unwrap_or_else(|| Prop::Absent(p.at().child("workspaceId")));
    DiagnosticSetting {
        file: file.clone(),
        name,
        at: root.at().clone(),
        target,
        logs,
        destination,
    }
}
