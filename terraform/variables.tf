variable "admin_password" {
  description = "The first administrator's password (user admin, asked to change it at first sign-in). Ephemeral: passed at apply (TF_VAR_admin_password), written to Secret Manager through a write-only argument, never stored in state or plan."
  type        = string
  sensitive   = true
  ephemeral   = true
  validation {
    condition     = length(var.admin_password) >= 12 && trimspace(var.admin_password) == var.admin_password
    error_message = "admin_password must have at least 12 characters and no white space at its ends."
  }
}

variable "admin_password_version" {
  description = "Raise by one to write a new admin_password to Secret Manager."
  type        = number
  default     = 1
  nullable    = false
}

variable "alert_email" {
  description = "Where Cloud Monitoring sends its alerts (an operations mailbox)."
  type        = string
  validation {
    condition     = can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.alert_email))
    error_message = "alert_email must be an e-mail address."
  }
}

variable "compute" {
  description = "The application servers: machine type, instance counts, autoscaling on the subscription backlog."
  type = object({
    machine_type           = optional(string, "e2-standard-2")
    min_instances          = optional(number, 1)
    max_instances          = optional(number, 3)
    autoscale_on_backlog   = optional(bool, false)
    backlog_per_instance   = optional(number, 50000)
    image                  = optional(string, "projects/debian-cloud/global/images/family/debian-12")
    disk_size_gb           = optional(number, 20)
    cloud_sql_proxy        = optional(string, "2.14.1")
    cloud_sql_proxy_sha256 = string
  })
  nullable = false
  validation {
    condition     = var.compute.min_instances >= 1 && var.compute.max_instances >= var.compute.min_instances && var.compute.max_instances <= 20
    error_message = "compute needs 1 <= min_instances <= max_instances <= 20."
  }
  validation {
    condition     = can(regex("^[0-9a-f]{64}$", var.compute.cloud_sql_proxy_sha256))
    error_message = "compute.cloud_sql_proxy_sha256 must be the SHA-256 (64 hex digits) of the proxy's linux.amd64 binary, from its release notes."
  }
}

variable "database" {
  description = "Cloud SQL for PostgreSQL: tier, high availability, disk, backups."
  type = object({
    tier                  = optional(string, "db-custom-2-7680")
    high_availability     = optional(bool, false)
    disk_size_gb          = optional(number, 50)
    version               = optional(string, "POSTGRES_17")
    backup_retention_days = optional(number, 14)
    log_retention_days    = optional(number, 7)
    # cloudsql.iam_authentication: database users that sign in as their Google identity
    iam_authentication = optional(bool, false)
  })
  default  = {}
  nullable = false
  validation {
    condition     = can(regex("^db-", var.database.tier)) && var.database.disk_size_gb >= 10
    error_message = "database.tier must be a Cloud SQL tier (db-...) and disk_size_gb at least 10."
  }
  validation {
    condition     = var.database.log_retention_days >= 1 && var.database.log_retention_days <= 7
    error_message = "database.log_retention_days (point-in-time recovery) must be between 1 and 7."
  }
}

variable "db_password" {
  description = "Password of the application's database user. Ephemeral: passed at apply (TF_VAR_db_password), written to Cloud SQL and Secret Manager through write-only arguments, never stored in state or plan."
  type        = string
  sensitive   = true
  ephemeral   = true
  validation {
    condition     = length(var.db_password) >= 16 && trimspace(var.db_password) == var.db_password
    error_message = "db_password must have at least 16 characters and no white space at its ends."
  }
}

variable "db_password_version" {
  description = "Raise by one to rotate the database password (write-only arguments are sent when their version changes)."
  type        = number
  default     = 1
}

variable "encryption" {
  description = "Customer-managed encryption (CMEK), a creation-time choice: kms_key is a Cloud KMS key (projects/P/locations/REGION/keyRings/R/cryptoKeys/K) in the region, for Cloud SQL and the buckets. Null: Google-managed keys."
  type = object({
    kms_key = optional(string)
  })
  default  = {}
  nullable = false
  validation {
    condition     = var.encryption.kms_key == null || can(regex("^projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+$", var.encryption.kms_key))
    error_message = "encryption.kms_key must be a Cloud KMS key name: projects/P/locations/L/keyRings/R/cryptoKeys/K."
  }
  validation {
    condition     = var.encryption.kms_key == null || strcontains(coalesce(var.encryption.kms_key, "-"), "/locations/${var.region}/")
    error_message = "encryption.kms_key must be in the region (var.region): Cloud SQL and regional buckets use keys of their own location."
  }
}

