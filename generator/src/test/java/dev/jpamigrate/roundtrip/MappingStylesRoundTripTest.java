package dev.jpamigrate.roundtrip;

import dev.jpamigrate.testing.RoundTrip;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mapping styles beyond one entity per table: join tables, element collections, embeddables, inheritance,
 * non-default schemas and identifiers that need quoting.
 */
class MappingStylesRoundTripTest {

    private static final String STUDENT = """
            @Entity @Table(name = "students")
            class Student {
                @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
            %s}
            @Entity @Table(name = "courses")
            class Course {
                @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
            }
            """;

    @Test
    void addsManyToManyJoinTable() {
        String migration = RoundTrip.edit(STUDENT.formatted(""), STUDENT.formatted("""
                    @ManyToMany
                    @JoinTable(name = "enrollments", joinColumns = @JoinColumn(name = "student_id"),
                               inverseJoinColumns = @JoinColumn(name = "course_id"))
                    Set<Course> courses;
                """)).run().migration();
        assertThat(migration)
                // as the application's Hibernate creates it: columns and key by size, then name (both uuid)
                .contains("CREATE TABLE public.enrollments (\n    course_id uuid NOT NULL,\n    student_id uuid NOT NULL,")
                .contains("CONSTRAINT enrollments_pkey PRIMARY KEY (course_id, student_id)")
                .containsPattern("ALTER TABLE public.enrollments ADD CONSTRAINT \\w+ FOREIGN KEY \\(student_id\\)"
                        + " REFERENCES public.students\\(id\\);")
                .containsPattern("ALTER TABLE public.enrollments ADD CONSTRAINT \\w+ FOREIGN KEY \\(course_id\\)"
                        + " REFERENCES public.courses\\(id\\);")
                .contains("-- rollback DROP TABLE public.enrollments;");
    }

    @Test
    void addsElementCollectionTable() {
        String migration = RoundTrip.edit(STUDENT.formatted(""), STUDENT.formatted("""
                    @ElementCollection
                    @CollectionTable(name = "student_nicknames", joinColumns = @JoinColumn(name = "student_id",
                                     foreignKey = @ForeignKey(name = "fk_nicknames_student")))
                    @Column(name = "nickname", length = 40)
                    Set<String> nicknames;
                """)).run().migration();
        assertThat(migration)
                .contains("CREATE TABLE public.student_nicknames (")
                .contains("student_id uuid NOT NULL")
                .contains("nickname character varying(40)")
                .contains("ALTER TABLE public.student_nicknames ADD CONSTRAINT fk_nicknames_student FOREIGN KEY (student_id)"
                        + " REFERENCES public.students(id);");
    }

    @Test
    void addsEmbeddedColumnsWithAttributeOverrides() {
        String before = """
                @Embeddable
                class Address {
                    @Column(length = 100) String street;
                    @Column(length = 10) String zip;
                }
                @Entity @Table(name = "shops")
                class Shop {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                    @Embedded Address address;
                }
                """;
        String after = before.replace("@Embedded Address address;", """
                @Embedded Address address;
                    @Embedded
                    @AttributeOverride(name = "street", column = @Column(name = "billing_street", length = 120))
                    @AttributeOverride(name = "zip", column = @Column(name = "billing_zip", length = 10))
                    Address billing;""");
        String migration = RoundTrip.edit(before, after).run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.shops ADD COLUMN billing_street character varying(120);")
                .contains("ALTER TABLE public.shops ADD COLUMN billing_zip character varying(10);")
                .doesNotContain("ADD COLUMN street");
    }

    private static final String VEHICLES = """
            @Entity @Table(name = "vehicles")
            @Inheritance(strategy = InheritanceType.SINGLE_TABLE)
            @DiscriminatorColumn(name = "kind", length = 20)
            abstract class Vehicle {
                @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
            }
            @Entity @DiscriminatorValue("car")
            class Car extends Vehicle {
                Integer seats;
            }
            """;

    @Test
    void singleTableInheritanceSubclassAddsNullableColumns() {
        String migration = RoundTrip.edit(VEHICLES, VEHICLES + """
                @Entity @DiscriminatorValue("truck")
                class Truck extends Vehicle {
                    Integer axles;
                    @Column(length = 12) String plate;
                    @Column(precision = 8, scale = 1) BigDecimal payload;
                }
                """).run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.vehicles ADD COLUMN axles integer;")
                .contains("ALTER TABLE public.vehicles ADD COLUMN payload numeric(8,1);")
                .contains("ALTER TABLE public.vehicles ADD COLUMN plate character varying(12);")
                .doesNotContain("NOT NULL");
    }

