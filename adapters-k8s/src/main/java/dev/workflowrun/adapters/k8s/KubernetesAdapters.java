package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.manifest.ReadManifestPort;

/** The adapters of this module, behind the domain's ports. The only public entry point. */
public final class KubernetesAdapters {

    private KubernetesAdapters() {
    }

    /** Reads rendered manifests as data (multi-document YAML, bounded against alias bombs and huge input). */
    public static ReadManifestPort manifestReader() {
        return new Fabric8ManifestReader();
    }
}
