package dev.jpamigrate.desired;

import dev.jpamigrate.example.model.DocumentStatus;
import dev.jpamigrate.example.model.MessageRole;
import dev.jpamigrate.example.model.ScratchpadEntryType;
import dev.jpamigrate.schema.Table;
import dev.jpamigrate.testing.EntityCompiler;
import dev.jpamigrate.testing.HibernateParity;
import dev.jpamigrate.testing.HibernateParity.Parity;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema the tool wants is the schema the application's own Hibernate builds at run time
 * ({@code jakarta.persistence.schema-generation.database.action=create}, as {@code hibernate.hbm2ddl.auto=create} or
 * Spring Boot's {@code ddl-auto=create} run it: a real SessionFactory on a real database), compared by the catalog
 * ({@link HibernateParity}). The only differences allowed are the enum fixes HibernateDdl makes on purpose: a named
 * enum's labels in declaration order (Hibernate sorts them) and, where a column names its type, that type under the
 * column's name (Hibernate creates one named after the Java class, which no column then uses).
 */
class HibernateExportParityTest {

    /** Keycloak's user_role_mapping and an embedded key: key fields whose alphabetical order is not Hibernate's. */
    private static final String KEYS = """
            @Entity @Table(name = "users")
            class User {
                @Id @Column(length = 36) String id;
                @Column(length = 100) String username;
            }

            class UserRoleKey implements java.io.Serializable {
                User user;
                String roleId;
                public boolean equals(Object o) {
                    return o instanceof UserRoleKey k && Objects.equals(user, k.user) && Objects.equals(roleId, k.roleId);
                }
                public int hashCode() { return Objects.hash(user, roleId); }
            }

            @Entity @IdClass(UserRoleKey.class) @Table(name = "user_role_mapping")
            class UserRoleMapping {
                @Id @ManyToOne(fetch = FetchType.LAZY) @JoinColumn(name = "user_id") User user;
                @Id @Column(name = "role_id") String roleId;
            }

            @Embeddable
            class StockId implements java.io.Serializable {
                @Column(length = 12) String aisle;
                Long bin;
                public boolean equals(Object o) {
                    return o instanceof StockId k && Objects.equals(aisle, k.aisle) && Objects.equals(bin, k.bin);
                }
                public int hashCode() { return Objects.hash(aisle, bin); }
            }

            @Entity @Table(name = "stock")
            class Stock {
                @EmbeddedId StockId id;
                Integer quantity;
            }

            @Entity @Table(name = "stock_moves")
            class StockMove {
                @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                @ManyToOne(optional = false) Stock stock;
                @ManyToOne
                @JoinColumns({@JoinColumn(name = "from_bin", referencedColumnName = "bin"),
                              @JoinColumn(name = "from_aisle", referencedColumnName = "aisle")})
                Stock source;
                Integer delta;
            }
            """;

    private static final String COLLECTIONS = """
            @Entity @Table(name = "students")
            class Student {
                @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                @Column(length = 80) String name;
                @ManyToMany
                @JoinTable(name = "enrollments", joinColumns = @JoinColumn(name = "student_id"),
                           inverseJoinColumns = @JoinColumn(name = "course_id"))
                Set<Course> courses;
                @ElementCollection
                @CollectionTable(name = "student_nicknames", joinColumns = @JoinColumn(name = "student_id"))
                @Column(name = "nickname", length = 40)
                Set<String> nicknames;
                @ElementCollection
                @CollectionTable(name = "student_scores", joinColumns = @JoinColumn(name = "student_id"))
                @OrderColumn(name = "position") @Column(name = "score")
                List<Integer> scores;
                @ElementCollection
                @CollectionTable(name = "student_links", joinColumns = @JoinColumn(name = "student_id"))
                @MapKeyColumn(name = "label", length = 30) @Column(name = "url", length = 500)
                Map<String, String> links;
                @OneToMany(mappedBy = "student") @MapKey(name = "code") Map<String, Note> notesByCode;
                @OneToMany @JoinColumn(name = "reviewer_id") @OrderColumn(name = "review_order") List<Note> reviews;
            }

            @Entity @Table(name = "courses")
            class Course {
                @Id Long id;
                @Column(length = 12) String code;
                @ManyToMany(mappedBy = "courses") Set<Student> students;
            }

            @Entity @Table(name = "notes")
            class Note {
                @Id @GeneratedValue Long id;
                @Column(length = 10) String code;
                @ManyToOne Student student;
            }
            """;

    private static final String INHERITANCE = """
            @Entity @Table(name = "vehicles")
            @Inheritance(strategy = InheritanceType.SINGLE_TABLE)
            @DiscriminatorColumn(name = "kind", length = 20)
            class Vehicle {
                @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                @Column(length = 40) String make;
            }

            @Entity @DiscriminatorValue("truck")
            class Truck extends Vehicle { Integer axles; }

            @Entity @DiscriminatorValue("car")
            class Car extends Vehicle { Integer seats; }

            @Entity @Table(name = "accounts") @Inheritance(strategy = InheritanceType.JOINED)
            class Account {
                @Id @GeneratedValue(strategy = GenerationType.SEQUENCE) Long id;
                @Column(precision = 12, scale = 2) BigDecimal balance;
            }

            @Entity @Table(name = "savings_accounts") @PrimaryKeyJoinColumn(name = "account_id")
            class SavingsAccount extends Account {
                @Column(precision = 5, scale = 2) BigDecimal rate;
            }

            @Entity @Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
            abstract class Shape {
                @Id @GeneratedValue(strategy = GenerationType.SEQUENCE) Long id;
                Double area;
            }

            @Entity @Table(name = "circles")
            class Circle extends Shape { Double radius; }

            @Entity @Table(name = "squares")
            class Square extends Shape { Double side; }

            @MappedSuperclass
            abstract class Audited {
                @Column(name = "created_at") Instant createdAt;
                @Column(name = "created_by", length = 50) String createdBy;
            }

            @Entity @Table(name = "audit_logs")
            class AuditLog extends Audited {
                @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                @Column(columnDefinition = "text") String entry;
            }
            """;

    private static final String COLUMNS = """
            enum Priority { LOW, MEDIUM, HIGH }
            enum Status { OPEN, IN_PROGRESS, CLOSED }
            enum Mood { HAPPY, SAD, ANGRY }

            @Entity
            @Table(name = "tickets", schema = "app",
                   indexes = @Index(name = "idx_tickets_status_created", columnList = "status, created_at DESC"),
                   uniqueConstraints = @UniqueConstraint(name = "uq_tickets_project_title",
                                                         columnNames = {"project", "title"}))
            @SecondaryTable(name = "ticket_details", schema = "app",
                            pkJoinColumns = @PrimaryKeyJoinColumn(name = "ticket_id"))
            @Check(constraints = "priority between 0 and 2")
            @Comment("support tickets")
            class Ticket {
                @Id @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ticket_gen")
                @SequenceGenerator(name = "ticket_gen", sequenceName = "ticket_seq", schema = "app", allocationSize = 20)
                Long id;
                @org.hibernate.annotations.NaturalId @Column(length = 16) String code;
                @Column(length = 40, nullable = false) String project;
                @Column(length = 200) String title;
                @Enumerated(EnumType.ORDINAL) Priority priority;
                @Enumerated(EnumType.STRING) @Column(length = 20) Status status;
                @Enumerated(EnumType.STRING) @JdbcTypeCode(SqlTypes.NAMED_ENUM) Mood mood;
                @Lob byte[] attachment;
                @Version Integer version;
                @Comment("when it was opened") @Column(name = "created_at") Instant createdAt;
                @Column(precision = 10, scale = 2) BigDecimal cost;
                LocalDate due;
                @ColumnDefault("true") boolean active;
                UUID reference;
                @JdbcTypeCode(SqlTypes.JSON) Map<String, Object> labels;
                @Column(table = "ticket_details", columnDefinition = "text") String details;
                @Column(table = "ticket_details") Integer views;
            }

            @Entity @Table(name = "ticket_events", schema = "app")
            class TicketEvent {
                @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                @ManyToOne(optional = false)
                @JoinColumn(name = "ticket_id", foreignKey = @ForeignKey(name = "fk_ticket_events_ticket"))
                @OnDelete(action = OnDeleteAction.CASCADE)
                Ticket ticket;
                @Column(columnDefinition = "text") String note;
            }
            """;

    @Test
    void compositeKeysAreInTheOrderHibernateCreatesThem() throws Exception {
        Parity p = compiled("parity.keys", KEYS, Map.of(), List.of());
        p.assertNoDifferenceBut();
        assertThat(p.primaryKey(p.built(), "user_role_mapping"))
                .as("Hibernate orders key columns by size, then name: varchar(36) before varchar(255)")
                .isEqualTo("PRIMARY KEY (user_id, role_id)");
        assertThat(p.primaryKey(p.built(), "stock")).as("bigint (8 bytes) before varchar(12)")
                .isEqualTo("PRIMARY KEY (bin, aisle)");
    }

    @Test
    void collections() throws Exception {
        compiled("parity.collections", COLLECTIONS, Map.of(), List.of()).assertNoDifferenceBut();
    }

    @Test
    void inheritance() throws Exception {
        compiled("parity.inheritance", INHERITANCE, Map.of(), List.of()).assertNoDifferenceBut();
    }

    @Test
    void columnsConstraintsSequencesAndASchemaOfTheirOwn() throws Exception {
        compiled("parity.columns", COLUMNS, Map.of(), List.of())
                .assertNoDifferenceBut("labels of public.mood in declaration order");
    }

    @Test
    void withTheApplicationsHibernateSettings() throws Exception {
        Map<String, String> settings = Map.of(
                "hibernate.default_schema", "app",
                "hibernate.type.preferred_instant_jdbc_type", "TIMESTAMP",
                "hibernate.type.preferred_uuid_jdbc_type", "CHAR",
                "hibernate.timezone.default_storage", "COLUMN",
                "hibernate.physical_naming_strategy", "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy");
        Parity p = compiled("parity.settings", KEYS + """
                enum Kind { SIGNUP, LOGIN }

                @Entity
                class AuditEvent {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                    Instant createdAt;
                    OffsetDateTime happenedAt;
                    @Enumerated(EnumType.STRING) @JdbcTypeCode(SqlTypes.NAMED_ENUM) Kind kind;
                }
                """, settings, List.of());
        p.assertNoDifferenceBut("labels of public.kind in declaration order");
        assertThat(p.desired().tables()).extracting(t -> t.name().toString())
                .contains("app.audit_event", "app.user_role_mapping");
        Table event = p.desired().tables().stream().filter(t -> t.name().name().equals("audit_event")).findFirst()
                .orElseThrow();
        assertThat(event.column("created_at").orElseThrow().type()).isEqualTo("timestamp(6) without time zone");
        assertThat(event.column("id").orElseThrow().type()).isEqualTo("character(36)");
        assertThat(event.column("happened_at_tz")).as("the offset in a column of its own").isPresent();
    }

    @Test
    void theExampleModel() throws Exception {
        // Each column names its type (columnDefinition = "message_role"), which Hibernate's own create never makes:
        // it creates "MessageRole" and then fails on the table. Given the types it would have made under the
        // columns' names, it builds the rest; what is left is exactly the two enum fixes.
        List<String> types = List.of(hibernateEnum("message_role", MessageRole.class),
                hibernateEnum("document_status", DocumentStatus.class),
                hibernateEnum("scratchpad_entry_type", ScratchpadEntryType.class));
        Parity p = HibernateParity.parity(List.of("dev.jpamigrate.example.model"), List.of(),
                getClass().getClassLoader(), Map.of(), types);
        p.assertNoDifferenceBut(
                "labels of public.document_status in declaration order",
                "labels of public.message_role in declaration order",
                "labels of public.scratchpad_entry_type in declaration order",
                "no unused type public.documentstatus",
                "no unused type public.messagerole",
                "no unused type public.scratchpadentrytype");
    }

    /** A CREATE TYPE as Hibernate writes it for {@code type}, under {@code name}: labels sorted. */
    private static String hibernateEnum(String name, Class<? extends Enum<?>> type) {
        return "CREATE TYPE " + name + " AS ENUM (" + Arrays.stream(type.getEnumConstants()).map(Enum::name).sorted()
                .map(s -> "'" + s + "'").collect(Collectors.joining(", ")) + ")";
    }

    private Parity compiled(String pkg, String source, Map<String, String> settings, List<String> before)
            throws Exception {
        Path classes = EntityCompiler.compile(pkg, source, Files.createTempDirectory("jpa-migrate-parity"));
        try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()}, getClass().getClassLoader())) {
            return HibernateParity.parity(List.of(pkg), List.of(classes), loader, settings, before);
        }
    }
}
