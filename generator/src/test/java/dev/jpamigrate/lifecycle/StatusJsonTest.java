package dev.jpamigrate.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jpamigrate.testing.Cli;
import org.junit.jupiter.api.Test;

import static dev.jpamigrate.lifecycle.Project.cs;
import static org.assertj.core.api.Assertions.assertThat;

/** current and history --format json, parsed as a tool would. */
class StatusJsonTest {
    @Test
    void currentAndHistoryAsJson() throws Exception {
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "create teams",
                    cs("CREATE TABLE public.teams (id integer PRIMARY KEY);", "DROP TABLE public.teams;"));
            p.migration("20261102_1000-bbbbb2", "add players",
                    cs("CREATE TABLE public.players (id integer);", "DROP TABLE public.players;"),
                    cs("ALTER TABLE public.players ADD COLUMN name text;", "ALTER TABLE public.players DROP COLUMN name;"));
            ObjectMapper json = new ObjectMapper();

            Cli.Result none = p.run("current", "--format", "json");
            assertThat(none.exit()).as("%s", none).isZero();
            JsonNode fresh = json.readTree(none.out());
            assertThat(fresh.get("current").isNull()).as("nothing applied: null, not a string").isTrue();
            assertThat(fresh.get("pendingMigrations").asInt()).isEqualTo(2);
            assertThat(p.tables()).as("looking creates no table").isEmpty();

            p.run("upgrade", "aaaaa1");
            JsonNode current = json.readTree(p.run("current", "--format", "json").out());
            assertThat(current.get("version").asInt()).isEqualTo(1);
            assertThat(current.get("database").asText()).startsWith("postgresql://").endsWith("/" + p.db.name());
            assertThat(current.get("current").asText()).isEqualTo("20261101_1000-aaaaa1");
            assertThat(current.get("head").asText()).isEqualTo("20261102_1000-bbbbb2");
            assertThat(current.get("atHead").asBoolean()).isFalse();
            assertThat(current.get("pendingMigrations").asInt()).isEqualTo(1);
            assertThat(current.get("missingFiles").size()).isZero();

            Cli.Result history = p.run("history", "--format", "json");
            assertThat(history.exit()).as("%s", history).isZero();
            JsonNode migrations = json.readTree(history.out()).get("migrations");
            assertThat(migrations.size()).isEqualTo(2);
            JsonNode first = migrations.get(0);
            assertThat(first.get("revision").asText()).isEqualTo("20261101_1000-aaaaa1");
            assertThat(first.get("id").asText()).isEqualTo("aaaaa1");
            assertThat(first.get("file").asText()).isEqualTo("20261101_1000-aaaaa1_create_teams.sql");
            assertThat(first.get("message").asText()).isEqualTo("create teams");
            assertThat(first.get("created").asText()).isEqualTo("2026-11-01T10:00");
            assertThat(first.get("state").asText()).isEqualTo("applied");
            assertThat(first.get("appliedChangeSets").asInt()).isEqualTo(1);
            assertThat(first.get("appliedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(first.get("current").asBoolean()).isTrue();
            assertThat(first.get("head").asBoolean()).isFalse();
            JsonNode second = migrations.get(1);
            assertThat(second.get("state").asText()).isEqualTo("pending");
            assertThat(second.get("changeSets").asInt()).isEqualTo(2);
            assertThat(second.get("appliedAt").isNull()).isTrue();
            assertThat(second.get("head").asBoolean()).isTrue();

            Cli.Result bad = p.run("history", "--format", "yaml");
            assertThat(bad.exit()).isEqualTo(2);
            assertThat(bad.err()).isEqualTo("error: unknown format 'yaml': use text or json\n");
        }
    }
}
