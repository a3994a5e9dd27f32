package dev.jpamigrate.realmodels;

import dev.jpamigrate.testing.EntityCompiler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.jpamigrate.realmodels.PublishedModel.query;
import static dev.jpamigrate.realmodels.PublishedModel.tables;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mappings the published models here do not use (HAPI FHIR's and Keycloak's have no inheritance, no element
 * collection of embeddables, no @Convert), in one model of our own that uses them together, through the same three
 * checks: the whole cycle, the schema against Hibernate's own create, and the adoption of a database that create built.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MappingsModelTest {
    private static final String PKG = "mappings.model";

    static final String MODEL = """
            enum Tier { FREE, PRO, ENTERPRISE }

            @Converter
            class TierCode implements AttributeConverter<Tier, String> {
                public String convertToDatabaseColumn(Tier t) { return t == null ? null : t.name().substring(0, 1); }
                public Tier convertToEntityAttribute(String s) {
                    return s == null ? null : Arrays.stream(Tier.values()).filter(t -> t.name().startsWith(s)).findFirst().orElseThrow();
                }
            }

            @Embeddable
            class Address {
                @Column(length = 80) String street;
                @Column(length = 40) String city;
                @Column(name = "postal_code", length = 12) String postalCode;
            }

            @Embeddable
            class Phone {
                @Column(length = 10) String kind;
                @Column(name = "phone_number", length = 20, nullable = false) String number;
            }

            @MappedSuperclass
            abstract class Stamped {
                @Column(name = "created_at", nullable = false) Instant createdAt;
                @Version Long version;
            }

            @Entity @Table(name = "customers")
            @SecondaryTable(name = "customer_profiles", pkJoinColumns = @PrimaryKeyJoinColumn(name = "customer_id"))
            class Customer extends Stamped {
                @Id @GeneratedValue(strategy = GenerationType.SEQUENCE) Long id;
                @Column(length = 100, nullable = false) String name;
                @Convert(converter = TierCode.class) @Column(length = 1) Tier tier;
                @Embedded Address billing;
                @Embedded
                @AttributeOverrides({
                        @AttributeOverride(name = "street", column = @Column(name = "ship_street", length = 80)),
                        @AttributeOverride(name = "city", column = @Column(name = "ship_city", length = 40)),
                        @AttributeOverride(name = "postalCode", column = @Column(name = "ship_postal_code", length = 12))})
                Address shipping;
                @Lob @Column(table = "customer_profiles") String biography;
                @Lob @Column(table = "customer_profiles") byte[] avatar;
                @Column(table = "customer_profiles", length = 200) String website;
                @ElementCollection
                @CollectionTable(name = "customer_tags", joinColumns = @JoinColumn(name = "customer_id"))
                @OrderColumn(name = "position") @Column(name = "tag", length = 30)
                List<String> tags;
                @ElementCollection
                @CollectionTable(name = "customer_phones", joinColumns = @JoinColumn(name = "customer_id"))
                @OrderColumn(name = "position")
                List<Phone> phones;
                @ElementCollection
                @CollectionTable(name = "customer_settings", joinColumns = @JoinColumn(name = "customer_id"))
                @MapKeyColumn(name = "setting", length = 40) @Column(name = "setting_value", length = 200)
                Map<String, String> settings;
                @ElementCollection
                @CollectionTable(name = "customer_addresses", joinColumns = @JoinColumn(name = "customer_id"))
                @MapKeyColumn(name = "label", length = 20)
                Map<String, Address> addresses;
                @ElementCollection
                @CollectionTable(name = "customer_past_tiers", joinColumns = @JoinColumn(name = "customer_id"))
                @Enumerated(EnumType.STRING) @Column(name = "tier", length = 12)
                Set<Tier> pastTiers;
                @ManyToMany
                @JoinTable(name = "customer_groups", joinColumns = @JoinColumn(name = "customer_id"),
                           inverseJoinColumns = @JoinColumn(name = "group_id"))
                Set<UserGroup> groups;
            }

            @Entity @Table(name = "user_groups")
            class UserGroup {
                @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Integer id;
                @Column(length = 50, nullable = false, unique = true) String name;
                @ManyToMany(mappedBy = "groups") Set<Customer> members;
            }

            /** A shared primary key: the customer's id is the credit's. */
            @Entity @Table(name = "customer_credit")
            class Credit {
                @Id Long id;
                @MapsId @OneToOne(optional = false) @JoinColumn(name = "customer_id") Customer customer;
                @Column(name = "credit_limit", precision = 10, scale = 2) BigDecimal creditLimit;
            }

            class MembershipKey implements java.io.Serializable {
                Long customer;
                Integer group;
                public boolean equals(Object o) {
                    return o instanceof MembershipKey k && Objects.equals(customer, k.customer) && Objects.equals(group, k.group);
                }
                public int hashCode() { return Objects.hash(customer, group); }
            }

            @Entity @IdClass(MembershipKey.class) @Table(name = "memberships")
            class Membership {
                @Id @ManyToOne @JoinColumn(name = "customer_id") Customer customer;
                @Id @ManyToOne @JoinColumn(name = "group_id") UserGroup group;
                LocalDate since;
            }

            @Entity @Table(name = "orders")
            class PurchaseOrder {
                @Id @GeneratedValue(strategy = GenerationType.SEQUENCE) Long id;
                @ManyToOne(optional = false) @JoinColumn(name = "customer_id") Customer customer;
                @OneToMany(mappedBy = "order") @OrderBy("id.lineNo") List<OrderLine> lines;
            }

            @Embeddable
            class OrderLineId implements java.io.Serializable {
                Long orderId;
                @Column(name = "line_no") Integer lineNo;
                public boolean equals(Object o) {
                    return o instanceof OrderLineId k && Objects.equals(orderId, k.orderId) && Objects.equals(lineNo, k.lineNo);
                }
                public int hashCode() { return Objects.hash(orderId, lineNo); }
            }

            @Entity @Table(name = "order_lines")
            class OrderLine {
                @EmbeddedId OrderLineId id;
                @MapsId("orderId") @ManyToOne @JoinColumn(name = "order_id") PurchaseOrder order;
                @Column(nullable = false) Integer quantity;
                @Column(name = "unit_price", precision = 10, scale = 2) BigDecimal unitPrice;
            }

            @Entity @Table(name = "shipments")
            class Shipment {
                @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                @ManyToOne
                @JoinColumns({@JoinColumn(name = "order_id", referencedColumnName = "order_id"),
                              @JoinColumn(name = "line_no", referencedColumnName = "line_no")})
                OrderLine line;
                @Embedded Address destination;
            }

            @Entity @Table(name = "payments")
            @Inheritance(strategy = InheritanceType.JOINED) @DiscriminatorColumn(name = "method", length = 10)
            abstract class Payment {
                @Id @GeneratedValue(strategy = GenerationType.SEQUENCE) Long id;
                @ManyToOne(optional = false) @JoinColumn(name = "order_id") PurchaseOrder order;
                @Column(precision = 12, scale = 2, nullable = false) BigDecimal amount;
            }

            @Entity @Table(name = "card_payments") @DiscriminatorValue("card")
            class CardPayment extends Payment {
                @Column(length = 4) String last4;
            }

            @Entity @Table(name = "bank_payments") @DiscriminatorValue("bank") @PrimaryKeyJoinColumn(name = "payment_id")
            class BankPayment extends Payment {
                @Column(length = 34, nullable = false) String iban;
            }

            @Entity @Table(name = "events")
            @Inheritance(strategy = InheritanceType.SINGLE_TABLE)
            @DiscriminatorColumn(name = "kind", discriminatorType = DiscriminatorType.INTEGER) @DiscriminatorValue("0")
            class Event {
                @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                Instant at;
            }

            @Entity @DiscriminatorValue("1")
            class Login extends Event {
                @Column(length = 45) String ip;
            }

            @Entity @DiscriminatorValue("2")
            class Paid extends Event {
                @ManyToOne @JoinColumn(name = "payment_id") Payment payment;
            }

            @Entity @Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
            abstract class Document {
                @Id @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "documents")
                @SequenceGenerator(name = "documents", sequenceName = "document_seq", allocationSize = 10)
                Long id;
                @Column(length = 120) String title;
                @ManyToOne @JoinColumn(name = "customer_id") Customer customer;
            }

            @Entity @Table(name = "invoices")
            class Invoice extends Document {
                @Column(precision = 12, scale = 2) BigDecimal total;
            }

            @Entity @Table(name = "contracts")
            class Contract extends Document {
                @Column(name = "signed_on") LocalDate signedOn;
                @ElementCollection
                @CollectionTable(name = "contract_clauses", joinColumns = @JoinColumn(name = "contract_id"))
                @OrderColumn(name = "clause_no") @Column(name = "clause", columnDefinition = "text")
                List<String> clauses;
            }
            """;

    private PublishedModel model;

    @BeforeAll
    void hibernateBuildsTheSchema() throws IOException {
        Path classes = EntityCompiler.compile(PKG, MODEL, Files.createTempDirectory("jpa-migrate-mappings"));
        model = PublishedModel.of(List.of(classes), List.of(PKG));
        assertThat(model.entities).as("the mapped classes").hasSize(21);
    }

    @AfterAll
    void close() throws IOException {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void theWholeCycleOnAFreshDatabase() throws IOException {
        model.theWholeCycle("mappings", (create, migration) -> { },
                db -> {
                    assertThat(tables(db)).contains("public.customer_profiles", "public.customer_addresses",
                            "public.card_payments", "public.events", "public.invoices", "public.contracts");
                    assertThat(query(db,
                            "select pg_get_constraintdef(oid) from pg_constraint where conname = 'order_lines_pkey'"))
                            .as("the @EmbeddedId with @MapsId").isEqualTo("PRIMARY KEY (line_no, order_id)");
                });
    }

    @Test
    void itsSchemaIsTheOneHibernateCreates() throws Exception {
        model.theSchemaHibernateCreates(21);
    }

    @Test
    void aDatabaseHibernateBuiltIsAdoptedWithoutDrift() throws IOException {
        model.adoptedWithoutDrift();
    }
}
