#!/bin/bash
# The Smart MES VM's startup script, run by the guest agent as root on every boot. Terraform
# passes it unchanged as the instance template's metadata startup-script (compute.tf), and with
# it, as metadata too, everything it installs: the systemd units, the Ops Agent's configuration,
# the Cloud SQL Auth Proxy's version and SHA-256, and the names of the resources to use.
#
# It works in two halves. First it fetches and checks everything into a staging folder: the
# metadata, the secrets, the release and its SHA-256, the proxy and its SHA-256. Anything
# missing, empty or wrong fails the boot there, before a file of the installation is touched,
# so a bad boot changes nothing and starts nothing. Then it installs what differs, atomically,
# and restarts only what changed: a new binary, configuration or credential restarts the
# application, a new proxy or proxy setting restarts the proxy, a second boot with nothing new
# restarts nothing.
#
# Test seams (mes.deploy.StartupScriptTest runs this script in a scratch root against local
# stand-ins of the metadata server, Secret Manager and Cloud Storage): MES_ROOT,
# MES_METADATA_URL, MES_SECRET_MANAGER_URL, MES_STORAGE_URL, MES_PACKAGES_URL,
# MES_HTTP_ATTEMPTS, MES_HTTP_BACKOFF. On a VM none of them is set.
set -euo pipefail
shopt -s inherit_errexit

readonly APP_USER=smart-mes
readonly ROOT="${MES_ROOT:-}"
readonly METADATA="${MES_METADATA_URL:-http://metadata.google.internal/computeMetadata/v1}"
readonly SECRET_MANAGER="${MES_SECRET_MANAGER_URL:-https://secretmanager.googleapis.com/v1}"
readonly STORAGE="${MES_STORAGE_URL:-https://storage.googleapis.com}"
readonly PACKAGES="${MES_PACKAGES_URL:-https://packages.cloud.google.com}"
readonly ATTEMPTS="${MES_HTTP_ATTEMPTS:-8}"
readonly BACKOFF="${MES_HTTP_BACKOFF:-1}"
readonly INSTALL_DIR="${ROOT}/opt/smart-mes"
readonly CONF_DIR="${ROOT}/etc/smart-mes"
readonly CREDENTIALS_DIR="${CONF_DIR}/credentials"
readonly UNIT_DIR="${ROOT}/etc/systemd/system"
readonly PROXY_BIN="${ROOT}/usr/local/bin/cloud-sql-proxy"
readonly OPS_AGENT_CONFIG="${ROOT}/etc/google-cloud-ops-agent/config.yaml"

log() { echo "smart-mes startup: $*" >&2; }
PHASE=fetch
die() {
  log "FAILED: $*"
  if [[ "${PHASE}" == fetch ]]; then
    log "nothing was installed, changed or started by this boot"
  else
    log "the installation may be partly updated; nothing was started or restarted by this boot"
  fi
  exit 1
}

STAGE="$(mktemp -d)"
readonly STAGE
trap 'rm -rf "${STAGE}"' EXIT

# GET a URL into a file. Connection errors, time-outs, 408, 429 and 5xx are retried with a
# doubling pause; any other answer ends at once. Always returns 0: the caller reads HTTP_CODE
# (000 when nothing answered), so that no failure can hide in a condition.
HTTP_CODE=""
http_get() { # url output [curl options...]
  local url="$1" out="$2" attempt=1 delay="${BACKOFF}"
  shift 2
  while true; do
    HTTP_CODE="$(curl -sS --connect-timeout 5 --max-time 300 -o "${out}" -w '%{http_code}' "$@" "${url}")" || HTTP_CODE="000"
    case "${HTTP_CODE}" in
      2??) return 0 ;;
      000 | 408 | 429 | 5??) ;;
      *) return 0 ;;
    esac
    if ((attempt >= ATTEMPTS)); then
      log "GET ${url}: still ${HTTP_CODE} after ${attempt} attempts"
      return 0
    fi
    log "GET ${url}: ${HTTP_CODE}, trying again in ${delay}s"
    sleep "${delay}"
    attempt=$((attempt + 1))
    delay=$((delay * 2 > 30 ? 30 : delay * 2))
  done
}

# An instance metadata attribute into a file; answers in HTTP_CODE (404: not set).
metadata_file() { # name file
  http_get "${METADATA}/instance/attributes/$1" "$2" -H 'Metadata-Flavor: Google'
  if [[ "${HTTP_CODE}" != 2?? && "${HTTP_CODE}" != 404 ]]; then
    die "instance metadata '$1' could not be read (HTTP ${HTTP_CODE})"
  fi
}

