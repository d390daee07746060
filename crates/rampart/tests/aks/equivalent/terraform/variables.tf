variable "kubernetes_version" {
  type    = string
  default = "1.35"
}

variable "node_subnet_id" {
  type    = string
  default = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/nodes"
}

variable "workspace_id" {
  type    = string
  default = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/sec/providers/Microsoft.OperationalInsights/workspaces/sec"
}

variable "admin_group_ids" {
  type    = list(string)
  default = ["6d1e0c2a-5b7f-4f4e-9f1d-3c2b1a0e9d8c"]
}
