provider "google" {
  project = var.project_id
  region  = var.region
  default_labels = {
    app         = "smart-mes"
    environment = var.environment
  }
}

provider "google-beta" {
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
  prod     = var.environment == "prod"
  app_port = 8080
  # the load balancer sends requests to instances that are ready (database included); autohealing
  # recreates only instances whose process is not live, so a Cloud SQL failover recreates nothing
  health_path = "/q/health/ready"
  live_path   = "/q/health/live"
  app_tag     = "${var.prefix}-app"
  kms_key     = var.encryption.kms_key
  # Google's health check and IAP TCP forwarding source ranges
  health_check_ranges = ["35.191.0.0/16", "130.211.0.0/22"]
  iap_range           = "35.235.240.0/20"
}

resource "google_project_service" "default" {
  for_each = toset(concat([
    "cloudbuild.googleapis.com",
    "cloudresourcemanager.googleapis.com",
    "compute.googleapis.com",
    "dns.googleapis.com",
    "iam.googleapis.com",
    "iamcredentials.googleapis.com",
    "iap.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "oslogin.googleapis.com",
    "pubsub.googleapis.com",
    "secretmanager.googleapis.com",
    "servicenetworking.googleapis.com",
    "serviceusage.googleapis.com",
    "sqladmin.googleapis.com",
    "storage.googleapis.com",
  ], local.kms_key == null ? [] : ["cloudkms.googleapis.com"]))
  service            = each.value
  disable_on_destroy = false
}

# Google-managed service agents are made lazily, on a service's first use: binding a role to one
# before it exists fails on a fresh project. These create them first.
resource "google_project_service_identity" "pubsub" {
  provider   = google-beta
  project    = var.project_id
  service    = "pubsub.googleapis.com"
  depends_on = [google_project_service.default]
}

resource "google_project_service_identity" "sqladmin" {
  count      = local.kms_key == null ? 0 : 1
  provider   = google-beta
  project    = var.project_id
  service    = "sqladmin.googleapis.com"
  depends_on = [google_project_service.default]
}
