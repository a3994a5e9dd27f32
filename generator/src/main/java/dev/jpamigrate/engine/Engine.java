package dev.jpamigrate.engine;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.Text;
import dev.jpamigrate.cache.Fingerprint;
import dev.jpamigrate.cache.SchemaCache;
import dev.jpamigrate.change.Change;
import dev.jpamigrate.db.*;
import dev.jpamigrate.desired.DesiredSchema;
import dev.jpamigrate.diff.Backfills;
import dev.jpamigrate.filter.Exclusions;
import dev.jpamigrate.diff.Renames;
import dev.jpamigrate.inspect.RowCounts;
import dev.jpamigrate.desired.HibernateSettings;
import dev.jpamigrate.diff.SchemaDiff;
import dev.jpamigrate.inspect.CatalogInspector;
import dev.jpamigrate.inspect.CheckCanonicalizer;
import dev.jpamigrate.integrity.Integrity;
import dev.jpamigrate.integrity.Problem;
import dev.jpamigrate.render.ChangelogRenderer;
import dev.jpamigrate.render.Describer;
import dev.jpamigrate.render.RenderOptions;
import dev.jpamigrate.render.Revision;
import dev.jpamigrate.render.SqlRenderer;
import dev.jpamigrate.run.Applied;
import dev.jpamigrate.run.Changelogs;
import dev.jpamigrate.run.Lifecycle;
import dev.jpamigrate.run.LiquibaseRunner;
import dev.jpamigrate.run.Migration;
import dev.jpamigrate.run.Progress;
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
    private final EngineOptions options;
    private final RenderOptions render;
    private final Changelogs changelogs;
    private final SchemaCache cache;
    /** What this run must not leave behind, also when it is interrupted; see {@link Cleanup}. */
    private final Cleanup cleanup;
    private final Exclusions exclusions;
    private RemoteServer remote;
    /** The server the tool starts itself (embedded, or a container with --dev-db); started on demand. */
    private Server devServer;
    private Schema desired;
    private final Map<String, Long> timings = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile Consumer<Progress> events = e -> { };

    public Engine(EngineOptions options) {
        this.options = options;
        this.render = options.renderOptions();
        this.changelogs = options.changelogs();
        this.cache = SchemaCache.in(options.cacheDir(), options.log());
        this.cleanup = Cleanup.onExit(options.log());
        this.exclusions = options.exclusions() != null ? options.exclusions() : Exclusions.none();
        options.url().ifPresent(u -> remote = new RemoteServer(u));
    }

    public Changelogs changelogs() {
        return changelogs;
    }

    /**
     * Where the progress of long work goes: each timed phase as it starts, and the files and changeSets of lifecycle
     * operations. Events may come from several threads at once.
     */
    public void onProgress(Consumer<Progress> events) {
        this.events = events;
    }

    /** What this engine was built with: the packages and class path the entities come from, for instance. */
    public EngineOptions options() {
        return options;
    }

    /** How this engine renders migrations, for the reports and warnings that show their SQL and hazards. */
    public RenderOptions renderOptions() {
        return render;
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
        return desired(List.of());
    }

    /** The same, normalized with {@code present}'s extensions: those of the database it is compared with. */
    private Schema desired(List<Extension> present) {
        if (desired == null) {
            Optional<String> key = desiredKey(present);
            desired = key.flatMap(cache::get).orElse(null);
            if (desired == null) {
                desiredFrom(desiredDdl(), present);
                key.ifPresent(k -> cache.put(k, desired));
            }
        }
        return desired;
    }

    // ---- what the cached schemas depend on ----------------------------------------------------------------

    /**
     * The desired schema depends on the entity classes and everything they load (the whole class path, by
     * content), the packages, the naming, the Hibernate settings, the extensions, and the server that normalizes it. Without a class path the classes come
     * from the tool's own, which cannot be fingerprinted, so nothing is cached.
     */
    private Optional<String> desiredKey(List<Extension> present) {
        if (options.classpath().isEmpty() || options.cacheDir().isEmpty()) {
            return Optional.empty();
        }
        Fingerprint key = Fingerprint.of("desired").texts(options.packages()).text(options.naming().name())
                .texts(options.extensions()).texts(present.stream().map(e -> e.schema() + "." + e.name()).toList())
                .texts(new java.util.TreeMap<>(options.hibernateSettings()).entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList())
                .text("exclude " + exclusions)
                .text(serverIdentity());
        options.classpath().forEach(key::tree);
        return Optional.of("desired-" + key.hex());
    }

    /**
     * The head of the changelogs depends on every changelog file Liquibase may read from the master's resource root
     * (and the directory new files go to), the master, the contexts and labels, and the server replaying it.
     */
    private Optional<String> headKey() {
        if (options.cacheDir().isEmpty()) {
            return Optional.empty();
        }
        java.util.function.Predicate<Path> changelog = f -> f.getFileName().toString()
                .matches("(?i).*\\.(xml|ya?ml|json|sql)");
        return Optional.of("head-" + Fingerprint.of("head").tree(changelogs.root(), changelog)
                .tree(changelogs.dir(), changelog).text(changelogs.masterPath()).text(changelogs.filter().toString())
                .text("exclude " + exclusions)
                .text(serverIdentity()).hex());
    }

    private String serverIdentity;

    /**
     * The PostgreSQL that scratch databases run on: its version decides how it reads back DDL. The user's server says
     * its version when the session starts, so asking costs no round trip.
     */
    private String serverIdentity() {
        if (serverIdentity == null) {
            if (remote == null) {
                serverIdentity = options.devDb() instanceof DevDb.Container c ? "container " + c.image()
                        : "embedded " + embeddedBinaries().key();
            } else {
                try {
                    serverIdentity = "server " + session().getMetaData().getDatabaseProductVersion() + " "
                            + remote.url().hostAndPort();
                } catch (SQLException e) {
                    throw new MigrateException("cannot read the server version of " + remote + ": " + e.getMessage(), e);
                }
            }
        }
        return serverIdentity;
    }

    private Connection session;

    /** One session on the user's database for the reads of a check: the version, the history, the catalog. */
    private Connection session() {
        if (session == null) {
            session = remote.connect(remote.database());
        }
        return session;
    }

    /**
     * The changeSets as history reads them depend on the changelog files (as the head does), the master, and the
     * contexts and labels that select them.
     */
    private Optional<String> listingKey() {
        if (options.cacheDir().isEmpty()) {
            return Optional.empty();
        }
        java.util.function.Predicate<Path> changelog = f -> f.getFileName().toString()
                .matches("(?i).*\\.(xml|ya?ml|json|sql)");
        return Optional.of("listing-" + Fingerprint.of("listing").tree(changelogs.root(), changelog)
                .tree(changelogs.dir(), changelog).text(changelogs.masterPath()).text(changelogs.filter().toString())
                .texts(liquibaseSettings()).hex());
    }

    /**
     * Liquibase's own configuration from the environment and system properties (how it normalizes recorded paths,
     * changelog parameters): part of what the listing depends on. Not the analytics switch the tool sets itself.
     */
    private static List<String> liquibaseSettings() {
        List<String> settings = new ArrayList<>();
        new TreeMap<>(System.getenv()).forEach((k, v) -> {
            if (k.toUpperCase(Locale.ROOT).startsWith("LIQUIBASE_")) {
                settings.add("env " + k + "=" + v);
            }
        });
        new TreeMap<>(System.getProperties()).forEach((k, v) -> {
            if (k.toString().startsWith("liquibase.") && !k.equals("liquibase.analytics.enabled")) {
                settings.add("property " + k + "=" + v);
            }
        });
        return settings;
    }

    /** The changelogs paired with the database's history: without parsing them when their listing is cached. */
    private dev.jpamigrate.run.History history(Connection c) {
        Optional<String> key = listingKey();
        Optional<List<dev.jpamigrate.run.Listed>> cached = key.flatMap(cache::listing);
        if (cached.isPresent()) {
            return dev.jpamigrate.run.History.pair(cached.get(), Applied.read(c));
        }
        LiquibaseRunner runner = new LiquibaseRunner(c, changelogs);
        List<dev.jpamigrate.run.Listed> listing = runner.listing();
        dev.jpamigrate.run.History history = dev.jpamigrate.run.History.pair(listing, runner.applied());
        key.ifPresent(k -> {
            try {
                cache.putListing(k, runner.completed(listing));
            } catch (MigrateException e) {
                options.log().accept("the changeSets' listing is not cached: " + e.getMessage());
            }
        });
        return history;
    }

    private ScratchDatabase scratch() {
        if (remote != null) {
            try {
                return remote.createScratch(cleanup);
            } catch (MigrateException e) {
                throw e;
            } catch (RuntimeException e) {
                options.log().accept("cannot create a scratch database on " + remote + " (" + e.getMessage()
                        + "); using an embedded PostgreSQL instead");
            }
        }
        return embedded().createScratch(cleanup);
    }

    private Server embedded() {
        if (devServer == null) {
            devServer = timed("embedded start", this::startDevServer);
        }
        return devServer;
    }

    private PgBinaries embeddedBinaries() {
        DevDb.Embedded embedded = (DevDb.Embedded) options.devDb();
        return new PgBinaries(Platform.current(), embedded.version());
    }

    /** The embedded PostgreSQL at the chosen version, or (--dev-db) a container; --verbose says which runs. */
    private Server startDevServer() {
        Server server;
        if (options.devDb() instanceof DevDb.Container c) {
            // the only reference to ContainerServer: Testcontainers loads for --dev-db alone
            server = ContainerServer.start(c.image(), cleanup, options.log());
        } else {
            PgBinaries binaries = embeddedBinaries();
            PgBinaries.Located located = binaries.locate(((DevDb.Embedded) options.devDb()).at(), options.log());
            options.log().accept("embedded " + binaries + ": " + binaries.artifact() + ", " + located.where());
            server = EmbeddedServer.start(located, cleanup, options.log());
        }
        try (Connection c = server.connect(server.database());
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("select version()")) {
            rs.next();
            options.log().accept("scratch server: " + rs.getString(1));
        } catch (SQLException e) {
            options.log().accept("cannot read the scratch server's version: " + e.getMessage());
        }
        return server;
    }

    /** A connection to the target: the user's database, or a scratch database replayed to head. */
    private Target openTarget() {
        if (remote != null) {
            return new Target(remote.connect(remote.database()), null);
        }
        return replayed(embedded().createScratch(cleanup));
    }

    /** A scratch database with the changelogs replayed on it. */
    private Target replayed(ScratchDatabase db) {
        Target target = new Target(db.connect(), db);
        try {
            timed("replay changelogs", () -> {
                replay(target.connection(), db);
                return null;
            });
            return target;
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }

    private void replay(Connection c, ScratchDatabase db) {
        try {
            new LiquibaseRunner(c, changelogs).update();
        } catch (MigrateException e) {
            throw lackedExtension(e, db).orElse(e);
        }
    }

    /** A replay that failed because the server lacks an extension a changelog creates: that, in one line. */
    private static Optional<MigrateException> lackedExtension(MigrateException e, ScratchDatabase db) {
        return Extensions.missingFiles(e).map(words -> Extensions.replayNeeds(words, db.server(), e));
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

    // ---- create -------------------------------------------------------------------------------------------

    /** Compares entities with the database at head and writes a migration for the difference, if any. */
    public Results.Created create(String message) {
        return create(new CreateRequest(message, List.of(), List.of(), false), suggestions -> Optional.of(List.of()));
    }

    /** What {@code create} is asked: the message, the renames and the backfill values the user gave. */
    public record CreateRequest(String message, List<Renames.Request> renames, List<Backfills.Request> backfills,
                                boolean online) {
        public CreateRequest {
            renames = List.copyOf(renames);
            backfills = List.copyOf(backfills);
        }
    }

    /**
     * As {@link #create(String)}, with the renames the user asked for. When a drop and an add look like a rename the
     * user did not ask for, {@code decide} is told: it answers the renames to add (none: the drop and the add stand),
     * or nothing, and then no file is written and the suggestions are returned.
     */
    public Results.Created create(CreateRequest request,
                                  Function<List<Renames.Suggestion>, Optional<List<Renames.Request>>> decide) {
        String message = request.message();
        try (Target target = openTarget()) {
            LiquibaseRunner runner = new LiquibaseRunner(target.connection(), changelogs);
            if (remote != null) {
                List<ChangeSet> pending = runner.pending();
                if (!pending.isEmpty()) {
                    throw new MigrateException(Text.of(pending.size() + " changeSet(s) pending on " + remote
                            + ": run ", Text.command("upgrade"), " first, so the new migration starts from head"),
                            null, MigrateException.Kind.PENDING);
                }
            }
            Schema all = timed("inspect target", () -> inspectAll(target.connection()));
            Schema inspected = exclusions.apply(all);
            boolean declaredThere = remote != null
                    && inspected.extensions().stream().anyMatch(e -> options.extensions().contains(e.name()));
            try (Target head = declaredThere ? replayed(scratch()) : null) {
                Schema live = head == null ? inspected : withoutUnmigratedDeclared(inspected, inspect(head.connection()));
                Schema current = canonicalChecks(live, desired(live.extensions()));
                return write(request, decide, current, head != null ? head : target, all);
            }
        }
    }

    /** Plans the migration from {@code current} to the entities, checks it against the rows, verifies and writes it. */
    private Results.Created write(CreateRequest request,
                                  Function<List<Renames.Suggestion>, Optional<List<Renames.Request>>> decide,
                                  Schema current, Target target, Schema all) {
        String message = request.message();
        boolean first = changelogs.files().isEmpty();
        List<Renames.Request> asked = new ArrayList<>(request.renames());
        List<Change> planned = plan(current, asked);
        List<Renames.Suggestion> suggested = Renames.suggestions(planned);
        if (!suggested.isEmpty()) {
            Optional<List<Renames.Request>> more = decide.apply(suggested);
            if (more.isEmpty()) {
                return Results.Created.refused(suggested);
            }
            if (!more.get().isEmpty()) {
                asked.addAll(more.get());
                planned = plan(current, asked);
            }
        }
        List<Change> changes = Backfills.apply(planned, request.backfills());
        if (changes.isEmpty()) {
            return new Results.Created(null, null, List.of());
        }
        // what the changes do to the rows the database holds: only a real database has any
        Map<Change, RowCounts.Count> counts = remote == null ? Map.of()
                : timed("count rows", () -> RowCounts.of(changes, target.connection(), options.log()));
        Map<Change, RowCounts.Count> failing = new LinkedHashMap<>();
        counts.forEach((change, count) -> {
            if (count.fails()) {
                failing.put(change, count);
            }
        });
        if (!failing.isEmpty()) {
            return Results.Created.failing(changes, failing);
        }
        Map<Change, String> notes = new LinkedHashMap<>();
        counts.forEach((change, count) -> notes.put(change, count.describe() + " (counted on " + remote
                + " when this file was written)"));
        Revision revision = Revision.of(ZonedDateTime.now(options.clock()), options.revisionIds().get(), message);
        List<dev.jpamigrate.render.Step> steps = dev.jpamigrate.render.Step.plan(changes, request.online(), render);
        String content = ChangelogRenderer.render(revision, message, options.author(), steps, notes, render);
        Verified verified = verify(revision, content, steps.size(), target, all);
        Path file = changelogs.add(revision.fileName(), content);
        verified.head().ifPresent(head -> headKey().ifPresent(k -> cache.put(k, head)));
        return new Results.Created(revision, file, changes, List.of(), counts, verified.outside(),
                verified.fromDatabase(), first);
    }

    /** The requested renames first, then the diff from the renamed schema to the entities'. */
    private List<Change> plan(Schema current, List<Renames.Request> renames) {
        List<Change> renaming = Renames.changes(current, desired(), renames);
        if (renaming.isEmpty()) {
            return SchemaDiff.diff(current, desired());
        }
        List<Change> changes = new ArrayList<>(renaming);
        changes.addAll(SchemaDiff.diff(renamed(current, renaming), desired()));
        return changes;
    }

    /**
     * {@code schema} after the renames, as PostgreSQL itself rewrites it: every index, constraint and reference that
     * names a renamed object follows it. Built on a scratch database and rolled back.
     */
    private Schema renamed(Schema schema, List<Change> renames) {
        try (ScratchDatabase db = scratch(); Connection c = db.connect()) {
            c.setAutoCommit(false);
            try {
                List<String> sql = new ArrayList<>();
                SchemaDiff.diff(Schema.empty(), schema).forEach(change -> sql.addAll(SqlRenderer.render(change)));
                renames.forEach(change -> sql.addAll(SqlRenderer.render(change)));
                Batch.run(c, sql);
                return inspect(c);
            } finally {
                c.rollback();
                db.asCreated(); // all rolled back: the run's next scratch database may be this one
            }
        } catch (SQLException e) {
            throw new MigrateException("cannot apply the renames on a scratch database: " + e.getMessage(), e);
        }
    }

    /**
     * {@code live} without the declared extensions that the changelogs do not create ({@code head} lacks them): one
     * installed there by hand still belongs in a migration, or a database built from the changelogs would lack it.
     * Only a replay tells, so one runs only when the target has a declared extension; verify then reuses it.
     */
    private Schema withoutUnmigratedDeclared(Schema live, Schema head) {
        Set<String> migrated = names(head.extensions());
        return live.withExtensions(live.extensions().stream()
                .filter(e -> !options.extensions().contains(e.name()) || migrated.contains(e.name())).toList());
    }

    private static Set<String> names(List<Extension> extensions) {
        return extensions.stream().map(Extension::name).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * What verification found out: about a database beside the changelogs, the note's facts; and, when it started
     * from the changelogs replayed, the schema the migration took them to, which is the new head: what a replay of the
     * changelogs with the file written reads back (the same statements on the same server), cached for the check that
     * follows a create.
     */
    private record Verified(List<Change> outside, boolean fromDatabase, Optional<Schema> head) {
    }

    /**
     * Verifies (unless --no-verify) before a file is written, on a throwaway database where the migration starts: the
     * changelogs replayed, or, for a database that has objects the changelogs do not create (built or changed outside
     * them), a copy of that database's schema with the existing migrations recorded as applied. What the database has
     * beyond the changelogs is returned for the note, also without verification.
     */
    private Verified verify(Revision revision, String content, int changeSets, Target target, Schema all) {
        try (Cleanup.TempDir tmp = cleanup.tempDir("jpa-migrate-verify")) {
            Changelogs candidate = changelogs.candidate(tmp.path());
            candidate.add(revision.fileName(), content);
            if (target.scratch() != null) {
                // no database given (or the changelogs replayed already): that is where the migration starts
                Optional<Schema> head = options.verify()
                        ? Optional.of(timed("verify", () -> verifyOn(target.connection(), candidate, changeSets)))
                        : Optional.empty();
                return new Verified(List.of(), false, head);
            }
            try (ScratchDatabase db = scratch(); Connection c = db.connect()) {
                timed("replay changelogs", () -> {
                    replay(c, db);
                    return null;
                });
                Schema head = timed("inspect head", () -> inspectAll(c));
                Schema live = canonicalChecks(withoutUnmigrated(all, head), head);
                List<Change> outside = SchemaDiff.diff(exclusions.apply(head), exclusions.apply(live));
                boolean beside = !outside.isEmpty();
                Optional<Schema> reached = Optional.empty();
                if (options.verify()) {
                    if (beside) {
                        timed("verify", () -> {
                            verifyFromDatabase(all, candidate, changeSets);
                            return null;
                        });
                    } else {
                        reached = Optional.of(timed("verify", () -> verifyOn(c, candidate, changeSets)));
                    }
                }
                return new Verified(outside, beside && options.verify(), reached);
            } catch (SQLException e) {
                throw new MigrateException("verification failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Verifies on a copy of the database's schema: rebuilt on a scratch database, the existing changelogs recorded as
     * applied there as they are on the database, then the usual apply, re-diff and rollback.
     */
    private void verifyFromDatabase(Schema all, Changelogs candidate, int changeSets) {
        try (ScratchDatabase db = scratch(); Connection c = db.connect()) {
            timed("copy database schema", () -> {
                SchemaCopy.build(c, all, remote.toString());
                return null;
            });
            LiquibaseRunner existing = new LiquibaseRunner(c, changelogs);
            Set<String> files = new HashSet<>();
            existing.changeSets().forEach(cs -> files.add(Path.of(cs.getFilePath()).getFileName().toString()));
            if (!files.isEmpty()) {
                existing.markRan(files);
            }
            verifyOn(c, candidate, changeSets);
        } catch (SQLException e) {
            throw new MigrateException("verification failed: " + e.getMessage(), e);
        }
    }

    /** Applies the candidate on {@code c}, compares, rolls it back, compares; the schema the migration reached. */
    private Schema verifyOn(Connection c, Changelogs candidate, int changeSets) {
        Schema before = inspect(c);
        LiquibaseRunner runner = new LiquibaseRunner(c, candidate).notes(line -> options.log().accept("verify: " + line));
        Optional<LiquibaseRunner.PlainSql> plain = runner.plainSql(changeSets);
        if (plain.isPresent()) {
            return verifyPlain(c, plain.get(), before);
        }
        try {
            runner.update();
        } catch (MigrateException e) {
            throw new MigrateException("the generated migration does not apply (nothing was written): " + e.getMessage(), e);
        }
        Schema after = inspect(c);
        List<Change> remaining = SchemaDiff.diff(after, desired().withExtensions(expectedExtensions(after)));
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
        return after;
    }

    /**
     * As {@link #verifyOn}, for a migration that is plain SQL: the statements Liquibase generates for it, forward then
     * its rollback, each in one batch, in one transaction that is rolled back after. The same statements in the same
     * transaction as an upgrade runs them (one per file), without Liquibase's bookkeeping for each changeSet, which
     * cost seconds on a large model; what is compared is the same. When the migration and its rollback need more locks
     * than the server has (SQLSTATE 53200, max_locks_per_transaction; twice a lock on every object of a model of a
     * thousand tables), the forward and the rollback are each committed in chunks instead: the database is a scratch
     * one, dropped after.
     */
    private Schema verifyPlain(Connection c, LiquibaseRunner.PlainSql sql, Schema before) {
        options.log().accept("verify: " + sql.forward().size() + " statement(s) and " + sql.rollback().size()
                + " of the rollback, each in one batch, in one transaction rolled back after");
        try {
            // as the caller's Liquibase left it (it turns auto-commit off)
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                Optional<Schema> reached = compare(c, sql, before, false);
                if (reached.isPresent()) {
                    return reached.get();
                }
                c.rollback();
                options.log().accept("verify: more objects than one transaction can lock (max_locks_per_transaction="
                        + setting(c, "max_locks_per_transaction") + "): the migration and its rollback each committed"
                        + " in chunks on the scratch database instead");
                return compare(c, sql, before, true).orElseThrow();
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new MigrateException("verification failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the forward statements, compares with the entities, runs the rollback, compares with {@code before}: in the
     * open transaction, or each half committed in chunks. The schema the forward statements reached; empty when the
     * open transaction ran out of locks.
     */
    private Optional<Schema> compare(Connection c, LiquibaseRunner.PlainSql sql, Schema before, boolean chunks)
            throws SQLException {
        if (!run(c, sql.forward(), "migration", chunks)) {
            return Optional.empty();
        }
        Schema after = inspect(c);
        List<Change> remaining = SchemaDiff.diff(after, desired().withExtensions(expectedExtensions(after)));
        if (!remaining.isEmpty()) {
            throw new MigrateException("the generated migration does not reach the entities' schema (nothing"
                    + " was written); still different: " + describe(remaining));
        }
        if (!run(c, sql.rollback(), "rollback", chunks)) {
            return Optional.empty();
        }
        List<Change> residue = SchemaDiff.diff(inspect(c).normalized(), before.normalized());
        if (!residue.isEmpty()) {
            throw new MigrateException("the generated rollback does not restore the schema (nothing was"
                    + " written): " + describe(residue));
        }
        return Optional.of(after);
    }

    /** Statements per committed chunk to start with; halved while a chunk still runs out of locks. */
    private static final int CHUNK = 256;

    /** Runs {@code statements} in the open transaction, or in committed chunks; false when out of locks in one. */
    private boolean run(Connection c, List<String> statements, String what, boolean chunks) throws SQLException {
        int size = chunks ? CHUNK : Math.max(1, statements.size());
        int from = 0;
        while (from < statements.size()) {
            List<String> chunk = statements.subList(from, Math.min(statements.size(), from + size));
            try {
                Batch.run(c, chunk);
            } catch (Batch.Rejected e) {
                if (OUT_OF_LOCKS.equals(e.getSQLState())) {
                    if (!chunks) {
                        return false;
                    }
                    if (size > 1) {
                        c.rollback();
                        size = Math.max(1, size / 2);
                        continue;
                    }
                }
                throw new MigrateException("the generated " + what + " does not apply (nothing was written): "
                        + e.getMessage().replaceAll("\\s+", " ") + " (statement: " + e.statement() + ")", e);
            }
            if (chunks) {
                c.commit();
            }
            from += chunk.size();
        }
        return true;
    }

    /** SQLSTATE 53200, "out of shared memory": the server's lock table (max_locks_per_transaction) is full. */
    private static final String OUT_OF_LOCKS = "53200";

    private static String setting(Connection c, String name) throws SQLException {
        try (java.sql.PreparedStatement st = c.prepareStatement("select current_setting(?)")) {
            st.setString(1, name);
            try (java.sql.ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /**
     * The desired extensions a database built from the changelogs must have: the declared ones and those the changelogs
     * create. The rest came from the target, where someone other than the migrations installed them.
     */
    private List<Extension> expectedExtensions(Schema built) {
        Set<String> there = names(built.extensions());
        return desired().extensions().stream()
                .filter(e -> options.extensions().contains(e.name()) || there.contains(e.name())).toList();
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
    public Results.Baselined baseline(String message, Duration lockWait, Consumer<Text> progress) {
        if (remote == null) {
            throw new MigrateException("baseline adopts an existing database: name it with --url, DATABASE_URL or"
                    + " DATABASE_URL= in .env", null, MigrateException.Kind.USAGE);
        }
        Schema all;
        try (Connection c = remote.connect(remote.database())) {
            List<Applied> applied = new LiquibaseRunner(c, changelogs).applied();
            if (!applied.isEmpty()) {
                long files = applied.stream().map(Applied::file).distinct().count();
                throw new MigrateException(Text.of(remote + " already has " + files + " migration(s) applied:"
                        + " baseline is for a database with none; generate the entities' changes from here with ",
                        Text.command("create", "\"<message>\""), "; nothing was changed"), null,
                        MigrateException.Kind.USAGE);
            }
            List<String> files = changelogs.files();
            if (!files.isEmpty()) {
                throw new MigrateException(Text.of("the changelogs already hold " + files.size() + " migration(s)"
                        + " that " + remote + " has not applied (" + Path.of(files.get(0)).getFileName()
                        + (files.size() > 1 ? ", ..." : "") + "), and a baseline must be the first migration: if the"
                        + " database already has their schema, record them with ", Text.command("stamp", "head"),
                        "; if they were generated against this database before it was adopted, delete them and their"
                        + " <include> lines, then run ", Text.command("baseline"), " again; nothing was changed"), null,
                        MigrateException.Kind.USAGE);
            }
            all = timed("inspect database", () -> inspectAll(c));
        } catch (SQLException e) {
            throw new MigrateException("cannot read " + remote + ": " + e.getMessage(), e);
        }
        Schema live = exclusions.apply(all);
        if (live.isEmpty()) {
            return new Results.Baselined(null, null, live, 0, 0, 0);
        }
        List<Change> changes = SchemaDiff.diff(Schema.empty(), live);
        int changeSets = changes.size();
        Revision revision = Revision.of(ZonedDateTime.now(options.clock()), options.revisionIds().get(), message);
        String content = ChangelogRenderer.baseline(revision, message, options.author(), changes);
        if (options.verify()) {
            timed("verify", () -> verifyBaseline(revision, content, changeSets, live));
        }
        Path file = changelogs.add(revision.fileName(), content);
        Lifecycle.Outcome stamped;
        try {
            stamped = lifecycle(lockWait, progress, l -> l.stamp(revision.id()));
        } catch (MigrateException e) {
            throw new MigrateException(Text.of("wrote " + file + " but could not record it as applied on " + remote
                    + ": ", e.text(), "; once that is fixed, run ", Text.command("stamp", revision.rev())), e);
        }
        return new Results.Baselined(revision, file, live, changeSets, live.extensions().size(), stamped.changeSets());
    }

    /**
     * On an empty scratch database the baseline must build the database's schema (CHECK texts compared at
     * PostgreSQL's fixed point, as everywhere) and its rollback must leave nothing.
     */
    private Void verifyBaseline(Revision revision, String content, int changeSets, Schema live) {
        try (Cleanup.TempDir tmp = cleanup.tempDir("jpa-migrate-baseline");
             ScratchDatabase db = scratch(); Connection c = db.connect()) {
            Changelogs candidate = new Changelogs(tmp.path());
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
        }
    }

    // ---- check --------------------------------------------------------------------------------------------

    /**
     * Model drift always; database drift and the database's history too when a database URL was given; the
     * changelogs' own integrity (include order, replay) always.
     */
    public Results.Checked check() {
        List<String> includes = changelogs.files();
        List<Problem> problems = new ArrayList<>(Integrity.includeOrder(includes));
        Optional<String> headKey = timed("cache keys", this::headKey);
        Schema cachedHead = timed("read cache", () -> headKey.flatMap(cache::get).orElse(null));
        Schema head = cachedHead;
        if (desired == null && cachedHead != null) {
            Optional<String> key = timed("cache keys", () -> desiredKey(cachedHead.extensions()));
            desired = timed("read cache", () -> key.flatMap(cache::get).orElse(null));
        }
        // Hibernate's metadata build is pure CPU and the embedded start mostly waits on a process: overlap them.
        CompletableFuture<List<String>> ddl = desired != null ? null
                : CompletableFuture.supplyAsync(this::desiredDdl, Engine::daemon);
        if (head == null) {
            head = replayHead(problems, includes);
            Schema replayed = head;
            headKey.ifPresent(k -> {
                if (replayed != null) {
                    cache.put(k, replayed);
                }
            });
        }
        List<Change> modelDrift = List.of();
        if (head != null) {
            if (desired == null) {
                desiredFrom(join(ddl), head.extensions());
                desiredKey(head.extensions()).ifPresent(k -> cache.put(k, desired));
            }
            head = canonicalChecks(head, desired());
            modelDrift = SchemaDiff.diff(head, desired());
        } else if (ddl != null) {
            ddl.cancel(true);
        }
        return checkDatabase(head, modelDrift, problems, head == null ? null : desired());
    }

    /** The changelogs replayed on a scratch database and read back; null, with the problem noted, when they fail. */
    private Schema replayHead(List<Problem> problems, List<String> includes) {
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
                Optional<MigrateException> lacked = lackedExtension(e, db);
                if (lacked.isPresent()) {
                    throw lacked.get();
                }
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
        return head;
    }

    private Results.Checked checkDatabase(Schema head, List<Change> modelDrift, List<Problem> problems,
                                          Schema entities) {
        if (remote == null) {
            return new Results.Checked(modelDrift, head != null, List.of(), List.of(), false, null, problems,
                    entities, null);
        }
        Connection c = session();
        dev.jpamigrate.run.History pairing = timed("read history", () -> history(c));
        List<Applied> applied = pairing.applied();
        Integrity.History history = Integrity.history(pairing);
        problems.addAll(history.problems());
        List<Change> databaseDrift = List.of();
        Schema live = head == null ? null : timed("inspect database", () -> inspect(c));
        Schema compared = null;
        boolean untracked = live != null && applied.isEmpty() && !live.tables().isEmpty();
        if (untracked) {
            // not "changed outside the migrations": no migration ever ran here, whatever the changelogs hold
            problems.add(Integrity.untracked(remote.toString(), SchemaDiff.diff(head, live).size(),
                    changelogs.files().isEmpty()));
        } else if (history.pending().isEmpty() && live != null) {
            compared = canonicalChecks(withoutUnmigrated(live, head), head);
            databaseDrift = SchemaDiff.diff(head, compared);
        }
        return new Results.Checked(modelDrift, head != null, history.pending(), databaseDrift, true,
                remote.toString(), problems, entities, compared);
    }

    /**
     * {@code live} without the extensions the changelogs do not create: an administrator or the platform installs some
     * in every database (pg_stat_statements), and no migration can do anything about them. One the changelogs create
     * and the database lacks is still drift.
     */
    private static Schema withoutUnmigrated(Schema live, Schema head) {
        Set<String> migrated = names(head.extensions());
        return live.withExtensions(live.extensions().stream().filter(e -> migrated.contains(e.name())).toList());
    }

    /** {@code schema}'s CHECK constraints in PostgreSQL's fixed-point text where they differ from {@code other}'s. */
    private Schema canonicalChecks(Schema schema, Schema other) {
        if (!CheckCanonicalizer.needed(schema, other)) {
            return schema;
        }
        return timed("canonical checks", () -> CheckCanonicalizer.canonical(schema, other, this::scratch, options.log()));
    }

    /** How many migrations before a failing one are tried left out, to find the one it conflicts with. */
    private static final int CONFLICT_TRIALS = 5;

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
        try (Cleanup.TempDir tmp = cleanup.tempDir("jpa-migrate-trial")) {
            Changelogs trial = new Changelogs(tmp.path());
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
        }
    }

    private List<String> desiredDdl() {
        return timed("hibernate ddl", () -> DesiredSchema.ddl(options.classpath(), Engine.class.getClassLoader(),
                options.packages(), options.naming(), HibernateSettings.of(options.hibernateSettings())));
    }

    private void desiredFrom(List<String> ddl, List<Extension> present) {
        if (desired == null) {
            try (ScratchDatabase scratch = scratch()) {
                desired = exclusions.apply(timed("normalize", () -> DesiredSchema.normalize(ddl, scratch, present, options.extensions(), schema -> {
                    List<String> sql = new ArrayList<>();
                    SchemaDiff.diff(Schema.empty(), schema).forEach(c -> sql.addAll(SqlRenderer.render(c)));
                    return sql;
                }, SqlRenderer::render)));
                // normalize rolls back all it did and closes its connection: the next scratch database may be this one
                scratch.asCreated();
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
    public <T> T lifecycle(Duration lockWait, Consumer<Text> progress, Function<Lifecycle, T> operation) {
        try (Connection c = targetConnection()) {
            return operation.apply(new Lifecycle(c, changelogs, lockWait, progress).events(events));
        } catch (SQLException e) {
            throw new MigrateException("database error: " + e.getMessage(), e);
        }
    }

    /** True when the user named a database (--url, DATABASE_URL, .env); false for the embedded one. */
    public boolean hasDatabase() {
        return remote != null;
    }

    /** The database being migrated, for headings; never with a password. */
    public String where() {
        if (remote != null) {
            return remote.toString();
        }
        if (options.devDb() instanceof DevDb.Container c) {
            return "the database in a container of " + c.image();
        }
        DevDb.Embedded embedded = (DevDb.Embedded) options.devDb();
        return embedded.version().equals(PgBinaries.BUNDLED) ? "the embedded database"
                : "the embedded database (" + embeddedBinaries() + ")";
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
        events.accept(new Progress.Phase(phase));
        long start = System.nanoTime();
        try {
            return step.run();
        } finally {
            long ms = (System.nanoTime() - start) / 1_000_000;
            timings.merge(phase, ms, Long::sum);
            options.log().accept(String.format("%-20s %6d ms", phase, ms));
        }
    }

    @Override
    public void close() {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException ignored) {
                // a session we are done with
            }
        }
        if (devServer != null) {
            devServer.close();
        }
        if (remote != null) {
            remote.close();
        }
        cleanup.close();
    }
}
