package io.releasegraph.sandbox.trifacta;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.releasegraph.sandbox.trifacta.TrifactaJson.RunOverride;

/**
 * The deterministic data the Trifacta sandbox starts with and returns to on reset. Ids follow the
 * order below: deployments 1–6, releases 1–14, job groups 1–2.
 * <p>
 * Chosen to exercise the gateway: "Marketing Attribution" runs an older release (a rollback),
 * "Finance Month-End Close" has releases but none active, "Supplier Scorecard" has none at all.
 */
final class TrifactaSandboxSeed {

    /** How long the seeded (long finished) job groups ran. */
    static final Duration SEEDED_RUN_TIME = Duration.ofMinutes(4);

    record SeedRelease(String notes, String packageUuid, Instant createdAt, boolean active) {
    }

    /** {@code outputs} is the number of manual outputs of the flow: one file-writer job each per run. */
    record SeedDeployment(String name, Instant createdAt, int creatorId, int outputs, List<SeedRelease> releases) {
    }

    /** A finished run of the deployment's active release. */
    record SeedJobGroup(int deploymentId, Instant createdAt, boolean failed, List<RunOverride> overrides) {
    }

    static final List<SeedDeployment> DEPLOYMENTS = List.of(
            new SeedDeployment("Sales ETL", at("2025-01-14T09:12:30.000Z"), 3, 2, List.of(
                    release("Sales Daily Load", "7ca1a9aa-36db-47c6-a3b1-f3d5642a0450", "2025-01-20T10:04:12.318Z", false),
                    release("Sales Daily Load", "5a882e20-b676-47d5-93ad-43d4f74d3283", "2025-03-03T14:25:11.482Z", false),
                    release("Sales Daily Load v3", "266a75b8-a950-4649-9f91-e9ea52b55100", "2025-09-16T08:41:57.009Z", true))),
            new SeedDeployment("Marketing Attribution", at("2025-02-05T16:30:00.000Z"), 12, 1, List.of(
                    release("Multi-Touch Attribution", "f1a96f16-0ef4-4580-9623-54dbc3bd3f10", "2025-02-10T11:15:40.250Z", true),
                    release("Multi-Touch Attribution v2", "5ba1c3d9-9cbe-44d2-8848-82d9d7a68fbb", "2025-06-18T13:02:05.777Z", false))),
            new SeedDeployment("Inventory Sync", at("2025-03-21T07:45:10.000Z"), 3, 2, List.of(
                    release("Warehouse Stock Levels", "6d18ede5-dd90-4f00-9675-8c5b0448f4e9", "2025-03-24T09:00:03.120Z", false),
                    release("Warehouse Stock Levels", "59e09b56-689b-4318-bbec-1cce473b35c6", "2025-05-12T10:22:48.903Z", false),
                    release("Warehouse Stock Levels + Returns", "5a4f3cf9-d722-4918-bcc3-adddc99de482", "2025-08-01T15:37:19.640Z", false),
                    release("Warehouse Stock Levels + Returns", "e25bf4f0-c813-40ef-83b2-683e3c2b8a28", "2025-10-27T06:58:33.015Z", true))),
            new SeedDeployment("Finance Month-End Close", at("2025-04-30T18:05:00.000Z"), 21, 1, List.of(
                    release("GL Reconciliation", "6ae1c182-88ab-4b88-a5d6-56badd342377", "2025-05-02T09:30:00.512Z", false),
                    release("GL Reconciliation", "c23318eb-7a82-4fe1-aa6c-488d179c6d1c", "2025-07-31T17:44:26.088Z", false),
                    release("GL Reconciliation FY26", "c2f63fef-c28c-4264-a59b-3a4a61378fe0", "2025-11-28T12:10:09.431Z", false))),
            new SeedDeployment("Customer 360", at("2025-07-08T08:00:00.000Z"), 12, 2, List.of(
                    release("Customer Golden Record", "d0732263-e674-4b48-993c-d1024824d534", "2025-07-15T10:18:22.604Z", false),
                    release("Customer Golden Record", "85b9adeb-9275-4379-a5d3-0128779bb12a", "2025-12-01T09:05:51.870Z", true))),
            new SeedDeployment("Supplier Scorecard", at("2025-12-10T14:20:00.000Z"), 21, 1, List.of()));

    static final List<SeedJobGroup> JOB_GROUPS = List.of(
            new SeedJobGroup(1, at("2025-12-15T06:00:00.000Z"), false, List.of()),
            new SeedJobGroup(1, at("2025-12-16T06:00:00.000Z"), true, List.of(new RunOverride("region", "EMEA"))));

    private TrifactaSandboxSeed() {
    }

    private static SeedRelease release(String notes, String packageUuid, String createdAt, boolean active) {
        return new SeedRelease(notes, packageUuid, at(createdAt), active);
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
