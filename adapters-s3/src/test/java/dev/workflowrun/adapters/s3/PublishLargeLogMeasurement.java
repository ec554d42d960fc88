package dev.workflowrun.adapters.s3;

import dev.workflowrun.domain.artifacts.BundleFile;
import dev.workflowrun.domain.artifacts.BundleLocation;
import dev.workflowrun.domain.artifacts.Content;
import dev.workflowrun.domain.artifacts.PublishedBundle;
import dev.workflowrun.domain.artifacts.RunBundle;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes one large log (default 100 MiB) to S3Proxy on 127.0.0.1 (filesystem backend) and prints wall time
 * and peak heap. Run it with a small heap to show the upload streams:
 * {@code java -Xmx64m -cp <test classpath> dev.workflowrun.adapters.s3.PublishLargeLogMeasurement [MiB]}.
 * The server runs in the same JVM, so the heap figures include it.
 */
public final class PublishLargeLogMeasurement {

    private static final int MIB = 1024 * 1024;

    private PublishLargeLogMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path work = Files.createTempDirectory("publish-measurement");
        Path log = writeLog(work.resolve("main.log"), mib);
        Files.createDirectories(work.resolve("store"));
        try (S3ProxyServer server = S3ProxyServer.onDisk(work.resolve("store"))) {
            String bucket = server.createBucket();
            var store = ArtifactStores.s3(server.config(bucket).withTotalTimeout(java.time.Duration.ofMinutes(5)),
                    S3ProxyServer.credentials());
            RunBundle bundle = RunBundle.builder()
                    .add(new BundleFile("logs/pod-a/main.log", "text/plain; charset=utf-8", Content.ofFile(log)))
                    .build("{\"outcome\":\"PASSED\"}");
            BundleLocation location = new BundleLocation("nightly/measure/run-1/");

            System.gc();
            List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            long gcBefore = gcCount();
            HeapSampler sampler = HeapSampler.start();

            long start = System.nanoTime();
            PublishedBundle published = store.publish(location, bundle);
            long elapsedNanos = System.nanoTime() - start;

            long sampledPeak = sampler.stop();
            long poolPeaks = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long stored = server.client().headObject(b -> b.bucket(bucket).key(location.prefix() + "logs/pod-a/main.log"))
                    .contentLength();
            double seconds = elapsedNanos / 1e9;
            System.out.printf("published %d file(s), %d bytes to %s%n", published.files(), published.bytes(), published.uri());
            System.out.printf("stored object size: %d bytes (expected %d)%n", stored, Files.size(log));
            System.out.printf("max heap (-Xmx): %d MiB%n", Runtime.getRuntime().maxMemory() / MIB);
            System.out.printf("wall time: %.2f s (%.1f MiB/s)%n", seconds, mib / seconds);
            System.out.printf("peak heap used, sampled every 5 ms: %.1f MiB%n", sampledPeak / (double) MIB);
            System.out.printf("peak heap used, sum of heap pool peaks (upper bound): %.1f MiB%n", poolPeaks / (double) MIB);
            System.out.printf("GC collections during publication: %d%n", gcCount() - gcBefore);
        } finally {
            deleteTree(work);
        }
    }

    /** Log-like text, written a line at a time so the generator itself holds no big buffer. */
    private static Path writeLog(Path file, int mib) throws IOException {
        Random random = new Random(42);
        long target = (long) mib * MIB;
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            long written = 0;
            StringBuilder line = new StringBuilder(160);
            while (written < target) {
                line.setLength(0);
                line.append("2026-11-29T03:00:").append(written % 60).append("Z step=").append(random.nextInt(1000))
                        .append(" value=").append(Long.toHexString(random.nextLong())).append(" status=ok\n");
                byte[] bytes = line.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                int n = (int) Math.min(bytes.length, target - written);
                out.write(bytes, 0, n);
                written += n;
            }
        }
        return file;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Samples used heap on a daemon thread; the largest sample is a lower bound of the true peak. */
    private static final class HeapSampler {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        private HeapSampler() {
            thread = new Thread(() -> {
                var memory = ManagementFactory.getMemoryMXBean();
                while (running) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
                }
            }, "heap-sampler");
            thread.setDaemon(true);
        }

        static HeapSampler start() {
            HeapSampler sampler = new HeapSampler();
            sampler.thread.start();
            return sampler;
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return peak.get();
        }
    }
}
