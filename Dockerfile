# workflow-run as a small JRE image for the CronJob in deploy/.
# Build from the repository root (no Docker engine on the development machines: this file is checked by
# DockerfileTest, not built by the test suite):
#   docker build --build-arg GIT_COMMIT=$(git rev-parse HEAD) --build-arg CREATED=$(date -u +%Y-%m-%dT%H:%M:%SZ) -t workflow-run:0.1.0 .

# Base images pinned by digest (tag kept for people); refresh both with `crane digest <tag>` and review the change.
FROM maven:3.9-eclipse-temurin-17@sha256:a8746f15d5bb26b5b8bacb056cc76211553850f4c71d16aff845cfa004cbc197 AS build
WORKDIR /src
# POMs first, so dependency resolution is cached apart from source changes.
COPY pom.xml ./
COPY domain/pom.xml domain/
COPY adapters-git/pom.xml adapters-git/
COPY adapters-k8s/pom.xml adapters-k8s/
COPY adapters-s3/pom.xml adapters-s3/
COPY testkit/pom.xml testkit/
COPY app-runner/pom.xml app-runner/
COPY app-survey/pom.xml app-survey/
RUN mvn -B -q -pl app-runner -am dependency:go-offline -DexcludeArtifactIds=domain,adapters-git,adapters-k8s,adapters-s3,testkit || true
COPY . .
# The commit goes into the jar (build.properties, the manifest's Build-Commit) from .git when the context has it,
# else from --build-arg GIT_COMMIT=$(git rev-parse HEAD).
# The build's JDK is not the image's: its class-data archive would not map there, so it is skipped here.
ARG GIT_COMMIT=unknown
RUN mvn -B -q -pl app-runner -am package -DskipTests -Dskip.cds $([ -e .git ] || echo "-Dmaven.gitcommitid.skip=true -Dgit.commit.id=${GIT_COMMIT}")

# The class-data archive, written at image build time by the image's own JVM: one sandbox run (no
# cluster, no network) loads the whole run path and lists the classes it loaded; -Xshare:dump then writes
# a static archive of them (only a static archive holds picocli's Java 5 class files; app-runner/pom.xml
# does the same for bin/workflow-run). The archive names the jar by path, so it is made where the jar
# will be. Exec form: distroless has no shell.
FROM gcr.io/distroless/java17-debian12:nonroot@sha256:06484c2a9dcc9070aeafbc0fe752cb9f73bc0cea5c311f6a516e9010061998ad AS cds
WORKDIR /app
COPY --from=build --chown=65532:65532 /src/app-runner/target/workflow-run.jar /app/workflow-run.jar
USER 65532:65532
RUN ["java", "-XX:DumpLoadedClassList=/tmp/workflow-run.classlist", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", \
     "-jar", "/app/workflow-run.jar", "sandbox", "--speed=1000", "--run-id=cds-training", "--runs-dir=/tmp/cds-training-runs"]
RUN ["java", "-Xshare:dump", "-XX:SharedClassListFile=/tmp/workflow-run.classlist", "-XX:SharedArchiveFile=/app/workflow-run.jsa", \
     "-cp", "/app/workflow-run.jar"]

# Distroless Java 17: a JRE, CA certificates and a non-root user, no shell or package manager.
FROM gcr.io/distroless/java17-debian12:nonroot@sha256:06484c2a9dcc9070aeafbc0fe752cb9f73bc0cea5c311f6a516e9010061998ad
ARG GIT_COMMIT=unknown
ARG VERSION=0.1.0
# When the image was built (RFC 3339); left "unknown" rather than stamped here, so a rebuild of the same commit is the same image.
ARG CREATED=unknown
# The repository the image is built from (ghcr.io links the package to it by this label); given at build time
# (--build-arg SOURCE=<repository URL>), "unknown" when it is not.
ARG SOURCE=unknown
LABEL org.opencontainers.image.title="workflow-run" \
      org.opencontainers.image.description="Typed runner for Chaos Mesh Workflows run from Kubernetes CronJobs" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${GIT_COMMIT}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.base.name="gcr.io/distroless/java17-debian12:nonroot"
COPY --from=cds /app/workflow-run.jar /app/workflow-run.jar
COPY --from=cds /app/workflow-run.jsa /app/workflow-run.jsa
USER 65532:65532
# java is PID 1: the JVM installs its own SIGTERM handler, which the runner replaces with its own
# (abort, capture, clean up, publish within --signal-grace, exit 4).
# The JVM's options are here, not in JDK_JAVA_OPTIONS or JAVA_TOOL_OPTIONS, which make the JVM print a
# "Picked up ..." line on stderr (the one non-JSON line of a JSON log). The heap follows the container's
# memory limit (half of it: 192Mi of deploy/'s 384Mi); DeployManifestsTest checks the sum fits.
# The archive only maps if the jar is the one it was made from (same path, size and time; COPY keeps them).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:MaxMetaspaceSize=96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", \
            "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-XX:SharedArchiveFile=/app/workflow-run.jsa", \
            "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", "/app/workflow-run.jar"]
CMD ["--help"]
