# invoice-service as a small image running the Quarkus fast-jar as a non-root user (uid 185).
# Build from the repository root after `mvn -B -DskipTests package`:
#   docker build -f deploy/docker/invoice-service.Dockerfile -t envoyx/invoice-service:0.1.0 .
FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:1.21

ENV LANGUAGE='en_US:en'
# Layers from least to most often changed, so a code change ships only the app layer.
COPY --chown=185 invoice-service/target/quarkus-app/lib/ /deployments/lib/
COPY --chown=185 invoice-service/target/quarkus-app/*.jar /deployments/
COPY --chown=185 invoice-service/target/quarkus-app/app/ /deployments/app/
COPY --chown=185 invoice-service/target/quarkus-app/quarkus/ /deployments/quarkus/

EXPOSE 8080
USER 185
# Heap follows the container's memory limit, at 45 % because the PDF parser's child JVMs share the
# container (see deploy/k8s/base/invoice-service/deployment.yaml); an OutOfMemoryError restarts the
# pod instead of leaving a half-working JVM. The children are started with java directly and never
# see these options.
ENV JAVA_OPTS_APPEND="-Dquarkus.http.host=0.0.0.0 -Djava.util.logging.manager=org.jboss.logmanager.LogManager -XX:MaxRAMPercentage=45 -XX:+ExitOnOutOfMemoryError"
ENV JAVA_APP_JAR="/deployments/quarkus-run.jar"

ENTRYPOINT [ "/opt/jboss/container/java/run/run-java.sh" ]
