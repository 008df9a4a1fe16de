terraform {
  # ephemeral variables (1.10) and write-only arguments (1.11) keep the secrets out of state and plan
  required_version = ">= 1.11, < 2.0"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.50, < 7.0"
    }
    # one resource only: the Pub/Sub service agent's identity (google_project_service_identity)
    google-beta = {
      source  = "hashicorp/google-beta"
      version = ">= 6.50, < 7.0"
    }
  }
}
