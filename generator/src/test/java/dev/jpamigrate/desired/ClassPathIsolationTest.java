package dev.jpamigrate.desired;

import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entities' class path brings its own version of a library the tool also ships (slf4j-api: the tool has 1.7,
 * the application 2.x, with a Level constant and a method 1.7 lacks). The entities get their own version, as in the
 * application; before, the tool's won, and the converter's call failed with NoSuchMethodError.
 */
class ClassPathIsolationTest {
    /** The part of "slf4j-api 2" the entities use: Level.intToLevel is new in 2.0; AUDIT stands for a new constant. */
    private static final String LEVEL = """
            package org.slf4j.event;

            public enum Level {
                ERROR(40), WARN(30), INFO(20), DEBUG(10), TRACE(0), AUDIT(50);

                private final int number;

                Level(int number) {
                    this.number = number;
                }

                public int toInt() {
                    return number;
                }

                public static Level intToLevel(int number) {
                    for (Level level : values()) {
                        if (level.number == number) {
                            return level;
                        }
                    }
                    throw new IllegalArgumentException("no level " + number);
                }
            }
            """;

    private static final String ENTITIES = """
            package com.acme.logs;

            import jakarta.persistence.*;
            import org.slf4j.event.Level;

            @Entity @Table(name = "log_entries")
            public class LogEntry {
                @Id Long id;
                @Enumerated(EnumType.STRING) @Column(length = 10) Level level;
                @Convert(converter = LevelNumber.class) Level threshold;
            }
            """;

    private static final String CONVERTER = """
            package com.acme.logs;

            import jakarta.persistence.*;
            import org.slf4j.event.Level;

            @Converter
            public class LevelNumber implements AttributeConverter<Level, Integer> {
                /** Every level must read back as itself; Hibernate makes the converter while it maps the entity. */
                public LevelNumber() {
                    for (Level level : Level.values()) {
                        if (Level.intToLevel(level.toInt()) != level) {
                            throw new IllegalStateException("levels do not round-trip");
                        }
                    }
                }

                public Integer convertToDatabaseColumn(Level level) {
                    return level == null ? null : level.toInt();
                }

                public Level convertToEntityAttribute(Integer number) {
                    return number == null ? null : Level.intToLevel(number);
                }
            }
            """;

    @TempDir
    static Path dir;
    static Path slf4j2;
    static Path entities;

    @BeforeAll
    static void build() throws IOException {
        Path levelClasses = compile(Map.of("org/slf4j/event/Level.java", LEVEL), dir.resolve("slf4j-classes"), List.of());
        slf4j2 = jar(levelClasses, dir.resolve("slf4j-api-2.0.99.jar"));
        entities = compile(Map.of("com/acme/logs/LogEntry.java", ENTITIES, "com/acme/logs/LevelNumber.java", CONVERTER),
                dir.resolve("entities"), List.of(slf4j2));
    }

    @Test
    void theEntitiesGetTheirOwnVersionOfALibraryTheToolAlsoShips() throws IOException {
        Path work = Files.createTempDirectory("jpa-migrate-isolation");
        try (TestPostgres.Db db = TestPostgres.create()) {
            Cli.Result create = new Cli(work).run("create", "logs", "--entities", "com.acme.logs", "--classpath",
                    entities + File.pathSeparator + slf4j2, "--url", db.jdbcUrl(), "--changelogs", "changelogs");
            assertThat(create.exit()).as("%s", create).isZero();
            assertThat(migration(work))
                    .as("the check Hibernate derives from the application's Level, with the constant only 2.x has")
                    .contains("('TRACE'::character varying)::text, ('AUDIT'::character varying)::text]")
                    .contains("threshold integer");
        }
        assertThat(openFiles()).as("the entities' loader is closed once the DDL is made").doesNotContain(slf4j2);
    }

    /** What this process holds open, from /proc (Linux). */
    private static List<Path> openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd);
                } catch (IOException e) {
                    return fd; // closed while listed
                }
            }).toList();
        }
    }

    @Test
    void aLibraryTheEntitiesLackIsNotLentByTheTool(@TempDir Path work) {
        Cli.Result create;
        try (TestPostgres.Db db = TestPostgres.create()) {
            create = new Cli(work).run("create", "logs", "--entities", "com.acme.logs", "--classpath",
                    entities.toString(), "--url", db.jdbcUrl(), "--changelogs", "changelogs");
        }
        assertThat(create.exit()).as("%s", create).isEqualTo(2);
        assertThat(create.err().strip()).as("the tool's slf4j would not be there when the application runs")
                .startsWith("error: cannot ").contains("com.acme.logs.")
                .contains("it needs org.slf4j.event.Level, which is not on the class path; add the jar or directory"
                        + " that holds org.slf4j.event.Level to --classpath");
        assertThat(create.err().strip().lines()).hasSize(1);
        assertThat(work.resolve("changelogs")).doesNotExist();
    }

    /** javac with {@code classpath} ahead of the test's own, where slf4j 1.7 is. */
    private static Path compile(Map<String, String> sources, Path out, List<Path> classpath) throws IOException {
        Path src = Files.createTempDirectory("jpa-migrate-isolation-src");
        Files.createDirectories(out);
        List<String> cp = new ArrayList<>(classpath.stream().map(Path::toString).toList());
        cp.add(System.getProperty("java.class.path"));
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-classpath",
                String.join(File.pathSeparator, cp), "-proc:none", "-nowarn", "-encoding", "UTF-8"));
        for (Map.Entry<String, String> f : sources.entrySet()) {
            Path file = src.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
            args.add(file.toString());
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, err, args.toArray(String[]::new));
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out;
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                j.write(Files.readAllBytes(f));
                j.closeEntry();
            }
        }
        return jar;
    }

    private static String migration(Path work) throws IOException {
        try (Stream<Path> files = Files.list(work.resolve("changelogs"))) {
            return Files.readString(files.filter(f -> f.toString().endsWith(".sql")).findFirst().orElseThrow());
        }
    }
}
