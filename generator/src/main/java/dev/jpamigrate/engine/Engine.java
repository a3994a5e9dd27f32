package dev.jpamigrate.engine;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.change.Change;
import dev.jpamigrate.db.*;
import dev.jpamigrate.desired.DesiredSchema;
import dev.jpamigrate.diff.SchemaDiff;
import dev.jpamigrate.filter.Exclusions;
import dev.jpamigrate.inspect.CatalogInspector;
import dev.jpamigrate.inspect.CheckCanonicalizer;
import dev.jpamigrate.integrity.Integrity;
import dev.jpamigrate.integrity.Problem;
import dev.jpamigrate.render.ChangelogRenderer;
import dev.jpamigrate.render.Describer;
import dev.jpamigrate.render.Revision;
import dev.jpamigrate.render.SqlRenderer;
import dev.jpamigrate.run.Applied;
import dev.jpamigrate.run.Changelogs;
import dev.jpamigrate.run.Lifecycle;
import dev.jpamigrate.run.LiquibaseRunner;
import dev.jpamigrate.run.Migration;
import dev.jpamigrate.schema.Extension;
import dev.jpamigrate.schema.Schema;
import liquibase.changelog.ChangeSet;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.*;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The engine's one public entry: compare entities with a database, write migrations, run them. It owns the
 * servers it opens (the user's, and an embedded one started on demand) and closes them.
 */
public final class Engine implements AutoCloseable {
    /** How many of the migrations before one that fails to replay are left out, in turn, to find its conflict. */
    private static final int CONFLICT_TRIALS = 5;

    private final EngineOptions options;
    private final Changelogs changelogs;
    private final Exclusions exclusions;
    private RemoteServer remote;
    private EmbeddedServer embedded;
    private Schema desired;
    private final Map<String, Long> timings = Collections.synchronizedMap(new LinkedHashMap<>());

    public Engine(EngineOptions options) {
        this.options = options;
        this.changelogs = new Changelogs(options.changelogDir());
        this.exclusions = options.exclusions() != null ? options.exclusions() : Exclusions.none();
        options.url().ifPresent(u -> remote = new RemoteServer(u));
    }

    public Changelogs changelogs() {
        return changelogs;
    }

    /** Where the time went, phase by phase, in milliseconds. */
    public Map<String, Long> timings() {
        synchronized (timings) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(timings));
        }
    }

    // ---- the two schemas ----------------------------------------------------------------------------------

    /** The schema the entities want, normalized through a scratch database. */
    public Schema desired() {
        if (desired == null) {
            desiredFrom(desiredDdl());
        }
        return desired;
    }

    private ScratchDatabase scratch() {
        if (remote != null) {
            try {
                return remote.createScratch();
            } catch (MigrateException e) {
                throw e;
            } catch (RuntimeException e) {
                options.log().accept("cannot create a scratch database on " + remote + " (" + e.getMessage()
                        + "); using an embedded PostgreSQL instead");
            }
        }
        return embedded().createScratch();
    }

    private EmbeddedServer embedded() {
        if (embedded == null) {
            embedded = timed("embedded start", () -> EmbeddedServer.start(options.log()));
        }
        return embedded;
    }

    /** A connection to the target: the user's database, or a scratch database replayed to head. */
    private Target openTarget() {
        if (remote != null) {
            return new Target(remote.connect(remote.database()), null);
        }
        ScratchDatabase db = embedded().createScratch();
        Connection c = db.connect();
        timed("replay changelogs", () -> {
            new LiquibaseRunner(c, changelogs).update();
            return null;
        });
        return new Target(c, db);
    }

    private record Target(Connection connection, ScratchDatabase scratch) implements AutoCloseable {
        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a connection we are done with
            }
            if (scratch != null) {
                scratch.close();
            }
        }
    }

    /** Everything the inspector reads, excluded objects too: what a copy of the database must hold. */
    private static Schema inspectAll(Connection c) {
        try {
            return CatalogInspector.inspect(c);
        } catch (SQLException e) {
            throw new MigrateException("cannot read the database catalog: " + e.getMessage(), e);
        }
    }

    /** The schema as every comparison sees it: without the objects the entities do not manage. */
    private Schema inspect(Connection c) {
        return exclusions.apply(inspectAll(c));
    }

    private static List<Extension> extensions(Connection c) {
        try {
            return CatalogInspector.extensions(c);
        } catch (SQLException e) {
            throw new MigrateException("cannot read the database's extensions: " + e.getMessage(), e);
        }
    }

    // ---- create -------------------------------------------------------------------------------------------

    /**
     * Compares entities with the database at head and writes a migration for the difference, if any. A database
     * that has objects the changelogs do not create (built or changed outside them) is the migration's real starting
     * point: it is verified from a copy of that schema, and the result says what the changelogs lack.
     */
    public Results.Created create(String message) {
        try (Target target = openTarget()) {
            LiquibaseRunner runner = new LiquibaseRunner(target.connection(), changelogs);
            if (remote != null) {
                List<ChangeSet> pending = runner.pending();
                if (!pending.isEmpty()) {
                    throw new MigrateException(pending.size() + " changeSet(s) pending on " + remote
                            + ": run ./migrate upgrade first, so the new migration starts from head", null, 1);
                }
            }
            Schema all = timed("inspect target", () -> inspectAll(target.connection()));
            Schema current = canonicalChecks(exclusions.apply(all), desired());
            List<Change> changes = SchemaDiff.diff(current, desired());
            boolean first = changelogs.files().isEmpty();
            if (changes.isEmpty()) {
                return new Results.Created(null, null, List.of(), List.of(), false, first);
            }
            Revision revision = Revision.of(ZonedDateTime.now(options.clock()), options.revisionIds().get(), message);
            String content = ChangelogRenderer.render(revision, message, options.author(), changes);
            Path tmp = tempDir("jpa-migrate-verify");
            try {
                Changelogs candidate = changelogs.copyTo(tmp);
                candidate.add(revision.fileName(), content);
                if (target.scratch() != null) {
                    // no database given: the target is the changelogs replayed, which is where the migration starts
                    if (options.verify()) {
                        timed("verify", () -> verifyOn(target.connection(), candidate, changes.size()));
                    }
                    Path file = changelogs.add(revision.fileName(), content);
                    return new Results.Created(revision, file, changes, List.of(), false, first);
                }
                try (ScratchDatabase db = scratch(); Connection c = db.connect()) {
                    timed("replay changelogs", () -> {
                        new LiquibaseRunner(c, changelogs).update();
                        return null;
                    });
                    Schema head = timed("inspect head", () -> inspectAll(c));
                    Schema live = canonicalChecks(all, head);
                    boolean beside = !SchemaDiff.diff(head, live).isEmpty();
                    List<Change> outside = SchemaDiff.diff(exclusions.apply(head), exclusions.apply(live));
                    if (options.verify()) {
                        timed("verify", () -> beside
                                ? verifyFromDatabase(all, extensions(target.connection()), candidate, changes.size())
                                : verifyOn(c, candidate, changes.size()));
                    }
                    Path file = changelogs.add(revision.fileName(), content);
                    return new Results.Created(revision, file, changes, outside, beside && options.verify(), first);
                } catch (SQLException e) {
                    throw new MigrateException("verification failed: " + e.getMessage(), e);
                }
            } finally {
                deleteTree(tmp);
            }
        }
    }

    /**
     * Verifies on a copy of the database's schema: rebuilt on a scratch database (its extensions first), the
     * existing changelogs recorded as applied there as they are on the database, then the usual apply, re-diff and
     * rollback.
     */
    private Void verifyFromDatabase(Schema all, List<Extension> extensions, Changelogs candidate, int changeSets) {
        try (ScratchDatabase db = scratch(); Connection c = db.connect()) {
            timed("copy database schema", () -> {
                SchemaCopy.build(c, all, extensions, remote.toString());
                return null;
            });
            LiquibaseRunner existing = new LiquibaseRunner(c, changelogs);
            Set<String> files = new HashSet<>();
            existing.changeSets().forEach(cs -> files.add(Path.of(cs.getFilePath()).getFileName().toString()));
            if (!files.isEmpty()) {
                existing.markRan(files);
            }
            return verifyOn(c, candidate, changeSets);
        } catch (SQLException e) {
            throw new MigrateException("verification failed: " + e.getMessage(), e);
        }
    }

    /**
     * On a database where the migration starts, apply it, require that the entities then match, roll it back, and
     * require the schema from before.
     */
    private Void verifyOn(Connection c, Changelogs candidate, int changeSets) {
        Schema before = inspect(c);
        LiquibaseRunner runner = new LiquibaseRunner(c, candidate);
        try {
            runner.update();
        } catch (MigrateException e) {
            throw new MigrateException("the generated migration does not apply (nothing was written): " + e.getMessage(), e);
        }
        List<Change> remaining = SchemaDiff.diff(inspect(c), desired());
        if (!remaining.isEmpty()) {
            throw new MigrateException("the generated migration does not reach the entities' schema (nothing was"
                    + " written); still different: " + describe(remaining));
        }
        runner.rollback(changeSets);
        List<Change> residue = SchemaDiff.diff(inspect(c).normalized(), before.normalized());
        if (!residue.isEmpty()) {
            throw new MigrateException("the generated rollback does not restore the schema (nothing was written): "
                    + describe(residue));
        }
        return null;
    }

    private static String describe(List<Change> changes) {
        return String.join("; ", changes.stream().map(Describer::describe).toList());
    }

    // ---- baseline -----------------------------------------------------------------------------------------

    /**
     * Adopts a database that has no migration: writes its schema as it is (excluded objects aside) as the first
     * migration, verified to build exactly that schema on an empty database and to roll back to nothing, and records
     * it as applied on the database without running it. Refuses a database with migrations applied, and changelogs
     * that already hold migrations: a baseline is the first migration.
     */
    public Results.Baselined baseline(String message, Duration lockWait, Consumer<String> progress) {
        if (remote == null) {
            throw new MigrateException("baseline adopts an existing database: name it with --url, DATABASE_URL or"
                    + " DATABASE_URL= in .env");
        }
        Schema all;
        List<Extension> extensions;
        try (Connection c = remote.connect(remote.database())) {
            List<Applied> applied = new LiquibaseRunner(c, changelogs).applied();
            if (!applied.isEmpty()) {
                long files = applied.stream().map(Applied::file).distinct().count();
                throw new MigrateException(remote + " already has " + files + " migration(s) applied: baseline is for"
                        + " a database with none; generate the entities' changes from here with ./migrate create"
                        + " \"<message>\"; nothing was changed");
            }
            List<String> files = changelogs.files();
            if (!files.isEmpty()) {
                throw new MigrateException("the changelogs already hold " + files.size() + " migration(s) that "
                        + remote + " has not applied (" + Path.of(files.get(0)).getFileName()
                        + (files.size() > 1 ? ", ..." : "") + "), and a baseline must be the first migration: if the"
                        + " database already has their schema, record them with ./migrate stamp head; if they were"
                        + " generated against this database before it was adopted, delete them and their <include>"
                        + " lines, then run baseline again; nothing was changed");
            }
            all = timed("inspect database", () -> inspectAll(c));
            extensions = extensions(c);
        } catch (SQLException e) {
            throw new MigrateException("cannot read " + remote + ": " + e.getMessage(), e);
        }
        Schema live = exclusions.apply(all);
        if (live.isEmpty()) {
            return new Results.Baselined(null, null, live, 0, 0, 0);
        }
        List<Change> changes = SchemaDiff.diff(Schema.empty(), live);
        int changeSets = changes.size() + extensions.size();
        Revision revision = Revision.of(ZonedDateTime.now(options.clock()), options.revisionIds().get(), message);
        String content = ChangelogRenderer.baseline(revision, message, options.author(), extensions, changes);
        if (options.verify()) {
            timed("verify", () -> verifyBaseline(revision, content, changeSets, live));
        }
        Path file = changelogs.add(revision.fileName(), content);
        Lifecycle.Outcome stamped;
        try {
            stamped = lifecycle(lockWait, progress, l -> l.stamp(revision.id()));
        } catch (MigrateException e) {
            throw new MigrateException("wrote " + file + " but could not record it as applied on " + remote + ": "
                    + e.getMessage() + "; once that is fixed, run ./migrate stamp " + revision.rev(), e);
        }
        return new Results.Baselined(revision, file, live, changeSets, extensions.size(), stamped.changeSets());
    }

    /**
     * On an empty scratch database the baseline must build the database's schema (CHECK texts compared at
     * PostgreSQL's fixed point, as everywhere) and its rollback must leave nothing.
     */
    private Void verifyBaseline(Revision revision, String content, int changeSets, Schema live) {
        Path tmp = tempDir("jpa-migrate-baseline");
        try (ScratchDatabase db = scratch(); Connection c = db.connect()) {
            Changelogs candidate = new Changelogs(tmp);
            candidate.add(revision.fileName(), content);
            LiquibaseRunner runner = new LiquibaseRunner(c, candidate);
            try {
                runner.update();
            } catch (MigrateException e) {
                throw new MigrateException("the baseline does not build the schema of " + remote + " on an empty"
                        + " database (nothing was written): " + e.getMessage(), e);
            }
            Schema built = inspect(c);
            Schema expected = canonicalChecks(live, built);
            List<Change> different = SchemaDiff.diff(canonicalChecks(built, expected).normalized(), expected.normalized());
            if (!different.isEmpty()) {
                throw new MigrateException("the baseline does not reproduce the schema of " + remote + " (nothing was"
                        + " written); still different: " + describe(different));
            }
            runner.rollback(changeSets);
            Schema left = inspectAll(c);
            if (!left.isEmpty()) {
                throw new MigrateException("the baseline's rollback does not empty the database (nothing was"
                        + " written); left: " + describe(SchemaDiff.diff(Schema.empty(), left)));
            }
            return null;
        } catch (SQLException e) {
            throw new MigrateException("verification failed: " + e.getMessage(), e);
        } finally {
            deleteTree(tmp);
        }
    }

    // ---- check --------------------------------------------------------------------------------------------

    /**
     * Model drift always; database drift and the database's history too when a database URL was given; the
     * changelogs' own integrity (include order, replay) always.
     */
    public Results.Checked check() {
        // Hibernate's metadata build is pure CPU and the embedded start mostly waits on a process: overlap them.
        CompletableFuture<List<String>> ddl = CompletableFuture.supplyAsync(this::desiredDdl, Engine::daemon);
        List<String> includes = changelogs.files();
        List<Problem> problems = new ArrayList<>(Integrity.includeOrder(includes));
        Schema head = null;
        MigrateException replayFailure = null;
        try (ScratchDatabase db = scratch(); Connection c = db.connect()) {
            try {
                timed("replay changelogs", () -> {
                    new LiquibaseRunner(c, changelogs).update();
                    return null;
                });
                head = timed("inspect head", () -> inspect(c));
            } catch (MigrateException e) {
                options.log().accept("replay failed: " + e.getMessage());
                replayFailure = e;
            }
        } catch (SQLException e) {
            throw new MigrateException("cannot replay the changelogs: " + e.getMessage(), e);
        }
        if (replayFailure != null) {
            MigrateException failure = replayFailure;
            problems.add(timed("find conflict", () -> Integrity.replayFailed(failure, includes, this::conflict)));
        }
        List<Change> modelDrift = List.of();
        if (head != null) {
            desiredFrom(join(ddl));
            head = canonicalChecks(head, desired());
            modelDrift = SchemaDiff.diff(head, desired());
        } else {
            ddl.cancel(true);
        }
        if (remote == null) {
            return new Results.Checked(modelDrift, head != null, List.of(), List.of(), false, null, problems);
        }
        try (Connection c = remote.connect(remote.database())) {
            List<Applied> applied = new LiquibaseRunner(c, changelogs).applied();
            Integrity.History history = timed("read history", () -> Integrity.history(c, changelogs, applied));
            problems.addAll(history.problems());
            List<Change> databaseDrift = List.of();
            Schema live = head == null ? null : timed("inspect database", () -> inspect(c));
            boolean untracked = live != null && applied.isEmpty() && !live.tables().isEmpty();
            if (untracked) {
                // not "changed outside the migrations": no migration ever ran here, whatever the changelogs hold
                problems.add(Integrity.untracked(remote.toString(), SchemaDiff.diff(head, live).size(),
                        includes.isEmpty()));
            } else if (history.pending().isEmpty() && live != null) {
                databaseDrift = SchemaDiff.diff(head, canonicalChecks(live, head));
            }
            return new Results.Checked(modelDrift, head != null, history.pending(), databaseDrift, true,
                    remote.toString(), problems);
        } catch (SQLException e) {
            throw new MigrateException("cannot read " + remote + ": " + e.getMessage(), e);
        }
    }

    /**
     * Which of the migrations before {@code failed} (a file name), left out, lets it apply on an empty database: that
     * is what two migrations from parallel branches look like. Each trial replays the files up to {@code failed}
     * without one of them; a control replay first makes sure the files before it replay as trial changelogs.
     */
    private Integrity.Conflict conflict(String failed) {
        List<String> includes = changelogs.files();
        int at = -1;
        for (int i = 0; i < includes.size(); i++) {
            if (Path.of(includes.get(i)).getFileName().toString().equals(failed)) {
                at = i;
            }
        }
        if (at <= 0 || !replays(includes.subList(0, at))) {
            return Integrity.Conflict.unknown();
        }
        int tried = 0;
        for (int left = at - 1; left >= 0 && tried < CONFLICT_TRIALS; left--, tried++) {
            List<String> files = new ArrayList<>(includes.subList(0, at + 1));
            String without = files.remove(left);
            if (replays(files)) {
                return new Integrity.Conflict(Path.of(without).getFileName().toString(), tried + 1);
            }
        }
        return new Integrity.Conflict(null, tried);
    }

    /** True when {@code files}, included in this order by a master of their own, replay on an empty database. */
    private boolean replays(List<String> files) {
        Path tmp = tempDir("jpa-migrate-trial");
        try {
            Changelogs trial = new Changelogs(tmp);
            for (String f : files) {
                trial.add(Path.of(f).getFileName().toString(), Files.readString(changelogs.dir().resolve(f)));
            }
            try (ScratchDatabase db = scratch(); Connection c = db.connect()) {
                new LiquibaseRunner(c, trial).update();
                return true;
            }
        } catch (IOException | SQLException | RuntimeException e) {
            options.log().accept("trial replay of " + files.size() + " file(s) failed: " + e.getMessage());
            return false;
        } finally {
            deleteTree(tmp);
        }
    }

    /** {@code schema}'s CHECK constraints in PostgreSQL's fixed-point text where they differ from {@code other}'s. */
    private Schema canonicalChecks(Schema schema, Schema other) {
        return timed("canonical checks", () -> CheckCanonicalizer.canonical(schema, other, this::scratch, options.log()));
    }

    private List<String> desiredDdl() {
        ClassLoader loader = DesiredSchema.loader(options.classpath(), Engine.class.getClassLoader());
        return timed("hibernate ddl", () ->
                DesiredSchema.ddl(loader, options.packages(), options.classpath(), options.naming()));
    }

    private void desiredFrom(List<String> ddl) {
        if (desired == null) {
            try (ScratchDatabase scratch = scratch()) {
                desired = exclusions.apply(timed("normalize", () -> DesiredSchema.normalize(ddl, scratch, schema -> {
                    List<String> sql = new ArrayList<>();
                    SchemaDiff.diff(Schema.empty(), schema).forEach(c -> sql.addAll(SqlRenderer.render(c)));
                    return sql;
                })));
            }
        }
    }

    /** Package-private for its test. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            // the background thread's own failure, an Error (NoClassDefFoundError) as much as an exception
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw e;
        }
    }

    private static void daemon(Runnable task) {
        Thread t = new Thread(task, "jpa-migrate-ddl");
        t.setDaemon(true);
        t.start();
    }

    // ---- upgrade / downgrade ------------------------------------------------------------------------------

    /** Applies every pending changeSet. */
    public Results.Ran upgrade() {
        return ran(lifecycle(Duration.ofMinutes(5), line -> { }, Lifecycle::upgrade));
    }

    /** Prints the SQL that upgrade would run; the database is not changed. */
    public void upgradeSql(Writer out) {
        lifecycle(Duration.ZERO, line -> { }, l -> {
            l.upgradeSql(out);
            return null;
        });
    }

    /** Reverts the last {@code files} migration files, all of their changeSets. */
    public Results.Ran downgrade(int files) {
        return downgrade(files, null);
    }

    public Results.Ran downgrade(int files, Writer sqlOut) {
        return ran(lifecycle(Duration.ofMinutes(5), line -> { }, l -> l.downgrade(files, sqlOut)));
    }

    private static Results.Ran ran(Lifecycle.Outcome outcome) {
        return new Results.Ran(outcome.migrations().stream().map(Migration::file).toList(), outcome.changeSets());
    }

    // ---- lifecycle: current, history, upgrade, downgrade, reset, stamp, unlock (run/Lifecycle) -------------

    /**
     * Runs one lifecycle operation on the target database. {@code lockWait} is how long to wait for a migration
     * lock held by another run; {@code progress} receives a line per migration as it runs.
     */
    public <T> T lifecycle(Duration lockWait, Consumer<String> progress, Function<Lifecycle, T> operation) {
        try (Connection c = targetConnection()) {
            return operation.apply(new Lifecycle(c, changelogs, lockWait, progress));
        } catch (SQLException e) {
            throw new MigrateException("database error: " + e.getMessage(), e);
        }
    }

    /** The database being migrated, for headings; never with a password. */
    public String where() {
        return remote != null ? remote.toString() : "the embedded database";
    }

    private Connection targetConnection() {
        if (remote != null) {
            return remote.connect(remote.database());
        }
        options.log().accept("no --url or DATABASE_URL: running against a throwaway embedded PostgreSQL");
        return embedded().connect(embedded().database());
    }

    // ---- plumbing -----------------------------------------------------------------------------------------

    private interface Step<T> {
        T run();
    }

    private <T> T timed(String phase, Step<T> step) {
        long start = System.nanoTime();
        try {
            return step.run();
        } finally {
            long ms = (System.nanoTime() - start) / 1_000_000;
            timings.merge(phase, ms, Long::sum);
            options.log().accept(String.format("%-20s %6d ms", phase, ms));
        }
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new MigrateException("cannot create a temporary directory: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // temp files; the OS cleans up what is left
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
        if (remote != null) {
            remote.close();
        }
    }
}
