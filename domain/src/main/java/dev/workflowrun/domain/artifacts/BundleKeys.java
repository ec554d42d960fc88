package dev.workflowrun.domain.artifacts;

/**
 * Object keys and file names of a bundle: relative, {@code /}-separated, no empty or {@code .}/{@code ..}
 * segments, no control characters. Names built from cluster data go through {@link #segment}.
 */
public final class BundleKeys {

    private BundleKeys() {
    }

    public static String requireSafe(String name) {
        if (name == null || name.isEmpty() || name.length() > 512) {
            throw new IllegalArgumentException("a bundle file name must have 1 to 512 characters");
        }
        if (name.startsWith("/") || name.endsWith("/")) {
            throw new IllegalArgumentException("bundle file name '" + name + "' must be relative and name a file");
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("bundle file name '" + name + "' has an empty, '.' or '..' segment");
            }
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw new IllegalArgumentException("bundle file name has a control character or a backslash");
            }
        }
        return name;
    }

    /** Makes one path segment out of untrusted text (a pod or container name): safe characters only. */
    public static String segment(String text) {
        String cleaned = text.replaceAll("[^A-Za-z0-9._-]", "_");
        if (cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..")) {
            cleaned = "_" + cleaned;
        }
        return cleaned.length() > 200 ? cleaned.substring(0, 200) : cleaned;
    }
}
