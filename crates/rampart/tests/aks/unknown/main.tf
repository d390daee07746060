# Every setting comes from a variable without a default: only `terraform plan` knows them.
variable "cluster" {}
variable "private_cluster" {}
variable "local_accounts_disabled" {}
variable "rbac" {}
variable "version" {}
variable "tier" {}
variable "network" {}
variable "upgrade" {}
variable "pool" {}
variable "workspace" {}
variable "des" {}

resource "azurerm_kubernetes_cluster" "main" {
  name                              = var.cluster
  kubernetes_version                = var.version
  sku_tier                          = var.tier
  support_plan                      = var.tier
  private_cluster_enabled           = var.private_cluster
  private_cluster_public_fqdn_enabled = var.private_cluster
  local_account_disabled            = var.local_accounts_disabled
  role_based_access_control_enabled = var.rbac
  run_command_enabled               = var.rbac
  workload_identity_enabled         = var.rbac
  oidc_issuer_enabled               = var.rbac
  azure_policy_enabled              = var.rbac
  image_cleaner_enabled             = var.rbac
  http_application_routing_enabled  = var.rbac
  disk_encryption_set_id            = var.des
  automatic_upgrade_channel         = var.upgrade
  node_os_upgrade_channel           = var.upgrade

  azure_active_directory_role_based_access_control {
    managed                = var.rbac
    azure_rbac_enabled     = var.rbac
    admin_group_object_ids = var.rbac
  }

  api_server_access_profile {
    authorized_ip_ranges                = var.network
    virtual_network_integration_enabled = var.network
  }

  identity {
    type = var.cluster
  }

  network_profile {
    network_plugin = var.network
    network_policy = var.network
    outbound_type  = var.network
  }

  key_vault_secrets_provider {
    secret_rotation_enabled = var.rbac
  }

  key_management_service {
    key_vault_key_id         = var.des
    key_vault_network_access = var.network
  }

  microsoft_defender {
    log_analytics_workspace_id = var.workspace
  }

  oms_agent {
    log_analytics_workspace_id      = var.workspace
    msi_auth_for_monitoring_enabled = var.workspace
  }

  addon_profile {
    kube_dashboard {
      enabled = var.rbac
    }
  }

  default_node_pool {
    name                         = "system"
    vm_size                      = var.pool
    os_sku                       = var.pool
    os_disk_type                 = var.pool
    type                         = var.pool
    orchestrator_version         = var.version
    fips_enabled                 = var.pool
    host_encryption_enabled      = var.pool
    node_public_ip_enabled       = var.pool
    vnet_subnet_id               = var.pool
    only_critical_addons_enabled = var.pool
    kubelet_config {
      pod_max_pid = var.pool
    }
  }
}

resource "azurerm_monitor_diagnostic_setting" "audit" {
  name                       = "audit"
  target_resource_id         = azurerm_kubernetes_cluster.main.id
  log_analytics_workspace_id = var.workspace

  enabled_log {
    category = var.workspace
  }
}
