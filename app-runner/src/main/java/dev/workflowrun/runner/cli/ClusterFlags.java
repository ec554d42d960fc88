package dev.workflowrun.runner.cli;

import dev.workflowrun.runner.wiring.ClusterAccess;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** How to reach the cluster and how to read a Workflow's outcome there. */
public final class ClusterFlags {

    @Option(names = "--kubeconfig", paramLabel = "<file>", order = 30,
            description = "Kubeconfig file. Default: the pod's service account in a cluster, else $KUBECONFIG or ~/.kube/config.")
    Optional<Path> kubeconfig;

    @Option(names = "--kube-context", paramLabel = "<context>", order = 31, description = "Kubeconfig context. Default: the current one.")
    Optional<String> context;


    public ClusterAccess access() {
        return ClusterAccess.connecting(kubeconfig, context);
    }


}
