package dev.workflowrun.domain.scenario;

/** The one rule for paths inside a repository: relative, no {@code ..}, no control characters. */
public final class ScenarioPaths {

    private ScenarioPaths() {
    }

    public static void requireRelative(String what, String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException(what + " '" + path + "' is absolute; give a path relative to the repository root, e.g. scenarios/release-test.yaml");
        }
        for (String segment : path.split("[/\\\\]")) {
            if (segment.equals("..")) {
                throw new IllegalArgumentException(what + " '" + path + "' contains '..'; it must stay inside the repository");
            }
        }
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) < 0x20 || path.charAt(i) == 0x7f) {
                throw new IllegalArgumentException(what + " contains a control character");
            }
        }
    }
}
