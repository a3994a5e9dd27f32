package dev.jpamigrate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A work directory whose entities (one package) are compiled version by version, and a fresh database on the real
 * PostgreSQL; commands run through the in-process command line against both.
 */
public final class EntityProject implements AutoCloseable {
    public final Path work;
    public final TestPostgres.Db db = TestPostgres.create();
    public final Cli cli;
    private final String pkg;
    private int version;

    public EntityProject(String pkg) {
        this.pkg = pkg;
        try {
            this.work = Files.createTempDirectory("jpa-migrate-" + pkg.replace('.', '-'));
        } catch (IOException e) {
            db.close();
            throw new UncheckedIOException(e);
        }
        this.cli = new Cli(work, Map.of());
    }

    /** The next version of the entities, compiled into a directory of its own. */
    public Path compile(String source) {
        return EntityCompiler.compile(pkg, source, work.resolve("v" + (++version)));
    }

    /** A command against this project's database and changelogs, with the entities in {@code classes}. */
    public Cli.Result run(Path classes, String... args) {
        return run(cli, classes, args);
    }

    public Cli.Result run(Cli cli, Path classes, String... args) {
        return cli.run(Stream.concat(Stream.of(args), Stream.of("--entities", pkg, "--classpath", classes.toString(),
                "--url", db.jdbcUrl(), "--changelogs", "changelogs")).toArray(String[]::new));
    }

    /** The file names of the changelog directory, sorted. */
    public List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(work.resolve("changelogs"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The newest migration file. */
    public Path latestFile() throws IOException {
        List<String> sql = files().stream().filter(f -> f.endsWith(".sql")).toList();
        return work.resolve("changelogs").resolve(sql.get(sql.size() - 1));
    }

    public String latest() throws IOException {
        return Files.readString(latestFile());
    }

    /** The first column of the first row. */
    public String query(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
