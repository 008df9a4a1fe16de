#!/bin/bash
# Rolls the Smart MES back to an earlier release: points smart-mes/current of the artifacts bucket
# at it and, with --mig, replaces the group's instances, which install it on boot (a VM that
# still has that release, the current one's two predecessors, switches without a download).
#
#   deploy/rollback.sh --bucket BUCKET [--release BUILD_ID] [--mig NAME --region REGION] [--dry-run]
#
# Without --release it takes the release uploaded before the current one. Releases are the
# pipeline's, immutable, under smart-mes/releases/<build id>/ (deploy/cloudbuild.yaml). The
# pointer is only replaced if nobody changed it meanwhile (the generation it was read at).
#
# Needs curl, python3 and, for the token and --mig, gcloud (Cloud Shell has all three). Test
# seams (mes.deploy.StartupScriptTest): MES_STORAGE_URL, MES_ACCESS_TOKEN, MES_HTTP_ATTEMPTS.
set -euo pipefail
shopt -s inherit_errexit

readonly STORAGE="${MES_STORAGE_URL:-https://storage.googleapis.com}"
readonly ATTEMPTS="${MES_HTTP_ATTEMPTS:-5}"

usage() {
  echo "usage: $0 --bucket BUCKET [--release BUILD_ID] [--mig NAME --region REGION] [--dry-run]" >&2
  exit 2
}
die() {
  echo "rollback: FAILED: $*" >&2
  echo "rollback: smart-mes/current is unchanged" >&2
  exit 1
}
log() { echo "rollback: $*" >&2; }

bucket="" release="" mig="" region="" dry_run=false
while (($# > 0)); do
  case "$1" in
    --bucket) bucket="${2:-}"; shift 2 ;;
    --release) release="${2:-}"; shift 2 ;;
    --mig) mig="${2:-}"; shift 2 ;;
    --region) region="${2:-}"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    *) usage ;;
  esac
done
[[ -n "${bucket}" ]] || usage
if [[ -n "${mig}" && -z "${region}" ]]; then usage; fi
if [[ -n "${release}" && ! "${release}" =~ ^[A-Za-z0-9._-]+$ ]]; then die "'${release}' is not a build id"; fi

STAGE="$(mktemp -d)"
readonly STAGE
trap 'rm -rf "${STAGE}"' EXIT

token="${MES_ACCESS_TOKEN:-}"
if [[ -z "${token}" ]]; then
  token="$(gcloud auth print-access-token)"
fi

# A Cloud Storage JSON API call; retried on connection errors, 429 and 5xx. Sets HTTP_CODE.
HTTP_CODE=""
call() { # output method url [curl options...]
  local out="$1" method="$2" url="$3" attempt=1
  shift 3
  while true; do
    HTTP_CODE="$(curl -sS -X "${method}" -o "${out}" -w '%{http_code}' -H "Authorization: Bearer ${token}" "$@" "${url}")" || HTTP_CODE=000
    case "${HTTP_CODE}" in
      000 | 429 | 5??) ;;
      *) return 0 ;;
    esac
    if ((attempt >= ATTEMPTS)); then return 0; fi
    sleep "${attempt}"
    attempt=$((attempt + 1))
  done
}
quote() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

# the current pointer and its generation
call "${STAGE}/current.json" GET "${STORAGE}/storage/v1/b/${bucket}/o/smart-mes%2Fcurrent"
[[ "${HTTP_CODE}" == 200 ]] || die "gs://${bucket}/smart-mes/current could not be read (HTTP ${HTTP_CODE})"
generation="$(python3 -c 'import json, sys; print(json.load(sys.stdin)["generation"])' <"${STAGE}/current.json")"
call "${STAGE}/current" GET "${STORAGE}/storage/v1/b/${bucket}/o/smart-mes%2Fcurrent?alt=media&ifGenerationMatch=${generation}"
[[ "${HTTP_CODE}" == 200 ]] || die "gs://${bucket}/smart-mes/current could not be read (HTTP ${HTTP_CODE})"
current="$(head -n 1 "${STAGE}/current")"
current_id="$(sed -n 's#^smart-mes/releases/\([^/]*\)/smart-mes .*#\1#p' <<<"${current}")"
log "current: ${current}"

