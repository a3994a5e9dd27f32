package dev.jpamigrate.erd;

import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.EntityCompiler;
import dev.jpamigrate.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Mermaid pictures through the command line: {@code erd} of the example model, and the diagram of what drifted in
 * {@code check --format markdown} and of a new migration in {@code create --format markdown}.
 */
class DiagramCommandsTest {
    private static final String EXAMPLE = "dev.jpamigrate.example.model";
    private static final String PKG = "erd.model";
    private static final String V1 = """
            @Entity @Table(name = "accounts")
            class Account {
                @Id Long id;
                @Column(nullable = false, length = 120) String name;
            }
            """;
    private static final String V2 = """
            @Entity @Table(name = "accounts")
            class Account {
                @Id Long id;
                @Column(nullable = false, length = 200) String name;
                @Column(length = 64) String timezone;
            }
            @Entity @Table(name = "teams")
            class Team {
                @Id Long id;
                @ManyToOne @JoinColumn(name = "owner_id") Account owner;
            }
            """;

    @TempDir
    Path work;

    /** Every ```mermaid block of a Markdown text. */
    private static List<String> mermaidBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```mermaid\n(.*?)```\n", Pattern.DOTALL).matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void erdDrawsTheExampleModel() throws IOException {
        Cli cli = new Cli(work);
        try (TestPostgres.Db db = TestPostgres.create()) {
            Cli.Result all = cli.run("erd", "--url", db.jdbcUrl(), "--entities", EXAMPLE);
            assertThat(all.exit()).as("%s", all).isZero();
            assertThat(all.out()).startsWith("erDiagram\n")
                    .contains("\n    users {\n        uuid id PK\n")
                    .as("a unique constraint; a varchar(255) as one word")
                    .contains("        varchar_255_ email UK\n")
                    .as("an enum type of schema public, by its own name")
                    .contains("        message_role role\n")
                    .contains("\n    users ||..o{ conversations : \"user_id\"\n")
                    .as("an optional @ManyToOne: zero or one parent")
                    .contains("\n    knowledge_pools |o..o{ conversations : \"knowledge_pool_id\"\n")
                    .doesNotContain("character varying");
            assertThat(all.out().lines().filter(l -> l.matches("    \\w+ \\{"))).as("one entity per table")
                    .containsExactlyInAnyOrder("    conversations {", "    documents {", "    knowledge_pools {",
                            "    messages {", "    scratchpad_entries {", "    user_memories {", "    users {");
            Files.writeString(work.resolve("erd-example.mmd"), all.out());
            dumpForMermaid("erd-example.mmd", all.out());

            Cli.Result md = cli.run("erd", "--url", db.jdbcUrl(), "--entities", EXAMPLE, "--tables",
                    "users,conversations", "--output", "docs/schema.md");
            assertThat(md.exit()).as("%s", md).isZero();
            assertThat(md.out()).isEqualTo("Wrote docs/schema.md (2 table(s))\n");
            String file = Files.readString(work.resolve("docs/schema.md"));
            assertThat(file).startsWith("```mermaid\nerDiagram\n    conversations {\n").endsWith("```\n")
                    .contains("\n    users ||..o{ conversations : \"user_id\"\n")
                    .doesNotContain("knowledge_pools");

            Cli.Result bare = cli.run("erd", "--url", db.jdbcUrl(), "--entities", EXAMPLE, "--tables", "users",
                    "-o", "users.mmd", "-q");
            assertThat(bare.exit()).as("%s", bare).isZero();
            assertThat(Files.readString(work.resolve("users.mmd"))).startsWith("erDiagram\n    users {\n")
                    .doesNotContain("```");

            Cli.Result none = cli.run("erd", "--url", db.jdbcUrl(), "--entities", EXAMPLE, "--tables", "nothing_*");
            assertThat(none.exit()).as("%s", none).isEqualTo(2);
            assertThat(none.err()).isEqualTo("error: no table of the entities matches --tables nothing_*\n");
        }
    }

    @Test
    void checkAndCreateInMarkdownDrawWhatChanged() throws IOException {
        Cli cli = new Cli(work);
        Path v1 = EntityCompiler.compile(PKG, V1, work.resolve("classes-v1"));
        Path v2 = EntityCompiler.compile(PKG, V2, work.resolve("classes-v2"));
        try (TestPostgres.Db db = TestPostgres.create()) {
            String[] on = {"--entities", PKG, "--url", db.jdbcUrl()};
            ok(cli.run(with(on, "create", "init", "--classpath", v1.toString())), "create init");
            ok(cli.run(with(on, "upgrade", "--classpath", v1.toString())), "upgrade");

            Cli.Result check = cli.run(with(on, "check", "--format", "markdown", "--classpath", v2.toString()));
            assertThat(check.exit()).as("%s", check).isEqualTo(1);
            List<String> blocks = mermaidBlocks(check.out());
            assertThat(blocks).as("one picture, of the model drift\n%s", check.out()).hasSize(1);
            assertThat(blocks.get(0)).isEqualTo("""
                    erDiagram
                        accounts {
                            bigint id PK
                            varchar_64_ timezone "added"
                            varchar_200_ name "changed: varchar(120) -> varchar(200)"
                        }
                        teams {
                            bigint id PK "added"
                            bigint owner_id FK "added"
                        }
                        accounts |o..o{ teams : "owner_id"
                    """);
            assertThat(check.out().indexOf("```mermaid")).as("below the model drift's changes")
                    .isGreaterThan(check.out().indexOf("### Model drift"));
            dumpForMermaid("check.md", check.out());

            Cli.Result create = cli.run(with(on, "create", "widen name", "--format", "markdown", "--classpath",
                    v2.toString()));
            assertThat(create.exit()).as("%s", create).isZero();
            String file;
            try (var files = Files.list(work.resolve("changelogs"))) {
                file = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith("_widen_name.sql"))
                        .findFirst().orElseThrow();
            }
            assertThat(create.out()).startsWith("## Migration `changelogs/" + file + "`\n\n4 changes. Verified:"
                            + " applies, matches the entities and rolls back exactly.\n\n")
                    .contains("- `~` `alter column accounts.name: type character varying(120) -> character varying(200)`\n")
                    .contains("- `+` `add column accounts.timezone character varying(64)`\n")
                    .contains("- `+` `create table teams`\n")
                    .contains("\n### Hazards\n\n")
                    .contains("\n### Tables\n\n```mermaid\nerDiagram\n    accounts {\n")
                    .doesNotContain("Detected").doesNotContain("Wrote ");
            assertThat(mermaidBlocks(create.out())).as("the same picture as the drift").isEqualTo(blocks);
            dumpForMermaid("create.md", create.out());
            assertThat(cli.run(with(on, "create", "x", "--format", "html", "--classpath", v2.toString())).err())
                    .isEqualTo("error: unknown format 'html': use text or markdown\n");
        }
    }

    private static void ok(Cli.Result r, String what) {
        assertThat(r.exit()).as("%s\n%s", what, r).isZero();
    }

    private static String[] with(String[] options, String... first) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(options));
        return all.toArray(String[]::new);
    }

    /** With -Derd.dump=DIR, the outputs land there, to run through Mermaid's own parser by hand (see README). */
    private static void dumpForMermaid(String name, String text) throws IOException {
        String dir = System.getProperty("erd.dump");
        if (dir != null) {
            Files.createDirectories(Path.of(dir));
            Files.writeString(Path.of(dir, name), text);
        }
    }
}
