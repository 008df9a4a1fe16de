# The security and operations rules, evaluated on the planned values (command = plan, against the
# mocked provider; the stand-in provider supplies the schema), one assertion per rule, each
# named by its CIS Google Cloud Platform Foundation Benchmark (1.3) or Checkov id, or MES- for
# the project's own. Because they read what Terraform will create, a setting that reaches a
# resource through a local, a variable or a function is checked as it will be; a text search is
# not. mes.terraform.PolicyMutationTest proves each rule can fail: it breaks the guarded setting
# in a copy of the estate, through a local, and expects the rule's id among the failures.
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
  environment          = "dev"
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

# computed at apply, given here so that the rules can compare them
override_resource {
  target          = google_project_service_identity.pubsub
  override_during = plan
  values = {
    # not the agent's real name: a binding that spells the name out instead of using this resource fails the rule
    member = "serviceAccount:from-google-project-service-identity@example.invalid"
  }
}

override_resource {
  target          = google_service_account.app
  override_during = plan
  values = {
    email  = "mes-app@acme-mes-test.iam.gserviceaccount.com"
    member = "serviceAccount:mes-app@acme-mes-test.iam.gserviceaccount.com"
    name   = "projects/acme-mes-test/serviceAccounts/mes-app@acme-mes-test.iam.gserviceaccount.com"
    id     = "projects/acme-mes-test/serviceAccounts/mes-app@acme-mes-test.iam.gserviceaccount.com"
  }
}

override_resource {
  target          = google_compute_region_health_check.app
  override_during = plan
  values = {
    id = "projects/acme-mes-test/regions/europe-west3/healthChecks/mes-app-ready"
  }
}

override_resource {
  target          = google_compute_region_health_check.app_live
  override_during = plan
  values = {
    id = "projects/acme-mes-test/regions/europe-west3/healthChecks/mes-app-live"
  }
}

override_resource {
  target          = google_compute_region_ssl_policy.default
  override_during = plan
  values = {
    id = "projects/acme-mes-test/regions/europe-west3/sslPolicies/mes-tls12-modern"
  }
}

