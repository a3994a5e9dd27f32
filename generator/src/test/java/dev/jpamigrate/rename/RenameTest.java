package dev.jpamigrate.rename;

import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.EntityProject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Renames keep every value, both ways, on the real PostgreSQL with rows in the tables; the tool never guesses one. */
class RenameTest {
    private static final String USERS = """
            @Entity @Table(name = "users")
            class User {
                @Id Long id;
                @Column(name = "display_name", length = 100) String name;
            }
            """;
    private static final String TICKETS = """
            enum Status { OPEN, DONE }

            @Entity @Table(name = "tickets")
            class Ticket {
                @Id Long id;
                @Enumerated(EnumType.STRING) @JdbcTypeCode(SqlTypes.NAMED_ENUM)
                @Column(columnDefinition = "ticket_status") Status status;
            }
            """;

    @Test
    void aColumnRenameKeepsItsValuesAndTheToolNeverGuessesOne() throws Exception {
        try (EntityProject p = new EntityProject("rn.model")) {
            Path v1 = p.compile(USERS);
            assertThat(p.run(v1, "create", "users").exit()).isZero();
            assertThat(p.run(v1, "upgrade").exit()).isZero();
            p.db.execute("INSERT INTO public.users VALUES (1, 'Ada'), (2, 'Grace')");
            Path v2 = p.compile(USERS.replace("display_name", "full_name"));
            List<String> before = p.files();

            Cli.Result guessed = p.run(v2, "create", "rename");
            assertThat(guessed.exit()).as("%s", guessed).isEqualTo(1);
            assertThat(guessed.err()).contains("users.display_name dropped, users.full_name added:"
                    + " --rename users.display_name=full_name").contains("--accept-drops");
            assertThat(p.files()).as("nothing written").isEqualTo(before);

            Cli.Result renamed = p.run(v2, "create", "rename", "--rename", "users.display_name=full_name");
            assertThat(renamed.exit()).as("%s", renamed).isZero();
            assertThat(renamed.out()).contains("rename column users.display_name to full_name");
            assertThat(p.latest()).contains("ALTER TABLE public.users RENAME COLUMN display_name TO full_name;\n"
                    + "-- rollback ALTER TABLE public.users RENAME COLUMN full_name TO display_name;")
                    .doesNotContain("DROP COLUMN");
            assertThat(p.run(v2, "upgrade").exit()).isZero();
            assertThat(p.query("select string_agg(full_name, ',' order by id) from public.users")).isEqualTo("Ada,Grace");
            assertThat(p.run(v2, "check").exit()).isZero();
            assertThat(p.run(v2, "downgrade").exit()).isZero();
            assertThat(p.query("select string_agg(display_name, ',' order by id) from public.users")).isEqualTo("Ada,Grace");
        }
    }

    @Test
    void atATerminalTheUserIsAskedAndAcceptDropsDropsAsBefore() throws Exception {
        try (EntityProject p = new EntityProject("rn.model")) {
            Path v1 = p.compile(USERS);
            assertThat(p.run(v1, "create", "users").exit()).isZero();
            assertThat(p.run(v1, "upgrade").exit()).isZero();
            Path v2 = p.compile(USERS.replace("display_name", "full_name"));

            Cli.Result asked = p.run(p.cli.answering("y"), v2, "create", "rename");
            assertThat(asked.exit()).as("%s", asked).isZero();
            assertThat(p.latest()).contains("RENAME COLUMN display_name TO full_name").doesNotContain("DROP COLUMN");
        }
        try (EntityProject p = new EntityProject("rn.model")) {
            Path v1 = p.compile(USERS);
            assertThat(p.run(v1, "create", "users").exit()).isZero();
            assertThat(p.run(v1, "upgrade").exit()).isZero();
            Path v2 = p.compile(USERS.replace("display_name", "full_name"));
            Cli.Result no = p.run(p.cli.answering("n"), v2, "create", "drop");
            assertThat(no.exit()).as("%s", no).isZero();
            assertThat(p.latest()).as("answered no: the drop and the add stand").contains("DROP COLUMN display_name");
        }
        try (EntityProject p = new EntityProject("rn.model")) {
            Path v1 = p.compile(USERS);
            assertThat(p.run(v1, "create", "users").exit()).isZero();
            assertThat(p.run(v1, "upgrade").exit()).isZero();
            Path v2 = p.compile(USERS.replace("display_name", "full_name"));
            Cli.Result dropped = p.run(v2, "create", "drop", "--accept-drops");
            assertThat(dropped.exit()).as("%s", dropped).isZero();
            assertThat(p.latest()).contains("DROP COLUMN display_name").contains("ADD COLUMN full_name");
        }
    }

