# Secrets the VM reads at boot (deploy/startup-script.sh). Their values never pass through
# Terraform state: the database password through a write-only argument from the ephemeral
# variable; the first administrator's password and the session cookie key are added by an
# administrator (see README: gcloud secrets versions add).
resource "google_secret_manager_secret" "db_password" {
  secret_id = "${var.prefix}-db-password"
  replication {
    auto {}
  }
  depends_on = [google_project_service.default]
}

resource "google_secret_manager_secret_version" "db_password" {
  secret                 = google_secret_manager_secret.db_password.id
  secret_data_wo         = var.db_password
  secret_data_wo_version = var.db_password_version
}

resource "google_secret_manager_secret" "admin_password" {
  secret_id = "${var.prefix}-admin-password"
  replication {
    auto {}
  }
  depends_on = [google_project_service.default]
}

resource "google_secret_manager_secret" "session_key" {
  secret_id = "${var.prefix}-session-key"
  replication {
    auto {}
  }
  depends_on = [google_project_service.default]
}
