package dev.jpamigrate.realmodels;

import dev.jpamigrate.desired.EntityScanner;
import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.HibernateParity;
import dev.jpamigrate.testing.TestPostgres;

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
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A published entity model for the real-model tests: the jars its entities need to load (copied by generator/pom.xml
 * to a directory of target/), its entity packages, and a database Hibernate's own run-time create built from it; and
 * the three checks every model's test runs on it (the whole cycle, parity with Hibernate's create, the adoption of
 * the database that create built), each taking only what the model expects of its own.
 */
final class PublishedModel implements AutoCloseable {
    final List<String> packages;
    final List<Path> jars;
    final List<Class<?>> entities;
    /** A database built by Hibernate's own run-time create; the parity and adoption tests read copies of it. */
    final TestPostgres.Db hibernateBuilt;
    private final URLClassLoader loader;

    private PublishedModel(List<String> packages, List<Path> jars, URLClassLoader loader, List<Class<?>> entities,
                           TestPostgres.Db hibernateBuilt) {
        this.packages = packages;
        this.jars = List.copyOf(jars);
        this.loader = loader;
        this.entities = entities;
        this.hibernateBuilt = hibernateBuilt;
    }

    /** The jars in {@code dir}, their entities in {@code packages}, and the database Hibernate builds from them. */
    static PublishedModel load(Path dir, List<String> packages) throws IOException {
        return load(dir, packages, List.of());
    }

    /** As {@link #load(Path, List)}, with the application's own classes ({@code more}) on the class path too. */
    static PublishedModel load(Path dir, List<String> packages, List<Path> more) throws IOException {
        List<Path> jars = new ArrayList<>(jarsIn(dir));
        jars.addAll(more);
        return of(jars, packages);
    }

    /** The model on {@code classpath} (jars or class directories). */
    static PublishedModel of(List<Path> classpath, List<String> packages) throws IOException {
        List<Path> jars = classpath;
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = jars.get(i).toUri().toURL();
        }
        URLClassLoader loader = new URLClassLoader(urls, PublishedModel.class.getClassLoader());
        List<Class<?>> entities = EntityScanner.scan(loader, packages);
        TestPostgres.Db built = TestPostgres.create();
        try {
            HibernateParity.hibernateCreates(built, loader, entities, Map.of());
        } catch (RuntimeException | Error e) {
            built.close();
            loader.close();
            throw e;
        }
        return new PublishedModel(packages, jars, loader, entities, built);
    }

    /** The jars in {@code dir}, sorted. */
    static List<Path> jarsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }

    List<String> jarNames() {
        return jars.stream().map(j -> j.getFileName().toString()).toList();
    }

    /** Hibernate's database against the tool's desired schema; see HibernateParity. */
    private HibernateParity.Parity parity() throws Exception {
        try (TestPostgres.Db built = TestPostgres.copyOf(hibernateBuilt)) {
            return HibernateParity.compare(built, packages, jars, Map.of());
        }
    }

    /**
     * The whole cycle on a fresh database: create {@code name} writes one migration, upgrade applies it, check finds
     * no drift, create again finds no changes and writes nothing, and reset leaves only the tracking tables and an
     * empty schema. {@code created} takes create's result and the migration it wrote, {@code upgraded} the upgraded
     * database, for what a model expects of its own.
     */
    void theWholeCycle(String name, BiConsumer<Cli.Result, String> created, Consumer<TestPostgres.Db> upgraded)
            throws IOException {
        Path work = Files.createTempDirectory("jpa-migrate-cycle");
        Cli cli = new Cli(work);
        try (TestPostgres.Db db = TestPostgres.create()) {
            Cli.Result create = run(cli, db, "create", name);
            ok(create, "create");
            List<Path> files = migrations(work.resolve("changelogs"));
            assertThat(files).hasSize(1);
            created.accept(create, Files.readString(files.get(0)));

            ok(run(cli, db, "upgrade"), "upgrade");
            upgraded.accept(db);
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

    /**
     * The schema Hibernate creates, {@code tables} tables, is the tool's, with no difference; the parity is returned
     * for what a model expects of its own.
     */
    HibernateParity.Parity theSchemaHibernateCreates(int tables) throws Exception {
        HibernateParity.Parity p = parity();
        assertThat(p.built().tables()).as("Hibernate's tables").hasSize(tables);
        p.assertNoDifferenceBut();
        return p;
    }

    /**
     * A copy of the database Hibernate built is adopted without drift: baseline (its output saying each of
     * {@code baselineSays}), check, and a create that finds no changes and writes no second migration.
     */
    void adoptedWithoutDrift(String... baselineSays) throws IOException {
        Path work = Files.createTempDirectory("jpa-migrate-adopt");
        Cli cli = new Cli(work);
        try (TestPostgres.Db db = TestPostgres.copyOf(hibernateBuilt)) {
            Cli.Result baseline = run(cli, db, "baseline", "existing schema");
            ok(baseline, "baseline");
            for (String said : baselineSays) {
                assertThat(baseline.out()).contains(said);
            }
            ok(run(cli, db, "check"), "check after the baseline");
            Cli.Result create = run(cli, db, "create", "nothing");
            ok(create, "create after the baseline");
            assertThat(create.out()).contains("No changes detected");
            assertThat(migrations(work.resolve("changelogs"))).hasSize(1);
        }
    }

    /** A command on {@code db}, with the model's packages and jars, the changelogs in the work directory's changelogs. */
    Cli.Result run(Cli cli, TestPostgres.Db db, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", db.jdbcUrl(), "--changelogs", "changelogs",
                "--entities", String.join(",", packages),
                "--classpath", jars.stream().map(Path::toString).collect(Collectors.joining(":"))));
        return cli.run(all.toArray(String[]::new));
    }

    @Override
    public void close() throws IOException {
        try {
            hibernateBuilt.close();
        } finally {
            loader.close();
        }
    }

    static void ok(Cli.Result r, String what) {
        assertThat(r.exit()).as("%s\n%s", what, r).isZero();
    }

    static List<Path> migrations(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
        }
    }

    /** The tables of the database, sorted, comma-separated; tracking tables included. */
    static String tables(TestPostgres.Db db) {
        return query(db, "select coalesce(string_agg(table_schema || '.' || table_name, ',' order by 1), '')"
                + " from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')");
    }

    /** The one value of a one-row, one-column query. */
    static String query(TestPostgres.Db db, String sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
