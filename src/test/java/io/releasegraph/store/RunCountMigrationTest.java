package io.releasegraph.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** V9 starts each deployment's run count from the runs an existing store already holds. */
class RunCountMigrationTest {

    private static final String URL = "jdbc:h2:mem:run-count-migration;DB_CLOSE_DELAY=-1";

    @Test
    void theCountsOfAnUpgradedStoreMatchItsRecordedRuns() throws Exception {
        flyway("8").migrate();
        try (Connection connection = DriverManager.getConnection(URL, "sa", ""); Statement sql = connection.createStatement()) {
            for (int id = 1; id <= 5; id++) {
                sql.executeUpdate("insert into run_record (job_group_id, deployment_id, parameters, created_at) values ("
                        + id + ", " + (id <= 3 ? 7 : 8) + ", '[]', current_timestamp)");
            }

            flyway("latest").migrate();

            Map<Long, Long> counts = new HashMap<>();
            try (ResultSet rows = sql.executeQuery("select deployment_id, runs from run_count")) {
                while (rows.next()) {
                    counts.put(rows.getLong(1), rows.getLong(2));
                }
            }
            assertThat(counts).isEqualTo(Map.of(7L, 3L, 8L, 2L));
        }
    }

    private static Flyway flyway(String target) {
        return Flyway.configure()
                .dataSource(URL, "sa", "")
                .locations("classpath:db/migration")
                .placeholders(Map.of("json_type", "JSON"))
                .target(target)
                .load();
    }
}
