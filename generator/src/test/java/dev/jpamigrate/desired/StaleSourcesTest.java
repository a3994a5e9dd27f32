package dev.jpamigrate.desired;

import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.EntityProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Entity sources newer than their classes, found by file times alone. */
class StaleSourcesTest {
    @TempDir
    Path work;

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    private Path file(String path, Instant modified) throws IOException {
        Path f = work.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, "x");
        Files.setLastModifiedTime(f, FileTime.from(modified));
        return f;
    }

    private Object find() {
        List<Path> classes = List.of(work.resolve("app/target/classes"));
        return StaleSources.find(StaleSources.sourceRoots(work, List.of(), classes), classes, List.of("com.acme"))
                .map(s -> work.relativize(s.source()).toString()).orElse("none");
    }

    @Test
    void aSourceNewerThanItsClass() throws IOException {
        file("app/src/main/java/com/acme/User.java", T);
        file("app/target/classes/com/acme/User.class", T.plusSeconds(5));
        assertThat(find()).as("compiled after the edit").isEqualTo("none");

        file("app/src/main/java/com/acme/domain/Order.java", T.plusSeconds(60));
        file("app/target/classes/com/acme/domain/Order.class", T.plusSeconds(5));
        assertThat(find()).as("a sub-package, in the module of the class directory")
                .isEqualTo("app/src/main/java/com/acme/domain/Order.java");
    }

    @Test
    void aNewSourceIsComparedWithTheNewestClassOfItsPackage() throws IOException {
        file("app/target/classes/com/acme/User.class", T);
        file("app/target/classes/com/acme/User$Role.class", T.plusSeconds(30));
        file("app/src/main/java/com/acme/Team.java", T.plusSeconds(10));
        assertThat(find()).as("older than the last compile of the package").isEqualTo("none");
        file("app/src/main/java/com/acme/Team.java", T.plusSeconds(60));
        assertThat(find()).isEqualTo("app/src/main/java/com/acme/Team.java");
    }

    @Test
    void otherPackagesAndJarsAreNotLookedAt() throws IOException {
        file("app/src/main/java/com/other/Thing.java", T.plusSeconds(60));
        file("app/target/classes/com/other/Thing.class", T);
        assertThat(find()).isEqualTo("none");
        Path jar = file("lib/app.jar", T);
        assertThat(StaleSources.find(List.of(work.resolve("app/src/main/java")), List.of(jar), List.of("com.other")))
                .isEmpty();
    }

    @Test
    void configuredSourceRootsReplaceTheDefaults() throws IOException {
        file("gen/com/acme/User.java", T.plusSeconds(60));
        file("out/com/acme/User.class", T);
        List<Path> classes = List.of(work.resolve("out"));
        assertThat(StaleSources.find(StaleSources.sourceRoots(work, List.of("gen"), classes), classes,
                List.of("com.acme"))).map(StaleSources.Stale::source).contains(work.resolve("gen/com/acme/User.java"));
    }

    @Test
    void createWarnsInOneLineAndStillWrites() throws Exception {
        try (EntityProject p = new EntityProject("st.model")) {
            Path v1 = p.compile("""
                    @Entity @Table(name = "teams")
                    class Team { @Id Long id; }
                    """);
            Path source = p.work.resolve("src/main/java/st/model/Team.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, "package st.model; class Team { Long id; String name; }");
            Instant compiled = Files.getLastModifiedTime(v1.resolve("st/model/Team.class")).toInstant();
            Files.setLastModifiedTime(source, FileTime.from(compiled.plusSeconds(10)));

            Cli.Result create = p.run(v1, "create", "teams");
            assertThat(create.exit()).as("%s", create).isZero();
            assertThat(create.err().lines().filter(l -> l.startsWith("warning:")).toList())
                    .containsExactly("warning: entity sources are newer than the compiled classes (Team.java):"
                            + " compile first (mvn compile)");
            assertThat(create.out()).contains("Wrote changelogs/");
        }
    }
}
