package dev.jpamigrate.desired;

import dev.jpamigrate.util.Causes;
import dev.jpamigrate.MigrateException;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.boot.spi.MetadataImplementor;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.dialect.Dialect;
import org.hibernate.mapping.BasicValue;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.IdentifierCollection;
import org.hibernate.mapping.KeyValue;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.RootClass;
import org.hibernate.mapping.SimpleValue;
import org.hibernate.mapping.Value;
import org.hibernate.service.UnknownServiceException;
import org.hibernate.service.spi.ServiceContributor;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;
import org.hibernate.type.SqlTypes;

import java.util.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hibernate's own PostgreSQL DDL for a set of mapped classes, with its known quirks fixed in this one place:
 * named enum types take the name the column maps (its columnDefinition) and the Java declaration order, and the
 * implicit casts Hibernate adds for them are left out. Apart from those fixes, the schema is the one the
 * application's own Hibernate creates for the same entities and settings (HibernateExportParityTest holds this).
 */
public final class HibernateDdl {
    private static final Pattern CREATE_ENUM =
            Pattern.compile("(?is)create\\s+type\\s+(\\S+)\\s+as\\s+enum\\s*\\((.*)\\)\\s*");
    private static final Pattern CREATE_CAST = Pattern.compile("(?is)create\\s+cast\\s.*");
    private static final Pattern COMMENT_ON = Pattern.compile("(?is)(comment\\s+on\\s+(?:table|column)\\s+\\S+\\s+is\\s+)'(.*)'");
    /** ServiceLoader's message: {@code org.hibernate.service.spi.ServiceContributor: Provider com.acme.X not found}. */
    private static final Pattern PROVIDER = Pattern.compile("Provider ([\\w.$]+) ");
    private static final Pattern ESCAPED_LITERAL_BODY = Pattern.compile("(?s)(?:[^']|'')*+");

    private HibernateDdl() {
    }