# An instance metadata attribute into REPLY ("" when it is not set). Every value must be a plain
# resource name (letters, digits and . _ - / : @ and spaces): nothing that a unit's
# EnvironmentFile would read differently from what was meant.
attribute() { # name
  local file="${STAGE}/attribute"
  metadata_file "$1" "${file}"
  REPLY=""
  if [[ "${HTTP_CODE}" == 2?? ]]; then
    REPLY="$(cat "${file}")"
  fi
  if [[ ! "${REPLY}" =~ ^[A-Za-z0-9._/:@\ -]*$ ]]; then
    die "instance metadata '$1' has characters a resource name does not have"
  fi
}

required() { # name
  attribute "$1"
  if [[ -z "${REPLY}" ]]; then
    die "instance metadata '$1' is missing"
  fi
}

# A file that terraform passes as metadata (a unit, the agent's configuration), as it is.
required_file() { # name file
  metadata_file "$1" "$2"
  if [[ "${HTTP_CODE}" != 2?? || ! -s "$2" ]]; then
    die "instance metadata '$1' is missing"
  fi
}

TOKEN=""
access_token() {
  local file="${STAGE}/token"
  if [[ -n "${TOKEN}" ]]; then return 0; fi
  http_get "${METADATA}/instance/service-accounts/default/token" "${file}" -H 'Metadata-Flavor: Google'
  [[ "${HTTP_CODE}" == 2?? ]] || die "no access token from the metadata server (HTTP ${HTTP_CODE})"
  TOKEN="$(python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])' <"${file}")" ||
    die "the metadata server's token answer is not what it should be"
}

# The latest version of a Secret Manager secret (projects/P/secrets/S) into a file, exactly as
# stored. A secret without a version, or with an empty one, fails the boot.
secret() { # name file
  local answer="${STAGE}/secret.json"
  access_token
  http_get "${SECRET_MANAGER}/$1/versions/latest:access" "${answer}" -H "Authorization: Bearer ${TOKEN}"
  [[ "${HTTP_CODE}" == 2?? ]] || die "secret $1 could not be read (HTTP ${HTTP_CODE}): does it have a version, may the VM's service account read it?"
  python3 -c 'import base64, json, sys; sys.stdout.buffer.write(base64.b64decode(json.load(sys.stdin)["payload"]["data"], validate=True))' \
    <"${answer}" >"$2" || die "secret $1: the answer has no payload"
  rm -f "${answer}"
  [[ -s "$2" ]] || die "secret $1 is empty"
}

# gs://BUCKET/OBJECT into a file, with the VM's service account.
download() { # bucket object file
  local object
  access_token
  object="$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$2")"
  http_get "${STORAGE}/storage/v1/b/$1/o/${object}?alt=media" "$3" -H "Authorization: Bearer ${TOKEN}"
  [[ "${HTTP_CODE}" == 2?? ]] || die "gs://$1/$2 could not be downloaded (HTTP ${HTTP_CODE})"
}

sha256_of() { # file: its SHA-256, or nothing when there is no such file
  local sum=""
  if [[ -f "$1" ]]; then
    sum="$(sha256sum "$1")"
  fi
  echo "${sum%% *}"
}

# (Whether a staged file differs from the installed one: ! cmp -s staged installed, which is
# also true when there is no installed one.)
# Installs a staged file by rename (atomic): the target is the old or the new file, never half.
put() { # staged target mode group
  mkdir -p "$(dirname "$2")"
  install -m "$3" "$1" "$2.new"
  chown "root:$4" "$2.new"
  mv -f "$2.new" "$2"
}

command -v python3 >/dev/null || die "python3 is needed (it is on Google's Debian images)"
command -v curl >/dev/null || die "curl is needed (it is on Google's Debian images)"

log "1/2 fetch and check"
required mes-artifacts-bucket
bucket="${REPLY}"

# the release: pinned by the metadata mes-release, else the pipeline's pointer smart-mes/current
attribute mes-release
release="${REPLY}"
if [[ -z "${release}" ]]; then
  download "${bucket}" smart-mes/current "${STAGE}/current"
  release="$(head -n 1 "${STAGE}/current")"
fi
object="" expected=""
read -r object expected _ <<<"${release}" || true
if [[ ! "${object}" =~ ^smart-mes/releases/[A-Za-z0-9._-]+/smart-mes$ ]] || [[ ! "${expected}" =~ ^[0-9a-f]{64}$ ]]; then
  die "the release must be 'smart-mes/releases/<id>/smart-mes <sha256>', got '${release}'"
fi
release_dir="${INSTALL_DIR}/releases/${expected}"
new_release=false
installed="$(sha256_of "${release_dir}/smart-mes")"
if [[ "${installed}" != "${expected}" ]]; then
  download "${bucket}" "${object}" "${STAGE}/smart-mes"
  actual="$(sha256_of "${STAGE}/smart-mes")"
  if [[ "${actual}" != "${expected}" ]]; then
    die "gs://${bucket}/${object} has SHA-256 ${actual}, not ${expected} (the running release is kept)"
  fi
  new_release=true
