# Every bucket: uniform access, public access prevented, its access logged to the access-logs
# bucket, versioned (except where a retention policy makes objects immutable, which Cloud Storage
# does not combine with versioning) with noncurrent versions deleted after a while, and with
# encryption.kms_key encrypted by the customer's key.
locals {
  noncurrent_days = 30
}

data "google_storage_project_service_account" "default" {
  depends_on = [google_project_service.default]
}

resource "google_kms_crypto_key_iam_member" "storage" {
  count         = local.kms_key == null ? 0 : 1
  crypto_key_id = local.kms_key
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = data.google_storage_project_service_account.default.member
}

# Usage and storage logs of the other buckets (CIS 5.3, CKV_GCP_62): written by Cloud Storage's
# analytics group, kept a year. It does not log itself.
resource "google_storage_bucket" "access_logs" {
  name                        = "${var.prefix}-${var.project_id}-access-logs"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false
  versioning {
    enabled = true
  }
  lifecycle_rule {
    condition {
      age = 365
    }
    action {
      type = "Delete"
    }
  }
  lifecycle_rule {
    condition {
      days_since_noncurrent_time = local.noncurrent_days
    }
    action {
      type = "Delete"
    }
  }
  dynamic "encryption" {
    for_each = local.kms_key == null ? [] : [local.kms_key]
    content {
      default_kms_key_name = encryption.value
    }
  }
  depends_on = [google_project_service.default, google_kms_crypto_key_iam_member.storage]
}

resource "google_storage_bucket_iam_member" "analytics_writes_access_logs" {
  bucket = google_storage_bucket.access_logs.name
  role   = "roles/storage.objectCreator"
  member = "group:cloud-storage-analytics@google.com"
}
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
  logging {
    log_bucket        = google_storage_bucket.access_logs.name
    log_object_prefix = "archive/"
  }
  dynamic "encryption" {
    for_each = local.kms_key == null ? [] : [local.kms_key]
    content {
      default_kms_key_name = encryption.value
    }
  }
  lifecycle_rule {
    condition {
      days_since_noncurrent_time = local.noncurrent_days
    }
    action {
      type = "Delete"
    }
  }
  depends_on = [google_project_service.default, google_kms_crypto_key_iam_member.storage]
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
  logging {
    log_bucket        = google_storage_bucket.access_logs.name
    log_object_prefix = "records/"
  }
  dynamic "encryption" {
    for_each = local.kms_key == null ? [] : [local.kms_key]
    content {
      default_kms_key_name = encryption.value
    }
  }
  depends_on = [google_project_service.default, google_kms_crypto_key_iam_member.storage]
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
  logging {
    log_bucket        = google_storage_bucket.access_logs.name
    log_object_prefix = "artifacts/"
  }
  dynamic "encryption" {
    for_each = local.kms_key == null ? [] : [local.kms_key]
    content {
      default_kms_key_name = encryption.value
    }
  }
  lifecycle_rule {
    condition {
      days_since_noncurrent_time = local.noncurrent_days
    }
    action {
      type = "Delete"
    }
  }
  depends_on = [google_project_service.default, google_kms_crypto_key_iam_member.storage]
}