    @Test
    void aTableRenamedIntoAnotherSchemaKeepsItsRows() throws Exception {
        try (EntityProject p = new EntityProject("rn.model")) {
            Path v1 = p.compile(USERS);
            assertThat(p.run(v1, "create", "users").exit()).isZero();
            assertThat(p.run(v1, "upgrade").exit()).isZero();
            p.db.execute("INSERT INTO public.users VALUES (1, 'Ada')");
            Path v2 = p.compile(USERS.replace("@Table(name = \"users\")", "@Table(name = \"accounts\", schema = \"crm\")"));

            Cli.Result guessed = p.run(v2, "create", "move");
            assertThat(guessed.exit()).as("%s", guessed).isEqualTo(1);
            assertThat(guessed.err()).contains("--rename-table users=crm.accounts");

            Cli.Result moved = p.run(v2, "create", "move", "--rename-table", "users=crm.accounts");
            assertThat(moved.exit()).as("%s", moved).isZero();
            assertThat(p.latest()).contains("CREATE SCHEMA crm;").contains("ALTER TABLE public.users SET SCHEMA crm;")
                    .contains("ALTER TABLE crm.users RENAME TO accounts;").doesNotContain("DROP TABLE");
            assertThat(p.run(v2, "upgrade").exit()).isZero();
            assertThat(p.query("select display_name from crm.accounts where id = 1")).isEqualTo("Ada");
            assertThat(p.run(v2, "downgrade").exit()).isZero();
            assertThat(p.query("select display_name from public.users where id = 1")).isEqualTo("Ada");
        }
    }

    @Test
    void anEnumLabelRenamedInPlaceKeepsTheRowsThatHoldIt() throws Exception {
        try (EntityProject p = new EntityProject("rn.model")) {
            Path v1 = p.compile(TICKETS);
            assertThat(p.run(v1, "create", "tickets").exit()).isZero();
            assertThat(p.run(v1, "upgrade").exit()).isZero();
            p.db.execute("INSERT INTO public.tickets VALUES (1, 'DONE'), (2, 'OPEN')");
            Path v2 = p.compile(TICKETS.replace("DONE", "FINISHED"));

            Cli.Result guessed = p.run(v2, "create", "relabel");
            assertThat(guessed.exit()).as("%s", guessed).isEqualTo(1);
            assertThat(guessed.err()).contains("--rename-value ticket_status.DONE=FINISHED");

            Cli.Result relabelled = p.run(v2, "create", "relabel", "--rename-value", "ticket_status.DONE=FINISHED");
            assertThat(relabelled.exit()).as("%s", relabelled).isZero();
            assertThat(p.latest()).contains("ALTER TYPE public.ticket_status RENAME VALUE 'DONE' TO 'FINISHED';")
                    .doesNotContain("ticket_status_old");
            assertThat(p.run(v2, "upgrade").exit()).isZero();
            assertThat(p.query("select status::text from public.tickets where id = 1")).isEqualTo("FINISHED");
            assertThat(p.run(v2, "downgrade").exit()).isZero();
            assertThat(p.query("select status::text from public.tickets where id = 1")).isEqualTo("DONE");
        }
    }

    @Test
    void aRenameTheWorkingTreeShowsIsNamedAsEvidence() throws Exception {
        try (EntityProject p = new EntityProject("rn.model")) {
            Path v1 = p.compile(USERS);
            assertThat(p.run(v1, "create", "users").exit()).isZero();
            assertThat(p.run(v1, "upgrade").exit()).isZero();
            Path source = p.work.resolve("src/User.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, USERS);
            git(p.work, "init", "-q");
            git(p.work, "add", "src/User.java");
            git(p.work, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "v1");
            Files.writeString(source, USERS.replace("display_name", "full_name"));
            Path v2 = p.compile(USERS.replace("display_name", "full_name"));

            Cli.Result guessed = p.run(v2, "create", "rename");
            assertThat(guessed.exit()).as("%s", guessed).isEqualTo(1);
            assertThat(guessed.err()).contains("--rename users.display_name=full_name (git: User.java renames String"
                    + " display_name to full_name)");
        }
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes());
        assertThat(git.waitFor()).as("git %s: %s", List.of(args), out).isZero();
    }
}
