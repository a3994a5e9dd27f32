package dev.jpamigrate.drift;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.EntityCompiler;
import dev.jpamigrate.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each kind of drift {@code check} tells apart, driven to exit 1 through the command line, and asserted in all three
 * formats: text for people, JSON for tools (parsed), Markdown for a pull-request comment.
 */
class DriftCheckTest {
    private static final String PKG = "drift.model";
    private static final String ACCOUNT = """
            @Entity @Table(name = "accounts")
            class Account {
                @Id @GeneratedValue(strategy = GenerationType.UUID) @ColumnDefault("gen_random_uuid()") UUID id;
                @Column(nullable = false, length = 120) String name;
            %s}
            """;

    @TempDir
    Path work;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(work);
    }

    private Path model(String name, String extraFields) {
        return EntityCompiler.compile(PKG, ACCOUNT.formatted(extraFields), work.resolve("classes-" + name));
    }

    private Cli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--entities", PKG));
        return cli.run(all.toArray(String[]::new));
    }

    private void ok(Cli.Result r, String what) {
        assertThat(r.exit()).as("%s\n%s", what, r).isZero();
    }

    /** The three reports of one drifted state; each must exit 1. */
    private record Reports(Cli.Result text, JsonObject json, Cli.Result markdown) {
    }

    private Reports checkAll(String... args) {
        Cli.Result text = run(with(args, "check", "--format", "text"));
        Cli.Result json = run(with(args, "check", "--format", "json"));
        Cli.Result markdown = run(with(args, "check", "--format", "markdown"));
        assertThat(text.exit()).as("text check exits 1 on drift\n%s", text).isEqualTo(1);
        assertThat(json.exit()).as("json check exits 1 on drift\n%s", json).isEqualTo(1);
        assertThat(markdown.exit()).as("markdown check exits 1 on drift\n%s", markdown).isEqualTo(1);
        JsonObject parsed = JsonParser.parseString(json.out()).getAsJsonObject();
        assertThat(parsed.get("version").getAsInt()).isEqualTo(1);
        assertThat(parsed.get("status").getAsString()).isEqualTo("drift");
        assertThat(parsed.get("exitCode").getAsInt()).isEqualTo(1);
        assertThat(markdown.out()).as("markdown verdict").startsWith("## :x: Schema drift detected");
        return new Reports(text, parsed, markdown);
    }

    private static String[] with(String[] args, String... first) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private static List<String> strings(JsonElement array) {
        List<String> out = new ArrayList<>();
        array.getAsJsonArray().forEach(e -> out.add(e.getAsString()));
        return out;
    }

    private List<Path> sqlFiles(String dir) throws IOException {
        try (Stream<Path> files = Files.list(work.resolve(dir))) {
            return files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
        }
    }

    // ---- model drift --------------------------------------------------------------------------------------

    @Test
    void modelDriftWithoutADatabase() {
        Path v1 = model("v1", "");
        Path v2 = model("v2", "    @Column(length = 64) String timezone;\n");
        ok(run("create", "init", "--classpath", v1.toString()), "create init");
        ok(run("check", "--classpath", v1.toString()), "check of the model the changelogs build");

        Reports r = checkAll("--classpath", v2.toString());

        assertThat(r.text().out()).contains("Model drift: the entities differ from what the changelogs build (1 change)")
                .contains("+ add column accounts.timezone character varying(64)")
                .contains("./migrate create")
                .contains("database not checked (no --url)");
        JsonObject model = r.json().getAsJsonObject("modelDrift");
        assertThat(model.get("checked").getAsBoolean()).isTrue();
        JsonObject change = model.getAsJsonArray("changes").get(0).getAsJsonObject();
        assertThat(change.get("kind").getAsString()).isEqualTo("AddColumn");
        assertThat(change.get("description").getAsString()).isEqualTo("add column accounts.timezone character varying(64)");
        assertThat(strings(change.get("sql"))).containsExactly("ALTER TABLE public.accounts ADD COLUMN timezone character varying(64)");
        assertThat(r.json().getAsJsonObject("databaseDrift").get("checked").getAsBoolean()).isFalse();
        assertThat(r.json().getAsJsonArray("integrity")).isEmpty();
        assertThat(r.markdown().out()).contains("### Model drift")
                .contains("- `+` `add column accounts.timezone character varying(64)`")
                .contains("```sql\nALTER TABLE public.accounts ADD COLUMN timezone character varying(64);\n```")
                .contains("| Database | not checked (no `--url`) |");
    }

    // ---- database drift: pending ---------------------------------------------------------------------------

    @Test
    void pendingChangeSets() throws IOException {
        Path v1 = model("v1", "");
        Path v2 = model("v2", "    @Column(length = 64) String timezone;\n");
        try (TestPostgres.Db db = TestPostgres.create()) {
            ok(run("create", "init", "--classpath", v1.toString(), "--url", db.jdbcUrl()), "create init");
            ok(run("upgrade", "--classpath", v1.toString(), "--url", db.jdbcUrl()), "upgrade");
            ok(run("create", "timezone", "--classpath", v2.toString(), "--url", db.jdbcUrl()), "create timezone");
            String pendingFile = sqlFiles("changelogs").get(1).getFileName().toString();

            Reports r = checkAll("--classpath", v2.toString(), "--url", db.jdbcUrl());

            assertThat(r.text().out()).contains("Database drift: 1 changeSet pending on postgresql://postgres@")
                    .contains("  " + pendingFile + "::")
                    .contains("./migrate upgrade")
                    .doesNotContain("Model drift");
            JsonObject database = r.json().getAsJsonObject("databaseDrift");
            assertThat(database.get("checked").getAsBoolean()).isTrue();
            assertThat(database.get("url").getAsString()).contains(db.name()).doesNotContain("password");
            JsonArray pending = database.getAsJsonArray("pending");
            assertThat(pending).hasSize(1);
            assertThat(pending.get(0).getAsJsonObject().get("file").getAsString()).isEqualTo(pendingFile);
            assertThat(database.getAsJsonObject("changedOutsideMigrations").get("checked").getAsBoolean())
                    .as("hand-made changes are not compared while changeSets are pending").isFalse();
            assertThat(r.json().getAsJsonObject("modelDrift").getAsJsonArray("changes")).isEmpty();
            assertThat(r.markdown().out()).contains("### Pending changeSets")
                    .contains("- `" + pendingFile + "` changeSet")
                    .contains("| Changed outside migrations | not compared while changeSets are pending |");

            ok(run("upgrade", "--classpath", v2.toString(), "--url", db.jdbcUrl()), "upgrade");
            Cli.Result clean = run("check", "--classpath", v2.toString(), "--url", db.jdbcUrl(), "--format", "json");
            assertThat(clean.exit()).as("%s", clean).isZero();
            assertThat(JsonParser.parseString(clean.out()).getAsJsonObject().get("status").getAsString()).isEqualTo("ok");
        }
    }

    // ---- database drift: changed by hand --------------------------------------------------------------------

    @Test
    void schemaChangedByHandOutsideMigrations() {
        Path v1 = model("v1", "");
        try (TestPostgres.Db db = TestPostgres.create()) {
            ok(run("create", "init", "--classpath", v1.toString(), "--url", db.jdbcUrl()), "create init");
            ok(run("upgrade", "--classpath", v1.toString(), "--url", db.jdbcUrl()), "upgrade");
            db.execute("ALTER TABLE accounts ADD COLUMN note text", "CREATE INDEX accounts_name_idx ON accounts (name)");

            Reports r = checkAll("--classpath", v1.toString(), "--url", db.jdbcUrl());

            assertThat(r.text().out()).contains("Database drift: the database was changed outside the migrations")
                    .contains("+ add column accounts.note text")
                    .contains("accounts_name_idx")
                    .contains("./migrate stamp")
                    .doesNotContain("Model drift").doesNotContain("pending on");
            JsonObject handMade = r.json().getAsJsonObject("databaseDrift").getAsJsonObject("changedOutsideMigrations");
            assertThat(handMade.get("checked").getAsBoolean()).isTrue();
            List<String> kinds = new ArrayList<>();
            handMade.getAsJsonArray("changes").forEach(c -> kinds.add(c.getAsJsonObject().get("kind").getAsString()));
            assertThat(kinds).containsExactlyInAnyOrder("AddColumn", "CreateIndex");
            assertThat(r.json().getAsJsonObject("databaseDrift").getAsJsonArray("pending")).isEmpty();
            assertThat(r.markdown().out()).contains("### Changed outside migrations")
                    .contains("`add column accounts.note text`")
                    .contains("| Changed outside migrations | :x: 2 differences |")
                    .as("the picture is of the database as it is, with what was changed by hand")
                    .contains("```mermaid\nerDiagram\n    accounts {\n        uuid id PK\n"
                            + "        varchar_120_ name \"added: index\"\n        text note \"added\"\n    }\n```\n");
        }
    }

    // ---- integrity: edited after apply ----------------------------------------------------------------------

    @Test
    void changelogEditedAfterItWasApplied() throws IOException {
        Path v1 = model("v1", "");
        try (TestPostgres.Db db = TestPostgres.create()) {
            ok(run("create", "init", "--classpath", v1.toString(), "--url", db.jdbcUrl()), "create init");
            ok(run("upgrade", "--classpath", v1.toString(), "--url", db.jdbcUrl()), "upgrade");
            Path file = sqlFiles("changelogs").get(0);
            String name = file.getFileName().toString();
            String sql = Files.readString(file);
            assertThat(sql).contains("name character varying(120) NOT NULL");
            Files.writeString(file, sql.replace("name character varying(120) NOT NULL", "name character varying(200) NOT NULL"));

            Reports r = checkAll("--classpath", v1.toString(), "--url", db.jdbcUrl());

            assertThat(r.text().out()).contains("Integrity: CHANGELOG_EDITED: " + name + " was edited after it was applied")
                    .contains("checksum mismatch")
                    .contains("fix: restore " + name);
            JsonObject problem = r.json().getAsJsonArray("integrity").get(0).getAsJsonObject();
            assertThat(problem.get("kind").getAsString()).isEqualTo("CHANGELOG_EDITED");
            assertThat(strings(problem.get("files"))).containsExactly(name);
            assertThat(problem.get("message").getAsString()).contains(name);
            assertThat(r.markdown().out()).contains("### Changelog integrity").contains("**`CHANGELOG_EDITED`**")
                    .contains("`" + name + "` was edited after it was applied");
        }
    }

    // ---- integrity: parallel branches -----------------------------------------------------------------------

    /** Two branches each add a migration on top of {@code init}; the merge keeps both, in the order given. */
    private record Branches(String first, String second) {
    }

    private Branches parallelBranches(Path base, Path branchA, Path branchB) throws IOException {
        ok(run("create", "init", "--classpath", base.toString(), "--changelogs", "main"), "create init");
        copy(work.resolve("main"), work.resolve("a"));
        copy(work.resolve("main"), work.resolve("b"));
        ok(run("create", "on branch a", "--classpath", branchA.toString(), "--changelogs", "a"), "create on branch a");
        ok(run("create", "on branch b", "--classpath", branchB.toString(), "--changelogs", "b"), "create on branch b");
        return new Branches(sqlFiles("a").get(1).getFileName().toString(), sqlFiles("b").get(1).getFileName().toString());
    }

    /** The merged changelog directory: main's files plus both branches' files, included in the given order. */
    private void merge(String... includes) throws IOException {
        Path merged = work.resolve("merged");
        copy(work.resolve("main"), merged);
        for (String branch : List.of("a", "b")) {
            for (Path f : sqlFiles(branch)) {
                Files.copy(f, merged.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path master = merged.resolve("db.changelog-master.xml");
        String text = Files.readString(master);
        StringBuilder lines = new StringBuilder();
        for (String include : includes) {
            lines.append("    <include file=\"").append(include).append("\" relativeToChangelogFile=\"true\"/>\n");
        }
        Files.writeString(master, text.replace("</databaseChangeLog>", lines + "</databaseChangeLog>"));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void migrationsFromParallelBranchesIncludedOutOfOrder() throws IOException {
        Path base = model("base", "");
        Path a = model("a", "    @Column(length = 64) String timezone;\n");
        Path b = model("b", "    @Column(length = 32) String phone;\n");
        Path both = model("both", "    @Column(length = 64) String timezone;\n    @Column(length = 32) String phone;\n");
        Branches branches = parallelBranches(base, a, b);
        // branch b merged first; branch a's older file appended after it when a was merged
        merge(branches.second(), branches.first());

        Reports r = checkAll("--classpath", both.toString(), "--changelogs", "merged");

        assertThat(r.text().out()).contains("Integrity: OUT_OF_ORDER: " + branches.first())
                .contains("is included after " + branches.second())
                .contains("parallel branches")
                .contains("fix: if " + branches.first() + " is not applied to any shared database: delete it")
                .doesNotContain("Model drift");
        JsonObject problem = r.json().getAsJsonArray("integrity").get(0).getAsJsonObject();
        assertThat(problem.get("kind").getAsString()).isEqualTo("OUT_OF_ORDER");
        assertThat(strings(problem.get("files"))).containsExactly(branches.first(), branches.second());
        assertThat(r.json().getAsJsonObject("modelDrift").getAsJsonArray("changes")).isEmpty();
        assertThat(r.markdown().out()).contains("**`OUT_OF_ORDER`**").contains("parallel branches");

        // the fix: re-create the older branch's migration on top of the merge
        Path merged = work.resolve("merged");
        Files.delete(merged.resolve(branches.first()));
        Path master = merged.resolve("db.changelog-master.xml");
        Files.writeString(master, Files.readString(master).lines()
                .filter(l -> !l.contains(branches.first())).reduce("", (x, y) -> x + y + "\n"));
        ok(run("create", "timezone again", "--classpath", both.toString(), "--changelogs", "merged"), "re-create");
        ok(run("check", "--classpath", both.toString(), "--changelogs", "merged"), "check after the fix");
    }

    @Test
    void conflictingMigrationsFromParallelBranches() throws IOException {
        Path base = model("base", "");
        Path withTimezone = model("tz", "    @Column(length = 64) String timezone;\n");
        Branches branches = parallelBranches(base, withTimezone, withTimezone);
        merge(branches.first(), branches.second());

        Reports r = checkAll("--classpath", withTimezone.toString(), "--changelogs", "merged");

        assertThat(r.text().out()).contains("Integrity: REPLAY_FAILED: " + branches.second()
                        + " does not apply on top of the migrations before it")
                .contains("already exists")
                .contains("parallel branches")
                .contains("model not compared");
        JsonObject problem = r.json().getAsJsonArray("integrity").get(0).getAsJsonObject();
        assertThat(problem.get("kind").getAsString()).isEqualTo("REPLAY_FAILED");
        assertThat(strings(problem.get("files"))).containsExactly(branches.second(), branches.first());
        assertThat(r.json().getAsJsonObject("modelDrift").get("checked").getAsBoolean()).isFalse();
        assertThat(r.markdown().out()).contains("**`REPLAY_FAILED`**")
                .contains("| Model drift (entities vs changelogs) | not compared: the changelogs do not replay |");
    }

    @Test
    void olderMigrationPendingAfterANewerOneWasApplied() throws IOException {
        Path base = model("base", "");
        Path a = model("a", "    @Column(length = 64) String timezone;\n");
        Path b = model("b", "    @Column(length = 32) String phone;\n");
        Path both = model("both", "    @Column(length = 64) String timezone;\n    @Column(length = 32) String phone;\n");
        Branches branches = parallelBranches(base, a, b);
        try (TestPostgres.Db db = TestPostgres.create()) {
            // branch b was deployed before the merge
            ok(run("upgrade", "--classpath", b.toString(), "--changelogs", "b", "--url", db.jdbcUrl()), "deploy b");
            merge(branches.first(), branches.second());

            Reports r = checkAll("--classpath", both.toString(), "--changelogs", "merged", "--url", db.jdbcUrl());

            assertThat(r.text().out()).contains("Integrity: APPLIED_OUT_OF_ORDER: " + branches.first()
                            + " is pending on this database although " + branches.second())
                    .contains("1 changeSet pending");
            JsonObject problem = r.json().getAsJsonArray("integrity").get(0).getAsJsonObject();
            assertThat(problem.get("kind").getAsString()).isEqualTo("APPLIED_OUT_OF_ORDER");
            assertThat(strings(problem.get("files"))).containsExactly(branches.first(), branches.second());
            assertThat(r.markdown().out()).contains("**`APPLIED_OUT_OF_ORDER`**");
        }
    }

    @Test
    void databaseBuiltOutsideTheMigrationsIsToldToStamp() {
        Path v1 = model("v1", "");
        try (TestPostgres.Db db = TestPostgres.create()) {
            ok(run("create", "init", "--classpath", v1.toString(), "--url", db.jdbcUrl()), "create init");
            ok(run("upgrade", "--classpath", v1.toString(), "--url", db.jdbcUrl()), "upgrade");
            // as if hbm2ddl or a DBA had built it: the tables, no history
            db.execute("DROP TABLE databasechangelog", "DROP TABLE databasechangeloglock");

            Reports r = checkAll("--classpath", v1.toString(), "--url", db.jdbcUrl());

            assertThat(r.text().out()).contains("Integrity: UNTRACKED_SCHEMA:")
                    .contains("has tables but no migration recorded")
                    .contains("Its schema is exactly what the changelogs build")
                    .contains("fix: record the migrations as applied without running them: ./migrate stamp head");
            JsonObject problem = r.json().getAsJsonArray("integrity").get(0).getAsJsonObject();
            assertThat(problem.get("kind").getAsString()).isEqualTo("UNTRACKED_SCHEMA");
            assertThat(r.markdown().out()).contains("**`UNTRACKED_SCHEMA`**").contains("./migrate stamp head");

            ok(run("stamp", "head", "--classpath", v1.toString(), "--url", db.jdbcUrl()), "stamp head");
            ok(run("check", "--classpath", v1.toString(), "--url", db.jdbcUrl()), "check after stamp");
        }
    }

    @Test
    void unknownFormatIsAUsageError() {
        Cli.Result r = run("check", "--format", "yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown format 'yaml': use text, json or markdown");
    }
}
