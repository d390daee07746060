locals {
  name = "eqaks"
}

resource "azurerm_kubernetes_cluster" "eq" {
  name                = local.name
  location            = azurerm_resource_group.aks.location
  resource_group_name = azurerm_resource_group.aks.name
  dns_prefix          = local.name
  kubernetes_version  = var.kubernetes_version
  sku_tier            = "Standard"

  local_account_disabled    = true
  private_cluster_enabled   = false
  run_command_enabled       = true
  workload_identity_enabled = true
  oidc_issuer_enabled       = true
  azure_policy_enabled      = true
  image_cleaner_enabled     = true
  image_cleaner_interval_hours = 48
  http_application_routing_enabled = false
  automatic_upgrade_channel = "stable"
  node_os_upgrade_channel   = "NodeImage"

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled     = true
    admin_group_object_ids = var.admin_group_ids
  }

  api_server_access_profile {
    authorized_ip_ranges = ["203.0.113.0/24"]
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
    network_policy      = "cilium"
    outbound_type       = "loadBalancer"
  }

  key_vault_secrets_provider {
    secret_rotation_enabled  = true
    secret_rotation_interval = "2m"
  }

  microsoft_defender {
    log_analytics_workspace_id = var.workspace_id
  }

  oms_agent {
    log_analytics_workspace_id      = var.workspace_id
    msi_auth_for_monitoring_enabled = true
  }

  maintenance_window_auto_upgrade {
    frequency   = "Weekly"
    interval    = 1
    duration    = 4
    day_of_week = "Sunday"
    start_time  = "02:00"
  }

  maintenance_window_node_os {
    frequency   = "Weekly"
    interval    = 1
    duration    = 4
    day_of_week = "Saturday"
    start_time  = "02:00"
  }

  default_node_pool {
    name                         = "system"
    vm_size                      = "Standard_D4ds_v5"
    node_count                   = 3
    os_sku                       = "AzureLinux"
    os_disk_type                 = "Ephemeral"
    type                         = "VirtualMachineScaleSets"
    orchestrator_version         = var.kubernetes_version
    host_encryption_enabled      = true
    node_public_ip_enabled       = false
    vnet_subnet_id               = azurerm_subnet.nodes.id
    only_critical_addons_enabled = true

    kubelet_config {
      pod_max_pid = 1024
    }
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "apps" {
  name                    = "apps"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.eq.id
  mode                    = "User"
  vm_size                 = "Standard_D8ds_v5"
  node_count              = 2
  os_sku                  = "Ubuntu"
  orchestrator_version    = var.kubernetes_version
  host_encryption_enabled = false
  node_public_ip_enabled  = true
  vnet_subnet_id          = azurerm_subnet.nodes.id
}

resource "azurerm_monitor_diagnostic_setting" "audit" {
  name                       = "audit"
  target_resource_id         = azurerm_kubernetes_cluster.eq.id
  log_analytics_workspace_id = var.workspace_id

  enabled_log {
    category = "kube-audit-admin"
  }

  enabled_log {
    category = "guard"
  }
}

resource "azurerm_security_center_subscription_pricing" "containers" {
  tier          = "Standard"
  resource_type = "Containers"
}

resource "azurerm_subnet" "nodes" {
  name                 = "nodes"
  resource_group_name  = "net"
  virtual_network_name = "hub"
  address_prefixes     = ["10.240.0.0/16"]
}

resource "azurerm_network_security_group" "aks_nodes" {
  name                = "aks-nodes"
  location            = "westeurope"
  resource_group_name = "net"

  security_rule {
    name                       = "https"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_rule" "ssh" {
  name                        = "ssh-from-anywhere"
  priority                    = 110
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  resource_group_name         = "net"
  network_security_group_name = azurerm_network_security_group.aks_nodes.name
}

resource "azurerm_subnet_network_security_group_association" "nodes" {
  subnet_id                 = azurerm_subnet.nodes.id
  network_security_group_id = azurerm_network_security_group.aks_nodes.id
}