# the releases, oldest first (every page of the listing)
: >"${STAGE}/releases"
page=""
while true; do
  call "${STAGE}/page.json" GET "${STORAGE}/storage/v1/b/${bucket}/o?prefix=smart-mes%2Freleases%2F&fields=items(name,timeCreated),nextPageToken${page:+&pageToken=${page}}"
  [[ "${HTTP_CODE}" == 200 ]] || die "the releases could not be listed (HTTP ${HTTP_CODE})"
  python3 -c '
import json, sys
for item in json.load(sys.stdin).get("items", []):
    parts = item["name"].split("/")
    if len(parts) == 4 and parts[3] == "smart-mes.sha256":
        print(item["timeCreated"], parts[2])' <"${STAGE}/page.json" >>"${STAGE}/releases"
  page="$(python3 -c 'import json, sys; print(json.load(sys.stdin).get("nextPageToken", ""))' <"${STAGE}/page.json")"
  [[ -n "${page}" ]] || break
done
sort -o "${STAGE}/releases" "${STAGE}/releases"

if [[ -z "${release}" ]]; then
  release="$(awk -v current="${current_id}" '$2 == current { print previous; exit } { previous = $2 }' "${STAGE}/releases")"
  [[ -n "${release}" ]] || die "there is no release before the current one (${current_id:-unknown}); name one with --release"
fi
grep -q " ${release}\$" "${STAGE}/releases" || die "there is no release ${release} in gs://${bucket}/smart-mes/releases/"
[[ "${release}" != "${current_id}" ]] || die "${release} is already the current release"

# the release's checksum, and its binary present
object="smart-mes/releases/${release}/smart-mes"
sha_object="$(quote "${object}.sha256")"
call "${STAGE}/sha256" GET "${STORAGE}/storage/v1/b/${bucket}/o/${sha_object}?alt=media"
[[ "${HTTP_CODE}" == 200 ]] || die "gs://${bucket}/${object}.sha256 could not be read (HTTP ${HTTP_CODE})"
sha="$(tr -d '[:space:]' <"${STAGE}/sha256")"
[[ "${sha}" =~ ^[0-9a-f]{64}$ ]] || die "gs://${bucket}/${object}.sha256 is not a SHA-256"
binary="$(quote "${object}")"
call "${STAGE}/binary.json" GET "${STORAGE}/storage/v1/b/${bucket}/o/${binary}"
[[ "${HTTP_CODE}" == 200 ]] || die "gs://${bucket}/${object} is missing (HTTP ${HTTP_CODE})"

pointer="${object} ${sha}"
if [[ "${dry_run}" == true ]]; then
  log "would point smart-mes/current at: ${pointer}"
  exit 0
fi
echo "${pointer}" >"${STAGE}/new-current"
call "${STAGE}/written.json" POST "${STORAGE}/upload/storage/v1/b/${bucket}/o?uploadType=media&name=smart-mes%2Fcurrent&ifGenerationMatch=${generation}" \
  -H 'Content-Type: text/plain' --data-binary "@${STAGE}/new-current"
case "${HTTP_CODE}" in
  200) log "smart-mes/current is now: ${pointer}" ;;
  412) die "smart-mes/current changed while this ran (a build?); look again" ;;
  *) die "smart-mes/current could not be written (HTTP ${HTTP_CODE})" ;;
esac

if [[ -n "${mig}" ]]; then
  gcloud compute instance-groups managed rolling-action replace "${mig}" --region "${region}" --max-surge 3 --max-unavailable 0
  log "the instances of ${mig} are being replaced; they boot into ${release}"
else
  log "replace the instances to roll back now: gcloud compute instance-groups managed rolling-action replace <group> --region <region> --max-surge 3 --max-unavailable 0"
fi
