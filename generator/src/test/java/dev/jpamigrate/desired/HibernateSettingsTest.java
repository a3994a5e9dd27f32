package dev.jpamigrate.desired;

import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.EntityCompiler;
import dev.jpamigrate.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's hibernate.* settings, from migrate.properties or --property, shape the schema the way they
 * shape the application's: type preferences, default schema, naming strategies from the entities' class path, and
 * the zone that timestamp conversions are read in.
 */
class HibernateSettingsTest {
    private static final String PKG = "settings.model";

    /** As a Spring Boot application writes it: no column names, Spring's naming turns createdAt into created_at. */
    private static final String EVENT = """
            enum Kind { SIGNUP, LOGIN }

            @Entity @Table(name = "events")
            class Event {
                @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                Instant createdAt;
                @Enumerated(EnumType.STRING) @JdbcTypeCode(SqlTypes.NAMED_ENUM) Kind kind;
            }
            """;

    @Test
    void aPreferredInstantTypeInMigratePropertiesMakesInstantsTimestampsWithoutZone() throws IOException {
        String withSetting = firstMigration(List.of("hibernate.type.preferred_instant_jdbc_type=TIMESTAMP"));
        assertThat(withSetting).contains("created_at timestamp(6) without time zone");
        String without = firstMigration(List.of());
        assertThat(without).as("Hibernate's default for Instant").contains("created_at timestamp(6) with time zone");
    }

    @Test
    void theDefaultSchemaMovesUnqualifiedTablesAndIsListedWithVerbose() throws IOException {
        Project p = new Project(List.of());
        try (TestPostgres.Db db = TestPostgres.create()) {
            Cli.Result create = p.cli.run(p.args("create", "init", "--url", db.jdbcUrl(),
                    "--property", "hibernate.default_schema=app", "--verbose"));
            assertThat(create.exit()).as("%s", create).isZero();
            assertThat(create.err()).contains("[verbose] hibernate setting hibernate.default_schema=app");
            assertThat(p.migration()).contains("CREATE SCHEMA app;").contains("CREATE TABLE app.events (")
                    .doesNotContain("public.events");
        }
    }

    @Test
    void aNamingStrategyIsLoadedFromTheEntitiesClassPath() throws IOException {
        Project p = new Project(List.of(), Map.of("Prefixed.java", """
                package settings.model;

                import org.hibernate.boot.model.naming.Identifier;
                import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
                import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;

                public class Prefixed extends PhysicalNamingStrategyStandardImpl {
                    @Override
                    public Identifier toPhysicalTableName(Identifier name, JdbcEnvironment context) {
                        return Identifier.toIdentifier("t_" + name.getText());
                    }
                }
                """));
        try (TestPostgres.Db db = TestPostgres.create()) {
            Cli.Result create = p.cli.run(p.args("create", "init", "--url", db.jdbcUrl(),
                    "--property", "hibernate.physical_naming_strategy=settings.model.Prefixed"));
            assertThat(create.exit()).as("%s", create).isZero();
            assertThat(p.migration()).as("the strategy's names win over --naming spring's")
                    .contains("CREATE TABLE public.t_events (").contains("createdat timestamp(6) with time zone");
        }
    }

    @Test
    void keysTheToolFixesAreIgnoredAndSaidSo() throws IOException {
        Project p = new Project(List.of("hibernate.connection.url=jdbc:h2:mem:app"));
        try (TestPostgres.Db db = TestPostgres.create()) {
            Cli.Result create = p.cli.run(p.args("create", "init", "--url", db.jdbcUrl(), "--verbose",
                    "--property", "hibernate.dialect=org.hibernate.dialect.H2Dialect",
                    "--property", "jakarta.persistence.schema-generation.scripts.action=drop"));
            assertThat(create.exit()).as("%s", create).isZero();
            assertThat(create.err())
                    .contains("note: hibernate setting hibernate.dialect ignored: the DDL is always PostgreSQL 15's")
                    .contains("note: hibernate setting jakarta.persistence.schema-generation.scripts.action ignored")
                    .contains("[verbose] hibernate setting hibernate.connection.url ignored: the DDL is generated"
                            + " without a connection");
            assertThat(p.migration()).contains("CREATE TYPE public.kind AS ENUM ('SIGNUP', 'LOGIN');")
                    .contains("CREATE TABLE public.events (");
        }
    }

