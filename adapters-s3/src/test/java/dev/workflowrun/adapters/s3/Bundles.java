package dev.workflowrun.adapters.s3;

import dev.workflowrun.domain.artifacts.BundleFile;
import dev.workflowrun.domain.artifacts.Content;
import dev.workflowrun.domain.artifacts.RunBundle;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

/** Bundles and contents for the store tests. */
final class Bundles {

    private Bundles() {
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** A small bundle shaped like a real one, with a binary log so byte-identity means something. */
    static RunBundle typical() {
        return RunBundle.builder()
                .add(BundleFile.text("orchestrator.log", "09:00 fetched\n09:01 applied\n"))
                .add(BundleFile.yaml("workflow.yaml", "kind: Workflow\nmetadata:\n  name: nightly\n"))
                .add(BundleFile.json("pods.json", "{\"items\":[]}"))
                .add(new BundleFile("logs/pod-a/main.log", "text/plain; charset=utf-8", Content.ofBytes(randomBytes(70_000, 1))))
                .add(BundleFile.yaml("rendered.yaml", "apiVersion: chaos-mesh.org/v1alpha1\n"))
                .build("{\"outcome\":\"PASSED\"}");
    }

    /** Content that hands out {@code goodBytes} bytes and then fails, as a disk error or a killed source would. */
    static Content failingAfter(long size, int goodBytes) {
        return new Content() {
            @Override
            public InputStream open() {
                return new InputStream() {
                    private int served;

                    @Override
                    public int read() throws IOException {
                        if (served >= goodBytes) {
                            throw new IOException("source failed after " + served + " bytes");
                        }
                        served++;
                        return 'x';
                    }
                };
            }

            @Override
            public long size() {
                return size;
            }
        };
    }

    /** Content that runs an action when the store opens it: a way to act at a precise point of a publication. */
    static Content onOpen(byte[] bytes, Runnable action) {
        Content delegate = Content.ofBytes(bytes);
        return new Content() {
            @Override
            public InputStream open() throws IOException {
                action.run();
                return delegate.open();
            }

            @Override
            public long size() {
                return delegate.size();
            }
        };
    }
}
