# The regional external Application Load Balancer: HTTPS on 443 to the instance group's port.
resource "google_compute_address" "load_balancer" {
  name         = "${var.prefix}-lb"
  region       = var.region
  address_type = "EXTERNAL"
  network_tier = "STANDARD"
}

resource "google_compute_region_ssl_certificate" "default" {
  count       = var.ssl_certificate.certificate_id == null ? 1 : 0
  name_prefix = "${var.prefix}-cert-"
  region      = var.region
  certificate = file(var.ssl_certificate.certificate_file)
  private_key = file(var.ssl_certificate.private_key_file)
  lifecycle {
    create_before_destroy = true
  }
}

resource "google_compute_region_backend_service" "app" {
  name                  = "${var.prefix}-app"
  region                = var.region
  protocol              = "HTTP"
  port_name             = "http"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  timeout_sec           = 60
  health_checks         = [google_compute_region_health_check.app.id]
  backend {
    group           = google_compute_region_instance_group_manager.app.instance_group
    balancing_mode  = "UTILIZATION"
    capacity_scaler = 1.0
  }
  log_config {
    enable      = true
    sample_rate = 1.0
  }
  dynamic "iap" {
    for_each = var.iap.enabled ? [1] : []
    content {
      enabled = true
    }
  }
}

resource "google_iap_web_region_backend_service_iam_member" "users" {
  for_each                   = var.iap.enabled ? toset(var.iap.members) : toset([])
  project                    = var.project_id
  region                     = var.region
  web_region_backend_service = google_compute_region_backend_service.app.name
  role                       = "roles/iap.httpsResourceAccessor"
  member                     = each.value
}

# TLS 1.2 and later with the MODERN profile's ciphers (CIS 3.9): nothing older reaches the MES.
resource "google_compute_region_ssl_policy" "default" {
  name            = "${var.prefix}-tls12-modern"
  region          = var.region
  profile         = "MODERN"
  min_tls_version = "TLS_1_2"
  depends_on      = [google_project_service.default]
}

# Everything to the application, except its operations endpoints (/q/: health, metrics, OpenAPI),
# which are for the health checks and the VM only: the load balancer answers them 404 itself.
resource "google_compute_region_url_map" "default" {
  name            = "${var.prefix}-lb"
  region          = var.region
  default_service = google_compute_region_backend_service.app.id
  host_rule {
    hosts        = ["*"]
    path_matcher = "app"
  }
  path_matcher {
    name            = "app"
    default_service = google_compute_region_backend_service.app.id
    path_rule {
      paths   = local.internal_paths
      service = google_compute_region_backend_service.app.id
      route_action {
        fault_injection_policy {
          abort {
            http_status = 404
            percentage  = 100
          }
        }
      }
    }
  }
}

locals {
  internal_paths = ["/q", "/q/*"]
}

resource "google_compute_region_target_https_proxy" "default" {
  name             = "${var.prefix}-lb"
  region           = var.region
  url_map          = google_compute_region_url_map.default.id
  ssl_policy       = google_compute_region_ssl_policy.default.id
  ssl_certificates = [coalesce(var.ssl_certificate.certificate_id, try(google_compute_region_ssl_certificate.default[0].id, null))]
}

resource "google_compute_forwarding_rule" "https" {
  name                  = "${var.prefix}-lb-https"
  region                = var.region
  ip_protocol           = "TCP"
  port_range            = "443"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  network_tier          = "STANDARD"
  network               = google_compute_network.default.id
  ip_address            = google_compute_address.load_balancer.id
  target                = google_compute_region_target_https_proxy.default.id
  depends_on            = [google_compute_subnetwork.proxy_only]
}
