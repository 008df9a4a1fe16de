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
    }
    dead_letters = {
      name      = "Sensor data dead-lettered"
      filter    = "resource.type = \"pubsub_topic\" AND resource.labels.topic_id = \"${google_pubsub_topic.dead_letter.name}\" AND metric.type = \"pubsub.googleapis.com/topic/send_message_operation_count\""
      threshold = 0
      aligner   = "ALIGN_SUM"
    }
    sql_cpu = {
      name      = "Cloud SQL CPU above 80 %"
      filter    = "resource.type = \"cloudsql_database\" AND resource.labels.database_id = \"${var.project_id}:${google_sql_database_instance.default.name}\" AND metric.type = \"cloudsql.googleapis.com/database/cpu/utilization\""
      threshold = 0.8
      aligner   = "ALIGN_MEAN"
    }
    sql_disk = {
      name      = "Cloud SQL disk above 85 %"
      filter    = "resource.type = \"cloudsql_database\" AND resource.labels.database_id = \"${var.project_id}:${google_sql_database_instance.default.name}\" AND metric.type = \"cloudsql.googleapis.com/database/disk/utilization\""
      threshold = 0.85
      aligner   = "ALIGN_MEAN"
    }
    sql_connections = {
      name      = "Cloud SQL connections above 80"
      filter    = "resource.type = \"cloudsql_database\" AND resource.labels.database_id = \"${var.project_id}:${google_sql_database_instance.default.name}\" AND metric.type = \"cloudsql.googleapis.com/database/postgresql/num_backends\""
      threshold = 80
      aligner   = "ALIGN_MEAN"
    }
    app_errors = {
      name      = "Application errors logged"
      filter    = "resource.type = \"gce_instance\" AND metric.type = \"logging.googleapis.com/user/${google_logging_metric.app_errors.name}\""
      threshold = 0
      aligner   = "ALIGN_SUM"
    }
  }
}

resource "google_logging_metric" "app_errors" {
  name   = "${var.prefix}-app-errors"
  filter = "resource.type = \"gce_instance\" AND severity >= ERROR AND labels.\"compute.googleapis.com/resource_name\" =~ \"^${var.prefix}-app\""
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
      duration        = "300s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = each.value.aligner
      }
    }
  }
}

# From outside, through the load balancer: the login page answers. The check reaches the address
# (the certificate names the DNS name, so it is not validated against the address here).
resource "google_monitoring_uptime_check_config" "https" {
  display_name = "${var.prefix} HTTPS"
  timeout      = "10s"
  period       = "60s"
  http_check {
    path         = "/login"
    port         = 443
    use_ssl      = true
    validate_ssl = false
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