fi

required mes-proxy-version
proxy_version="${REPLY}"
required mes-proxy-sha256
proxy_sha256="${REPLY}"
new_proxy=false
installed="$(sha256_of "${PROXY_BIN}")"
if [[ "${installed}" != "${proxy_sha256}" ]]; then
  download cloud-sql-connectors "cloud-sql-proxy/v${proxy_version}/cloud-sql-proxy.linux.amd64" "${STAGE}/cloud-sql-proxy"
  actual="$(sha256_of "${STAGE}/cloud-sql-proxy")"
  if [[ "${actual}" != "${proxy_sha256}" ]]; then
    die "the Cloud SQL Auth Proxy ${proxy_version} download has SHA-256 ${actual}, not the pinned ${proxy_sha256}"
  fi
  new_proxy=true
fi

# configuration: plain names only (checked by attribute); secrets go to credentials, not here
http_get "${METADATA}/project/project-id" "${STAGE}/project" -H 'Metadata-Flavor: Google'
[[ "${HTTP_CODE}" == 2?? ]] || die "the project id could not be read (HTTP ${HTTP_CODE})"
project="$(cat "${STAGE}/project")"
[[ "${project}" =~ ^[a-z][a-z0-9-]+$ ]] || die "the metadata server's project id '${project}' is not one"
{
  echo "QUARKUS_PROFILE=prod"
  echo "QUARKUS_GOOGLE_CLOUD_PROJECT_ID=${project}"
  required mes-db-name
  echo "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/${REPLY}"
  required mes-db-user
  echo "QUARKUS_DATASOURCE_USERNAME=${REPLY}"
  required mes-subscription
  echo "MES_PUBSUB_SUBSCRIPTION=${REPLY}"
  required mes-dead-letter-topic
  echo "MES_PUBSUB_DEAD_LETTER_TOPIC=${REPLY}"
  required mes-archive-bucket
  echo "MES_ARCHIVE_BUCKET=${REPLY}"
  required mes-reports-bucket
  echo "MES_REPORTS_BUCKET=${REPLY}"
  attribute mes-push-audience
  if [[ -n "${REPLY}" ]]; then
    echo "MES_PUBSUB_PUSH_AUDIENCE=${REPLY}"
  fi
} >"${STAGE}/app.env"
required mes-db-connection
echo "INSTANCE_CONNECTION_NAME=${REPLY}" >"${STAGE}/proxy.env"

# credentials: one file each, named by the setting it carries (systemd LoadCredential= hands
# them to the application, which reads them as configuration: mes.platform.config)
mkdir -m 0700 "${STAGE}/credentials"
required mes-db-password-secret
secret "${REPLY}" "${STAGE}/credentials/quarkus.datasource.password"
required mes-admin-password-secret
secret "${REPLY}" "${STAGE}/credentials/mes.security.bootstrap-admin.password"
required mes-session-key-secret
secret "${REPLY}" "${STAGE}/credentials/quarkus.http.auth.session.encryption-key"
key_length="$(wc -c <"${STAGE}/credentials/quarkus.http.auth.session.encryption-key")"
if ((key_length < 32)); then
  die "the session key secret must have at least 32 characters (every VM signs the session cookies with it)"
fi

required_file mes-unit-cloud-sql-proxy "${STAGE}/cloud-sql-proxy.service"
required_file mes-unit-smart-mes "${STAGE}/smart-mes.service"
required_file mes-ops-agent-config "${STAGE}/ops-agent.yaml"

log "2/2 install what differs"
PHASE=install
user_id="$(id -u "${APP_USER}" 2>/dev/null || true)"
if [[ -z "${user_id}" ]]; then
  useradd --system --home-dir /var/lib/smart-mes --no-create-home --shell /usr/sbin/nologin "${APP_USER}"
fi
install -d -m 0755 "${INSTALL_DIR}" "${INSTALL_DIR}/releases"
install -d -m 0750 "${CONF_DIR}"
chown "root:${APP_USER}" "${CONF_DIR}"
install -d -m 0700 "${CREDENTIALS_DIR}"
restart_app=false
restart_proxy=false
reload_units=false

if [[ "${new_proxy}" == true ]]; then
  put "${STAGE}/cloud-sql-proxy" "${PROXY_BIN}" 0755 root
  restart_proxy=true
  log "installed the Cloud SQL Auth Proxy ${proxy_version}"
fi
if [[ "${new_release}" == true ]]; then
  install -d -m 0755 "${release_dir}"
  put "${STAGE}/smart-mes" "${release_dir}/smart-mes" 0755 root
  log "installed ${object} (${expected})"
