package dev.jpamigrate.desired;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.EntityCompiler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Entities whose classes are only partly on --classpath: the run stops with one line that names the entity, the
 * missing type and the fix, and nothing is written. Before, such an entity was skipped and became a DROP TABLE.
 */
class UnloadableEntityTest {
    /** What the entities need, standing in for a jar the user left off the class path. */
    private static final Map<String, String> BASE = Map.of(
            "AuditedEntity.java", """
                    package com.acme.base;
                    import jakarta.persistence.*;
                    import java.time.Instant;
                    @MappedSuperclass
                    public abstract class AuditedEntity {
                        @Column(name = "created_at") protected Instant createdAt;
                    }
                    """,
            "Address.java", """
                    package com.acme.base;
                    import jakarta.persistence.*;
                    @Embeddable
                    public class Address {
                        @Column(length = 80) public String street;
                        @Column(length = 40) public String city;
                    }
                    """,
            "Named.java", """
                    package com.acme.base;
                    public interface Named {
                        String name();
                    }
                    """,
            "Formatter.java", """
                    package com.acme.base;
                    public abstract class Formatter {
                        public abstract String format(Object value);
                    }
                    """,
            "Tag.java", """
                    package com.acme.base;
                    import jakarta.persistence.*;
                    @Embeddable
                    public class Tag {
                        @Column(length = 30) public String label;
                    }
                    """,
            "UpperCase.java", """
                    package com.acme.base;
                    import jakarta.persistence.*;
                    @Converter
                    public class UpperCase implements AttributeConverter<String, String> {
                        public String convertToDatabaseColumn(String s) { return s == null ? null : s.toUpperCase(); }
                        public String convertToEntityAttribute(String s) { return s; }
                    }
                    """,
            "AuditListener.java", """
                    package com.acme.base;
                    public class AuditListener {
                        @jakarta.persistence.PrePersist public void stamp(Object entity) { }
                    }
                    """,
            "Sequences.java", """
                    package com.acme.base;
                    public class Sequences extends org.hibernate.id.enhanced.SequenceStyleGenerator {
                    }
                    """,
            "Owner.java", """
                    package com.acme.base;
                    import jakarta.persistence.*;
                    @Entity @Table(name = "owners")
                    public class Owner {
                        @Id public Long id;
                    }
                    """);

    @TempDir
    static Path classes;
    static Path base;

    @BeforeAll
    static void compile() {
        base = EntityCompiler.compileFiles(BASE, "com.acme.base", classes.resolve("base"));
    }

    private static Path entities(String pkg, Map<String, String> files) {
        return EntityCompiler.compileFiles(files, pkg, classes.resolve(pkg), List.of(base));
    }

    /** Customer needs the base classes; Region beside it does not, so skipping Customer would drop its table. */
    private static Path app() {
        return entities("com.acme.app", Map.of("Customer.java", """
                package com.acme.app;
                import jakarta.persistence.*;
                @Entity @Table(name = "customers")
                public class Customer extends com.acme.base.AuditedEntity {
                    @Id Long id;
                    @Column(length = 100) String name;
                }
                """, "Region.java", """
                package com.acme.app;
                import jakarta.persistence.*;
                @Entity @Table(name = "regions")
                public class Region {
                    @Id Long id;
                }
                """));
    }

    @Test
    void entityWhoseSuperclassIsMissing(@TempDir Path work) {
        Path app = app();
        stops(work, "com.acme.app", app, "error: cannot load entity com.acme.app.Customer: it needs"
                + " com.acme.base.AuditedEntity, which is not on the class path; add the jar or directory that holds"
                + " com.acme.base.AuditedEntity to --classpath (classpath= in migrate.properties)");
    }

    @Test
    void entityWhoseEmbeddableIsMissing(@TempDir Path work) {
        Path shop = entities("com.acme.shop", Map.of("Purchase.java", """
                package com.acme.shop;
                import jakarta.persistence.*;
                @Entity @Table(name = "purchases")
                public class Purchase {
                    @Id Long id;
                    @Embedded com.acme.base.Address shipTo;
                }
                """));
        stops(work, "com.acme.shop", shop, "error: cannot map entity com.acme.shop.Purchase: it needs"
                + " com.acme.base.Address, which is not on the class path; add the jar or directory that holds"
                + " com.acme.base.Address to --classpath (classpath= in migrate.properties)");
    }

