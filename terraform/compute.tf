resource "google_service_account" "app" {
  account_id   = "${var.prefix}-app"
  display_name = "Smart MES application servers"
}

resource "google_compute_instance_template" "app" {
  name_prefix  = "${var.prefix}-app-"
  machine_type = var.compute.machine_type
  region       = var.region
  tags         = [local.app_tag]
  disk {
    source_image = var.compute.image
    disk_size_gb = var.compute.disk_size_gb
    disk_type    = "pd-balanced"
    auto_delete  = true
    boot         = true
  }
  network_interface {
    subnetwork = google_compute_subnetwork.app.id
    # no access configuration, so no external IP; Cloud NAT for egress
  }
  service_account {
    email  = google_service_account.app.email
    scopes = ["cloud-platform"]
  }
  shielded_instance_config {
    enable_secure_boot          = true
    enable_vtpm                 = true
    enable_integrity_monitoring = true
  }
  metadata = {
    enable-oslogin            = "TRUE"
    block-project-ssh-keys    = "TRUE"
    mes-artifacts-bucket      = google_storage_bucket.artifacts.name
    mes-db-name               = google_sql_database.mes.name
    mes-db-user               = google_sql_user.mes.name
    mes-db-password-secret    = google_secret_manager_secret.db_password.id
    mes-db-connection         = google_sql_database_instance.default.connection_name
    mes-subscription          = google_pubsub_subscription.sensor_data.name
    mes-dead-letter-topic     = google_pubsub_topic.dead_letter.name
    mes-archive-bucket        = google_storage_bucket.archive.name
    mes-reports-bucket        = google_storage_bucket.records.name
    mes-admin-password-secret = google_secret_manager_secret.admin_password.id
    mes-session-key-secret    = google_secret_manager_secret.session_key.id
    mes-proxy-version         = var.compute.cloud_sql_proxy
    mes-proxy-sha256          = var.compute.cloud_sql_proxy_sha256
    # what the startup script installs, as files: it is the same script on every VM and in the tests
    mes-unit-smart-mes       = file("${path.module}/../deploy/systemd/smart-mes.service")
    mes-unit-cloud-sql-proxy = file("${path.module}/../deploy/systemd/cloud-sql-proxy.service")
    mes-ops-agent-config     = file("${path.module}/../deploy/ops-agent.yaml")
    startup-script           = file("${path.module}/../deploy/startup-script.sh")
  }
  lifecycle {
    create_before_destroy = true
  }
}

# The load balancer's check: ready, that is live and with its database. An instance that is not
# ready gets no requests, and is not replaced for it.
resource "google_compute_region_health_check" "app" {
  name                = "${var.prefix}-app-ready"
  region              = var.region
  check_interval_sec  = 10
  timeout_sec         = 5
  healthy_threshold   = 2
  unhealthy_threshold = 3
  http_health_check {
    port         = local.app_port
    request_path = local.health_path
  }
  log_config {
    enable = true
  }
}

# Autohealing's check: live, the process answers. A Cloud SQL failover or maintenance makes every
# instance unready for a while, never dead, so it recreates nothing; a hung or crashed process is
# replaced after three minutes.
resource "google_compute_region_health_check" "app_live" {
  name                = "${var.prefix}-app-live"
  region              = var.region
  check_interval_sec  = 30
  timeout_sec         = 10
  healthy_threshold   = 1
  unhealthy_threshold = 6
  http_health_check {
    port         = local.app_port
    request_path = local.live_path
  }
  log_config {
    enable = true
  }
}

locals {
  # a regional group spreads over the region's zones (three); a fixed surge or unavailability must
  # be 0 or at least the number of zones, or the API refuses the update (deploy/cloudbuild.yaml
  # uses the same numbers)
  rollout = {
    max_surge_fixed       = 3
    max_unavailable_fixed = 0
  }
}

resource "google_compute_region_instance_group_manager" "app" {
  name               = "${var.prefix}-app"
  region             = var.region
  base_instance_name = "${var.prefix}-app"
  target_size        = var.compute.autoscale_on_backlog ? null : var.compute.min_instances
  version {
    instance_template = google_compute_instance_template.app.id
  }
  named_port {
    name = "http"
    port = local.app_port
  }
  auto_healing_policies {
    health_check      = google_compute_region_health_check.app_live.id
    initial_delay_sec = 300
  }
  update_policy {
    type                         = "PROACTIVE"
    minimal_action               = "REPLACE"
    max_surge_fixed              = local.rollout.max_surge_fixed
    max_unavailable_fixed        = local.rollout.max_unavailable_fixed
    instance_redistribution_type = "PROACTIVE"
  }
  # the first boot reads the secrets, the buckets and the database: everything it needs exists
  # and may be used before the first instance starts
  depends_on = [
    google_secret_manager_secret_version.db_password,
    google_secret_manager_secret_version.admin_password,
    google_secret_manager_secret_version.session_key,
    google_secret_manager_secret_iam_member.app_reads,
    google_storage_bucket_iam_member.app_reads_artifacts,
    google_storage_bucket_iam_member.app_writes,
    google_project_iam_member.app,
    google_sql_user.mes,
    google_sql_database.mes,
    google_compute_router_nat.default,
    google_dns_record_set.cloud_sql,
  ]
}

# Optional: more instances while the sensor subscription's backlog grows.
resource "google_compute_region_autoscaler" "app" {
  count  = var.compute.autoscale_on_backlog ? 1 : 0
  name   = "${var.prefix}-app"
  region = var.region
  target = google_compute_region_instance_group_manager.app.id
  autoscaling_policy {
    min_replicas    = var.compute.min_instances
    max_replicas    = var.compute.max_instances
    cooldown_period = 300
    metric {
      name                       = "pubsub.googleapis.com/subscription/num_undelivered_messages"
      filter                     = "resource.type = pubsub_subscription AND resource.labels.subscription_id = \"${google_pubsub_subscription.sensor_data.name}\""
      single_instance_assignment = var.compute.backlog_per_instance
    }
  }
}
