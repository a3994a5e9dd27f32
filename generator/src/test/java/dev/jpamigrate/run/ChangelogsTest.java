package dev.jpamigrate.run;

import dev.jpamigrate.MigrateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The master changelog read and edited with an XML parser, and the migration file and master written together. */
class ChangelogsTest {
    private static final String INCLUDE = "    <include file=\"%s\" relativeToChangelogFile=\"true\"/>\n";

    @TempDir
    Path dir;

    private Changelogs master(String text) throws IOException {
        Files.writeString(dir.resolve(Changelogs.MASTER), text);
        return new Changelogs(dir);
    }

    @Test
    void aNewMasterIsTheHeaderTheIncludeAndTheFooter() throws IOException {
        Changelogs changelogs = new Changelogs(dir.resolve("new"));
        changelogs.add("a.sql", "-- a\n");

        assertThat(Files.readString(changelogs.master())).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- The migrations, in order. jpa-migrate appends a line here for each file it creates. -->
                <databaseChangeLog
                        xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                            http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                    <include file="a.sql" relativeToChangelogFile="true"/>
                </databaseChangeLog>
                """);
        assertThat(Files.readString(changelogs.dir().resolve("a.sql"))).isEqualTo("-- a\n");
        assertThat(changelogs.files()).containsExactly("a.sql");
    }

    @Test
    void aCommentedOutIncludeIsNotCounted() throws IOException {
        Changelogs changelogs = master("""
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
                    <include file="a.sql" relativeToChangelogFile="true"/>
                    <!-- <include file="old.sql" relativeToChangelogFile="true"/> -->
                    <!--
                    <include file="older.sql"/>
                    -->
                    <include file="b.sql" relativeToChangelogFile="true"/>
                </databaseChangeLog>
                """);

        assertThat(changelogs.files()).as("includes in comments are not includes").containsExactly("a.sql", "b.sql");
    }

    @Test
    void theIncludeGoesBeforeTheRootsEndTagAndEverythingElseStaysByteIdentical() throws IOException {
        // CRLF line ends, a prefixed root, a space in its end tag, and comments that look like the end tag
        String before = "<?xml version=\"1.0\"?>\r\n<!-- header </dbc:databaseChangeLog> -->\r\n"
                + "<dbc:databaseChangeLog xmlns:dbc=\"http://www.liquibase.org/xml/ns/dbchangelog\">\r\n"
                + "  <dbc:include file=\"a.sql\"/>\r\n"
                + "  <!-- <dbc:include file=\"gone.sql\"/> </dbc:databaseChangeLog> -->\r\n"
                + "</dbc:databaseChangeLog >\r\n"
                + "<!-- trailer </dbc:databaseChangeLog> -->\r\n";
        Changelogs changelogs = master(before);

        changelogs.add("b.sql", "-- b\n");

        int end = before.indexOf("</dbc:databaseChangeLog >");
        assertThat(Files.readString(changelogs.master()))
                .isEqualTo(before.substring(0, end) + INCLUDE.formatted("b.sql") + before.substring(end));
        assertThat(changelogs.files()).containsExactly("a.sql", "b.sql");
    }

    @Test
    void aByteOrderMarkAndSupplementaryCharactersDoNotShiftTheInsertion() throws IOException {
        String before = "\uFEFF<databaseChangeLog><!-- \uD83D\uDE00\uD83D\uDE00 --><include file=\"\u00e9.sql\"/>"
                + "</databaseChangeLog>";
        Changelogs changelogs = master(before);

        changelogs.add("b.sql", "-- b\n");

        int end = before.indexOf("</databaseChangeLog>");
        assertThat(Files.readString(changelogs.master()))
                .isEqualTo(before.substring(0, end) + INCLUDE.formatted("b.sql") + before.substring(end));
    }

    @Test
    void anExternalEntityIsNotRead() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "s3cret");
        Changelogs changelogs = master("<?xml version=\"1.0\"?>\n<!DOCTYPE databaseChangeLog [<!ENTITY e SYSTEM \""
                + secret.toUri() + "\">]>\n<databaseChangeLog><include file=\"&e;\"/></databaseChangeLog>\n");

        assertThatThrownBy(changelogs::files).isInstanceOf(MigrateException.class)
                .hasMessageStartingWith("malformed changelog " + changelogs.master())
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aMalformedMasterIsOneLineAndGetsNoMigration() throws IOException {
        Changelogs changelogs = master("<databaseChangeLog><include file=");

        assertThatThrownBy(() -> changelogs.add("b.sql", "-- b\n")).isInstanceOf(MigrateException.class)
                .hasMessageStartingWith("malformed changelog " + changelogs.master() + " (line 1): ")
                .hasMessageNotContaining("\n");
        assertThat(listing()).containsExactly(Changelogs.MASTER);
    }

    @Test
    void aSelfClosingRootIsRefusedRatherThanEditedInAComment() throws IOException {
        Changelogs changelogs = master("<!-- </databaseChangeLog> -->\n<databaseChangeLog/>\n");

        assertThatThrownBy(() -> changelogs.add("b.sql", "-- b\n")).isInstanceOf(MigrateException.class)
                .hasMessageContaining("has no </databaseChangeLog> end tag");
        assertThat(listing()).containsExactly(Changelogs.MASTER);
    }

    @Test
    void whenTheMasterCannotBeReplacedTheMigrationFileIsRemovedToo() throws IOException {
        // A directory where the master goes: rename(2) fails even for root, after the migration is in place.
        Files.createDirectories(dir.resolve(Changelogs.MASTER));
        Changelogs changelogs = new Changelogs(dir);

        assertThatThrownBy(() -> changelogs.add("b.sql", "-- b\n")).isInstanceOf(MigrateException.class)
                .hasMessageStartingWith("cannot write " + changelogs.master() + ": ")
                .hasMessageEndingWith("; nothing was written");
        assertThat(listing()).as("no orphan migration, no temporary file").containsExactly(Changelogs.MASTER);
    }

    @Test
    void anExistingMigrationFileIsNotReplaced() throws IOException {
        Changelogs changelogs = new Changelogs(dir);
        changelogs.add("a.sql", "-- a\n");
        String master = Files.readString(changelogs.master());

        assertThatThrownBy(() -> changelogs.add("a.sql", "-- other\n")).isInstanceOf(MigrateException.class)
                .hasMessage("cannot write " + dir.resolve("a.sql") + ": it already exists; nothing was written");
        assertThat(Files.readString(dir.resolve("a.sql"))).isEqualTo("-- a\n");
        assertThat(Files.readString(changelogs.master())).isEqualTo(master);
    }

    @Test
    void aYamlMasterGetsOneEntryAfterItsLastItemAtTheListsIndentation() throws IOException {
        String before = """
                # Spring Boot's master
                databaseChangeLog:
                    -   include:
                            file: changes/001-init.xml   # the first
                            relativeToChangelogFile: true
                    -   changeSet:
                            id: seed
                            author: dev
                            changes:
                              - sql:
                                  sql: |
                                    select 1

                # end of the list
                """;
        Path master = Files.writeString(dir.resolve("db.changelog-master.yaml"), before);
        Changelogs changelogs = new Changelogs(master, dir, Changelogs.Filter.ALL);

        changelogs.add("b.sql", "-- b\n");

        int at = before.indexOf("\n# end");
        assertThat(Files.readString(master)).isEqualTo(before.substring(0, at)
                + "    - include: {file: b.sql, relativeToChangelogFile: true}\n" + before.substring(at));
        assertThat(changelogs.files()).containsExactly("changes/001-init.xml", "b.sql");
    }

    @Test
    void aNewYamlMasterIsAListWithTheInclude() throws IOException {
        Path master = dir.resolve("db/changelog/db.changelog-master.yaml");
        Changelogs changelogs = new Changelogs(master, dir.resolve("db/changelog/generated"), Changelogs.Filter.ALL);

        changelogs.add("a.sql", "-- a\n");

        assertThat(Files.readString(master)).endsWith("databaseChangeLog:\n"
                + "  - include: {file: generated/a.sql, relativeToChangelogFile: true}\n");
        assertThat(Files.readString(dir.resolve("db/changelog/generated/a.sql"))).isEqualTo("-- a\n");
    }

    @Test
    void anIncludeAllOfTheDirectoryPicksTheFileUpSoTheMasterStaysAsItIs() throws IOException {
        String before = """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
                    <include file="db/changelog/release-1.xml"/>
                    <includeAll path="migrations/" relativeToChangelogFile="true"/>
                </databaseChangeLog>
                """;
        Path master = Files.writeString(dir.resolve("master.xml"), before);
        Changelogs changelogs = new Changelogs(master, dir.resolve("migrations"), Changelogs.Filter.ALL);

        changelogs.add("a.sql", "-- a\n");

        assertThat(Files.readString(master)).isEqualTo(before);
        assertThat(dir.resolve("migrations/a.sql")).hasContent("-- a");
        Changelogs xmlOnly = new Changelogs(master.resolveSibling("master.xml"), dir.resolve("other"),
                Changelogs.Filter.ALL);
        xmlOnly.add("b.sql", "-- b\n");
        assertThat(Files.readString(master)).as("a directory the includeAll does not cover gets an include")
                .contains("<include file=\"other/b.sql\" relativeToChangelogFile=\"true\"/>");
    }

    @Test
    void aJsonMasterIsReadButNotEdited() throws IOException {
        Path master = Files.writeString(dir.resolve("master.json"),
                "{\"databaseChangeLog\": [{\"include\": {\"file\": \"a.xml\"}}]}\n");
        Changelogs changelogs = new Changelogs(master, dir, Changelogs.Filter.ALL);

        assertThat(changelogs.files()).containsExactly("a.xml");
        assertThatThrownBy(() -> changelogs.add("b.sql", "-- b\n")).isInstanceOf(MigrateException.class)
                .hasMessageStartingWith("cannot include b.sql from " + master + ": jpa-migrate edits XML and YAML")
                .hasMessageEndingWith("; nothing was written");
        assertThat(dir.resolve("b.sql")).doesNotExist();
    }

    @Test
    void theResourceRootOfAMasterUnderSrcMainResourcesIsTheClassPathRoot() {
        Path master = dir.resolve("src/main/resources/db/changelog/db.changelog-master.yaml");
        Changelogs changelogs = new Changelogs(master, master.getParent(), Changelogs.Filter.ALL);

        assertThat(changelogs.root()).isEqualTo(dir.resolve("src/main/resources"));
        assertThat(changelogs.masterPath()).isEqualTo("db/changelog/db.changelog-master.yaml");
        assertThat(changelogs.label("classpath:db/changelog/changes/001-init.xml")).isEqualTo("changes/001-init");
        assertThat(new Changelogs(dir.resolve("changelogs")).root()).isEqualTo(dir.resolve("changelogs"));
    }

    private java.util.List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("secret.txt")).sorted().toList();
        }
    }
}
