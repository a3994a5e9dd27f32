package dev.jpamigrate.lifecycle;

import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.LockFiller;
import dev.jpamigrate.testing.TestPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static dev.jpamigrate.lifecycle.Project.cs;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A migration file that locks more objects than the server's shared lock table holds (SQLSTATE 53200,
 * max_locks_per_transaction) still applies and reverts, one changeSet per transaction, on the real PostgreSQL.
 *
 * <p>The lock table of a stock server takes about 15,000 locks (max_locks_per_transaction x (max_connections +
 * max_prepared_transactions + the background processes), and some spare shared memory): a file that overflows it on
 * its own creates over a thousand tables, half a minute on this machine. So a second session first fills the table
 * with session advisory locks up to the point PostgreSQL refuses one, and gives {@link #ROOM} of them back while the
 * commands run: the file of {@link #TABLES} tables (about 12 locks each: table, toast table and its index, primary
 * key, index, the referenced table) then overflows it, one of its changeSets does not.
 */
// fills the server's shared lock table, which every other session on the server needs too: run alone, after the
// parallel classes (see generator/pom.xml)
@Tag("alone")
class LockTableTest {
    /** Locks left free for the commands: what they need besides the big file's transaction, and one changeSet. */
    private static final int ROOM = 1000;
    /** Enough tables to need well over {@link #ROOM} locks in one transaction. */
    private static final int TABLES = 160;
    private static final String BIG = "20261102_1000-bbbbb2";

    @Test
    void aFileTooBigForOneTransactionAppliesAndRevertsOneChangeSetPerTransaction() throws SQLException {
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "base", cs("CREATE TABLE public.base (id bigint PRIMARY KEY);",
                    "DROP TABLE public.base;"));
            String file = p.migration(BIG, "many tables", tables(TABLES, null));

            Cli.Result up = whileLocksAreShort(p, "upgrade");

            assertThat(up.exit()).as("%s", up).isZero();
            assertThat(up.out() + up.err()).contains(file + ": more objects than one transaction can lock"
                    + " (max_locks_per_transaction=" + setting(p, "max_locks_per_transaction") + "): its transaction was"
                    + " rolled back; applying it in " + TABLES + " transactions, one per changeSet");
            assertThat(p.query("select count(*) from pg_tables where schemaname = 'public' and tablename like 't%'"))
                    .isEqualTo(String.valueOf(TABLES));
            List<String> rows = p.changelogRows();
            assertThat(rows).hasSize(TABLES + 1);
            for (int i = 0; i < TABLES; i++) {
                assertThat(rows.get(i + 1)).isEqualTo(BIG + "-" + (i + 1) + "|" + file + "|EXECUTED");
            }
            assertThat(p.query("select count(distinct orderexecuted) from databasechangelog"))
                    .isEqualTo(String.valueOf(TABLES + 1));

            Cli.Result down = whileLocksAreShort(p, "downgrade");

            assertThat(down.exit()).as("%s", down).isZero();
            assertThat(down.out() + down.err()).contains(file + ": more objects than one transaction can lock"
                    + " (max_locks_per_transaction=" + setting(p, "max_locks_per_transaction") + "): its transaction was"
                    + " rolled back; reverting it in " + TABLES + " transactions, one per changeSet");
            assertThat(p.tables().split(",")).containsExactlyInAnyOrder("public.base", "public.databasechangelog",
                    "public.databasechangeloglock");
            assertThat(p.changelogRows()).containsExactly(rows.get(0));
            assertThat(p.query("select count(*) from databasechangeloglock where locked")).isEqualTo("0");
        }
    }

    @Test
    void aFailureLateInASplitFileLeavesWhatCommittedBeforeItAndSaysSo() throws SQLException, IOException {
        try (Project p = Project.create()) {
            p.migration("20261101_1000-aaaaa1", "base", cs("CREATE TABLE public.base (id bigint PRIMARY KEY);",
                    "DROP TABLE public.base;"));
            String file = p.migration(BIG, "many tables", tables(TABLES,
                    cs("ALTER TABLE public.missing ADD COLUMN x text;", "ALTER TABLE public.missing DROP COLUMN x;")));

            Cli.Result up = whileLocksAreShort(p, "upgrade");

            assertThat(up.exit()).as("%s", up).isEqualTo(2);
            assertThat(up.err()).isEqualTo("error: migration " + BIG + " failed at changeSet jpa-migrate:" + BIG + "-"
                    + (TABLES + 1) + ": ERROR: relation \"public.missing\" does not exist; " + TABLES + " of its"
                    + " changeSets had committed, one transaction each (the file locks more objects than one"
                    + " transaction can), and stay applied, so the database is part way through " + BIG + " ("
                    + TABLES + " of " + (TABLES + 1) + " changeSets applied) (1 earlier migration(s) of this run stay"
                    + " applied)\n");
            assertThat(p.query("select count(*) from pg_tables where schemaname = 'public' and tablename like 't%'"))
                    .as("each table committed with its row, the failing changeSet left nothing")
                    .isEqualTo(String.valueOf(TABLES));
            assertThat(p.changelogRows()).hasSize(TABLES + 1).last().asString().startsWith(BIG + "-" + TABLES + "|");
            assertThat(p.query("select count(*) from databasechangeloglock where locked")).isEqualTo("0");

            // what stayed applied is resumable: with the failing changeSet fixed, upgrade applies just it
            Path path = p.work.resolve("changelogs").resolve(file);
            Files.writeString(path, Files.readString(path).replace("public.missing", "public.base"));
            Cli.Result again = p.run("upgrade");
            assertThat(again.exit()).as("%s", again).isZero();
            assertThat(p.changelogRows()).hasSize(TABLES + 2);
        }
    }

    /** {@code n} tables, each with a text column, an index on it and a foreign key to the one before; then {@code last}. */
    private static Project.ChangeSet[] tables(int n, Project.ChangeSet last) {
        List<Project.ChangeSet> changeSets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String references = i == 0 ? "public.base" : "public.t" + (i - 1);
            changeSets.add(cs("CREATE TABLE public.t" + i + " (id bigint PRIMARY KEY, label text, prev bigint REFERENCES "
                    + references + " (id)); CREATE INDEX t" + i + "_label ON public.t" + i + " (label);",
                    "DROP TABLE public.t" + i + ";"));
        }
        if (last != null) {
            changeSets.add(last);
        }
        return changeSets.toArray(Project.ChangeSet[]::new);
    }

    /** Runs {@code command} while the lock table has only {@link #ROOM} locks to spare. */
    private static Cli.Result whileLocksAreShort(Project p, String command) throws SQLException {
        try (LockFiller filler = new LockFiller(ROOM)) {
            return p.run(command);
        }
    }

    private static String setting(Project p, String name) {
        return p.query("select setting from pg_settings where name = '" + name + "'");
    }
}