    /**
     * @param settings the user's; a naming strategy set there wins over {@code naming}'s, and the keys the tool fixes
     *                 (see HibernateSettings) are not applied
     */
    public static List<String> generate(List<Class<?>> classes, ClassLoader loader, Naming naming,
                                        HibernateSettings settings) {
        BootstrapServiceRegistryBuilder bootstrap = new BootstrapServiceRegistryBuilder().applyClassLoader(loader);
        StandardServiceRegistryBuilder builder;
        try {
            builder = new StandardServiceRegistryBuilder(bootstrap.build()); // loads the Integrators
        } catch (ServiceConfigurationError e) {
            throw extensionFailure(e, loader);
        }
        if (naming == Naming.SPRING) {
            builder.applySetting(AvailableSettings.PHYSICAL_NAMING_STRATEGY, new CamelCaseToUnderscoresNamingStrategy())
                    .applySetting(AvailableSettings.IMPLICIT_NAMING_STRATEGY, new SpringImplicitNaming());
        }
        // String values, as the application's Hibernate reads them from its properties: a naming strategy's class
        // name is loaded through the entities' class loader, except Spring Boot's implicit one (see standIn)
        settings.applied().forEach((key, value) -> builder.applySetting(key, SpringImplicitNaming.standIn(key, value)));
        builder.applySetting("hibernate.boot.allow_jdbc_metadata_access", "false")
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, "PostgreSQL")
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION, "15")
                .applySetting(AvailableSettings.HBM2DDL_CREATE_NAMESPACES, "true")
                .applySetting(AvailableSettings.SHOW_SQL, "false");
        StandardServiceRegistry registry;
        try {
            registry = builder.build();
        } catch (ServiceConfigurationError e) {
            throw extensionFailure(e, loader);
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            MetadataSources sources = new MetadataSources(registry);
            classes.forEach(sources::addAnnotatedClass);
            MetadataImplementor metadata;
            try {
                metadata = (MetadataImplementor) sources.buildMetadata();
                asAtRunTime(metadata, loader);
            } catch (ServiceConfigurationError e) {
                throw extensionFailure(e, loader); // a TypeContributor, loaded while the metadata is built
            } catch (RuntimeException | LinkageError e) {
                // a type missing from the class path often shows only here: a field's type, a generic argument
                throw failure(classes, "map the entities", e);
            }
            java.io.StringWriter script = new java.io.StringWriter();
            Map<String, Object> export = new HashMap<>(registry.requireService(
                    org.hibernate.engine.config.spi.ConfigurationService.class).getSettings());
            export.put(AvailableSettings.JAKARTA_HBM2DDL_DATABASE_ACTION, "none");
            export.put(AvailableSettings.JAKARTA_HBM2DDL_SCRIPTS_ACTION, "create");
            export.put(AvailableSettings.JAKARTA_HBM2DDL_SCRIPTS_CREATE_TARGET, script);
            export.put(AvailableSettings.HBM2DDL_DELIMITER, ";");
            export.put(AvailableSettings.FORMAT_SQL, "false");
            export.put(AvailableSettings.HBM2DDL_HALT_ON_ERROR, "true");
            try {
                SchemaManagementToolCoordinator.process(metadata, registry, export, action -> { });
                List<String> statements = split(script.toString()).stream().map(HibernateDdl::fixComment).toList();
                return fixEnums(statements, namedEnums(metadata));
            } catch (RuntimeException | LinkageError e) {
                throw failure(classes, "generate DDL for the entities", e);
            }
        } finally {
            thread.setContextClassLoader(previous);
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    /**
     * What the application's SessionFactory does to the metadata before its schema export runs
     * (SessionFactoryImpl's constructor: {@code bootMetamodel.orderColumns(false); bootMetamodel.validate();}), and
     * bare Metadata does not. With a create action configured ({@code hibernate.hbm2ddl.auto=create},
     * {@code jakarta.persistence.schema-generation.database.action=create}), MetadataImpl.orderColumns reorders with
     * the column ordering strategy (ColumnOrderingStrategyStandard unless {@code hibernate.column_ordering_strategy}
     * says otherwise): each table's columns, each composite primary key, and each composite foreign key to a primary
     * key to match, by physical size then name. So {@code (user_id varchar(36), role_id varchar(255))} is the key the
     * application creates, not the {@code (role_id, user_id)} of the mapping's own order. Forced here, because the
     * schema this tool stands for is the one that create builds.
     */
    private static void asAtRunTime(MetadataImplementor metadata, ClassLoader loader) {
        metadata.orderColumns(true);
        metadata.validate();
        generators(metadata, loader);
    }

    /**
     * The identifier generators the SessionFactory creates (SessionFactoryImpl.createGenerators). Building the
     * metadata creates them too, to register their sequences and tables, but it ignores a generator that fails
     * (InFlightMetadataCollectorImpl.handleIdentifierValueBinding: "it is ok for an exception to occur, the same
     * exception will happen later as we build the SF"), so the schema would silently lack the sequence that the
     * application's own start-up fails on. A generator made once is kept by its id value, so this creates none twice.
     */
    private static void generators(MetadataImplementor metadata, ClassLoader loader) {
        Dialect dialect = metadata.getDatabase().getJdbcEnvironment().getDialect();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            if (entity.isInherited()) {
                continue;
            }
            KeyValue id = entity.getIdentifier();
            try {
                id.createGenerator(metadata.getMetadataBuildingOptions().getIdentifierGeneratorFactory(), dialect,
                        (RootClass) entity);
            } catch (RuntimeException | LinkageError e) {
                throw generatorFailure(entity.getClassName(), id, loader, e);
            }
        }
        // an @CollectionId's generator: the metadata build ignores its failure the same way
        for (org.hibernate.mapping.Collection collection : metadata.getCollectionBindings()) {
            if (collection instanceof IdentifierCollection bag) {
                try {
                    bag.getIdentifier().createGenerator(
                            metadata.getMetadataBuildingOptions().getIdentifierGeneratorFactory(), dialect, null);
                } catch (RuntimeException | LinkageError e) {
                    throw generatorFailure(collection.getOwnerEntityName(), bag.getIdentifier(), loader, e);
                }
            }
        }
    }

    /**
     * Why an entity's id generator cannot be made. Hibernate's "Could not interpret id generator strategy [...]"
     * drops the cause, so the generator's class is loaded again here to name the type it lacks.
     */
    static MigrateException generatorFailure(String entity, KeyValue id, ClassLoader loader, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownServiceException unknown) {
                return new MigrateException("cannot map entity " + entity + ": its id generator needs the Hibernate"
                        + " service " + unknown.getServiceRole().getName() + ", which the application registers in"
                        + " its own code; register it for the tool with a ServiceContributor on --classpath"
                        + " (META-INF/services/" + ServiceContributor.class.getName() + ")", e);
            }
        }
        Optional<Throwable> problem = EntityScanner.typeProblem(e);
        String strategy = id instanceof SimpleValue simple ? simple.getIdentifierGeneratorStrategy() : null;
        if (problem.isEmpty() && strategy != null && strategy.contains(".")) {
            try {
                Class.forName(strategy, true, loader);
            } catch (ClassNotFoundException | LinkageError missing) {
                problem = Optional.of(missing);
            }
        }
        if (problem.isPresent()) {
            return EntityScanner.cannot("map", "entity", entity, problem.get());
        }
        return new MigrateException("cannot map entity " + entity + ": Hibernate cannot make its id generator: "
                + rootMessage(e), e);
    }

    /**
     * A Hibernate extension on the user's class path (a jar's META-INF/services entry: a ServiceContributor, an
     * Integrator, a TypeContributor) that cannot be loaded, as the application's own Hibernate would fail on it.
     */
    static MigrateException extensionFailure(ServiceConfigurationError e, ClassLoader loader) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Matcher provider = PROVIDER.matcher(message);
        Optional<Throwable> problem = EntityScanner.typeProblem(e);
        if (provider.find()) {
            String name = provider.group(1);
            if (problem.isEmpty()) {
                // "Provider ... not found" keeps no cause: load the class again to name the type it lacks
                try {
                    Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError missing) {
                    problem = Optional.of(missing);
                }
            }
            return EntityScanner.cannot("load", "Hibernate extension", name,
                    problem.orElse(e.getCause() != null ? e.getCause() : e));
        }
        return new MigrateException("cannot load a Hibernate extension on the class path: "
                + message.replaceAll("\\s+", " ") + "; check --classpath (classpath= in migrate.properties)", e);
    }

    private static MigrateException failure(List<Class<?>> classes, String what, Throwable e) {
        if (e instanceof MigrateException m) {
            return m;
        }
        return EntityScanner.cannotMap(classes, e)
                .orElseGet(() -> new MigrateException("Hibernate cannot " + what + ": " + rootMessage(e), e));
    }

    private static String rootMessage(Throwable e) {
        List<Throwable> chain = Causes.chain(e);
        Throwable t = chain.get(chain.size() - 1);
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.replaceAll("\\s+", " ");
    }

    /**
     * One statement per delimiter at the end of a line. A @Comment can hold line breaks, which Hibernate writes as
     * they are, so a statement runs on until a line ends with the delimiter.
     */
    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\r?\n", -1)) {
            if (current.isEmpty() && line.isBlank()) {
                continue;
            }
            if (!current.isEmpty()) {
                current.append('\n');
            }
            current.append(line);
            String s = current.toString().strip();
            if (s.endsWith(";")) {
                s = s.substring(0, s.length() - 1).strip();
                if (!s.isEmpty()) {
                    statements.add(s);
                }
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    /**
     * Hibernate pastes a @Comment between quotes without escaping it, so an apostrophe breaks the statement. A body
     * that is already a valid literal is kept, as Hibernate's own schema export would apply it.
     */
    static String fixComment(String statement) {
        Matcher m = COMMENT_ON.matcher(statement);
        if (!m.matches() || ESCAPED_LITERAL_BODY.matcher(m.group(2)).matches()) {
            return statement;
        }
        return m.group(1) + "'" + m.group(2).replace("'", "''") + "'";
    }

    /** A Java enum mapped to a PostgreSQL named enum, with the type names its columns use. */
    private record NamedEnum(Class<?> enumClass, Set<String> columnTypes) {
    }

    private static List<NamedEnum> namedEnums(Metadata metadata) {
        Map<Class<?>, Set<String>> found = new LinkedHashMap<>();
        for (Namespace namespace : metadata.getDatabase().getNamespaces()) {
            for (org.hibernate.mapping.Table table : namespace.getTables()) {
                for (Column column : table.getColumns()) {
                    Value value = column.getValue();
                    if (!(value instanceof BasicValue basic)) {
                        continue;
                    }
                    BasicValue.Resolution<?> resolution = basic.resolve();
                    Class<?> javaType = resolution.getDomainJavaType().getJavaTypeClass();
                    int code = resolution.getJdbcType().getDefaultSqlTypeCode();
                    if (javaType.isEnum() && (code == SqlTypes.NAMED_ENUM || code == SqlTypes.ENUM)) {
                        found.computeIfAbsent(javaType, k -> new LinkedHashSet<>())
                                .add(column.getSqlType(metadata).trim());
                    }
                }
            }
        }
        List<NamedEnum> result = new ArrayList<>();
        found.forEach((type, names) -> result.add(new NamedEnum(type, names)));
        return result;
    }

    static List<String> fixEnums(List<String> statements, List<NamedEnum> enums) {
        List<String> fixed = new ArrayList<>();
        for (String statement : statements) {
            if (CREATE_CAST.matcher(statement).matches()) {
                continue;
            }
            Matcher m = CREATE_ENUM.matcher(statement);
            if (m.matches()) {
                String hibernateName = m.group(1);
                Optional<NamedEnum> match = enums.stream()
                        .filter(e -> e.enumClass().getSimpleName().equalsIgnoreCase(unquote(hibernateName))
                                || e.columnTypes().stream().anyMatch(t -> t.equalsIgnoreCase(hibernateName)))
                        .findFirst();
                if (match.isPresent()) {
                    NamedEnum e = match.get();
                    String name = e.columnTypes().stream()
                            .filter(t -> !t.equalsIgnoreCase(hibernateName)).findFirst().orElse(hibernateName);
                    StringJoiner values = new StringJoiner(",");
                    for (Object constant : e.enumClass().getEnumConstants()) {
                        values.add("'" + ((Enum<?>) constant).name().replace("'", "''") + "'");
                    }
                    fixed.add("create type " + name + " as enum (" + values + ")");
                    continue;
                }
            }
            fixed.add(statement);
        }
        return fixed;
    }

    private static String unquote(String name) {
        return name.startsWith("\"") && name.endsWith("\"") ? name.substring(1, name.length() - 1) : name;
    }
}
