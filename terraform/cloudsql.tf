# Cloud SQL for PostgreSQL, private only: no public IP; reachable through a Private Service
# Connect endpoint that takes an address in the data subnet (10.0.3.0/24), so the subnet plan
# holds as drawn. (Private services access would put the instance in a Google-managed peered
# range outside our subnets instead.) The application connects through the Cloud SQL Auth Proxy
# (--psc) on the VM, TLS end to end.
resource "google_sql_database_instance" "default" {
  name                = "${var.prefix}-db"
  database_version    = var.database.version
  region              = var.region
  deletion_protection = true
  settings {
    tier                        = var.database.tier
    edition                     = "ENTERPRISE"
    availability_type           = local.prod || var.database.high_availability ? "REGIONAL" : "ZONAL"
    disk_size                   = var.database.disk_size_gb
    disk_type                   = "PD_SSD"
    disk_autoresize             = true
    deletion_protection_enabled = true
    location_preference {
      zone = var.zone
    }
    ip_configuration {
      ipv4_enabled = false
      ssl_mode     = "ENCRYPTED_ONLY"
      psc_config {
        psc_enabled               = true
        allowed_consumer_projects = [var.project_id]
      }
    }
    backup_configuration {
      enabled                        = true
      start_time                     = "03:00"
      point_in_time_recovery_enabled = true
      transaction_log_retention_days = var.database.log_retention_days
      backup_retention_settings {
        retained_backups = var.database.backup_retention_days
        retention_unit   = "COUNT"
      }
    }
    maintenance_window {
      day          = 7
      hour         = 4
      update_track = "stable"
    }
    insights_config {
      query_insights_enabled  = true
      record_application_tags = true
      record_client_address   = true
    }
    dynamic "database_flags" {
      for_each = {
        "log_connections"            = "on"
        "log_disconnections"         = "on"
        "log_checkpoints"            = "on"
        "log_lock_waits"             = "on"
        "log_temp_files"             = "0"
        "log_min_duration_statement" = "1000"
        "log_min_messages"           = "error"
        "cloudsql.enable_pgaudit"    = "on"
        "pgaudit.log"                = "ddl,role"
      }
      content {
        name  = database_flags.key
        value = database_flags.value
      }
    }
  }
  depends_on = [google_project_service.default]
}

resource "google_sql_database" "mes" {
  name     = "mes"
  instance = google_sql_database_instance.default.name
}

# The password comes from the ephemeral variable db_password and goes only into write-only
# arguments: here and in Secret Manager (secrets.tf), never into state or plan.
resource "google_sql_user" "mes" {
  name                = "mes"
  instance            = google_sql_database_instance.default.name
  password_wo         = var.db_password
  password_wo_version = var.db_password_version
}

# The endpoint in the data subnet, and a private DNS name for it, which the proxy's --psc uses.
resource "google_compute_address" "cloud_sql" {
  name         = "${var.prefix}-db-psc"
  region       = var.region
  subnetwork   = google_compute_subnetwork.data.id
  address_type = "INTERNAL"
  address      = "10.0.3.10"
}

resource "google_compute_forwarding_rule" "cloud_sql" {
  name                  = "${var.prefix}-db-psc"
  region                = var.region
  network               = google_compute_network.default.id
  ip_address            = google_compute_address.cloud_sql.id
  target                = google_sql_database_instance.default.psc_service_attachment_link
  load_balancing_scheme = ""
}

resource "google_dns_managed_zone" "cloud_sql" {
  name        = "${var.prefix}-cloud-sql"
  dns_name    = "${var.region}.sql.goog."
  description = "Private names of the Cloud SQL Private Service Connect endpoint"
  visibility  = "private"
  private_visibility_config {
    networks {
      network_url = google_compute_network.default.id
    }
  }
  depends_on = [google_project_service.default]
}

resource "google_dns_record_set" "cloud_sql" {
  name         = google_sql_database_instance.default.dns_name
  managed_zone = google_dns_managed_zone.cloud_sql.name
  type         = "A"
  ttl          = 300
  rrdatas      = [google_compute_address.cloud_sql.address]
}
