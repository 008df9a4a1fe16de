# The sensor stream (contracts/sensor-message.md). The schema describes one sensor message as
# protobuf with JSON encoding, for gateways to check what they publish. It is not enforced on the
# topic: the contract lets one Pub/Sub message carry a JSON array of messages, and a topic schema
# (Avro or protobuf) cannot accept a top-level array. The application validates every message.
resource "google_pubsub_schema" "sensor_message" {
  name       = "${var.prefix}-sensor-message"
  type       = "PROTOCOL_BUFFER"
  definition = <<-PROTO
    syntax = "proto3";
    message SensorMessage {
      message Counters {
        optional int64 good = 1;
        optional int64 scrap = 2;
      }
      string machine_id = 1;
      string ts = 2;
      optional int64 seq = 3;
      optional string state = 4;
      optional string reason = 5;
      optional string work_order = 6;
      optional Counters counters = 7;
      map<string, double> values = 8;
    }
  PROTO
  depends_on = [google_project_service.default]
}

resource "google_pubsub_topic" "sensor_data" {
  name                       = "${var.prefix}-sensor-data"
  message_retention_duration = "604800s"
  depends_on                 = [google_project_service.default]
}

resource "google_pubsub_topic" "dead_letter" {
  name                       = "${var.prefix}-sensor-data-dead-letter"
  message_retention_duration = "2678400s"
  depends_on                 = [google_project_service.default]
}

resource "google_pubsub_subscription" "sensor_data" {
  name                         = "${var.prefix}-sensor-data"
  topic                        = google_pubsub_topic.sensor_data.id
  ack_deadline_seconds         = 60
  message_retention_duration   = "604800s"
  enable_exactly_once_delivery = true
  enable_message_ordering      = true
  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }
  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dead_letter.id
    max_delivery_attempts = 10
  }
  expiration_policy {
    ttl = ""
  }
}

# What went to the dead-letter topic stays readable for a month (operations, re-drive).
resource "google_pubsub_subscription" "dead_letter" {
  name                       = "${var.prefix}-sensor-data-dead-letter"
  topic                      = google_pubsub_topic.dead_letter.id
  ack_deadline_seconds       = 60
  message_retention_duration = "2678400s"
  expiration_policy {
    ttl = ""
  }
}

# The raw stream, archived as received into the time-series bucket.
resource "google_pubsub_subscription" "raw_archive" {
  count = var.storage.archive_raw_stream ? 1 : 0
  name  = "${var.prefix}-sensor-data-raw-archive"
  topic = google_pubsub_topic.sensor_data.id
  cloud_storage_config {
    bucket          = google_storage_bucket.archive.name
    filename_prefix = "raw-stream/"
    max_duration    = "300s"
    max_bytes       = 100000000
  }
  depends_on = [google_storage_bucket_iam_member.pubsub_writes_archive]
}

# The Pub/Sub service agent moves undeliverable messages and writes the raw archive.
resource "google_pubsub_topic_iam_member" "agent_publishes_dead_letters" {
  topic  = google_pubsub_topic.dead_letter.id
  role   = "roles/pubsub.publisher"
  member = google_project_service_identity.pubsub.member
}

resource "google_pubsub_subscription_iam_member" "agent_forwards_from_subscription" {
  subscription = google_pubsub_subscription.sensor_data.id
  role         = "roles/pubsub.subscriber"
  member       = google_project_service_identity.pubsub.member
}

resource "google_storage_bucket_iam_member" "pubsub_writes_archive" {
  for_each = toset(["roles/storage.objectCreator", "roles/storage.legacyBucketReader"])
  bucket   = google_storage_bucket.archive.name
  role     = each.value
  member   = google_project_service_identity.pubsub.member
}
