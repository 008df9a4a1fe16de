# One VPC, no automatic subnets. 10.0.1.0/24: the regional load balancer's proxy-only subnet;
# 10.0.2.0/24: the application servers (no external IPs; Cloud NAT out; Private Google Access);
# 10.0.3.0/24: data, where Cloud SQL's Private Service Connect endpoint takes an address.
resource "google_compute_network" "default" {
  name                    = "${var.prefix}-vpc"
  auto_create_subnetworks = false
  routing_mode            = "REGIONAL"
  depends_on              = [google_project_service.default]
}

resource "google_compute_subnetwork" "proxy_only" {
  name          = "${var.prefix}-proxy-only"
  ip_cidr_range = "10.0.1.0/24"
  region        = var.region
  network       = google_compute_network.default.id
  purpose       = "REGIONAL_MANAGED_PROXY"
  role          = "ACTIVE"
}

resource "google_compute_subnetwork" "app" {
  name                     = "${var.prefix}-app"
  ip_cidr_range            = "10.0.2.0/24"
  region                   = var.region
  network                  = google_compute_network.default.id
  private_ip_google_access = true
  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = 1.0
    metadata             = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_subnetwork" "data" {
  name                     = "${var.prefix}-data"
  ip_cidr_range            = "10.0.3.0/24"
  region                   = var.region
  network                  = google_compute_network.default.id
  private_ip_google_access = true
  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = 1.0
    metadata             = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_router" "default" {
  name    = "${var.prefix}-router"
  region  = var.region
  network = google_compute_network.default.id
}

resource "google_compute_router_nat" "default" {
  name                               = "${var.prefix}-nat"
  router                             = google_compute_router.default.name
  region                             = var.region
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "LIST_OF_SUBNETWORKS"
  subnetwork {
    name                    = google_compute_subnetwork.app.id
    source_ip_ranges_to_nat = ["ALL_IP_RANGES"]
  }
  log_config {
    enable = true
    filter = "ERRORS_ONLY"
  }
}

# Ingress: the application port only from the load balancer's proxies and Google's health
# checkers; SSH only through IAP. Nothing from 0.0.0.0/0.
resource "google_compute_firewall" "app_from_load_balancer" {
  name          = "${var.prefix}-allow-app-from-lb"
  network       = google_compute_network.default.id
  direction     = "INGRESS"
  source_ranges = concat([google_compute_subnetwork.proxy_only.ip_cidr_range], local.health_check_ranges)
  target_tags   = [local.app_tag]
  allow {
    protocol = "tcp"
    ports    = [tostring(local.app_port)]
  }
  log_config {
    metadata = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_firewall" "ssh_from_iap" {
  name          = "${var.prefix}-allow-ssh-from-iap"
  network       = google_compute_network.default.id
  direction     = "INGRESS"
  source_ranges = [local.iap_range]
  target_tags   = [local.app_tag]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  log_config {
    metadata = "INCLUDE_ALL_METADATA"
  }
}

# Egress: Cloud SQL's endpoint on 3307 in the data subnet, HTTPS (Google APIs, package mirrors
# through NAT), DNS to the metadata server; everything else denied.
resource "google_compute_firewall" "app_to_cloud_sql" {
  name               = "${var.prefix}-allow-app-to-sql"
  network            = google_compute_network.default.id
  direction          = "EGRESS"
  priority           = 900
  destination_ranges = [google_compute_subnetwork.data.ip_cidr_range]
  target_tags        = [local.app_tag]
  allow {
    protocol = "tcp"
    ports    = ["3307"]
  }
}

resource "google_compute_firewall" "app_https_out" {
  name               = "${var.prefix}-allow-app-https-out"
  network            = google_compute_network.default.id
  direction          = "EGRESS"
  priority           = 910
  destination_ranges = ["0.0.0.0/0"]
  target_tags        = [local.app_tag]
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
}

resource "google_compute_firewall" "deny_other_egress" {
  name               = "${var.prefix}-deny-other-egress"
  network            = google_compute_network.default.id
  direction          = "EGRESS"
  priority           = 65000
  destination_ranges = ["0.0.0.0/0"]
  target_tags        = [local.app_tag]
  deny {
    protocol = "all"
  }
}
