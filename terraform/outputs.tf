output "app_service_account" {
  description = "The application servers' service account."
  value       = google_service_account.app.email
}

output "buckets" {
  description = "The archive, records, artifacts and access-logs buckets."
  value = {
    archive     = google_storage_bucket.archive.name
    records     = google_storage_bucket.records.name
    artifacts   = google_storage_bucket.artifacts.name
    access_logs = google_storage_bucket.access_logs.name
  }
}

output "cloud_sql_connection_name" {
  description = "The instance connection name (for the Cloud SQL Auth Proxy)."
  value       = google_sql_database_instance.default.connection_name
}

output "dead_letter_topic" {
  description = "Where undeliverable sensor messages go."
  value       = google_pubsub_topic.dead_letter.id
}

output "gateway_service_account" {
  description = "The account machine gateways publish with (publisher on the topic only)."
  value       = google_service_account.gateway.email
}

output "instance_group" {
  description = "The managed instance group (rolling updates: gcloud compute instance-groups managed rolling-action replace)."
  value       = google_compute_region_instance_group_manager.app.name
}

output "load_balancer_ip" {
  description = "The load balancer's address: point the DNS name of the certificate here."
  value       = google_compute_address.load_balancer.address
}

output "subscription" {
  description = "The application's subscription to the sensor topic."
  value       = google_pubsub_subscription.sensor_data.id
}

output "topic" {
  description = "The sensor topic gateways publish to."
  value       = google_pubsub_topic.sensor_data.id
}

output "build_service_account" {
  description = "The account Cloud Build runs the pipeline as (gcloud builds submit --service-account)."
  value       = google_service_account.build.id
}
