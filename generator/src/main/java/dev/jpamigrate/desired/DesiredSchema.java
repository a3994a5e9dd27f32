package dev.jpamigrate.desired;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.db.Batch;
import dev.jpamigrate.db.Extensions;
import dev.jpamigrate.db.ScratchDatabase;
import dev.jpamigrate.inspect.CatalogInspector;
import dev.jpamigrate.schema.Extension;
import dev.jpamigrate.schema.Schema;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The schema the entities want, normalized by PostgreSQL itself: Hibernate's DDL is applied to a scratch database
 * and read back with the same catalog inspector that reads the target.
 */
public final class DesiredSchema {
    private DesiredSchema() {
    }

    /**
     * A class loader over the user's class path, child first: the user's classes and libraries win over the tool's,
     * which lends only the JDK, the JPA API and Hibernate (see EntityClassLoader). Without a class path, the entities
     * are on the tool's own (the example model, tests), and {@code tool} is the loader.
     */
    public static ClassLoader loader(List<Path> classpath, ClassLoader tool) {
        if (classpath.isEmpty()) {
            return tool;
        }
        List<URL> urls = new ArrayList<>();
        for (Path p : classpath) {
            if (!Files.exists(p)) {
                throw new MigrateException("class path entry " + p + " does not exist: build the entities first"
                        + " (mvn compile) or fix --classpath");
            }
            try {
                urls.add(p.toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new MigrateException("bad class path entry " + p, e);
            }
        }
        return new EntityClassLoader(urls.toArray(URL[]::new), tool);
    }

    /** Hibernate's DDL for the entities in the packages on {@code classpath}, in a loader of their own, closed after. */
    public static List<String> ddl(List<Path> classpath, ClassLoader tool, List<String> packages, Naming naming,
                                   HibernateSettings settings) {
        ClassLoader loader = loader(classpath, tool);
        try {
            return ddl(loader, packages, classpath, naming, settings);
        } finally {
            if (loader instanceof URLClassLoader own) {
                try {
                    own.close();
                } catch (IOException ignored) {
                    // the jars it opened; nothing was written through them
                }
            }
        }
    }

    /** Hibernate's DDL for the entities in the packages, with Hibernate's default settings. */
    public static List<String> ddl(ClassLoader loader, List<String> packages, List<Path> classpath, Naming naming) {
        return ddl(loader, packages, classpath, naming, HibernateSettings.none());
    }

    /** Hibernate's DDL for the entities in the packages. */
    public static List<String> ddl(ClassLoader loader, List<String> packages, List<Path> classpath, Naming naming,
                                   HibernateSettings settings) {
        List<Class<?>> classes = EntityScanner.scan(loader, packages);
        if (classes.stream().noneMatch(c -> c.isAnnotationPresent(jakarta.persistence.Entity.class))) {
            throw new MigrateException("no @Entity classes found in package " + String.join(", ", packages)
                    + (classpath.isEmpty() ? "" : " on class path " + String.join(File.pathSeparator,
                    classpath.stream().map(Path::toString).toList()))
                    + ": build the entities first (mvn compile) or fix --entities / --classpath");
        }
        return HibernateDdl.generate(classes, loader, naming, settings);
    }

    /**
     * Applies the DDL to a scratch database and inspects the result; then, in place of Hibernate's DDL, applies the
     * DDL this tool renders for that schema and inspects again. PostgreSQL's deparsed text is not always a fixed
     * point (a CHECK with {@code IN (...)} reads back as {@code = ANY (ARRAY[...])}, which reads back differently
     * once more), so the desired schema is the one the generated migrations actually produce.
     *
     * <p>The scratch database comes from template0, so the extensions whose types, functions and operator classes
     * the DDL may use are created first: those the database being compared already has (the changelogs', in their
     * schemas) and those declared for the entities. They are part of the result, as the other side has them too.
     *
     * @param present   extensions the other side of the comparison has
     * @param declared  extensions the entities need, by name; created in public unless the other side has them elsewhere
     * @param createSql the statements that create a schema from nothing, as migrations render them
     */
    public static Schema normalize(List<String> ddl, ScratchDatabase scratch, List<Extension> present,
                                   List<String> declared, Function<Schema, List<String>> createSql) {
        List<Extension> extensions = new ArrayList<>(present);
        declared.stream().filter(name -> present.stream().noneMatch(e -> e.name().equals(name)))
                .forEach(name -> extensions.add(new Extension(name, "public")));
        try (Connection c = scratch.connect()) {
            c.setAutoCommit(false);
            try {
                Extensions.create(c, extensions, scratch.server());
                apply(c, ddl, "PostgreSQL rejects the DDL Hibernate generates for the entities");
                Schema hibernate = CatalogInspector.inspect(c);
                c.rollback();
                apply(c, createSql.apply(hibernate), "cannot rebuild the entities' schema from the SQL this tool renders for it");
                Schema desired = CatalogInspector.inspect(c);
                c.rollback();
                return desired;
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new MigrateException("cannot inspect the scratch database: " + e.getMessage(), e);
        }
    }

    /** In one batch ({@link Batch}): not a round trip per statement. */
    private static void apply(Connection c, List<String> statements, String failure) throws SQLException {
        try {
            Batch.run(c, statements);
        } catch (Batch.Rejected e) {
            throw new MigrateException(failure + ": " + e.getMessage().replaceAll("\\s+", " ")
                    + " (statement: " + e.statement() + ")", e.getCause());
        }
    }
}
