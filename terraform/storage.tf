# Every bucket: uniform access, public access prevented, versioned (except where a retention
# policy makes objects immutable, which Cloud Storage does not combine with versioning).
resource "google_storage_bucket" "archive" {
  name                        = "${var.prefix}-${var.project_id}-archive"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false
  versioning {
    enabled = true
  }
  lifecycle_rule {
    condition {
      age = var.storage.nearline_after_days
    }
    action {
      type          = "SetStorageClass"
      storage_class = "NEARLINE"
    }
  }
  lifecycle_rule {
    condition {
      age = var.storage.coldline_after_days
    }
    action {
      type          = "SetStorageClass"
      storage_class = "COLDLINE"
    }
  }
  lifecycle_rule {
    condition {
      age = var.storage.archive_after_days
    }
    action {
      type          = "SetStorageClass"
      storage_class = "ARCHIVE"
    }
  }
  depends_on = [google_project_service.default]
}

# Quality records and compliance reports: evidence. The retention policy keeps every object for
# the retention period; in prod it is locked, which cannot be undone.
resource "google_storage_bucket" "records" {
  name                        = "${var.prefix}-${var.project_id}-records"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false
  retention_policy {
    retention_period = var.storage.records_retention_years * 365 * 86400
    is_locked        = local.prod
  }
  depends_on = [google_project_service.default]
}

resource "google_storage_bucket" "artifacts" {
  name                        = "${var.prefix}-${var.project_id}-artifacts"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false
  versioning {
    enabled = true
  }
  depends_on = [google_project_service.default]
}
