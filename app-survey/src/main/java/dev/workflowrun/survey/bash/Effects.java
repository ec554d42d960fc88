package dev.workflowrun.survey.bash;

import dev.workflowrun.survey.bash.Effect.Action;
import dev.workflowrun.survey.bash.Effect.Target;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads each command of a wrapper as an {@link Effect}: what it touches (the Workflow, its nodes and pods,
 * another cluster object, another service, the bucket, local files) and how (read, create, mutate, delete).
 * The tables below are about tools, not about any one team's wrappers: a command nobody here can read is
 * {@link Target#UNKNOWN}, never guessed.
 */
public final class Effects {

    /** Commands that only compute values or touch the container's own files and processes. */
    static final Set<String> LOCAL = Set.of("set", "shopt", "export", "local", "declare", "typeset", "readonly", "echo", "printf",
            "date", "mkdir", "mktemp", "exec", "tee", "sleep", "trap", ":", "[", "[[", "test", "true", "false", "exit", "return",
            "break", "continue", "rm", "rmdir", "cat", "tr", "grep", "egrep", "fgrep", "wc", "cd", "pushd", "popd", "shift", "unset",
            "jq", "yq", "sort", "uniq", "head", "tail", "basename", "dirname", "cp", "mv", "touch", "wait", "sed", "awk", "gawk",
            "mawk", "cut", "paste", "od", "openssl", "uuidgen", "sha256sum", "sha1sum", "sha512sum", "md5sum", "cksum", "base64",
            "xxd", "hexdump", "tar", "gzip", "gunzip", "zcat", "zip", "unzip", "seq", "expr", "bc", "let", "read", "printenv", "id",
            "hostname", "whoami", "uname", "ls", "find", "stat", "realpath", "readlink", "chmod", "chown", "ln", "column", "fold",
            "rev", "tac", "nl", "diff", "cmp", "comm", "join", "split", "csplit", "logger", "type", "which", "getopts", "ulimit",
            "umask", "kill", "pgrep", "ps", "tput", "stty", "alias", "sync", "du", "df", "file", "mkfifo", "install", "truncate",
            "shuf", "numfmt", "envsubst", "caller", "hash", "sum", "pwd", "dd", "iconv", "fmt", "pr", "yes");
    /** Commands that run their arguments as another command. */
    static final Set<String> PREFIXES = Set.of("timeout", "env", "nice", "nohup", "time", "command", "builtin", "sudo", "xargs",
            "stdbuf", "retry");
    private static final Set<String> WORKFLOW_KINDS = Set.of("workflow", "workflows", "wf", "workflow.chaos-mesh.org",
            "workflows.chaos-mesh.org");
    private static final Set<String> NODE_KINDS = Set.of("workflownode", "workflownodes", "wfn", "workflownodes.chaos-mesh.org");
    private static final Set<String> POD_KINDS = Set.of("pod", "pods", "po");
    private static final Set<String> KUBECTL_VALUE_OPTIONS = Set.of("-n", "--namespace", "-l", "--selector", "-o", "--output", "-f",
            "--filename", "--context", "-c", "--container", "-p", "--patch", "--type", "--timeout", "--for", "--field-selector",
            "--kubeconfig", "--replicas", "--cluster", "--user", "-L", "--sort-by", "--template", "-k");
    private static final Set<String> KUBECTL_READS = Set.of("get", "describe", "logs", "wait", "top", "events", "explain",
            "api-resources", "api-versions", "version", "cluster-info", "auth", "config", "diff", "port-forward");
    private static final Set<String> KUBECTL_EXEC = Set.of("exec", "cp", "attach", "run", "debug");
    private static final Set<String> KUBECTL_MUTATE = Set.of("patch", "scale", "label", "annotate", "set", "edit", "taint", "cordon",
            "uncordon", "drain", "autoscale", "expose", "replace", "rollout");

    private final BashScript script;
    private final Set<String> producedFiles = new HashSet<>();
    /** How the wrapper writes the Workflow's name where kubectl names it ({@code ${WF}}, {@code $NAME}). */
    private final Set<String> workflowNames = new HashSet<>();

    public Effects(BashScript script) {
        this.script = script;
        for (Step s : script.steps()) {
            if (s.name().equals("kubectl")) {
                List<String> w = positional(s);
                String object = w.size() > 1 ? w.get(1) : "";
                String kind = object.contains("/") ? object.substring(0, object.indexOf('/')) : object;
                if (WORKFLOW_KINDS.contains(kind.toLowerCase(Locale.ROOT))) {
                    String n = object.contains("/") ? object.substring(object.indexOf('/') + 1) : w.size() > 2 ? w.get(2) : "";
                    if (n.contains("$")) {
                        workflowNames.add(n.replaceAll("[{}\"]", ""));
                    }
                }
            }
            if (!s.stdout().isEmpty()) {
                producedFiles.add(s.stdout());
            }
            for (String o : List.of("-o", "-O", "--output", "--output-document")) {
                String v = s.option(o);
                if (!v.isEmpty() && !s.name().equals("kubectl")) {
                    producedFiles.add(v);
                }
            }
        }
    }

    /** The effect of one command (a function's name is {@link Target#LOCAL}: its body's commands carry the effects). */
    public Effect of(Step s) {
        String name = s.name();
        if (script.functions().containsKey(name)) {
            return Effect.local();
        }
        if (PREFIXES.contains(name)) {
            List<String> rest = unprefixed(s);
            return rest.isEmpty() ? Effect.local() : of(s.running(rest));
        }
        if (LOCAL.contains(name) || name.startsWith("((") || name.startsWith("/dev/") || name.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            return Effect.local();
        }
        return switch (name) {
            case "kubectl", "oc" -> kubectl(s);
            case "curl", "wget", "http", "https" -> http(s);
            case "gh" -> gh(s);
            case "git" -> git(s);
            case "aws" -> aws(s);
            case "gsutil", "s5cmd", "mc", "rclone", "azcopy" -> objectStore(s);
            case "helm" -> helm(s);
            case "ssh", "scp", "rsync" -> new Effect(Target.SERVICE, Action.MUTATE, name + " to another host");
            case "source", "." -> Effect.unknown("sources " + (s.args().isEmpty() ? "a file" : s.args().get(0))
                    + ": its commands are not in the wrapper");
            case "eval" -> Effect.unknown("eval runs text built at run time");
            default -> Effect.unknown("`" + name + "` is not a command the survey knows");
        };
    }

    private static List<String> unprefixed(Step s) {
        List<String> a = s.args();
        int i = 0;
        while (i < a.size() && (a.get(i).startsWith("-") || a.get(i).matches("[0-9.]+[smhd]?") || a.get(i).contains("="))) {
            i++;
        }
        List<String> out = new ArrayList<>();
        if (i < a.size()) {
            out.addAll(a.subList(i, a.size()));
        }
        return out;
    }

    /** kubectl's words that are not options or option values, up to a {@code --}. */
    public static List<String> positional(Step s) {
        List<String> out = new ArrayList<>();
        List<String> a = s.args();
        for (int i = 0; i < a.size(); i++) {
            String w = a.get(i);
            if (w.equals("--")) {
                break;
            }
            if (w.startsWith("-")) {
                if (!w.contains("=") && i + 1 < a.size() && KUBECTL_VALUE_OPTIONS.contains(w)) {
                    i++;
                }
                continue;
            }
            out.add(w);
        }
        return out;
    }

    private Effect kubectl(Step s) {
        List<String> words = positional(s);
        String verb = words.isEmpty() ? "" : words.get(0);
        String object = words.size() > 1 ? words.get(1) : "";
        if (verb.equals("rollout") && words.size() > 1) {
            return words.get(1).equals("status") || words.get(1).equals("history")
                    ? new Effect(Target.CLUSTER_OTHER, Action.READ, words.size() > 2 ? words.get(2) : "")
                    : new Effect(Target.CLUSTER_OTHER, Action.MUTATE, "rollout " + String.join(" ", words.subList(1, words.size())));
        }
        if (verb.equals("wait")) {
            // the object is the first positional after the verb, in any order with --for
            object = words.size() > 1 ? words.get(1) : "";
        }
        Target target = target(s, verb, object);
        String what = object.isEmpty() ? s.option("-f") : object;
        if (KUBECTL_READS.contains(verb)) {
            return new Effect(verb.equals("logs") && target == Target.CLUSTER_OTHER && !object.contains("=") && !s.has("-l")
                    ? Target.WORKFLOW_CHILDREN : target, Action.READ, what);
        }
        if (KUBECTL_EXEC.contains(verb)) {
            return new Effect(Target.CLUSTER_OTHER, Action.MUTATE, verb + " into " + (object.isEmpty() ? "a pod" : object));
        }
        return switch (verb) {
            case "apply", "create" -> new Effect(applies(s, words), Action.CREATE, what);
            case "delete" -> new Effect(target, Action.DELETE, what);
            case "annotate" -> new Effect(target, Action.MUTATE, s.args().stream().anyMatch(a -> a.contains("abort")) ? "abort" : what);
            default -> KUBECTL_MUTATE.contains(verb) ? new Effect(target, Action.MUTATE, verb + " " + what)
                    : Effect.unknown("kubectl " + verb + " is not a verb the survey knows");
        };
    }

    /** What a kubectl command's object is: the run's Workflow, its nodes and pods, or something else. */
    private Target target(Step s, String verb, String object) {
        String kind = object.contains("/") ? object.substring(0, object.indexOf('/')) : object;
        kind = kind.toLowerCase(Locale.ROOT);
        String selector = s.option("-l").isEmpty() ? s.option("--selector") : s.option("-l");
        if (WORKFLOW_KINDS.contains(kind)) {
            return Target.WORKFLOW;
        }
        if (NODE_KINDS.contains(kind)) {
            return Target.WORKFLOW_CHILDREN;
        }
        if (POD_KINDS.contains(kind) && selector.contains("chaos-mesh.org/workflow")) {
            return Target.WORKFLOW_CHILDREN;
        }
        if (Set.of("configmap", "configmaps", "cm", "secret", "secrets").contains(kind)) {
            List<String> w = positional(s);
            String n = w.size() > 2 ? w.get(2).replaceAll("[{}\"]", "") : "";
            if (workflowNames.stream().anyMatch(n::contains)) {
                return Target.WORKFLOW_CHILDREN; // the run's own per-run object, named after the Workflow
            }
        }
        if (kind.isEmpty() && (verb.equals("delete") || verb.equals("get")) && isWorkflowFile(s.option("-f"))) {
            return Target.WORKFLOW;
        }
        return Target.CLUSTER_OTHER;
    }

    /** An apply or create: of the Workflow when its input is the rendered scenario, else of another object. */
    private Target applies(Step s, List<String> words) {
        if (words.size() > 1 && !words.get(1).isEmpty()) {
            String kind = words.get(1).toLowerCase(Locale.ROOT);
            return WORKFLOW_KINDS.contains(kind) ? Target.WORKFLOW : Target.CLUSTER_OTHER; // create configmap/secret/...
        }
        if (!s.heredoc().isEmpty()) {
            return s.heredoc().matches("(?s).*\\bkind:\\s*Workflow\\b.*") ? Target.WORKFLOW : Target.CLUSTER_OTHER;
        }
        String file = s.option("-f").isEmpty() ? s.option("--filename") : s.option("-f");
        if (file.equals("-") || s.pipeline() > 1 || file.isEmpty() && !s.stdin().isEmpty()) {
            return Target.WORKFLOW;
        }
        return isWorkflowFile(file) ? Target.WORKFLOW : Target.CLUSTER_OTHER;
    }

    private boolean isWorkflowFile(String file) {
        if (file.isEmpty() || file.startsWith("http")) {
            return false;
        }
        if (producedFiles.contains(file)) {
            return true;
        }
        // a file none of the wrapper's commands wrote: the Workflow only when the wrapper applies nothing else it rendered
        return script.steps().stream().noneMatch(x -> x.name().equals("envsubst") && !x.stdout().isEmpty());
    }

    private Effect http(Step s) {
        String url = s.args().stream().filter(a -> a.matches("(?i)^[\"']?https?://.*|.*://.*")).findFirst()
                .orElse(s.args().stream().filter(a -> a.contains("${") && a.contains("/")).findFirst().orElse(""));
        String method = s.option("-X").isEmpty() ? s.option("--request") : s.option("-X");
        if (method.isEmpty()) {
            method = s.option("--method");
        }
        boolean sends = s.args().stream().anyMatch(a -> a.startsWith("-d") || a.startsWith("--data") || a.equals("-F")
                || a.startsWith("--form") || a.equals("-T") || a.startsWith("--upload-file") || a.startsWith("--json")
                || a.startsWith("--post-data") || a.startsWith("--post-file") || a.startsWith("--body-data"));
        String m = method.toUpperCase(Locale.ROOT);
        if (sends || m.equals("POST") || m.equals("PUT") || m.equals("PATCH") || m.equals("DELETE")) {
            return new Effect(Target.SERVICE, Action.MUTATE, (m.isEmpty() ? "POST" : m) + " " + url);
        }
        return isScenarioUrl(url) ? new Effect(Target.SCENARIO_SOURCE, Action.READ, url) : new Effect(Target.SERVICE, Action.READ, url);
    }

    static boolean isScenarioUrl(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        return u.contains("github") || u.contains("gitlab") || u.contains("bitbucket") || u.contains("/contents/")
                || u.contains("/raw/") || u.matches("(?s).*\\.ya?ml([?#\"'].*)?$");
    }

    private Effect gh(Step s) {
        List<String> a = s.args();
        String sub = a.isEmpty() ? "" : a.get(0);
        if (sub.equals("api")) {
            String method = s.option("-X").isEmpty() ? s.option("--method") : s.option("-X");
            boolean fields = a.stream().anyMatch(x -> x.equals("-f") || x.equals("-F") || x.startsWith("--field") || x.startsWith("--raw-field")
                    || x.startsWith("--input"));
            String path = "";
            for (int i = 1; i < a.size(); i++) {
                String x = a.get(i);
                if (Set.of("-H", "--header", "-q", "--jq", "-t", "--template", "-X", "--method", "--hostname", "--cache", "-p", "--preview")
                        .contains(x)) {
                    i++;
                } else if (!x.startsWith("-")) {
                    path = x;
                    break;
                }
            }
            if (fields || !method.isEmpty() && !method.equalsIgnoreCase("GET")) {
                return new Effect(Target.SERVICE, Action.MUTATE, "gh api " + path);
            }
            return path.contains("/contents/") || path.contains("/git/") || path.contains("tarball") || path.contains("zipball")
                    ? new Effect(Target.SCENARIO_SOURCE, Action.READ, path) : new Effect(Target.SERVICE, Action.READ, path);
        }
        if (sub.equals("repo") && a.size() > 1 && (a.get(1).equals("clone") || a.get(1).equals("view"))) {
            return new Effect(Target.SCENARIO_SOURCE, Action.READ, String.join(" ", a));
        }
        if (Set.of("auth", "status", "version").contains(sub)) {
            return Effect.local();
        }
        return new Effect(Target.SERVICE, Action.MUTATE, "gh " + sub);
    }

    private Effect git(Step s) {
        List<String> a = new ArrayList<>(s.args());
        while (a.size() > 1 && (a.get(0).equals("-C") || a.get(0).equals("-c"))) {
            a = a.subList(2, a.size());
        }
        while (!a.isEmpty() && a.get(0).startsWith("-")) {
            a = a.subList(1, a.size());
        }
        String sub = a.isEmpty() ? "" : a.get(0);
        return switch (sub) {
            case "push", "tag", "commit" -> sub.equals("push") ? new Effect(Target.SERVICE, Action.MUTATE, "git push") : Effect.local();
            default -> new Effect(Target.SCENARIO_SOURCE, Action.READ, "git " + sub); // init, remote, fetch, show, clone, archive...
        };
    }

    private Effect aws(Step s) {
        List<String> a = s.args().stream().filter(x -> !x.startsWith("--") || x.startsWith("--bucket")).toList();
        String service = a.isEmpty() ? "" : a.get(0);
        String op = a.size() > 1 ? a.get(1) : "";
        if (service.equals("s3")) {
            boolean toBucket = lastNonOption(s).startsWith("s3://");
            return switch (op) {
                case "cp", "sync", "mv" -> toBucket ? new Effect(Target.BUCKET, Action.CREATE, lastNonOption(s))
                        : new Effect(Target.BUCKET, Action.READ, "s3");
                case "rm", "rb" -> new Effect(Target.BUCKET, Action.DELETE, "aws s3 " + op);
                case "mb" -> new Effect(Target.BUCKET, Action.MUTATE, "aws s3 mb");
                default -> new Effect(Target.BUCKET, Action.READ, "aws s3 " + op);
            };
        }
        if (service.equals("s3api")) {
            if (op.startsWith("put-object") || op.equals("upload-part") || op.equals("complete-multipart-upload")
                    || op.equals("create-multipart-upload")) {
                return new Effect(Target.BUCKET, Action.CREATE, "s3://" + s.option("--bucket") + "/" + s.option("--key"));
            }
            return op.startsWith("get") || op.startsWith("head") || op.startsWith("list")
                    ? new Effect(Target.BUCKET, Action.READ, op) : new Effect(Target.BUCKET, Action.MUTATE, "aws s3api " + op);
        }
        if (service.equals("sts") || service.equals("configure") || op.startsWith("get") || op.startsWith("describe")
                || op.startsWith("list")) {
            return new Effect(Target.SERVICE, Action.READ, "aws " + service + " " + op);
        }
        return new Effect(Target.SERVICE, Action.MUTATE, "aws " + service + " " + op);
    }

    private static String lastNonOption(Step s) {
        String last = "";
        List<String> a = s.args();
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).startsWith("-")) {
                if (Set.of("--exclude", "--include", "--region", "--profile", "--endpoint-url", "--storage-class", "--acl",
                        "--content-type", "--sse").contains(a.get(i))) {
                    i++;
                }
                continue;
            }
            last = a.get(i);
        }
        return last;
    }

    private Effect objectStore(Step s) {
        String dest = lastNonOption(s);
        boolean remote = dest.matches("^(s3|gs|az|https?)://.*") || dest.contains(":") && !dest.startsWith("/");
        String op = s.args().stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
        if (op.equals("rm") || op.equals("delete")) {
            return new Effect(Target.BUCKET, Action.DELETE, s.name() + " " + op);
        }
        return remote && Set.of("cp", "sync", "rsync", "mv", "copy", "put").contains(op)
                ? new Effect(Target.BUCKET, Action.CREATE, dest) : new Effect(Target.BUCKET, Action.READ, s.name() + " " + op);
    }

    private Effect helm(Step s) {
        String sub = s.args().isEmpty() ? "" : s.args().get(0);
        return Set.of("list", "ls", "status", "get", "history", "template", "show", "search", "version", "lint", "repo", "dependency")
                .contains(sub) ? new Effect(Target.CLUSTER_OTHER, Action.READ, "helm " + sub)
                : new Effect(Target.CLUSTER_OTHER, Action.MUTATE, "helm " + sub);
    }
}