    @Test
    void entityWhoseInterfaceIsMissing(@TempDir Path work) {
        Path crm = entities("com.acme.crm", Map.of("Contact.java", """
                package com.acme.crm;
                import jakarta.persistence.*;
                @Entity @Table(name = "contacts")
                public class Contact implements com.acme.base.Named {
                    @Id Long id;
                    @Column(length = 100) String name;
                    public String name() { return name; }
                }
                """));
        stops(work, "com.acme.crm", crm, "error: cannot load entity com.acme.crm.Contact: it needs"
                + " com.acme.base.Named, which is not on the class path; add the jar or directory that holds"
                + " com.acme.base.Named to --classpath (classpath= in migrate.properties)");
    }

    /**
     * A class that is not mapped (no @Entity, @Embeddable, @MappedSuperclass or @Converter in its class file) does not
     * need to load: a repository or helper beside the entities often extends a type from a jar the entities do not
     * need. The entities are still all found, so nothing drifts.
     */
    @Test
    void helperThatCannotLoadBesideTheEntitiesIsNotNeeded(@TempDir Path work) {
        Path help = entities("com.acme.help", Map.of(
                "Ticket.java", """
                        package com.acme.help;
                        import jakarta.persistence.*;
                        @Entity @Table(name = "tickets")
                        public class Ticket {
                            @Id Long id;
                            @Column(length = 200) String subject;
                        }
                        """,
                "TicketFormatter.java", """
                        package com.acme.help;
                        public class TicketFormatter extends com.acme.base.Formatter {
                            public String format(Object value) { return String.valueOf(value); }
                        }
                        """));
        Cli cli = new Cli(work);
        baseline(cli, "com.acme.help", help);
        Map<String, String> before = changelogs(work);

        Cli.Result check = cli.run("check", "--entities", "com.acme.help", "--classpath", help.toString());
        assertThat(check.exit()).as("the entity is found and agrees with the changelogs\n%s", check).isZero();
        assertThat(check.out()).as("no drop table for an entity that loads").doesNotContain("drop table");
        Cli.Result create = cli.run("create", "x", "--entities", "com.acme.help", "--classpath", help.toString());
        assertThat(create.exit()).as(create.toString()).isZero();
        assertThat(create.out()).contains("No changes detected");
        assertThat(changelogs(work)).as("nothing written").isEqualTo(before);
    }

    // ---- the same failures straight from the desired schema, for the ways a mapping reaches a type ------------

