//! The AKS cluster model, read from `az aks show` JSON, ARM templates and Terraform.
