# workflow-run as a small JRE image for the CronJob in deploy/.
# Build from the repository root:  docker build -t workflow-run:0.1.0 .
# The test suite does not build this image; it is kept in step with the Maven build by review.

FROM maven:3.9-eclipse-temurin-17 AS build
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
RUN mvn -B -q -pl app-runner -am package -DskipTests

# Distroless Java 17: a JRE, CA certificates and a non-root user, no shell or package manager.
FROM gcr.io/distroless/java17-debian12:nonroot
COPY --from=build /src/app-runner/target/workflow-run.jar /app/workflow-run.jar
USER 65532:65532
# java is PID 1: the JVM installs its own SIGTERM handler, which the runner replaces with its own
# (abort, capture, clean up, publish within --signal-grace, exit 4).
# The JVM's options are here, not in JDK_JAVA_OPTIONS or JAVA_TOOL_OPTIONS, which make the JVM print a
# "Picked up ..." line on stderr (the one non-JSON line of a JSON log). The heap follows the container's
# memory limit (half of it: 192Mi of deploy/'s 384Mi); DeployManifestsTest checks the sum fits.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:MaxMetaspaceSize=96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/workflow-run.jar"]
CMD ["--help"]
