provider "google" {
  project = var.project_id
  region  = var.region
  default_labels = {
    app         = "smart-mes"
    environment = var.environment
  }
}

data "google_project" "default" {
  project_id = var.project_id
}

locals {
  prod         = var.environment == "prod"
  app_port     = 8080
  health_path  = "/q/health/ready"
  app_tag      = "${var.prefix}-app"
  pubsub_agent = "serviceAccount:service-${data.google_project.default.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
  # Google's health check and IAP TCP forwarding source ranges
  health_check_ranges = ["35.191.0.0/16", "130.211.0.0/22"]
  iap_range           = "35.235.240.0/20"
}

resource "google_project_service" "default" {
  for_each = toset([
    "compute.googleapis.com",
    "dns.googleapis.com",
    "iap.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "oslogin.googleapis.com",
    "pubsub.googleapis.com",
    "secretmanager.googleapis.com",
    "servicenetworking.googleapis.com",
    "sqladmin.googleapis.com",
    "storage.googleapis.com",
  ])
  service            = each.value
  disable_on_destroy = false
}
