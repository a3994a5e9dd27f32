package dev.jpamigrate.db;

import dev.jpamigrate.MigrateException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What --dev-db and --pg-version ask for. */
class DevDbTest {
    private static final PgBinaries.Locations AT = new PgBinaries.Locations(Optional.empty(), Optional.empty(),
            URI.create("http://127.0.0.1:9/"));

    private static DevDb of(String devDb, String pgVersion) {
        return DevDb.of(Optional.ofNullable(devDb), Optional.ofNullable(pgVersion), AT);
    }

    @Test
    void embeddedIsTheDefaultAtTheChosenVersion() {
        assertThat(of(null, null)).isEqualTo(new DevDb.Embedded("15.19.0", AT));
        assertThat(of("embedded", "16")).isEqualTo(new DevDb.Embedded("16.15.0", AT));
        assertThat(of(" ", "16.4.0")).isEqualTo(new DevDb.Embedded("16.4.0", AT));
    }

    @Test
    void dockerIsTheOfficialImageOfTheMajor() {
        assertThat(of("docker", null)).isEqualTo(new DevDb.Container("postgres:15"));
        assertThat(of("docker", "16")).isEqualTo(new DevDb.Container("postgres:16"));
        assertThat(of("docker", "12")).isEqualTo(new DevDb.Container("postgres:12"));
        assertThat(of("docker", "16.4.0")).isEqualTo(new DevDb.Container("postgres:16.4"));
    }

    @Test
    void anImageNameIsTakenAsIs() {
        assertThat(of("pgvector/pgvector:pg16", null)).isEqualTo(new DevDb.Container("pgvector/pgvector:pg16"));
        assertThat(of("registry.example.com:5000/team/postgres:16.4-alpine", null))
                .isEqualTo(new DevDb.Container("registry.example.com:5000/team/postgres:16.4-alpine"));
    }

    @Test
    void anImageAndAVersionDisagreeOrABadNameAreOneLine() {
        assertThatThrownBy(() -> of("pgvector/pgvector:pg16", "17")).isInstanceOf(MigrateException.class)
                .hasMessage("--pg-version 17 with --dev-db pgvector/pgvector:pg16: the image decides the PostgreSQL"
                        + " version; drop --pg-version, or use --dev-db docker");
        assertThatThrownBy(() -> of("Postgres 16", null)).isInstanceOf(MigrateException.class)
                .hasMessage("--dev-db Postgres 16: use embedded, docker, or a PostgreSQL image name such as"
                        + " pgvector/pgvector:pg16");
        assertThatThrownBy(() -> of("docker", "sixteen")).isInstanceOf(MigrateException.class)
                .hasMessageStartingWith("--pg-version sixteen: ");
    }
}
