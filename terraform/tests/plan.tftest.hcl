# terraform test: plans for a dev and a prod variable set against a mocked provider (no cloud
# account, no credentials), with assertions on the planned values. Run offline by ./mvnw verify
# (mes.terraform.TerraformEstateTest) through the stand-in provider, which supplies the schema.
mock_provider "google-beta" {}

mock_provider "google" {
  mock_data "google_project" {
    defaults = {
      number = "123456789012"
    }
  }
}

variables {
  project_id           = "acme-mes-test"
  prefix               = "mes"
  alert_email          = "ops@example.com"
  os_login_admin_group = "mes-admins@example.com"
  db_password          = "only-for-the-plan-0123"
  admin_password       = "only-for-the-plan"
  session_key          = "only-for-the-plan-0123456789abcdef"
  compute = {
    cloud_sql_proxy_sha256 = "0000000000000000000000000000000000000000000000000000000000000000"
  }
  ssl_certificate = {
    certificate_id = "projects/acme-mes-test/regions/europe-west3/sslCertificates/mes"
  }
}

run "dev" {
  command = plan
  variables {
    environment = "dev"
  }
  assert {
    condition     = google_sql_database_instance.default.settings[0].availability_type == "ZONAL"
    error_message = "dev runs Cloud SQL in one zone"
  }
  assert {
    condition     = google_storage_bucket.records.retention_policy[0].is_locked == false
    error_message = "dev does not lock the records' retention policy"
  }
  assert {
    condition     = google_compute_subnetwork.proxy_only.ip_cidr_range == "10.0.1.0/24" && google_compute_subnetwork.app.ip_cidr_range == "10.0.2.0/24" && google_compute_subnetwork.data.ip_cidr_range == "10.0.3.0/24"
    error_message = "the subnet plan is 10.0.1/24 proxy-only, 10.0.2/24 application, 10.0.3/24 data"
  }
  assert {
    condition     = google_compute_address.cloud_sql.address == "10.0.3.10"
    error_message = "Cloud SQL's endpoint takes its address in the data subnet"
  }
  assert {
    condition     = google_compute_instance_template.app.metadata["enable-oslogin"] == "TRUE" && google_compute_instance_template.app.metadata["block-project-ssh-keys"] == "TRUE"
    error_message = "OS Login on, project SSH keys blocked"
  }
  assert {
    condition     = strcontains(google_compute_instance_template.app.metadata["mes-unit-smart-mes"], "ExecStart=/opt/smart-mes/smart-mes") && startswith(google_compute_instance_template.app.metadata["startup-script"], "#!/bin/bash")
    error_message = "the VM gets the startup script and, beside it, the application's unit"
  }
  assert {
    condition     = google_pubsub_subscription.sensor_data.dead_letter_policy[0].max_delivery_attempts == 10 && google_pubsub_subscription.sensor_data.enable_exactly_once_delivery
    error_message = "dead letters after 10 attempts, exactly once"
  }
  assert {
    condition     = length(google_compute_region_autoscaler.app) == 0 && google_compute_region_instance_group_manager.app.target_size == 1
    error_message = "without backlog autoscaling the group keeps min_instances"
  }
}

run "prod" {
  command = plan
  variables {
    environment = "prod"
    compute = {
      cloud_sql_proxy_sha256 = "0000000000000000000000000000000000000000000000000000000000000000"
      min_instances          = 2
      max_instances          = 4
      autoscale_on_backlog   = true
    }
  }
  assert {
    condition     = google_sql_database_instance.default.settings[0].availability_type == "REGIONAL"
    error_message = "prod runs Cloud SQL highly available"
  }
  assert {
    condition     = google_storage_bucket.records.retention_policy[0].is_locked
    error_message = "prod locks the records' retention policy"
  }
  assert {
    condition     = google_compute_region_autoscaler.app[0].autoscaling_policy[0].max_replicas == 4
    error_message = "backlog autoscaling up to max_instances"
  }
  assert {
    condition     = google_sql_database_instance.default.deletion_protection && google_sql_database_instance.default.settings[0].deletion_protection_enabled
    error_message = "deletion protection in Terraform and in the API"
  }
}

run "bad_variables_are_refused" {
  command = plan
  variables {
    environment = "staging"
    prefix      = "Bad_Prefix"
  }
  expect_failures = [var.environment, var.prefix]
}

run "weak_secrets_are_refused" {
  command = plan
  variables {
    environment    = "dev"
    db_password    = "short"
    admin_password = " padded password "
    session_key    = "not-32-characters"
  }
  expect_failures = [var.db_password, var.admin_password, var.session_key]
}

run "a_zone_outside_the_region_and_a_key_elsewhere_are_refused" {
  command = plan
  variables {
    environment = "dev"
    region      = "europe-west3"
    zone        = "europe-west4-a"
    encryption = {
      kms_key = "projects/acme-kms/locations/europe-west4/keyRings/mes/cryptoKeys/mes"
    }
  }
  expect_failures = [var.zone, var.encryption]
}

run "cmek_and_iam_database_authentication" {
  command = plan
  variables {
    environment = "dev"
    encryption = {
      kms_key = "projects/acme-kms/locations/europe-west3/keyRings/mes/cryptoKeys/mes"
    }
    database = {
      iam_authentication = true
    }
  }
  assert {
    condition     = google_sql_database_instance.default.encryption_key_name == var.encryption.kms_key && alltrue([for b in [google_storage_bucket.archive, google_storage_bucket.records, google_storage_bucket.artifacts, google_storage_bucket.access_logs] : b.encryption[0].default_kms_key_name == var.encryption.kms_key])
    error_message = "the customer's key encrypts Cloud SQL and every bucket"
  }
  assert {
    condition     = length(google_kms_crypto_key_iam_member.cloud_sql) == 1 && length(google_kms_crypto_key_iam_member.storage) == 1 && contains(keys(google_project_service.default), "cloudkms.googleapis.com")
    error_message = "Cloud SQL's and Cloud Storage's service agents may use the key, and the KMS API is on"
  }
  assert {
    condition     = { for f in google_sql_database_instance.default.settings[0].database_flags : f.name => f.value }["cloudsql.iam_authentication"] == "on" && google_sql_user.app_iam[0].type == "CLOUD_IAM_SERVICE_ACCOUNT"
    error_message = "IAM database authentication: the flag, and the application's account as a database user"
  }
}
