package dev.jpamigrate.testing;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.db.RemoteServer;
import dev.jpamigrate.desired.EntityScanner;
import dev.jpamigrate.desired.Naming;
import dev.jpamigrate.diff.SchemaDiff;
import dev.jpamigrate.engine.Engine;
import dev.jpamigrate.engine.EngineOptions;
import dev.jpamigrate.inspect.CatalogInspector;
import dev.jpamigrate.inspect.CheckCanonicalizer;
import dev.jpamigrate.render.Describer;
import dev.jpamigrate.schema.Column;
import dev.jpamigrate.schema.Schema;
import dev.jpamigrate.schema.Table;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.hibernate.resource.beans.container.spi.BeanContainer;
import org.hibernate.resource.beans.container.spi.ContainedBean;
import org.hibernate.resource.beans.spi.BeanInstanceProducer;

import javax.sql.DataSource;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.*;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema the application's own Hibernate builds at run time ({@code jakarta.persistence.schema-generation
 * .database.action=create}, as {@code hibernate.hbm2ddl.auto=create} or Spring Boot's {@code ddl-auto=create} run it:
 * a real SessionFactory on a real database) against the tool's desired schema, compared by the catalog; see
 * HibernateExportParityTest.
 */
public final class HibernateParity {
    private HibernateParity() {
    }

    /**
     * Hibernate's run-time create on one fresh database, the tool's desired schema through another, both read with
     * the catalog inspector.
     *
     * @param before statements run before Hibernate's create
     */
    public static Parity parity(List<String> packages, List<Path> classpath, ClassLoader loader, Map<String, String> settings,
                          List<String> before) throws Exception {
        try (TestPostgres.Db db = TestPostgres.create()) {
            db.execute(before.toArray(String[]::new));
            hibernateCreates(db, loader, EntityScanner.scan(loader, packages), settings);
            return compare(db, packages, classpath, settings);
        }
    }

    /** {@code db}, as Hibernate built it, read with the catalog inspector, against the tool's desired schema. */
    public static Parity compare(TestPostgres.Db db, List<String> packages, List<Path> classpath,
                                 Map<String, String> settings) throws Exception {
        Schema built;
        try (Connection c = db.connect()) {
            built = CatalogInspector.inspect(c);
        }
        Schema desired;
        Path changelogs = Files.createTempDirectory("jpa-migrate-parity-changelogs");
        try (Engine engine = new Engine(new EngineOptions(Optional.of(db.url()), packages, classpath,
                changelogs, Naming.HIBERNATE, "test", Clock.systemUTC(), EngineOptions.randomRevisions(), false,
                line -> { }, settings))) {
            desired = engine.desired();
        }
        // as create and check compare: a check Hibernate's database holds in PostgreSQL's first reading
        try (dev.jpamigrate.db.Cleanup cleanup = dev.jpamigrate.db.Cleanup.onExit(line -> { })) {
            Schema canonical = CheckCanonicalizer.canonical(built, desired,
                    () -> new RemoteServer(db.url()).createScratch(cleanup), line -> { });
            return new Parity(canonical, desired, SchemaDiff.diff(canonical, desired));
        }
    }

