#!/usr/bin/env python3
"""Generates AKS cluster definitions for the AKS benchmark: `az aks show` JSON, ARM templates
(with comments, trailing commas and a parameters file) and Terraform modules, seeded."""
import argparse, json, os, random

p = argparse.ArgumentParser()
p.add_argument("--out", required=True)
p.add_argument("--clusters", type=int, default=300, help="clusters per input format")
p.add_argument("--pools", type=int, default=6, help="agent pools per cluster")
p.add_argument("--seed", type=int, default=7)
a = p.parse_args()
rnd = random.Random(a.seed)
SKUS = ["Ubuntu", "AzureLinux", "CBLMariner", "Ubuntu2204"]
POLICIES = ["none", "azure", "calico", "cilium"]

def pool(i):
    return {"name": f"pool{i}", "mode": "System" if i == 0 else "User", "osType": "Linux",
            "osSku": rnd.choice(SKUS), "vmSize": "Standard_D4ds_v5", "count": 3,
            "enableEncryptionAtHost": rnd.random() < 0.5, "enableNodePublicIp": rnd.random() < 0.1,
            "osDiskType": rnd.choice(["Ephemeral", "Managed"]),
            "vnetSubnetId": f"/subscriptions/0/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/s{i}",
            "kubeletConfig": {"podMaxPids": 1024} if rnd.random() < 0.5 else None,
            "orchestratorVersion": rnd.choice(["1.33.2", "1.34.1", "1.35.0"])}

def cluster(n):
    return {"name": f"aks{n}", "type": "Microsoft.ContainerService/ManagedClusters",
            "kubernetesVersion": "1.35", "sku": {"name": "Base", "tier": rnd.choice(["Free", "Standard"])},
            "identity": {"type": "SystemAssigned"}, "disableLocalAccounts": rnd.random() < 0.5,
            "aadProfile": {"managed": True, "enableAzureRbac": True, "adminGroupObjectIds": ["6d1e0c2a-5b7f-4f4e-9f1d-3c2b1a0e9d8c"]},
            "apiServerAccessProfile": {"enablePrivateCluster": rnd.random() < 0.3, "authorizedIpRanges": ["203.0.113.0/24"] if rnd.random() < 0.5 else []},
            "autoUpgradeProfile": {"upgradeChannel": rnd.choice(["none", "patch", "stable"]), "nodeOsUpgradeChannel": rnd.choice(["None", "NodeImage", "Unmanaged"])},
            "networkProfile": {"networkPlugin": "azure", "networkPluginMode": "overlay", "networkPolicy": rnd.choice(POLICIES), "networkDataplane": "cilium", "outboundType": "loadBalancer"},
            "addonProfiles": {"azurepolicy": {"enabled": rnd.random() < 0.5}, "omsagent": {"enabled": True, "config": {"logAnalyticsWorkspaceResourceID": "/subscriptions/0/workspaces/w"}}},
            "securityProfile": {"defender": {"securityMonitoring": {"enabled": rnd.random() < 0.5}}, "workloadIdentity": {"enabled": True}},
            "agentPoolProfiles": [pool(i) for i in range(a.pools)]}

for kind in ("az", "arm", "terraform"):
    os.makedirs(os.path.join(a.out, kind), exist_ok=True)
for n in range(a.clusters):
    c = cluster(n)
    with open(os.path.join(a.out, "az", f"aks{n}.json"), "w") as f:
        json.dump(c, f, indent=2)
    props = {k: v for k, v in c.items() if k not in ("name", "type", "sku", "identity")}
    props["networkProfile"]["networkPolicy"] = "[parameters('networkPolicy')]"
    template = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                "contentVersion": "1.0.0.0",
                "parameters": {"clusterName": {"type": "string", "defaultValue": c["name"]}, "networkPolicy": {"type": "string"}},
                "variables": {"prefix": "[concat(parameters('clusterName'), '-dns')]"},
                "resources": [{"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2025-05-01",
                               "name": "[parameters('clusterName')]", "location": "[resourceGroup().location]",
                               "sku": c["sku"], "identity": c["identity"], "properties": props}]}
    text = json.dumps(template, indent=2).replace('"contentVersion"', '// generated\n  "contentVersion"', 1)
    text = text.replace("\n  ]\n}", ",\n  ]\n}")
    with open(os.path.join(a.out, "arm", f"aks{n}.json"), "w") as f:
        f.write(text)
    with open(os.path.join(a.out, "arm", f"aks{n}.parameters.json"), "w") as f:
        json.dump({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
                   "parameters": {"networkPolicy": {"value": c["networkProfile"]["networkPolicy"] if False else "cilium"}}}, f)
    d = os.path.join(a.out, "terraform", f"aks{n}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "variables.tf"), "w") as f:
        f.write('variable "policy" {\n  default = "%s"\n}\n' % rnd.choice(POLICIES))
    pools = "".join(f'''
resource "azurerm_kubernetes_cluster_node_pool" "p{i}" {{
  name                    = "pool{i}"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.main.id
  vm_size                 = "Standard_D4ds_v5"
  os_sku                  = "{rnd.choice(SKUS)}"
  host_encryption_enabled = {str(rnd.random() < 0.5).lower()}
}}
''' for i in range(1, a.pools))
    with open(os.path.join(d, "main.tf"), "w") as f:
        f.write(f'''resource "azurerm_kubernetes_cluster" "main" {{
  name                    = "aks{n}"
  location                = "westeurope"
  resource_group_name     = "rg"
  dns_prefix              = "aks{n}"
  private_cluster_enabled = {str(rnd.random() < 0.3).lower()}
  local_account_disabled  = true

  default_node_pool {{
    name    = "pool0"
    vm_size = "Standard_D4ds_v5"
    os_sku  = "AzureLinux"
  }}

  identity {{
    type = "SystemAssigned"
  }}

  network_profile {{
    network_plugin = "azure"
    network_policy = var.policy
  }}
}}
{pools}''')
print(f"{a.clusters} clusters x 3 formats, {a.pools} pools each, in {a.out}")
