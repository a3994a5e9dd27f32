package dev.jpamigrate.realmodels;

import dev.jpamigrate.desired.EntityScanner;
import dev.jpamigrate.inspect.CatalogInspector;
import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.HibernateParity;
import dev.jpamigrate.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keycloak's published entities (org.keycloak:keycloak-model-jpa 26.2.5, 61 entities), a real model the tool did not
 * grow up with, on the real PostgreSQL: the whole cycle, the schema against Hibernate's own export, and the adoption
 * of a database that export built. The jars are the ones its entities need to load, nothing of Keycloak's own tree
 * (generator/pom.xml copies them to target/keycloak), given to {@code --classpath} as a user would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakModelTest {
    /** The packages of the jars that hold @Entity classes. */
    private static final List<String> PACKAGES = List.of(
            "org.keycloak.models.jpa.entities",
            "org.keycloak.models.jpa.session",
            "org.keycloak.authorization.jpa.entities",
            "org.keycloak.events.jpa",
            "org.keycloak.storage.jpa.entity",
            "org.keycloak.storage.configuration.jpa.entity");

    private List<Path> jars;
    private URLClassLoader loader;
    /** A database built by Hibernate's own run-time create; the parity and adoption tests read copies of it. */
    private TestPostgres.Db hibernateBuilt;

    @BeforeAll
    void hibernateBuildsKeycloaksSchema() throws IOException {
        Path dir = Path.of(System.getProperty("jpa-migrate.keycloak", "target/keycloak"));
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
        assertThat(jars).extracting(j -> j.getFileName().toString()).contains("keycloak-model-jpa-26.2.5.jar")
                .hasSize(7);
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = jars.get(i).toUri().toURL();
        }
        loader = new URLClassLoader(urls, getClass().getClassLoader());
        List<Class<?>> entities = EntityScanner.scan(loader, PACKAGES);
        assertThat(entities).as("Keycloak's entities").hasSize(61);
        hibernateBuilt = TestPostgres.create();
        HibernateParity.hibernateCreates(hibernateBuilt, loader, entities, Map.of());
    }

    @AfterAll
    void close() throws IOException {
        if (hibernateBuilt != null) {
            hibernateBuilt.close();
        }
        if (loader != null) {
            loader.close();
        }
    }

    @Test
    void theWholeCycleOnAFreshDatabase() throws IOException {
        Path work = Files.createTempDirectory("jpa-migrate-keycloak");
        Cli cli = new Cli(work);
        try (TestPostgres.Db db = TestPostgres.create()) {
            Cli.Result create = run(cli, db, "create", "keycloak");
            ok(create, "create");
            assertThat(create.out()).contains("Detected 155 change(s)");
            List<Path> migrations = migrations(work.resolve("changelogs"));
            assertThat(migrations).hasSize(1);
            String migration = Files.readString(migrations.get(0));
            assertThat(migration).contains("CREATE TABLE public.realm", "CREATE TABLE public.user_entity",
                    "CREATE TABLE public.keycloak_role", "CREATE TABLE public.client");

            ok(run(cli, db, "upgrade"), "upgrade");
            assertThat(tables(db)).contains("public.realm", "public.user_entity", "public.resource_server_policy");
            ok(run(cli, db, "check"), "check after upgrade");

            Cli.Result again = run(cli, db, "create", "nothing");
            ok(again, "create again");
            assertThat(again.out()).contains("No changes detected");
            assertThat(migrations(work.resolve("changelogs"))).hasSize(1);

            ok(run(cli, db, "reset"), "reset");
            assertThat(tables(db)).isEqualTo("public.databasechangelog,public.databasechangeloglock");
            assertThat(db.emptySchema()).as("no table, sequence or type left").isTrue();
        }
    }

    @Test
    void itsSchemaIsTheOneHibernateCreates() throws Exception {
        try (TestPostgres.Db built = TestPostgres.copyOf(hibernateBuilt)) {
            HibernateParity.Parity p = HibernateParity.compare(built, PACKAGES, jars, Map.of());
            assertThat(p.built().tables()).as("Hibernate's tables").hasSize(85);
            assertThat(p.built().enums()).as("no named enum: none of the enum fixes applies").isEmpty();
            p.assertNoDifferenceBut();
        }
    }

    @Test
    void aDatabaseHibernateBuiltIsAdoptedWithoutDrift() throws IOException {
        Path work = Files.createTempDirectory("jpa-migrate-keycloak-adopt");
        Cli cli = new Cli(work);
        try (TestPostgres.Db db = TestPostgres.copyOf(hibernateBuilt)) {
            Cli.Result baseline = run(cli, db, "baseline", "existing schema");
            ok(baseline, "baseline");
            assertThat(baseline.out()).contains("Read its schema: 85 table(s), 0 sequence(s), 0 enum type(s)",
                    "155 changeSet(s), verified");
            ok(run(cli, db, "check"), "check after the baseline");
            Cli.Result create = run(cli, db, "create", "nothing");
            ok(create, "create after the baseline");
            assertThat(create.out()).contains("No changes detected");
            assertThat(migrations(work.resolve("changelogs"))).hasSize(1);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** A command on {@code db}, with Keycloak's packages and jars, the changelogs in the work directory's changelogs. */
    private Cli.Result run(Cli cli, TestPostgres.Db db, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", db.jdbcUrl(), "--changelogs", "changelogs",
                "--entities", String.join(",", PACKAGES),
                "--classpath", jars.stream().map(Path::toString).collect(Collectors.joining(":"))));
        return cli.run(all.toArray(String[]::new));
    }

    private static void ok(Cli.Result r, String what) {
        assertThat(r.exit()).as("%s\n%s", what, r).isZero();
    }

    private static List<Path> migrations(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
        }
    }

    /** A copy of {@code db} under a unique name; dropped on close. */
    /** The tables of the database, sorted, comma-separated; tracking tables included. */
    private static String tables(TestPostgres.Db db) {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select coalesce(string_agg(table_schema || '.' || table_name, ',' order by 1), '')"
                        + " from information_schema.tables"
                        + " where table_schema not in ('pg_catalog', 'information_schema')")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
