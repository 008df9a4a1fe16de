resource "google_monitoring_notification_channel" "email" {
  display_name = "${var.prefix} operations"
  type         = "email"
  labels = {
    email_address = var.alert_email
  }
  depends_on = [google_project_service.default]
}

locals {
  alerts = {
    backlog_age = {
      name      = "Sensor data waits: oldest unacked message older than 5 minutes"
      filter    = "resource.type = \"pubsub_subscription\" AND resource.labels.subscription_id = \"${google_pubsub_subscription.sensor_data.name}\" AND metric.type = \"pubsub.googleapis.com/subscription/oldest_unacked_message_age\""
      threshold = 300
      aligner   = "ALIGN_MAX"
      duration  = "300s"
    }
    # counts: the first one in a minute is the event (a duration would need one every minute)
    dead_letters = {
      name      = "Sensor data dead-lettered"
      filter    = "resource.type = \"pubsub_topic\" AND resource.labels.topic_id = \"${google_pubsub_topic.dead_letter.name}\" AND metric.type = \"pubsub.googleapis.com/topic/send_message_operation_count\""
      threshold = 0
      aligner   = "ALIGN_SUM"
      duration  = "0s"
    }
    sql_cpu = {
      name      = "Cloud SQL CPU above 80 %"
      filter    = "resource.type = \"cloudsql_database\" AND resource.labels.database_id = \"${var.project_id}:${google_sql_database_instance.default.name}\" AND metric.type = \"cloudsql.googleapis.com/database/cpu/utilization\""
      threshold = 0.8
      aligner   = "ALIGN_MEAN"
      duration  = "300s"
    }
    sql_disk = {
      name      = "Cloud SQL disk above 85 %"
      filter    = "resource.type = \"cloudsql_database\" AND resource.labels.database_id = \"${var.project_id}:${google_sql_database_instance.default.name}\" AND metric.type = \"cloudsql.googleapis.com/database/disk/utilization\""
      threshold = 0.85
      aligner   = "ALIGN_MEAN"
      duration  = "300s"
    }
    sql_connections = {
      name      = "Cloud SQL connections above 80"
      filter    = "resource.type = \"cloudsql_database\" AND resource.labels.database_id = \"${var.project_id}:${google_sql_database_instance.default.name}\" AND metric.type = \"cloudsql.googleapis.com/database/postgresql/num_backends\""
      threshold = 80
      aligner   = "ALIGN_MEAN"
      duration  = "300s"
    }
    app_errors = {
      name      = "Application errors logged"
      filter    = "resource.type = \"gce_instance\" AND metric.type = \"logging.googleapis.com/user/${google_logging_metric.app_errors.name}\""
      threshold = 0
      aligner   = "ALIGN_SUM"
      duration  = "0s"
    }
  }
}

# The application's log, as the Ops Agent sends it (deploy/ops-agent.yaml: the log "smart-mes",
# the entry's severity from the application's level).
resource "google_logging_metric" "app_errors" {
  name   = "${var.prefix}-app-errors"
  filter = "resource.type = \"gce_instance\" AND logName = \"projects/${var.project_id}/logs/smart-mes\" AND severity >= ERROR"
  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
  }
}

resource "google_monitoring_alert_policy" "default" {
  for_each              = local.alerts
  display_name          = "${var.prefix}: ${each.value.name}"
  combiner              = "OR"
  notification_channels = [google_monitoring_notification_channel.email.id]
  conditions {
    display_name = each.value.name
    condition_threshold {
      filter          = each.value.filter
      comparison      = "COMPARISON_GT"
      threshold_value = each.value.threshold
      duration        = each.value.duration
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = each.value.aligner
      }
    }
  }
}

# From outside, through the load balancer: the login page answers 200. With IAP in front, IAP
# answers an unsigned request with a redirect to Google's sign-in (302), so that is what the
# check accepts then: it proves the address, the certificate and IAP, and the load balancer's
# own health check (ready instances) covers the application behind it. The check reaches the
# address (the certificate names the DNS name, so it is not validated against the address here).
resource "google_monitoring_uptime_check_config" "https" {
  display_name = "${var.prefix} HTTPS"
  timeout      = "10s"
  period       = "60s"
  http_check {
    path         = "/login"
    port         = 443
    use_ssl      = true
    validate_ssl = false
    accepted_response_status_codes {
      status_value = var.iap.enabled ? 302 : 200
    }
  }
  monitored_resource {
    type = "uptime_url"
    labels = {
      project_id = var.project_id
      host       = google_compute_address.load_balancer.address
    }
  }
}

resource "google_monitoring_alert_policy" "uptime" {
  display_name          = "${var.prefix}: the MES does not answer over HTTPS"
  combiner              = "OR"
  notification_channels = [google_monitoring_notification_channel.email.id]
  conditions {
    display_name = "Uptime check failing"
    condition_threshold {
      filter          = "metric.type = \"monitoring.googleapis.com/uptime_check/check_passed\" AND resource.type = \"uptime_url\" AND metric.labels.check_id = \"${google_monitoring_uptime_check_config.https.uptime_check_id}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 1
      duration        = "300s"
      aggregations {
        alignment_period     = "300s"
        per_series_aligner   = "ALIGN_NEXT_OLDER"
        cross_series_reducer = "REDUCE_COUNT_FALSE"
        group_by_fields      = ["resource.label.*"]
      }
    }
  }
}
