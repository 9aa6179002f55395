# docker-doctor as a container, built from a clean clone: no Maven or Java needed on the host.
#
#   docker build -t docker-doctor .
#   docker run -d --name docker-doctor --restart always --env-file /etc/docker-doctor/env -e TZ=Europe/Berlin \
#     -v /var/run/docker.sock:/var/run/docker.sock \
#     -v /:/host:ro,rslave \
#     -v docker-doctor-state:/var/lib/docker-doctor \
#     -p 3000:3000 docker-doctor
#
# The three mounts:
#   /var/run/docker.sock   the daemon to diagnose (DOCKER_HOST's default). Access to it is root on the host.
#   /host (read-only)      the host's root: daemon.json, docker.service, logs, data roots on disk (DOCTOR_HOST_ROOT).
#                          rslave lets a disk mounted on the host later show up here too.
#   /var/lib/docker-doctor incidents, audit log, last known good (DOCTOR_STATE_DIR): keep it across upgrades.
# -p 3000 is needed only in HTTP mode (Slack must reach POST /slack/events) and for GET /metrics; Socket Mode
# needs no open port. Steps that change the host (restart Docker, edit daemon.json, apt-mark, mount) need the
# systemd install: see README.
#
# Three stages: `build` (Maven makes the jar), `runtime` (the jar on a Java runtime), and the default last one,
# `runtime` with journalctl added, so journal-only hosts are read from the container too. `--target runtime` gives
# the image without journalctl (for a base with no apt-get; CI builds it so, on bases made locally: no registry).

# Any image with Maven 3.8.6+ and a JDK 17+.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
# Any image with Java 17+ on PATH as `java` (and apt-get, for the last stage).
ARG BASE_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /build
COPY pom.xml LICENSE CHANGELOG.md ./
COPY deploy ./deploy
COPY src ./src
RUN ["mvn", "-B", "-q", "package", "-DskipTests"]

FROM ${BASE_IMAGE} AS runtime
COPY --from=build /build/target/docker-doctor.jar /app/docker-doctor.jar
# the JVM flags of a small resident bot, the same file the systemd unit passes (bench/footprint.sh measures them)
COPY deploy/jvm.options /app/jvm.options

# It runs as root (the base image's user), on purpose: the Docker socket and the host's logs (/var/log/syslog is
# root:adm 0640) need it, and the socket makes any user root-equivalent anyway.
# The host is seen under /host; serve always keeps state, here in the volume below.
ENV DOCTOR_HOST_ROOT=/host \
    DOCTOR_STATE_DIR=/var/lib/docker-doctor
VOLUME ["/var/lib/docker-doctor"]

# DOCTOR_PORT's default: POST /slack/events (HTTP mode), GET /healthz and GET /metrics (both modes).
EXPOSE 3000

# A minimal image has no curl: a lean JVM (no picocli, no logging, C1 only) asks GET /healthz on
# 127.0.0.1:$DOCTOR_PORT and exits 0 or 1: 0.08 s of CPU and 38 MB, where `java -jar ... healthcheck` took 0.85 s
# and 82 MB. /healthz never fails because Docker is down: that is when the bot is needed.
HEALTHCHECK --interval=30s --timeout=10s --start-period=40s --retries=3 \
    CMD ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx16m", "-cp", "/app/docker-doctor.jar", "dev.dockerdoctor.app.Healthz"]

ENTRYPOINT ["java", "@/app/jvm.options", "-jar", "/app/docker-doctor.jar"]
# `docker run ... docker-doctor diagnose --json` runs a one-off diagnosis instead; `... check` checks the settings.
CMD ["serve"]

FROM runtime AS runtime-with-journalctl
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends systemd >/dev/null \
    && rm -rf /var/lib/apt/lists/*
