package dev.workflowrun.runner.flags;

import dev.workflowrun.domain.variables.RunId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The default {@code --run-id}. A CronJob retry must reuse the run id of the attempt it retries,
 * so that it adopts that attempt's Workflow (invariant 7): the id is derived from the Job's name
 * (stable across the Job's pods), passed in through the downward API as {@value #JOB_NAME_ENV}.
 * Failing that, inside a cluster, from the pod name with the pod's random suffix removed; outside
 * one, it is generated.
 */
public final class RunIds {

    /** Set in deploy/base/cronjob.yaml from the pod label {@code job-name}. */
    public static final String JOB_NAME_ENV = "WORKFLOW_RUN_JOB_NAME";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {
    }

    public static RunId defaultFor(String scenario, Map<String, String> env, Instant now) {
        int room = RunId.MAX_LABEL - scenario.length() - 1;
        Optional<String> job = Optional.ofNullable(env.get(JOB_NAME_ENV)).filter(s -> !s.isBlank());
        if (job.isPresent()) {
            return new RunId(fit(job.get(), room));
        }
        String host = env.get("HOSTNAME");
        if (env.containsKey("KUBERNETES_SERVICE_HOST") && host != null && host.matches(".+-[a-z0-9]{5}")) {
            // A Job's pod is named <job name>-<5 random characters>.
            return new RunId(fit(host.substring(0, host.length() - 6), room));
        }
        byte[] suffix = new byte[2];
        RANDOM.nextBytes(suffix);
        return new RunId(fit(STAMP.format(now) + "-" + HexFormat.of().formatHex(suffix), room));
    }

    /** Makes a DNS-1123 label of at most {@code room} characters; keeps the tail (where the unique part is) plus a hash when cut. */
    static String fit(String text, int room) {
        String label = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-+", "-").replaceAll("^-|-$", "");
        if (label.isEmpty()) {
            label = "run";
        }
        if (label.length() <= room) {
            return label;
        }
        String hash = sha(text).substring(0, 6);
        int keep = Math.max(1, room - hash.length() - 1);
        String tail = label.substring(label.length() - keep).replaceAll("^-+", "");
        return hash + "-" + tail;
    }

    private static String sha(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
