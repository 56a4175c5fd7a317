#!/usr/bin/env bash
# Runs every test of the suite on this machine: installs what the tests drive besides the JDK and
# Maven, then `mvn -B verify`. Arguments go to Maven (e.g. `-pl auth-service -am`).
#
# Installed from Debian's packages when missing (apt-get, as root or through sudo):
#   python3-requests, python3-websockets  the public docs' Python examples and WebSocket client
#   nodejs                                the docs' Node.js fetch/FormData example and webhook receiver
#   npm                                   installs the Standard Webhooks library a webhook test verifies with
#   curl                                  the docs' curl examples
#   chromium, chromium-driver             the dashboard walk (Selenium, headless); chromium also prints
#                                         the HTML invoices of the extraction corpus (ExtractionCorpusTest)
#   kubectl (when the distribution has it) renders and validates the Kubernetes manifests
# PostgreSQL and Redis are not installed: tests use the ones answering at 127.0.0.1 or start
# embedded ones (ENVOYX_INFRA, see the README).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

missing=()
/usr/bin/python3 -c 'import requests' 2>/dev/null || missing+=(python3-requests)
/usr/bin/python3 -c 'import websockets' 2>/dev/null || missing+=(python3-websockets)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
command -v curl >/dev/null || missing+=(curl)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)

if [ ${#missing[@]} -gt 0 ]; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  echo "envoyx: installing ${missing[*]}"
  "${sudo[@]}" apt-get install -y -q "${missing[@]}" >/dev/null \
    || { "${sudo[@]}" apt-get update -q >/dev/null && "${sudo[@]}" apt-get install -y -q "${missing[@]}" >/dev/null; }
fi
command -v kubectl >/dev/null || echo "envoyx: kubectl is not installed; the manifest test will be skipped"

exec mvn -B verify "$@"
