package dev.jpamigrate.run;

import dev.jpamigrate.MigrateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The changelog directory: a master changelog that includes one file per migration, in order. */
public final class Changelogs {
    public static final String MASTER = "db.changelog-master.xml";
    private static final Pattern INCLUDE = Pattern.compile("<include\\s+file=\"([^\"]+)\"");
    private static final String HEADER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- The migrations, in order. jpa-migrate appends a line here for each file it creates. -->
            <databaseChangeLog
                    xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
            """;
    private static final String FOOTER = "</databaseChangeLog>\n";

    private final Path dir;

    public Changelogs(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path master() {
        return dir.resolve(MASTER);
    }

    public boolean exists() {
        return Files.isRegularFile(master());
    }

    /** The migration files the master includes, in order. */
    public List<String> files() {
        if (!exists()) {
            return List.of();
        }
        try {
            List<String> files = new ArrayList<>();
            Matcher m = INCLUDE.matcher(Files.readString(master()));
            while (m.find()) {
                files.add(m.group(1));
            }
            return files;
        } catch (IOException e) {
            throw new MigrateException("cannot read " + master() + ": " + e.getMessage(), e);
        }
    }

    /** Writes a migration file and appends it to the master, creating the directory and master if needed. */
    public Path add(String fileName, String content) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(fileName);
            Files.writeString(file, content);
            String master = exists() ? Files.readString(master()) : HEADER + FOOTER;
            int end = master.lastIndexOf("</databaseChangeLog>");
            if (end < 0) {
                throw new MigrateException(master() + " is not a Liquibase XML changelog: no </databaseChangeLog>");
            }
            String include = "    <include file=\"" + fileName + "\" relativeToChangelogFile=\"true\"/>\n";
            Files.writeString(master(), master.substring(0, end) + include + master.substring(end));
            return file;
        } catch (IOException e) {
            throw new MigrateException("cannot write to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A copy of this directory in a temporary place, for trying a migration without touching the real one. */
    public Changelogs copyTo(Path target) {
        try {
            Files.createDirectories(target);
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        if (Files.isRegularFile(f)) {
                            Files.copy(f, target.resolve(f.getFileName()));
                        }
                    }
                }
            }
            return new Changelogs(target);
        } catch (IOException e) {
            throw new MigrateException("cannot copy " + dir + ": " + e.getMessage(), e);
        }
    }
}
