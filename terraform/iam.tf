# Least privilege. The application: subscribe to its subscription, publish rejected payloads to
# the dead-letter topic, connect to Cloud SQL, read its three secrets, write to its archive and
# records buckets, read the artifacts bucket, write logs and metrics.
resource "google_pubsub_subscription_iam_member" "app_subscribes" {
  subscription = google_pubsub_subscription.sensor_data.id
  role         = "roles/pubsub.subscriber"
  member       = google_service_account.app.member
}

resource "google_pubsub_topic_iam_member" "app_publishes_dead_letters" {
  topic  = google_pubsub_topic.dead_letter.id
  role   = "roles/pubsub.publisher"
  member = google_service_account.app.member
}

resource "google_project_iam_member" "app" {
  for_each = toset(["roles/cloudsql.client", "roles/logging.logWriter", "roles/monitoring.metricWriter"])
  project  = var.project_id
  role     = each.value
  member   = google_service_account.app.member
}

resource "google_secret_manager_secret_iam_member" "app_reads" {
  for_each = {
    db_password    = google_secret_manager_secret.db_password.id
    admin_password = google_secret_manager_secret.admin_password.id
    session_key    = google_secret_manager_secret.session_key.id
  }
  secret_id = each.value
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.app.member
}

resource "google_storage_bucket_iam_member" "app_writes" {
  for_each = {
    archive = google_storage_bucket.archive.name
    records = google_storage_bucket.records.name
  }
  bucket = each.value
  role   = "roles/storage.objectUser"
  member = google_service_account.app.member
}

resource "google_storage_bucket_iam_member" "app_reads_artifacts" {
  bucket = google_storage_bucket.artifacts.name
  role   = "roles/storage.objectViewer"
  member = google_service_account.app.member
}

# The machine gateways: publish to the sensor topic, nothing else.
resource "google_service_account" "gateway" {
  account_id   = "${var.prefix}-gateway"
  display_name = "Smart MES machine gateways (publish sensor data)"
}

resource "google_pubsub_topic_iam_member" "gateway_publishes" {
  topic  = google_pubsub_topic.sensor_data.id
  role   = "roles/pubsub.publisher"
  member = google_service_account.gateway.member
}

# Administrators: SSH through IAP with OS Login administrator rights, as members of a group.
resource "google_project_iam_member" "admins" {
  for_each = toset(["roles/compute.osAdminLogin", "roles/iap.tunnelResourceAccessor", "roles/compute.viewer"])
  project  = var.project_id
  role     = each.value
  member   = "group:${var.os_login_admin_group}"
}

resource "google_service_account_iam_member" "admins_act_as_app" {
  service_account_id = google_service_account.app.name
  role               = "roles/iam.serviceAccountUser"
  member             = "group:${var.os_login_admin_group}"
}

# The pipeline (deploy/cloudbuild.yaml) runs as an account of its own: it writes and prunes the
# releases in the artifacts bucket, replaces the group's instances (which run as the application's
# account, so it must act as that), and writes its build log. The administrators may start builds
# as it.
resource "google_service_account" "build" {
  account_id   = "${var.prefix}-build"
  display_name = "Smart MES build and rollout (Cloud Build)"
  depends_on   = [google_project_service.default]
}

resource "google_storage_bucket_iam_member" "build_writes_artifacts" {
  bucket = google_storage_bucket.artifacts.name
  role   = "roles/storage.objectUser"
  member = google_service_account.build.member
}

resource "google_project_iam_member" "build" {
  for_each = toset(["roles/compute.instanceAdmin.v1", "roles/logging.logWriter"])
  project  = var.project_id
  role     = each.value
  member   = google_service_account.build.member
}

resource "google_service_account_iam_member" "build_acts_as_app" {
  service_account_id = google_service_account.app.name
  role               = "roles/iam.serviceAccountUser"
  member             = google_service_account.build.member
}

resource "google_project_iam_member" "admins_build" {
  project = var.project_id
  role    = "roles/cloudbuild.builds.editor"
  member  = "group:${var.os_login_admin_group}"
}

resource "google_service_account_iam_member" "admins_act_as_build" {
  service_account_id = google_service_account.build.name
  role               = "roles/iam.serviceAccountUser"
  member             = "group:${var.os_login_admin_group}"
}