fi
# the current release is a symbolic link, switched by rename: a crash leaves the old or the new one
current="$(readlink "${INSTALL_DIR}/smart-mes" 2>/dev/null || true)"
if [[ "${current}" != "releases/${expected}/smart-mes" ]]; then
  ln -sfn "releases/${expected}/smart-mes" "${INSTALL_DIR}/smart-mes.new"
  mv -fT "${INSTALL_DIR}/smart-mes.new" "${INSTALL_DIR}/smart-mes"
  touch "${release_dir}"
  restart_app=true
  log "release ${expected} is the current one"
fi
# keep the current release and the two used before it, for a quick rollback by pointer
newest_first="$(ls -1t "${INSTALL_DIR}/releases")"
mapfile -t releases <<<"${newest_first}"
for old in "${releases[@]:3}"; do
  if [[ "${INSTALL_DIR}/releases/${old}" != "${release_dir}" ]]; then
    rm -rf "${INSTALL_DIR:?}/releases/${old}"
  fi
done

if ! cmp -s "${STAGE}/app.env" "${CONF_DIR}/app.env"; then
  put "${STAGE}/app.env" "${CONF_DIR}/app.env" 0640 "${APP_USER}"
  restart_app=true
fi
if ! cmp -s "${STAGE}/proxy.env" "${CONF_DIR}/proxy.env"; then
  put "${STAGE}/proxy.env" "${CONF_DIR}/proxy.env" 0644 root
  restart_proxy=true
fi
for credential in "${STAGE}"/credentials/*; do
  target="${CREDENTIALS_DIR}/${credential##*/}"
  if ! cmp -s "${credential}" "${target}"; then
    put "${credential}" "${target}" 0600 root
    restart_app=true
  fi
done
for unit in cloud-sql-proxy smart-mes; do
  if ! cmp -s "${STAGE}/${unit}.service" "${UNIT_DIR}/${unit}.service"; then
    put "${STAGE}/${unit}.service" "${UNIT_DIR}/${unit}.service" 0644 root
    reload_units=true
    if [[ "${unit}" == smart-mes ]]; then restart_app=true; else restart_proxy=true; fi
  fi
done

if [[ "${reload_units}" == true ]]; then systemctl daemon-reload; fi
systemctl enable cloud-sql-proxy.service smart-mes.service
if [[ "${restart_proxy}" == true ]]; then systemctl restart cloud-sql-proxy.service; else systemctl start cloud-sql-proxy.service; fi
if [[ "${restart_app}" == true ]]; then systemctl restart smart-mes.service; else systemctl start smart-mes.service; fi
log "release ${expected} running (application restarted: ${restart_app}, proxy restarted: ${restart_proxy})"

# logs to Cloud Logging: Google's Ops Agent, from Google's package repository (through Cloud
# NAT). The application does not wait for it: if it cannot be installed now, the boot log
# (serial console) says so and the next boot tries again.
ops_agent=false
if command -v google_cloud_ops_agent_engine >/dev/null || [[ -x "${ROOT}/opt/google-cloud-ops-agent/libexec/google_cloud_ops_agent_engine" ]]; then
  ops_agent=true
else
  log "installing the Ops Agent"
  http_get "${PACKAGES}/apt/doc/apt-key.gpg" "${STAGE}/google-cloud.key"
  if [[ "${HTTP_CODE}" == 2?? ]]; then
    # apt reads an armored key from a .asc file and a binary one from a .gpg file: no gpg needed
    keyring=/usr/share/keyrings/google-cloud-ops-agent.gpg
    armored="$(head -c 10 "${STAGE}/google-cloud.key")"
    if [[ "${armored}" == -----BEGIN ]]; then keyring=/usr/share/keyrings/google-cloud-ops-agent.asc; fi
    install -d -m 0755 "${ROOT}/usr/share/keyrings" "${ROOT}/etc/apt/sources.list.d"
    install -m 0644 "${STAGE}/google-cloud.key" "${ROOT}${keyring}"
    codename="$(sed -n 's/^VERSION_CODENAME=//p' /etc/os-release)"
    echo "deb [signed-by=${keyring}] ${PACKAGES}/apt google-cloud-ops-agent-${codename}-2 main" \
      >"${ROOT}/etc/apt/sources.list.d/google-cloud-ops-agent.list"
    for _ in 1 2 3; do
      if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq google-cloud-ops-agent; then
        ops_agent=true
        break
      fi
      sleep "${BACKOFF}"
    done
  fi
fi
if [[ "${ops_agent}" == true ]]; then
  if ! cmp -s "${STAGE}/ops-agent.yaml" "${OPS_AGENT_CONFIG}"; then
    put "${STAGE}/ops-agent.yaml" "${OPS_AGENT_CONFIG}" 0644 root
    systemctl restart google-cloud-ops-agent
  fi
else
  log "WARNING: the Ops Agent could not be installed (HTTP ${HTTP_CODE}); the application's logs stay on the VM until a later boot installs it"
fi
log "done"