variable "environment" {
  description = "dev or prod. prod turns on Cloud SQL high availability and locks the records bucket's retention policy (irreversible)."
  type        = string
  validation {
    condition     = contains(["dev", "prod"], var.environment)
    error_message = "environment must be dev or prod."
  }
}

variable "iap" {
  description = "Put Identity-Aware Proxy in front of the load balancer's backend: who may reach the pages (members such as group:staff@example.com)."
  type = object({
    enabled = optional(bool, false)
    members = optional(list(string), [])
  })
  default  = {}
  nullable = false
}

variable "os_login_admin_group" {
  description = "The Google group whose members may SSH to the VMs through IAP with OS Login administrator rights."
  type        = string
  validation {
    condition     = can(regex("^[^@\\s]+@[^@\\s]+$", var.os_login_admin_group))
    error_message = "os_login_admin_group must be a group's e-mail address."
  }
}

variable "prefix" {
  description = "Prefix of every resource name (lower case letters, digits, hyphens; starts with a letter)."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,14}$", var.prefix))
    error_message = "prefix must be 2 to 15 characters: lower case letters, digits, hyphens, starting with a letter."
  }
}

variable "project_id" {
  description = "The Google Cloud project."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a valid project id."
  }
}

variable "region" {
  description = "The region of everything regional (VMs, load balancer, Cloud SQL, buckets)."
  type        = string
  default     = "europe-west3"
  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.region))
    error_message = "region must be a region name such as europe-west3."
  }
}

variable "session_key" {
  description = "The key every VM encrypts the session cookies with (at least 32 characters; the same on all VMs, so a session survives the load balancer's choice of VM). Ephemeral: TF_VAR_session_key, for example from openssl rand -base64 48; written to Secret Manager through a write-only argument."
  type        = string
  sensitive   = true
  ephemeral   = true
  validation {
    condition     = length(var.session_key) >= 32 && trimspace(var.session_key) == var.session_key
    error_message = "session_key must have at least 32 characters and no white space at its ends."
  }
}

variable "session_key_version" {
  description = "Raise by one to write a new session_key (every session ends when the VMs are replaced)."
  type        = number
  default     = 1
  nullable    = false
}

variable "ssl_certificate" {
  description = "The load balancer's certificate and key (PEM file paths; the key is kept in state, so keep state in a protected bucket), or certificate_id of an existing regional SSL certificate."
  type = object({
    certificate_file = optional(string)
    private_key_file = optional(string)
    certificate_id   = optional(string)
  })
  nullable = false
  validation {
    condition     = (var.ssl_certificate.certificate_id != null) != (var.ssl_certificate.certificate_file != null && var.ssl_certificate.private_key_file != null)
    error_message = "ssl_certificate needs either certificate_id or both certificate_file and private_key_file."
  }
}

variable "storage" {
  description = "Buckets: the time-series archive's lifecycle (days to Nearline, Coldline, Archive) and the records' retention."
  type = object({
    nearline_after_days     = optional(number, 30)
    coldline_after_days     = optional(number, 90)
    archive_after_days      = optional(number, 365)
    records_retention_years = optional(number, 10)
    archive_raw_stream      = optional(bool, true)
  })
  default  = {}
  nullable = false
  validation {
    condition     = var.storage.nearline_after_days < var.storage.coldline_after_days && var.storage.coldline_after_days < var.storage.archive_after_days
    error_message = "storage needs nearline_after_days < coldline_after_days < archive_after_days."
  }
  validation {
    condition     = var.storage.records_retention_years >= 1 && var.storage.records_retention_years <= 30
    error_message = "storage.records_retention_years must be between 1 and 30."
  }
}

variable "zone" {
  description = "The zone of zonal resources (Cloud SQL's primary when not highly available)."
  type        = string
  default     = "europe-west3-a"
  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]-[a-z]$", var.zone))
    error_message = "zone must be a zone name such as europe-west3-a."
  }
  validation {
    condition     = startswith(var.zone, "${var.region}-")
    error_message = "zone must be a zone of the region (var.region)."
  }
}
