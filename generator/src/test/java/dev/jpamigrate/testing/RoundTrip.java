package dev.jpamigrate.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One model edit, driven through the command line against a fresh database on the real PostgreSQL:
 * create + upgrade the "before" model, then for the "after" model: create → upgrade → check (re-diff empty) →
 * downgrade → pg_dump identical to before → upgrade again → identical to after.
 */
public final class RoundTrip {
    public static final String PKG = "rt.model";
    private final String before;
    private final String after;
    private final List<String> extraArgs = new ArrayList<>();

    private RoundTrip(String before, String after) {
        this.before = before;
        this.after = after;
    }

    public static RoundTrip edit(String before, String after) {
        return new RoundTrip(before, after);
    }

    public RoundTrip withArgs(String... args) {
        extraArgs.addAll(List.of(args));
        return this;
    }

    /** The generated migration of the edit, and the dumps around it. */
    public record Outcome(String migration, String createOutput, String dumpBefore, String dumpAfter) {
    }

    public Outcome run() {
        try {
            Path work = Files.createTempDirectory("jpa-migrate-rt");
            try (TestPostgres.Db db = TestPostgres.create()) {
                Cli cli = new Cli(work);
                Path v1 = EntityCompiler.compile(PKG, before, work.resolve("v1"));
                Path v2 = EntityCompiler.compile(PKG, after, work.resolve("v2"));

                Cli.Result first = cli.run(args("create", "before", "--classpath", v1.toString(), "--url", db.jdbcUrl()));
                assertThat(first.exit()).as("create for the starting model\n%s", first).isZero();
                Cli.Result up0 = cli.run(args("upgrade", "--classpath", v1.toString(), "--url", db.jdbcUrl()));
                assertThat(up0.exit()).as("upgrade of the starting model\n%s", up0).isZero();
                Cli.Result clean = cli.run(args("check", "--classpath", v1.toString(), "--url", db.jdbcUrl()));
                assertThat(clean.exit()).as("check right after upgrade of the starting model\n%s", clean).isZero();
                String dumpBefore = db.dump();
                List<Path> filesBefore = migrations(work);

                Cli.Result created = cli.run(args("create", "edit", "--classpath", v2.toString(), "--url", db.jdbcUrl()));
                assertThat(created.exit()).as("create for the edit\n%s", created).isZero();
                List<Path> filesAfter = migrations(work);
                if (filesAfter.size() == filesBefore.size()) {
                    assertThat(created.out()).contains("No changes detected");
                    assertThat(db.dump()).isEqualTo(dumpBefore);
                    return new Outcome(null, created.out(), dumpBefore, dumpBefore);
                }
                assertThat(filesAfter).hasSize(filesBefore.size() + 1);
                String migration = Files.readString(filesAfter.get(filesAfter.size() - 1));
                assertEveryChangeSetHasRollback(migration);

                Cli.Result up = cli.run(args("upgrade", "--classpath", v2.toString(), "--url", db.jdbcUrl()));
                assertThat(up.exit()).as("upgrade of the edit\n%s\n%s", up, migration).isZero();
                String dumpAfter = db.dump();
                assertThat(dumpAfter).as("the edit changes the schema").isNotEqualTo(dumpBefore);

                Cli.Result check = cli.run(args("check", "--classpath", v2.toString(), "--url", db.jdbcUrl()));
                assertThat(check.exit()).as("re-diff after upgrade must be empty\n%s\n%s", check, migration).isZero();
                Cli.Result again = cli.run(args("create", "again", "--classpath", v2.toString(), "--url", db.jdbcUrl()));
                assertThat(again.out()).as("create after upgrade writes nothing\n%s", again).contains("No changes detected");

                Cli.Result down = cli.run(args("downgrade", "--classpath", v2.toString(), "--url", db.jdbcUrl()));
                assertThat(down.exit()).as("downgrade\n%s\n%s", down, migration).isZero();
                assertThat(db.dump()).as("schema after downgrade equals the schema before\n%s", migration)
                        .isEqualTo(dumpBefore);

                Cli.Result up2 = cli.run(args("upgrade", "--classpath", v2.toString(), "--url", db.jdbcUrl()));
                assertThat(up2.exit()).as("upgrade again\n%s", up2).isZero();
                assertThat(db.dump()).as("schema after re-upgrade equals the schema after the first upgrade")
                        .isEqualTo(dumpAfter);
                return new Outcome(migration, created.out() + created.err(), dumpBefore, dumpAfter);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String[] args(String... base) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of("--entities", PKG, "--changelogs", "changelogs"));
        all.addAll(extraArgs);
        return all.toArray(String[]::new);
    }

    static List<Path> migrations(Path work) throws IOException {
        Path dir = work.resolve("changelogs");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
        }
    }

    /** Every changeSet has at least one rollback line. */
    public static void assertEveryChangeSetHasRollback(String migration) {
        String[] changeSets = migration.split("\n-- changeset ");
        for (int i = 1; i < changeSets.length; i++) {
            assertThat(changeSets[i]).as("changeSet without rollback:\n%s", changeSets[i]).contains("\n-- rollback ");
        }
    }
}
