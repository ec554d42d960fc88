package dev.workflowrun.runner.deploy;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the packaged jar can do with nothing but its own classpath. On EKS the runner's pod gets
 * its AWS identity from IRSA: a projected service-account token file and a role ARN, exchanged at
 * STS with {@code AssumeRoleWithWebIdentity}. The SDK's default chain does that only if the
 * {@code sts} module is in the jar (it is loaded by reflection and silently skipped when absent;
 * the test classpath has it anyway, through the S3 test server). So a probe runs in a separate
 * JVM on the jar plus the probe's own class, against a local STS endpoint on the loopback.
 */
class RunnableJarIT {

    private static final String RESPONSE = """
            <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleWithWebIdentityResult>
                <SubjectFromWebIdentityToken>system:serviceaccount:nightly:workflow-run</SubjectFromWebIdentityToken>
                <AssumedRoleUser>
                  <Arn>arn:aws:sts::123456789012:assumed-role/workflow-run-results/workflow-run</Arn>
                  <AssumedRoleId>AROAEXAMPLE:workflow-run</AssumedRoleId>
                </AssumedRoleUser>
                <Credentials>
                  <SessionToken>FwoGZXIvYXdzEXAMPLESESSION</SessionToken>
                  <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY</SecretAccessKey>
                  <Expiration>2099-01-01T00:00:00Z</Expiration>
                  <AccessKeyId>ASIAWEBIDENTITYTEST</AccessKeyId>
                </Credentials>
                <Audience>sts.amazonaws.com</Audience>
              </AssumeRoleWithWebIdentityResult>
              <ResponseMetadata><RequestId>7c4a1d3e-0000-4000-8000-000000000001</RequestId></ResponseMetadata>
            </AssumeRoleWithWebIdentityResponse>
            """;

    @Test
    void theJarsHelpIsTheWrittenHelpAndADefaultFromTheEnvironmentStillShows() throws Exception {
        Path jar = Path.of("target", "workflow-run.jar");
        assertThat(jar).as("the runnable jar (built in the package phase)").isRegularFile();
        Path written = Path.of("target", "classes", "dev", "workflowrun", "runner", "help", "run.txt");

        assertThat(runJar(jar, Map.of(), "run", "--help")).isEqualTo(Files.readString(written));
        assertThat(runJar(jar, Map.of("WORKFLOW_RUN_LOG_FORMAT", "json"), "run", "--help"))
                .contains("text, or one JSON object a line. Default: json.")
                .isEqualTo(Files.readString(written).replace("one JSON object a line. Default: text.", "one JSON object a line. Default: json."));
    }

    private static String runJar(Path jar, Map<String, String> environment, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-jar", jar.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("WORKFLOW_RUN_"));
        pb.environment().putAll(environment);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", args)).isZero();
        return out;
    }

    @Test
    void aWebIdentityTokenFileAndARoleArnResolveThroughTheJarsDefaultChain(@TempDir Path dir) throws Exception {
        Path jar = Path.of("target", "workflow-run.jar");
        assertThat(jar).as("the runnable jar (built in the package phase)").isRegularFile();
        Path token = dir.resolve("token");
        Files.writeString(token, "eyJhbGciOiJSUzI1NiJ9.projected-service-account-token.sig");
        List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
        HttpServer sts = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sts.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = new HashMap<>();
            for (String pair : body.split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            requests.add(form);
            byte[] out = RESPONSE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        sts.start();
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java,
                    "-Daws.webIdentityTokenFile=" + token,
                    "-Daws.roleArn=arn:aws:iam::123456789012:role/workflow-run-results",
                    "-Daws.roleSessionName=workflow-run",
                    "-Daws.region=us-east-2",
                    "-Daws.endpointUrlSts=http://" + sts.getAddress().getHostString() + ":" + sts.getAddress().getPort(),
                    "-cp", jar.toAbsolutePath() + File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath(),
                    WebIdentityProbe.class.getName());
            // Nothing from this machine's own AWS set-up may answer instead of the web identity.
            pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
            pb.environment().put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
            pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
            pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
            pb.redirectErrorStream(true);
            Process probe = pb.start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(out).contains("accessKeyId=ASIAWEBIDENTITYTEST", "session=true");
            assertThat(requests).first().satisfies(r -> assertThat(r)
                    .containsEntry("Action", "AssumeRoleWithWebIdentity")
                    .containsEntry("RoleArn", "arn:aws:iam::123456789012:role/workflow-run-results")
                    .containsEntry("WebIdentityToken", "eyJhbGciOiJSUzI1NiJ9.projected-service-account-token.sig"));
        } finally {
            sts.stop(0);
        }
    }
}