run "policy" {
  command = plan

  # ---- network ----
  assert {
    condition = alltrue([for fw in [google_compute_firewall.app_from_load_balancer, google_compute_firewall.ssh_from_iap] :
    !contains(fw.source_ranges, "0.0.0.0/0") && !contains(fw.source_ranges, "::/0") if fw.direction == "INGRESS"])
    error_message = "CKV_GCP_2 / CKV_GCP_3 (CIS 3.6, 3.7): no ingress rule is open to the internet"
  }
  assert {
    condition     = google_compute_firewall.ssh_from_iap.source_ranges == toset(["35.235.240.0/20"]) && one(google_compute_firewall.ssh_from_iap.allow).ports == tolist(["22"])
    error_message = "MES-SSH-IAP: SSH comes only from IAP's TCP forwarding range"
  }
  assert {
    condition = alltrue([for s in [google_compute_subnetwork.app, google_compute_subnetwork.data] :
    length(s.log_config) == 1 && s.log_config[0].flow_sampling == 1 && s.log_config[0].metadata == "INCLUDE_ALL_METADATA"])
    error_message = "CKV_GCP_26 (CIS 3.8): flow logs on every subnet, every flow sampled, all metadata"
  }

  # ---- the VMs ----
  assert {
    condition     = google_compute_instance_template.app.metadata["block-project-ssh-keys"] == "TRUE"
    error_message = "CKV_GCP_32 (CIS 4.3): project-wide SSH keys are blocked"
  }
  assert {
    condition     = google_compute_instance_template.app.metadata["enable-oslogin"] == "TRUE"
    error_message = "CIS 4.4: OS Login is on"
  }
  assert {
    condition     = lookup(google_compute_instance_template.app.metadata, "serial-port-enable", "FALSE") != "TRUE"
    error_message = "CKV_GCP_35 (CIS 4.5): the interactive serial console is off"
  }
  assert {
    condition     = google_compute_instance_template.app.can_ip_forward != true
    error_message = "CKV_GCP_36 (CIS 4.6): no IP forwarding"
  }
  assert {
    condition = (google_compute_instance_template.app.shielded_instance_config[0].enable_secure_boot
      && google_compute_instance_template.app.shielded_instance_config[0].enable_vtpm
    && google_compute_instance_template.app.shielded_instance_config[0].enable_integrity_monitoring)
    error_message = "CKV_GCP_39 (CIS 4.8): Shielded VM: secure boot, vTPM, integrity monitoring"
  }
  assert {
    condition     = alltrue([for nic in google_compute_instance_template.app.network_interface : length(nic.access_config) == 0])
    error_message = "CKV_GCP_40 (CIS 4.9): no external IP address"
  }
  assert {
    condition     = google_compute_instance_template.app.service_account[0].email == google_service_account.app.email
    error_message = "CKV_GCP_30 (CIS 4.1): the VMs run as the application's own service account, not the default one"
  }
  assert {
    condition     = google_compute_region_instance_group_manager.app.auto_healing_policies[0].health_check == google_compute_region_health_check.app_live.id && google_compute_region_health_check.app_live.http_health_check[0].request_path == "/q/health/live"
    error_message = "MES-AUTOHEAL-LIVE: autohealing checks liveness, so a database failover recreates no VM"
  }
  assert {
    condition     = google_compute_region_health_check.app.http_health_check[0].request_path == "/q/health/ready" && contains(google_compute_region_backend_service.app.health_checks, google_compute_region_health_check.app.id)
    error_message = "MES-LB-READY: the load balancer sends requests only to ready instances"
  }
  assert {
    condition = alltrue([for n in [google_compute_region_instance_group_manager.app.update_policy[0].max_surge_fixed, google_compute_region_instance_group_manager.app.update_policy[0].max_unavailable_fixed] :
    n == 0 || n >= 3]) && google_compute_region_instance_group_manager.app.update_policy[0].max_unavailable_fixed == 0
    error_message = "MES-ROLLOUT: a regional group's fixed surge and unavailability are 0 or at least its 3 zones, and none is taken away during a rollout"
  }

  # ---- the load balancer ----
  assert {
    condition     = google_compute_region_target_https_proxy.default.ssl_policy == google_compute_region_ssl_policy.default.id && google_compute_region_ssl_policy.default.min_tls_version == "TLS_1_2" && contains(["MODERN", "RESTRICTED"], google_compute_region_ssl_policy.default.profile)
    error_message = "CIS 3.9: the HTTPS proxy has an SSL policy of TLS 1.2 or later with strong ciphers (MODERN or RESTRICTED)"
  }
  assert {
    condition = anytrue([for pm in google_compute_region_url_map.default.path_matcher : anytrue([for rule in pm.path_rule :
      contains(rule.paths, "/q/*") && contains(rule.paths, "/q") && try(rule.route_action[0].fault_injection_policy[0].abort[0].percentage == 100 && rule.route_action[0].fault_injection_policy[0].abort[0].http_status >= 400, false)
    ])]) && length(google_compute_region_url_map.default.host_rule) > 0
    error_message = "MES-NO-PUBLIC-Q: the load balancer answers /q/ (metrics, OpenAPI, health) itself, never from the application"
  }
  assert {
    condition     = google_compute_region_backend_service.app.log_config[0].enable && google_compute_region_backend_service.app.log_config[0].sample_rate == 1
    error_message = "MES-LB-LOG: every request through the load balancer is logged"
  }

  # ---- Cloud SQL ----
  assert {
    condition     = google_sql_database_instance.default.settings[0].ip_configuration[0].ipv4_enabled == false
    error_message = "CKV_GCP_60 (CIS 6.6): Cloud SQL has no public IP address"
  }
  assert {
    condition     = google_sql_database_instance.default.settings[0].ip_configuration[0].ssl_mode == "ENCRYPTED_ONLY"
    error_message = "CKV_GCP_6 (CIS 6.4): Cloud SQL takes TLS connections only"
  }
  assert {
    condition     = google_sql_database_instance.default.settings[0].backup_configuration[0].enabled && google_sql_database_instance.default.settings[0].backup_configuration[0].point_in_time_recovery_enabled
    error_message = "CKV_GCP_14 (CIS 6.7): automated backups with point-in-time recovery"
  }
  assert {
    condition     = google_sql_database_instance.default.deletion_protection && google_sql_database_instance.default.settings[0].deletion_protection_enabled
    error_message = "MES-SQL-DELETION: deletion protection in Terraform and in the API"
  }
  assert {
    condition     = { for f in google_sql_database_instance.default.settings[0].database_flags : f.name => f.value }["log_connections"] == "on"
    error_message = "CKV_GCP_52 (CIS 6.2.2): log_connections on"
  }
  assert {
    condition     = { for f in google_sql_database_instance.default.settings[0].database_flags : f.name => f.value }["log_disconnections"] == "on"
    error_message = "CKV_GCP_53 (CIS 6.2.3): log_disconnections on"
  }
  assert {
    condition     = contains(["ddl", "mod", "all"], lookup({ for f in google_sql_database_instance.default.settings[0].database_flags : f.name => f.value }, "log_statement", "none"))
    error_message = "CIS 6.2.4: log_statement logs at least DDL"
  }
  assert {
    condition     = lookup({ for f in google_sql_database_instance.default.settings[0].database_flags : f.name => f.value }, "log_hostname", "off") == "on"
    error_message = "CIS 6.2.5: log_hostname on"
  }
  assert {
    condition     = contains(["debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning"], lookup({ for f in google_sql_database_instance.default.settings[0].database_flags : f.name => f.value }, "log_min_messages", "panic"))
    error_message = "CIS 6.2.6: log_min_messages is warning or more verbose"
  }
  assert {
    condition     = contains(["debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning", "error"], lookup({ for f in google_sql_database_instance.default.settings[0].database_flags : f.name => f.value }, "log_min_error_statement", "panic"))
    error_message = "CIS 6.2.7: log_min_error_statement is error or more verbose"
  }
  assert {
    condition     = lookup({ for f in google_sql_database_instance.default.settings[0].database_flags : f.name => f.value }, "log_min_duration_statement", "0") == "-1"
    error_message = "CKV_GCP_57 (CIS 6.2.8): log_min_duration_statement -1 (no statement text with its values in the logs)"
  }
  assert {
    condition     = lookup({ for f in google_sql_database_instance.default.settings[0].database_flags : f.name => f.value }, "cloudsql.enable_pgaudit", "off") == "on"
    error_message = "CIS 6.2.9: pgAudit on"
  }
  assert {
    condition     = alltrue([for name in ["log_checkpoints", "log_lock_waits"] : lookup({ for f in google_sql_database_instance.default.settings[0].database_flags : f.name => f.value }, name, "off") == "on"]) && lookup({ for f in google_sql_database_instance.default.settings[0].database_flags : f.name => f.value }, "log_temp_files", "-1") == "0"
    error_message = "CKV_GCP_56 / CKV_GCP_51 / CKV_GCP_54: every temporary file, checkpoints and lock waits logged"
  }

  # ---- buckets ----
  assert {
    condition     = alltrue([for b in [google_storage_bucket.archive, google_storage_bucket.records, google_storage_bucket.artifacts, google_storage_bucket.access_logs] : b.uniform_bucket_level_access])
    error_message = "CKV_GCP_29 (CIS 5.2): uniform bucket-level access on every bucket"
  }
  assert {
    condition     = alltrue([for b in [google_storage_bucket.archive, google_storage_bucket.records, google_storage_bucket.artifacts, google_storage_bucket.access_logs] : b.public_access_prevention == "enforced"])
    error_message = "CKV_GCP_114 (CIS 5.1): public access prevented on every bucket"
  }
  assert {
    condition     = alltrue([for b in [google_storage_bucket.archive, google_storage_bucket.records, google_storage_bucket.artifacts] : length(b.logging) == 1 && b.logging[0].log_bucket == google_storage_bucket.access_logs.name])
    error_message = "CKV_GCP_62: every bucket's access is logged to the access-logs bucket"
  }
  assert {
    condition     = alltrue([for b in [google_storage_bucket.archive, google_storage_bucket.artifacts, google_storage_bucket.access_logs] : length(b.versioning) == 1 && b.versioning[0].enabled]) && length(google_storage_bucket.records.retention_policy) == 1
    error_message = "CKV_GCP_78: every bucket is versioned, except the records bucket, whose retention policy makes its objects immutable"
  }
  assert {
    condition = alltrue([for b in [google_storage_bucket.archive, google_storage_bucket.artifacts, google_storage_bucket.access_logs] :
    anytrue([for r in b.lifecycle_rule : one(r.action).type == "Delete" && coalesce(one(r.condition).days_since_noncurrent_time, 0) > 0])])
    error_message = "MES-NONCURRENT: noncurrent versions are deleted after a while in every versioned bucket"
  }

  # ---- secrets, identities, monitoring ----
  assert {
    condition     = alltrue([for v in [google_secret_manager_secret_version.db_password, google_secret_manager_secret_version.admin_password, google_secret_manager_secret_version.session_key] : v.secret_data_wo_version >= 1])
    error_message = "MES-SECRET-VERSIONS: every secret the VM reads gets a version at the first apply, write-only"
  }
  assert {
    condition     = google_pubsub_topic_iam_member.agent_publishes_dead_letters.member == google_project_service_identity.pubsub.member && google_pubsub_subscription_iam_member.agent_forwards_from_subscription.member == google_project_service_identity.pubsub.member
    error_message = "MES-PUBSUB-AGENT: the Pub/Sub service agent's bindings use its identity resource, which creates it first"
  }
  assert {
    condition     = strcontains(google_logging_metric.app_errors.filter, "logName = \"projects/acme-mes-test/logs/smart-mes\"") && strcontains(google_logging_metric.app_errors.filter, "severity >= ERROR")
    error_message = "MES-ERROR-LOG: the error metric counts the application's log as the Ops Agent names it"
  }
  assert {
    condition = alltrue([for k in ["dead_letters", "app_errors"] :
    google_monitoring_alert_policy.default[k].conditions[0].condition_threshold[0].duration == "0s"])
    error_message = "MES-ALERT-COUNTS: an alert on a count fires on the first event, not only when it recurs every minute for 5 minutes"
  }
  assert {
    condition     = google_monitoring_uptime_check_config.https.http_check[0].path == "/login" && google_monitoring_uptime_check_config.https.http_check[0].accepted_response_status_codes[0].status_value == 200
    error_message = "MES-UPTIME: without IAP the uptime check expects the login page itself (200)"
  }
}

run "policy_with_iap" {
  command = plan
  variables {
    iap = {
      enabled = true
      members = ["group:staff@example.com"]
    }
  }
  assert {
    condition     = google_compute_region_backend_service.app.iap[0].enabled && google_monitoring_uptime_check_config.https.http_check[0].accepted_response_status_codes[0].status_value == 302
    error_message = "MES-UPTIME-IAP: with IAP in front, the uptime check accepts IAP's redirect to sign-in"
  }
}