    private static final String JOINED = """
            @Entity @Table(name = "payments")
            @Inheritance(strategy = InheritanceType.JOINED)
            class Payment {
                @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                @Column(precision = 10, scale = 2) BigDecimal amount;
            }
            """;

    @Test
    void joinedInheritanceSubclassAddsTableKeyedByTheParent() {
        String migration = RoundTrip.edit(JOINED, JOINED + """
                @Entity @Table(name = "card_payments")
                @PrimaryKeyJoinColumn(name = "payment_id", foreignKey = @ForeignKey(name = "fk_card_payments_payment"))
                class CardPayment extends Payment {
                    @Column(length = 4, nullable = false) String last4;
                }
                """).run().migration();
        assertThat(migration)
                .contains("CREATE TABLE public.card_payments (")
                .contains("last4 character varying(4) NOT NULL")
                .contains("CONSTRAINT card_payments_pkey PRIMARY KEY (payment_id)")
                .contains("ALTER TABLE public.card_payments ADD CONSTRAINT fk_card_payments_payment FOREIGN KEY (payment_id)"
                        + " REFERENCES public.payments(id);");
    }

    @Test
    void tableInANewSchemaCreatesAndDropsTheSchema() {
        String base = STUDENT.formatted("");
        String migration = RoundTrip.edit(base, base + """
                @Entity @Table(name = "audit_log", schema = "app")
                class AuditEntry {
                    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                    @Column(columnDefinition = "text") String message;
                }
                """).run().migration();
        assertThat(migration)
                .contains("CREATE SCHEMA app;")
                .contains("-- rollback DROP SCHEMA app;")
                .contains("CREATE TABLE app.audit_log (");
        assertThat(migration.indexOf("CREATE SCHEMA")).isLessThan(migration.indexOf("CREATE TABLE"));
    }

    @Test
    void reservedWordsAreQuoted() {
        String base = STUDENT.formatted("");
        String migration = RoundTrip.edit(base, base + """
                @Entity @Table(name = "\\"order\\"")
                class Order {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                    @Column(name = "\\"user\\"", length = 30) String user;
                    @Column(name = "\\"group\\"", length = 30) String group;
                    @Column(name = "\\"select\\"") Integer select;
                }
                """).run().migration();
        assertThat(migration)
                .contains("CREATE TABLE public.\"order\" (")
                .contains("\"user\" character varying(30)")
                .contains("\"group\" character varying(30)")
                .contains("\"select\" integer")
                .contains("CONSTRAINT order_pkey PRIMARY KEY (id)")
                .contains("-- rollback DROP TABLE public.\"order\";");
    }

    @Test
    void mixedCaseQuotedIdentifiersKeepTheirCase() {
        String base = STUDENT.formatted("");
        String migration = RoundTrip.edit(base, base + """
                @Entity @Table(name = "\\"UserAccount\\"")
                class UserAccount {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                    @Column(name = "\\"firstName\\"", length = 50) String firstName;
                    @Column(name = "lastName", length = 50) String lastName;
                }
                """).run().migration();
        assertThat(migration)
                .contains("CREATE TABLE public.\"UserAccount\" (")
                .contains("\"firstName\" character varying(50)")
                .contains("lastname character varying(50)")
                .contains("CONSTRAINT \"UserAccount_pkey\" PRIMARY KEY (id)");
    }

    @Test
    void addsReservedWordColumnToExistingTable() {
        String before = """
                @Entity @Table(name = "\\"group\\"")
                class Group {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                }
                """;
        String after = before.replace("UUID id;", "UUID id;\n    @Column(name = \"\\\"order\\\"\") Integer order;");
        String migration = RoundTrip.edit(before, after).run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.\"group\" ADD COLUMN \"order\" integer;")
                .contains("-- rollback ALTER TABLE public.\"group\" DROP COLUMN \"order\";");
    }

    @Test
    void springNamingSnakeCasesColumnsAndJoinTables() {
        String before = """
                @Entity
                class Author {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                }
                @Entity
                class BookSeries {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                }
                """;
        String after = before.replace("class BookSeries {", """
                class BookSeries {
                    @Column(length = 80) String displayTitle;
                    @ManyToMany Set<Author> coAuthors;""");
        String migration = RoundTrip.edit(before, after).withArgs("--naming", "spring").run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.book_series ADD COLUMN display_title character varying(80);")
                .contains("CREATE TABLE public.book_series_co_authors (")
                .contains("co_authors_id uuid NOT NULL");
    }
}