    /** What Spring Boot does with ddl-auto=create: a container EntityManagerFactory, whose SessionFactory creates. */
    public static void hibernateCreates(TestPostgres.Db db, ClassLoader loader, List<Class<?>> classes,
                                         Map<String, String> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.put(AvailableSettings.JAKARTA_JDBC_URL, db.url().jdbcUrl());
        all.put(AvailableSettings.JAKARTA_JDBC_USER, db.url().user());
        all.put(AvailableSettings.JAKARTA_HBM2DDL_DATABASE_ACTION, "create");
        // the tool's own fixed setting: its scratch database has no schema but public
        all.put(AvailableSettings.HBM2DDL_CREATE_NAMESPACES, "true");
        // a statement PostgreSQL rejects would otherwise be logged and skipped, and the test would compare less
        all.put(AvailableSettings.HBM2DDL_HALT_ON_ERROR, "true");
        // as Spring Boot hands Hibernate its bean container: an entity listener that Spring injects (no no-arg
        // constructor) is made when first used, never while the schema is created
        all.put(AvailableSettings.BEAN_CONTAINER, new LazyBeans());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try (EntityManagerFactory emf = new HibernatePersistenceProvider().createContainerEntityManagerFactory(
                new Unit(classes.stream().map(Class::getName).toList(), loader), all)) {
            assertThat(emf.isOpen()).isTrue();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The two schemas and the diff from Hibernate's to the tool's. */
    public record Parity(Schema built, Schema desired, List<Change> diff) {
        /** Nothing differs but the given enum fixes; the tables' columns are in the same order. */
        public void assertNoDifferenceBut(String... enumFixes) {
            List<String> fixes = new ArrayList<>();
            List<String> other = new ArrayList<>();
            for (Change c : diff) {
                enumFix(c).ifPresentOrElse(fixes::add, () -> other.add(Describer.describe(c)));
            }
            assertThat(other).as("differences between Hibernate's own create and the tool's desired schema").isEmpty();
            assertThat(fixes).as("the enum fixes the tool makes on purpose").containsExactlyInAnyOrder(enumFixes);
            assertThat(columnOrder(desired)).as("column order, table by table").isEqualTo(columnOrder(built));
        }

        private Optional<String> enumFix(Change c) {
            if (c instanceof Change.AlterEnum a && Set.copyOf(a.from()).equals(Set.copyOf(a.to()))
                    && a.from().equals(a.from().stream().sorted().toList())) {
                return Optional.of("labels of " + a.name().sql() + " in declaration order");
            }
            if (c instanceof Change.DropEnum d && built.tables().stream().flatMap(t -> t.columns().stream())
                    .map(Column::type).noneMatch(t -> t.replace("[]", "").equals(d.type().name().sql()))) {
                return Optional.of("no unused type " + d.type().name().sql());
            }
            return Optional.empty();
        }

        private static Map<String, List<String>> columnOrder(Schema s) {
            Map<String, List<String>> order = new TreeMap<>();
            for (Table t : s.tables()) {
                order.put(t.name().toString(), t.columns().stream().map(Column::name).toList());
            }
            return order;
        }

        public String primaryKey(Schema s, String table) {
            return s.tables().stream().filter(t -> t.name().name().equals(table)).findFirst().orElseThrow()
                    .constraints().stream().filter(c -> c.kind() == dev.jpamigrate.schema.Constraint.Kind.PRIMARY_KEY)
                    .findFirst().orElseThrow().definition();
        }
    }

    /** A bean container that makes each bean on first use, with Hibernate's own producer, as Spring's does. */
    private static final class LazyBeans implements BeanContainer {
        @Override
        public <B> ContainedBean<B> getBean(Class<B> type, LifecycleOptions options, BeanInstanceProducer producer) {
            return lazy(() -> producer.produceBeanInstance(type));
        }

        @Override
        public <B> ContainedBean<B> getBean(String name, Class<B> type, LifecycleOptions options,
                                            BeanInstanceProducer producer) {
            return lazy(() -> producer.produceBeanInstance(name, type));
        }

        private static <B> ContainedBean<B> lazy(java.util.function.Supplier<B> make) {
            return new ContainedBean<>() {
                private B bean;

                @Override
                public synchronized B getBeanInstance() {
                    if (bean == null) {
                        bean = make.get();
                    }
                    return bean;
                }
            };
        }

        @Override
        public void stop() {
        }
    }

    /** A persistence unit without persistence.xml, the way Spring Boot hands one to Hibernate. */
    private record Unit(List<String> classes, ClassLoader loader) implements PersistenceUnitInfo {
        public String getPersistenceUnitName() { return "parity"; }
        public String getPersistenceProviderClassName() { return HibernatePersistenceProvider.class.getName(); }
        @SuppressWarnings("deprecation")
        public PersistenceUnitTransactionType getTransactionType() { return PersistenceUnitTransactionType.RESOURCE_LOCAL; }
        public DataSource getJtaDataSource() { return null; }
        public DataSource getNonJtaDataSource() { return null; }
        public List<String> getMappingFileNames() { return List.of(); }
        public List<URL> getJarFileUrls() { return List.of(); }
        public URL getPersistenceUnitRootUrl() { return null; }
        public List<String> getManagedClassNames() { return classes; }
        public boolean excludeUnlistedClasses() { return true; }
        public SharedCacheMode getSharedCacheMode() { return SharedCacheMode.UNSPECIFIED; }
        public ValidationMode getValidationMode() { return ValidationMode.NONE; }
        public Properties getProperties() { return new Properties(); }
        public String getPersistenceXMLSchemaVersion() { return "3.1"; }
        public ClassLoader getClassLoader() { return loader; }
        public void addTransformer(ClassTransformer transformer) { }
        public ClassLoader getNewTempClassLoader() { return null; }
    }
}
