# Secrets the VM reads at boot (deploy/startup-script.sh). Each gets its first version at the
# first apply, from an ephemeral variable through a write-only argument: the values never pass
# through Terraform's state or plan, and no VM boots against a secret without a version.
# Rotate one by raising its *_version variable and applying with the new value.
locals {
  secrets = {
    db_password    = { id = "${var.prefix}-db-password", version = var.db_password_version }
    admin_password = { id = "${var.prefix}-admin-password", version = var.admin_password_version }
    session_key    = { id = "${var.prefix}-session-key", version = var.session_key_version }
  }
}

resource "google_secret_manager_secret" "db_password" {
  secret_id = local.secrets.db_password.id
  replication {
    auto {}
  }
  depends_on = [google_project_service.default]
}

resource "google_secret_manager_secret_version" "db_password" {
  secret                 = google_secret_manager_secret.db_password.id
  secret_data_wo         = var.db_password
  secret_data_wo_version = local.secrets.db_password.version
}

resource "google_secret_manager_secret" "admin_password" {
  secret_id = local.secrets.admin_password.id
  replication {
    auto {}
  }
  depends_on = [google_project_service.default]
}

resource "google_secret_manager_secret_version" "admin_password" {
  secret                 = google_secret_manager_secret.admin_password.id
  secret_data_wo         = var.admin_password
  secret_data_wo_version = local.secrets.admin_password.version
}

resource "google_secret_manager_secret" "session_key" {
  secret_id = local.secrets.session_key.id
  replication {
    auto {}
  }
  depends_on = [google_project_service.default]
}

resource "google_secret_manager_secret_version" "session_key" {
  secret                 = google_secret_manager_secret.session_key.id
  secret_data_wo         = var.session_key
  secret_data_wo_version = local.secrets.session_key.version
}
