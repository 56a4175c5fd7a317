#!/usr/bin/env bash
# Starts the whole EnvoyX suite locally, in the foreground: PostgreSQL and Redis (the ones at
# ENVOYX_PG_HOST/PORT and ENVOYX_REDIS_HOST/PORT when they answer, embedded ones otherwise;
# ENVOYX_INFRA=auto|external|embedded forces the choice), then auth-service, ratelimit-service
# and invoice-service. Waits until every readiness probe is UP and prints the URLs.
# Ctrl-C or SIGTERM stops everything it started. Any variable in the environment reaches the
# services, so every setting can be given here.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

artifacts=(
  infra/target/envoyx-infra.jar
  auth-service/target/quarkus-app/quarkus-run.jar
  ratelimit-service/target/quarkus-app/quarkus-run.jar
  invoice-service/target/quarkus-app/quarkus-run.jar
)

needs_build() {
  local artifact
  for artifact in "${artifacts[@]}"; do
    [[ -f "$artifact" ]] || return 0
    # Rebuild when any main source or build file changed after this artifact was made.
    if [[ -n "$(find pom.xml contracts infra auth-service ratelimit-service invoice-service \
                 \( -path '*/src/main/*' -o -name pom.xml \) -newer "$artifact" -print -quit)" ]]; then
      return 0
    fi
  done
  return 1
}

# ENVOYX_BUILD=never skips the check (the system tests run right after the build that made the jars).
if [[ "${ENVOYX_BUILD:-auto}" != never ]] && needs_build; then
  echo "envoyx: building (mvn -B -DskipTests package) ..."
  mvn -B -q -DskipTests package -pl infra,auth-service,ratelimit-service,invoice-service -am
  # An unchanged jar is not rewritten; mark them all as built now so the next start is quick.
  touch "${artifacts[@]}"
fi

export ENVOYX_REPO_ROOT="$root"
exec java ${ENVOYX_LAUNCHER_JAVA_OPTS:-} -jar infra/target/envoyx-infra.jar
