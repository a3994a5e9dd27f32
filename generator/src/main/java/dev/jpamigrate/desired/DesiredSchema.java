package dev.jpamigrate.desired;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.change.Change;
import dev.jpamigrate.db.Batch;
import dev.jpamigrate.db.Extensions;
import dev.jpamigrate.db.ScratchDatabase;
import dev.jpamigrate.inspect.CatalogInspector;
import dev.jpamigrate.schema.Column;
import dev.jpamigrate.schema.Constraint;
import dev.jpamigrate.schema.Extension;
import dev.jpamigrate.schema.Index;
import dev.jpamigrate.schema.Schema;
import dev.jpamigrate.schema.Table;

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
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

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
     * Applies the DDL to a scratch database and inspects the result; then states again, as the generated migrations
     * would, what PostgreSQL may not read back as it was written, and inspects again. PostgreSQL's deparsed text is
     * not always a fixed point (a CHECK with {@code IN (...)} reads back as {@code = ANY (ARRAY[...])}, which reads back
     * differently once more), so the desired schema is the one the generated migrations actually produce.
     *
     * <p>Only expressions are not a fixed point: names, types ({@code format_type}), nullability, keys, sequences,
     * identities and comments read back as the migrations write them. So the expressions (checks, defaults, indexes
     * that are more than a list of columns) are stated again in place, in the same transaction ({@link #restatements}):
     * the same parse in the same table as a rebuild, without creating the schema a second time. A schema with a
     * generated column or an exclusion constraint, whose expressions cannot be restated in place, is rebuilt from
     * nothing with the SQL this tool renders for it.
     *
     * <p>The scratch database comes from template0, so the extensions whose types, functions and operator classes
     * the DDL may use are created first: those the database being compared already has (the changelogs', in their
     * schemas) and those declared for the entities. They are part of the result, as the other side has them too.
     *
     * @param present   extensions the other side of the comparison has
     * @param declared  extensions the entities need, by name; created in public unless the other side has them elsewhere
     * @param createSql the statements that create a schema from nothing, as migrations render them
     * @param render    the statements of one change, as migrations render them
     */
    public static Schema normalize(List<String> ddl, ScratchDatabase scratch, List<Extension> present,
                                   List<String> declared, Function<Schema, List<String>> createSql,
                                   Function<Change, List<String>> render) {
        return normalize(ddl, scratch, present, declared, createSql, render, true);
    }

    /** As above; without {@code inPlace}, always rebuilt from nothing (the reference its test compares with). */
    static Schema normalize(List<String> ddl, ScratchDatabase scratch, List<Extension> present, List<String> declared,
                            Function<Schema, List<String>> createSql, Function<Change, List<String>> render,
                            boolean inPlace) {
        List<Extension> extensions = new ArrayList<>(present);
        declared.stream().filter(name -> present.stream().noneMatch(e -> e.name().equals(name)))
                .forEach(name -> extensions.add(new Extension(name, "public")));
        try (Connection c = scratch.connect()) {
            c.setAutoCommit(false);
            try {
                Extensions.create(c, extensions, scratch.server());
                apply(c, ddl, "PostgreSQL rejects the DDL Hibernate generates for the entities");
                Schema hibernate = CatalogInspector.inspect(c);
                Optional<List<Change>> restated = inPlace ? restatements(hibernate) : Optional.empty();
                if (restated.isPresent()) {
                    if (restated.get().isEmpty()) {
                        return hibernate;
                    }
                    List<String> sql = new ArrayList<>();
                    restated.get().forEach(change -> sql.addAll(render.apply(change)));
                    apply(c, sql, "cannot state the entities' schema again with the SQL this tool renders for it");
                    return CatalogInspector.inspect(c);
                }
                c.rollback();
                apply(c, createSql.apply(hibernate), "cannot rebuild the entities' schema from the SQL this tool renders for it");
                return CatalogInspector.inspect(c);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new MigrateException("cannot inspect the scratch database: " + e.getMessage(), e);
        }
    }

    /** An index on a plain list of columns (each perhaps with an operator class, a collation, an order): no expression. */
    private static final Pattern PLAIN_INDEX =
            Pattern.compile("CREATE (?:UNIQUE )?INDEX \\S+ ON \\S+ USING \\w+ \\([^()':]*\\)");

    /**
     * The changes that state {@code schema}'s expressions again where they are, as a migration would write them: each
     * column default set again, each check dropped and added again, each index with an expression or a predicate
     * dropped and created again. Empty (no value) when it holds an expression that cannot be restated in place: a
     * generated column's (PostgreSQL 15 cannot change it) or an exclusion constraint's.
     */
    static Optional<List<Change>> restatements(Schema schema) {
        List<Change> changes = new ArrayList<>();
        for (Table table : schema.tables()) {
            for (Column column : table.columns()) {
                if (column.generatedExpr() != null) {
                    return Optional.empty();
                }
                if (column.defaultExpr() != null) {
                    changes.add(new Change.AlterColumn(table.name(), column.withDefault(null), column));
                }
            }
            for (Constraint constraint : table.constraints()) {
                if (constraint.kind() == Constraint.Kind.EXCLUSION) {
                    return Optional.empty();
                }
                if (constraint.kind() == Constraint.Kind.CHECK) {
                    changes.add(new Change.DropConstraint(table.name(), constraint));
                    changes.add(new Change.AddConstraint(table.name(), constraint));
                }
            }
            for (Index index : table.indexes()) {
                if (!PLAIN_INDEX.matcher(index.definition()).matches()) {
                    changes.add(new Change.DropIndex(table.name(), index));
                    changes.add(new Change.CreateIndex(table.name(), index));
                }
            }
        }
        return Optional.of(changes);
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