    @Test
    void aPropertyThatIsNotAHibernateSettingIsAUsageError() throws IOException {
        Project p = new Project(List.of());
        Cli.Result create = p.cli.run(p.args("create", "init", "--property", "spring.jpa.show-sql=true"));
        assertThat(create.exit()).isEqualTo(2);
        assertThat(create.err()).contains("--property spring.jpa.show-sql: not a Hibernate setting");
    }

    @Test
    void timestampConversionsAreReadInTheJdbcTimeZone() throws IOException {
        Project p = new Project(List.of("hibernate.jdbc.time_zone=Europe/Paris"));
        try (TestPostgres.Db db = TestPostgres.create()) {
            Cli.Result first = p.cli.run(p.args("create", "init", "--url", db.jdbcUrl(),
                    "--property", "hibernate.type.preferred_instant_jdbc_type=TIMESTAMP"));
            assertThat(first.exit()).as("%s", first).isZero();
            assertThat(p.cli.run(p.args("upgrade", "--url", db.jdbcUrl())).exit()).isZero();
            Cli.Result zoned = p.cli.run(p.args("create", "zoned", "--url", db.jdbcUrl()));
            assertThat(zoned.exit()).as("%s", zoned).isZero();
            assertThat(p.migration())
                    .contains("ALTER TABLE public.events ALTER COLUMN created_at TYPE timestamp(6) with time zone"
                            + " USING created_at AT TIME ZONE 'Europe/Paris';")
                    .contains("-- rollback ALTER TABLE public.events ALTER COLUMN created_at TYPE timestamp(6)"
                            + " without time zone USING created_at AT TIME ZONE 'Europe/Paris';");
            assertThat(zoned.err()).contains("reinterprets stored date-times in time zone Europe/Paris");
        }
    }

    @Test
    void aFixedOffsetTimeZoneIsRefusedBecausePostgresReadsItsSignTheOtherWay() throws IOException {
        Project p = new Project(List.of("hibernate.jdbc.time_zone=+02:00"));
        Cli.Result create = p.cli.run(p.args("create", "init"));
        assertThat(create.exit()).isEqualTo(2);
        assertThat(create.err()).contains("error: hibernate.jdbc.time_zone=+02:00 is a fixed offset");
    }

    /** A compiled EVENT model in a directory with a migrate.properties holding {@code lines}. */
    private static final class Project {
        final Path work;
        final Path classes;
        final Cli cli;

        Project(List<String> lines) throws IOException {
            this(lines, Map.of());
        }

        Project(List<String> lines, Map<String, String> moreSources) throws IOException {
            work = Files.createTempDirectory("jpa-migrate-settings");
            Map<String, String> sources = new java.util.HashMap<>(moreSources);
            sources.put("Model.java", "package " + PKG + ";\n" + EntityCompiler.IMPORTS + EVENT);
            classes = EntityCompiler.compileFiles(sources, PKG, work.resolve("classes"));
            List<String> properties = new ArrayList<>(List.of("entities=" + PKG, "classpath=classes",
                    "changelogs=changelogs", "naming=spring"));
            properties.addAll(lines);
            Files.write(work.resolve("migrate.properties"), properties);
            cli = new Cli(work);
        }

        String[] args(String... args) {
            return args;
        }

        /** The newest migration file. */
        String migration() throws IOException {
            try (Stream<Path> files = Files.list(work.resolve("changelogs"))) {
                List<Path> sql = files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
                return Files.readString(sql.get(sql.size() - 1));
            }
        }
    }

    private static String firstMigration(List<String> lines) throws IOException {
        Project p = new Project(lines);
        try (TestPostgres.Db db = TestPostgres.create()) {
            Cli.Result create = p.cli.run(p.args("create", "init", "--url", db.jdbcUrl()));
            assertThat(create.exit()).as("%s", create).isZero();
            return p.migration();
        }
    }
}
