# docker-doctor as a container. Build the jar first, then the image (no Maven, no RUN step, no network needed):
#
#   mvn -B -q package -DskipTests
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
# -p 3000 is needed only in HTTP mode (Slack must reach POST /slack/events); Socket Mode needs no open port.
# Steps that change the host (restart Docker, edit daemon.json, apt-mark, mount) need the systemd install: see README.

# Any image with Java 17+ on PATH as `java`. Tests pass a locally made one (there is no registry in CI).
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}

COPY target/docker-doctor.jar /app/docker-doctor.jar

# It runs as root (the base image's user), on purpose: the Docker socket and the host's logs (/var/log/syslog is
# root:adm 0640) need it, and the socket makes any user root-equivalent anyway.
# The host is seen under /host; serve always keeps state, here in the volume below.
ENV DOCTOR_HOST_ROOT=/host \
    DOCTOR_STATE_DIR=/var/lib/docker-doctor
VOLUME ["/var/lib/docker-doctor"]

# DOCTOR_PORT's default: POST /slack/events (HTTP mode) and GET /healthz (both modes).
EXPOSE 3000

# A minimal image has no curl: the jar asks its own GET /healthz on 127.0.0.1:$DOCTOR_PORT and exits 0 or 1.
# /healthz never fails because Docker is down: that is when the bot is needed.
HEALTHCHECK --interval=30s --timeout=10s --start-period=40s --retries=3 \
    CMD ["java", "-jar", "/app/docker-doctor.jar", "healthcheck"]

ENTRYPOINT ["java", "-jar", "/app/docker-doctor.jar"]
# `docker run ... docker-doctor diagnose --json` runs a one-off diagnosis instead.
CMD ["serve"]
