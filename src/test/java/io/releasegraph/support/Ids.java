package io.releasegraph.support;

import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.ReleaseSource;

/** Global IDs of sandbox objects, encoded as the contract says. */
public final class Ids {

    private Ids() {
    }

    public static String deployment(long id) {
        return GlobalId.encode(ReleaseSource.TRIFACTA, "Deployment", id);
    }

    public static String deploymentRelease(long id) {
        return GlobalId.encode(ReleaseSource.TRIFACTA, "DeploymentRelease", id);
    }

    public static String jobGroup(long id) {
        return GlobalId.encode(ReleaseSource.TRIFACTA, "JobGroup", id);
    }

    public static String productRelease(String id) {
        return GlobalId.encode(ReleaseSource.CRYPTLEX, "ProductRelease", id);
    }

    public static String releaseFile(String id) {
        return GlobalId.encode(ReleaseSource.CRYPTLEX, "ReleaseFile", id);
    }
}
