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
      for_each = local.sql_flags
      content {
        name  = database_flags.key
        value = database_flags.value
      }
    }
  }
  encryption_key_name = local.kms_key
  depends_on          = [google_project_service.default, google_kms_crypto_key_iam_member.cloud_sql]
}

# The flags the CIS Google Cloud benchmark (6.2) asks for, and pgAudit for DDL and roles. Slow
# statements are not logged with their text (log_min_duration_statement -1, CIS 6.2.7): Query
# Insights shows them without the values.
locals {
  sql_flags = merge({
    "log_checkpoints"            = "on"
    "log_connections"            = "on"
    "log_disconnections"         = "on"
    "log_hostname"               = "on"
    "log_lock_waits"             = "on"
    "log_min_duration_statement" = "-1"
    "log_min_error_statement"    = "error"
    "log_min_messages"           = "warning"
    "log_statement"              = "ddl"
    "log_temp_files"             = "0"
    "cloudsql.enable_pgaudit"    = "on"
    "pgaudit.log"                = "ddl,role"
  }, var.database.iam_authentication ? { "cloudsql.iam_authentication" = "on" } : {})
}

resource "google_kms_crypto_key_iam_member" "cloud_sql" {
  count         = local.kms_key == null ? 0 : 1
  crypto_key_id = local.kms_key
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = google_project_service_identity.sqladmin[0].member
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
  password_wo_version = local.secrets.db_password.version
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

# With database.iam_authentication: the application's service account as a database user that
# signs in with its Google identity (the proxy's --auto-iam-authn). The password user stays, for
# the migrations and as the application's user until the switch; docs/DEPLOYMENT.md tells how.
resource "google_sql_user" "app_iam" {
  count    = var.database.iam_authentication ? 1 : 0
  name     = trimsuffix(google_service_account.app.email, ".gserviceaccount.com")
  instance = google_sql_database_instance.default.name
  type     = "CLOUD_IAM_SERVICE_ACCOUNT"
}