    private static String ddlFailure(String pkg, String source, Path... classpath) {
        Path dir = entities(pkg, Map.of("Model.java", "package " + pkg + ";\n" + EntityCompiler.IMPORTS + source));
        List<Path> cp = Stream.concat(Stream.of(dir), Stream.of(classpath)).toList();
        try (URLClassLoader loader = loader(cp)) {
            MigrateException e = catchThrowableOfType(
                    () -> DesiredSchema.ddl(loader, List.of(pkg), cp, Naming.HIBERNATE), MigrateException.class);
            assertThat(e).as("the desired schema fails with a MigrateException").isNotNull();
            assertThat(e.kind()).isEqualTo(MigrateException.Kind.FAILED);
            return e.getMessage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URLClassLoader loader(List<Path> classpath) {
        return (URLClassLoader) DesiredSchema.loader(classpath, UnloadableEntityTest.class.getClassLoader());
    }

    private static String needs(String what, String type) {
        return what + ": it needs " + type + ", which is not on the class path; add the jar or directory that holds "
                + type + " to --classpath (classpath= in migrate.properties)";
    }

    @Test
    void elementCollectionOfAMissingEmbeddable() {
        assertThat(ddlFailure("com.acme.lists", """
                @Entity class Article {
                    @Id Long id;
                    @ElementCollection List<com.acme.base.Tag> tags;
                }
                """)).isEqualTo(needs("cannot map entity com.acme.lists.Article", "com.acme.base.Tag"));
    }

    @Test
    void missingConverter() {
        assertThat(ddlFailure("com.acme.conv", """
                @Entity class Code {
                    @Id Long id;
                    @Convert(converter = com.acme.base.UpperCase.class) String value;
                }
                """)).isEqualTo(needs("cannot map entity com.acme.conv.Code", "com.acme.base.UpperCase"));
    }

    @Test
    void missingEntityListener() {
        assertThat(ddlFailure("com.acme.listen", """
                @Entity @EntityListeners(com.acme.base.AuditListener.class) class Visit {
                    @Id Long id;
                }
                """)).isEqualTo(needs("cannot map entity com.acme.listen.Visit", "com.acme.base.AuditListener"));
    }

    @Test
    void missingTargetEntity() {
        assertThat(ddlFailure("com.acme.pets", """
                @Entity class Pet {
                    @Id Long id;
                    @ManyToOne com.acme.base.Owner owner;
                }
                """)).isEqualTo(needs("cannot map entity com.acme.pets.Pet", "com.acme.base.Owner"));
    }

    @Test
    void embeddableInThePackageWhoseSuperclassIsMissing() {
        assertThat(ddlFailure("com.acme.emb", """
                @Entity class Box {
                    @Id Long id;
                    @Embedded Size size;
                }
                @Embeddable class Size extends com.acme.base.Formatter {
                    int width;
                    public String format(Object value) { return ""; }
                }
                """)).isEqualTo(needs("cannot load embeddable com.acme.emb.Size", "com.acme.base.Formatter"));
    }

    /**
     * A generator named by its class, which the class path lacks. Hibernate's metadata leaves out such a generator
     * and its sequence without a word (the SessionFactory then fails on it), so the tool once wrote a schema
     * without the sequence; HAPI FHIR's entities lost 16 of their 23 sequences so.
     */
    @Test
    void missingIdGenerator() {
        assertThat(ddlFailure("com.acme.gen", """
                @Entity class Invoice {
                    @Id @GeneratedValue(generator = "numbers")
                    @org.hibernate.annotations.GenericGenerator(name = "numbers", strategy = "com.acme.base.Sequences")
                    Long id;
                }
                """)).isEqualTo(needs("cannot map entity com.acme.gen.Invoice", "com.acme.base.Sequences"));
    }

    /** The same for the generator of an @CollectionId, which the metadata build ignores the same way. */
    @Test
    void missingCollectionIdGenerator() {
        assertThat(ddlFailure("com.acme.bag", """
                @Entity class Album {
                    @Id Long id;
                    @ElementCollection @CollectionTable(name = "album_tracks")
                    @org.hibernate.annotations.CollectionId(column = @Column(name = "track_id"), generator = "tracks")
                    @org.hibernate.annotations.CollectionIdJdbcTypeCode(SqlTypes.BIGINT)
                    @org.hibernate.annotations.GenericGenerator(name = "tracks", strategy = "com.acme.base.Sequences")
                    List<String> tracks;
                }
                """)).isEqualTo(needs("cannot map entity com.acme.bag.Album", "com.acme.base.Sequences"));
    }

    /** An id generator that asks Hibernate for a service the application registers in its own start-up code. */
    private static final String MASSAGED = """
            package com.acme.svc;
            public class Massaged extends org.hibernate.id.enhanced.SequenceStyleGenerator {
                public interface Massager extends org.hibernate.service.Service {
                }
                @Override
                public void configure(org.hibernate.type.Type type, java.util.Properties params,
                                      org.hibernate.service.ServiceRegistry registry) {
                    registry.getService(Massager.class);
                    super.configure(type, params, registry);
                }
            }
            """;

    private static final String INVOICE = """
            package com.acme.svc;
            import jakarta.persistence.*;
            @Entity class Invoice {
                @Id @GeneratedValue(generator = "numbers")
                @org.hibernate.annotations.GenericGenerator(name = "numbers", type = Massaged.class,
                        parameters = @org.hibernate.annotations.Parameter(name = "sequence_name", value = "invoice_numbers"))
                Long id;
            }
            """;

    @Test
    void idGeneratorThatNeedsAServiceTheApplicationRegisters() {
        Path dir = entities("com.acme.svc", Map.of("Massaged.java", MASSAGED, "Invoice.java", INVOICE));
        try (URLClassLoader loader = loader(List.of(dir))) {
            assertThatThrownBy(() -> DesiredSchema.ddl(loader, List.of("com.acme.svc"), List.of(dir), Naming.HIBERNATE))
                    .isInstanceOf(MigrateException.class)
                    .hasMessage("cannot map entity com.acme.svc.Invoice: its id generator needs the Hibernate service"
                            + " com.acme.svc.Massaged$Massager, which the application registers in its own code;"
                            + " register it for the tool with a ServiceContributor on --classpath"
                            + " (META-INF/services/org.hibernate.service.spi.ServiceContributor)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ... and with the service contributed from the class path, the generator's sequence is in the schema. */
    @Test
    void aServiceContributorOnTheClassPathServesTheGenerator() throws IOException {
        Path dir = entities("com.acme.svc2", Map.of(
                "Massaged.java", MASSAGED.replace("com.acme.svc;", "com.acme.svc2;"),
                "Invoice.java", INVOICE.replace("com.acme.svc;", "com.acme.svc2;"),
                "Services.java", """
                        package com.acme.svc2;
                        public class Services implements org.hibernate.service.spi.ServiceContributor {
                            public void contribute(org.hibernate.boot.registry.StandardServiceRegistryBuilder registry) {
                                registry.addService(Massaged.Massager.class, new Massaged.Massager() { });
                            }
                        }
                        """));
        Path services = dir.resolve("META-INF/services/org.hibernate.service.spi.ServiceContributor");
        Files.createDirectories(services.getParent());
        Files.writeString(services, "com.acme.svc2.Services\n");
        try (URLClassLoader loader = loader(List.of(dir))) {
            assertThat(DesiredSchema.ddl(loader, List.of("com.acme.svc2"), List.of(dir), Naming.HIBERNATE))
                    .anyMatch(sql -> sql.startsWith("create sequence invoice_numbers "));
        }
    }

    /** The same for an Integrator, which Hibernate loads before any other service. */
    @Test
    void integratorThatCannotLoad() throws IOException {
        Path dir = entities("com.acme.integ", Map.of("Model.java", "package com.acme.integ;\n" + EntityCompiler.IMPORTS
                + "@Entity class Part { @Id Long id; }\n", "Auditing.java", """
                package com.acme.integ;
                public class Auditing extends com.acme.base.Formatter implements org.hibernate.integrator.spi.Integrator {
                    public String format(Object value) { return ""; }
                    public void disintegrate(org.hibernate.engine.spi.SessionFactoryImplementor factory,
                                             org.hibernate.service.spi.SessionFactoryServiceRegistry registry) {
                    }
                }
                """));
        Path services = dir.resolve("META-INF/services/org.hibernate.integrator.spi.Integrator");
        Files.createDirectories(services.getParent());
        Files.writeString(services, "com.acme.integ.Auditing\n");
        try (URLClassLoader loader = loader(List.of(dir))) {
            assertThatThrownBy(() -> DesiredSchema.ddl(loader, List.of("com.acme.integ"), List.of(dir), Naming.HIBERNATE))
                    .isInstanceOf(MigrateException.class)
                    .hasMessage(needs("cannot load Hibernate extension com.acme.integ.Auditing",
                            "com.acme.base.Formatter"));
        }
    }

    /** A Hibernate extension a jar registers (META-INF/services) whose class needs a type the class path lacks. */
    @Test
    void extensionThatCannotLoad() throws IOException {
        Path dir = entities("com.acme.ext", Map.of("Model.java", "package com.acme.ext;\n" + EntityCompiler.IMPORTS
                + "@Entity class Part { @Id Long id; }\n", "Contributor.java", """
                package com.acme.ext;
                public class Contributor implements org.hibernate.service.spi.ServiceContributor {
                    public Contributor() {
                        new com.acme.base.AuditListener();
                    }
                    public void contribute(org.hibernate.boot.registry.StandardServiceRegistryBuilder registry) {
                    }
                }
                """));
        Path services = dir.resolve("META-INF/services/org.hibernate.service.spi.ServiceContributor");
        Files.createDirectories(services.getParent());
        Files.writeString(services, "com.acme.ext.Contributor\n");
        try (URLClassLoader loader = loader(List.of(dir))) {
            assertThatThrownBy(() -> DesiredSchema.ddl(loader, List.of("com.acme.ext"), List.of(dir), Naming.HIBERNATE))
                    .isInstanceOf(MigrateException.class)
                    .hasMessage(needs("cannot load Hibernate extension com.acme.ext.Contributor",
                            "com.acme.base.AuditListener"));
        }
    }

    /** The superclass on the class path is not the one the entity was compiled against: it became an interface. */
    @Test
    void clashingSuperclass(@TempDir Path other) {
        Path changed = EntityCompiler.compileFiles(Map.of("AuditedEntity.java", """
                package com.acme.base;
                public interface AuditedEntity {
                }
                """), "com.acme.base", other);
        assertThat(ddlFailure("com.acme.clash", """
                @Entity class Invoice extends com.acme.base.AuditedEntity {
                    @Id Long id;
                }
                """, changed)).isEqualTo("cannot load entity com.acme.clash.Invoice: it was compiled against another"
                + " version of com.acme.base.AuditedEntity than the one on the class path"
                + " (IncompatibleClassChangeError: class com.acme.clash.Invoice has interface com.acme.base.AuditedEntity"
                + " as super class); put the jar or directory with the matching version of com.acme.base.AuditedEntity"
                + " on --classpath (classpath= in migrate.properties), and no other");
    }

    /** A class file for a newer Java: its major version is patched, so this test runs on any JDK. */
    @Test
    void entityCompiledForANewerJava() throws IOException {
        Path dir = entities("com.acme.newer", Map.of("Model.java", "package com.acme.newer;\n" + EntityCompiler.IMPORTS
                + "@Entity class Gadget { @Id Long id; }\n"));
        Path file = dir.resolve("com/acme/newer/Gadget.class");
        byte[] bytes = Files.readAllBytes(file);
        int newer = Runtime.version().feature() + 1;
        bytes[6] = (byte) ((newer + 44) >> 8);
        bytes[7] = (byte) (newer + 44);
        Files.write(file, bytes);
        try (URLClassLoader loader = loader(List.of(dir))) {
            assertThatThrownBy(() -> DesiredSchema.ddl(loader, List.of("com.acme.newer"), List.of(dir),
                    Naming.HIBERNATE))
                    .isInstanceOf(MigrateException.class)
                    .hasMessage("cannot load entity com.acme.newer.Gadget: it was compiled for Java " + newer
                            + " and this is Java " + Runtime.version().feature() + "; run migrate on Java " + newer
                            + " or newer, or compile the entities with --release " + Runtime.version().feature());
        }
    }

    /** A class file that cannot be read cannot be told apart from an entity, so it stops the run too. */
    @Test
    void unreadableClassFileInThePackage() throws IOException {
        Path dir = entities("com.acme.broken", Map.of("Model.java", "package com.acme.broken;\n"
                + EntityCompiler.IMPORTS + "@Entity class Part { @Id Long id; }\n"));
        Files.write(dir.resolve("com/acme/broken/Truncated.class"), new byte[]{(byte) 0xCA, (byte) 0xFE});
        try (URLClassLoader loader = loader(List.of(dir))) {
            assertThatThrownBy(() -> DesiredSchema.ddl(loader, List.of("com.acme.broken"), List.of(dir),
                    Naming.HIBERNATE))
                    .isInstanceOf(MigrateException.class)
                    .hasMessageStartingWith("cannot load class com.acme.broken.Truncated: ClassFormatError: ")
                    .hasMessageEndingWith("; check --classpath (classpath= in migrate.properties)");
        }
    }

    @Test
    void missingMethodNamesTheClashingType() {
        MigrateException e = EntityScanner.cannot("map", "entity", "com.acme.app.Customer",
                new NoSuchMethodError("'void com.acme.base.AuditedEntity.touch(java.lang.String)'"));
        assertThat(e.getMessage()).isEqualTo("cannot map entity com.acme.app.Customer: it was compiled against"
                + " another version of com.acme.base.AuditedEntity than the one on the class path (NoSuchMethodError:"
                + " 'void com.acme.base.AuditedEntity.touch(java.lang.String)'); put the jar or directory with the"
                + " matching version of com.acme.base.AuditedEntity on --classpath (classpath= in migrate.properties),"
                + " and no other");
    }

    /** A baseline with the whole class path, then check and create with the base classes left off it. */
    private static void stops(Path work, String pkg, Path entities, String expected) {
        Cli cli = new Cli(work);
        baseline(cli, pkg, entities);
        Map<String, String> before = changelogs(work);

        for (String[] command : List.of(new String[]{"check"}, new String[]{"create", "x"})) {
            String[] args = Stream.concat(Stream.of(command),
                    Stream.of("--entities", pkg, "--classpath", entities.toString())).toArray(String[]::new);
            Cli.Result r = cli.run(args);
            String what = String.join(" ", command);
            assertThat(r.exit()).as("%s stops with exit 2\n%s", what, r).isEqualTo(2);
            assertThat(r.err().strip().lines().toList()).as("%s: one line, no stack trace\n%s", what, r)
                    .containsExactly(expected);
            assertThat(r.out()).as("%s: no drift reported", what).doesNotContain("drop table");
            assertThat(changelogs(work)).as("%s writes nothing", what).isEqualTo(before);
        }
    }

    private static void baseline(Cli cli, String pkg, Path entities) {
        Cli.Result init = cli.run("create", "init", "--entities", pkg,
                "--classpath", entities + File.pathSeparator + base);
        assertThat(init.exit()).as("baseline with the whole class path\n%s", init).isZero();
        assertThat(init.out()).contains("Wrote changelogs/");
    }

    /** Every file under the changelog directory, with its content. */
    private static Map<String, String> changelogs(Path work) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(work.resolve("changelogs"))) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(work.relativize(p).toString(), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
