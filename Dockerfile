# syntax=docker/dockerfile:1

# ---- build: the same wrapper command as a local build --------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
# ~/.m2 (the Maven distribution the wrapper fetches, and the dependencies) is a BuildKit cache,
# so a rebuild after a code change downloads nothing.
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw && ./mvnw -B -DskipTests package

# ---- runtime: JRE only, non-root -----------------------------------------------------------
FROM eclipse-temurin:17-jre
# curl is not part of the JRE image; the health checks below and in docker-compose.yml use it.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
# A system user of its own (uid 10001: the Ubuntu base already has "ubuntu" at 1000). /app is the
# working directory, so the embedded mode's ./data lands in /app/data, which the user can write.
RUN groupadd --system --gid 10001 siteassist \
    && useradd --system --uid 10001 --gid siteassist --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin siteassist \
    && mkdir -p /app/data \
    && chown -R siteassist:siteassist /app
WORKDIR /app
COPY --from=build --chown=siteassist:siteassist /src/server/target/siteassist-server.jar /app/siteassist-server.jar
USER siteassist:siteassist

# 8080: the HTTP API; 8081: the Actuator (/actuator/health, metrics)
EXPOSE 8080 8081
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=6 \
    CMD curl -fsS -o /dev/null http://localhost:8081/actuator/health || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/siteassist-server.jar"]
