package dev.jpamigrate.roundtrip;

import dev.jpamigrate.testing.RoundTrip;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Unique and check constraints, foreign keys with ON DELETE actions, and indexes. */
class ConstraintsRoundTripTest {

    private static final String ACCOUNT = """
            @Entity @Table(name = "accounts"%s)
            class Account {
                @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
            %s}
            """;

    private static String account(String tableArgs, String fields) {
        return ACCOUNT.formatted(tableArgs, fields);
    }

    @Test
    void addsUniqueColumn() {
        String migration = RoundTrip.edit(account("", "    @Column(length = 100) String email;\n"),
                account("", "    @Column(length = 100, unique = true) String email;\n")).run().migration();
        assertThat(migration)
                .containsPattern("ALTER TABLE public.accounts ADD CONSTRAINT (\\w+) UNIQUE \\(email\\);")
                .containsPattern("-- rollback ALTER TABLE public.accounts DROP CONSTRAINT \\w+;");
    }

    private static final String TWO_COLUMNS = "    @Column(length = 20) String tenant;\n    @Column(length = 40) String handle;\n";

    @Test
    void addsNamedUniqueConstraint() {
        String migration = RoundTrip.edit(account("", TWO_COLUMNS), account(
                ", uniqueConstraints = @UniqueConstraint(name = \"uq_accounts_tenant_handle\", columnNames = {\"tenant\", \"handle\"})",
                TWO_COLUMNS)).run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.accounts ADD CONSTRAINT uq_accounts_tenant_handle UNIQUE (tenant, handle);")
                .contains("-- rollback ALTER TABLE public.accounts DROP CONSTRAINT uq_accounts_tenant_handle;");
    }

    @Test
    void dropsNamedUniqueConstraint() {
        String migration = RoundTrip.edit(account(
                ", uniqueConstraints = @UniqueConstraint(name = \"uq_accounts_tenant_handle\", columnNames = {\"tenant\", \"handle\"})",
                TWO_COLUMNS), account("", TWO_COLUMNS)).run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.accounts DROP CONSTRAINT uq_accounts_tenant_handle;")
                .contains("-- rollback ALTER TABLE public.accounts ADD CONSTRAINT uq_accounts_tenant_handle UNIQUE (tenant, handle);");
    }

    private static String checked(String check) {
        return """
                @Entity @Table(name = "accounts") %s
                class Account {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                    Integer balance;
                }
                """.formatted(check);
    }

    @Test
    void addsCheckConstraint() {
        String migration = RoundTrip.edit(checked(""),
                checked("@Check(name = \"ck_balance\", constraints = \"balance >= 0\")")).run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.accounts ADD CONSTRAINT ck_balance CHECK ((balance >= 0));")
                .contains("-- rollback ALTER TABLE public.accounts DROP CONSTRAINT ck_balance;");
    }

    @Test
    void changesCheckConstraint() {
        String migration = RoundTrip.edit(checked("@Check(name = \"ck_balance\", constraints = \"balance >= 0\")"),
                checked("@Check(name = \"ck_balance\", constraints = \"balance >= -100\")")).run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.accounts DROP CONSTRAINT ck_balance;")
                .contains("ALTER TABLE public.accounts ADD CONSTRAINT ck_balance CHECK ((balance >= '-100'::integer));")
                .contains("-- rollback ALTER TABLE public.accounts ADD CONSTRAINT ck_balance CHECK ((balance >= 0));");
        assertThat(migration.indexOf("DROP CONSTRAINT ck_balance;")).isLessThan(migration.indexOf("ADD CONSTRAINT ck_balance"));
    }

    @Test
    void removesCheckConstraint() {
        String migration = RoundTrip.edit(checked("@Check(name = \"ck_balance\", constraints = \"balance >= 0\")"),
                checked("")).run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.accounts DROP CONSTRAINT ck_balance;")
                .contains("-- rollback ALTER TABLE public.accounts ADD CONSTRAINT ck_balance CHECK ((balance >= 0));");
    }

    private static String tiered(String constants) {
        return """
                enum Tier { %s }
                @Entity @Table(name = "accounts")
                class Account {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                    @Enumerated(EnumType.STRING) @Column(length = 20) Tier tier;
                }
                """.formatted(constants);
    }

    @Test
    void updatesDerivedEnumCheckWhenAConstantIsAdded() {
        String migration = RoundTrip.edit(tiered("FREE, PRO"), tiered("FREE, PRO, ENTERPRISE")).run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.accounts DROP CONSTRAINT accounts_tier_check;")
                .contains("ALTER TABLE public.accounts ADD CONSTRAINT accounts_tier_check CHECK (((tier)::text = ANY"
                        + " (ARRAY[('FREE'::character varying)::text, ('PRO'::character varying)::text,"
                        + " ('ENTERPRISE'::character varying)::text])));")
                .contains("-- rollback ALTER TABLE public.accounts ADD CONSTRAINT accounts_tier_check CHECK (((tier)::text = ANY"
                        + " (ARRAY[('FREE'::character varying)::text, ('PRO'::character varying)::text])));");
    }

    private static String post(String onDelete) {
        return """
                @Entity @Table(name = "authors")
                class Author {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                }
                @Entity @Table(name = "posts")
                class Post {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                    @ManyToOne @JoinColumn(name = "author_id", foreignKey = @ForeignKey(name = "fk_posts_author"))
                    %s Author author;
                }
                """.formatted(onDelete);
    }

    private static final String AUTHOR_ONLY = """
            @Entity @Table(name = "authors")
            class Author {
                @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
            }
            """;

    @Test
    void addsTableWithCascadingForeignKey() {
        String migration = RoundTrip.edit(AUTHOR_ONLY, post("@OnDelete(action = OnDeleteAction.CASCADE)")).run().migration();
        assertThat(migration)
                .contains("CREATE TABLE public.posts (")
                .contains("ALTER TABLE public.posts ADD CONSTRAINT fk_posts_author FOREIGN KEY (author_id)"
                        + " REFERENCES public.authors(id) ON DELETE CASCADE;");
        assertThat(migration.indexOf("ADD CONSTRAINT fk_posts_author")).isGreaterThan(migration.indexOf("CREATE TABLE public.posts"));
    }

    @Test
    void changesOnDeleteAction() {
        String migration = RoundTrip.edit(post("@OnDelete(action = OnDeleteAction.CASCADE)"),
                post("@OnDelete(action = OnDeleteAction.SET_NULL)")).run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.posts DROP CONSTRAINT fk_posts_author;")
                .contains("ALTER TABLE public.posts ADD CONSTRAINT fk_posts_author FOREIGN KEY (author_id)"
                        + " REFERENCES public.authors(id) ON DELETE SET NULL;")
                .contains("-- rollback ALTER TABLE public.posts ADD CONSTRAINT fk_posts_author FOREIGN KEY (author_id)"
                        + " REFERENCES public.authors(id) ON DELETE CASCADE;");
    }

    private static String indexed(String indexes) {
        return """
                @Entity @Table(name = "events", indexes = { %s })
                class Event {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                    @Column(length = 30) String kind;
                    Instant at;
                    @Column(length = 64) String token;
                }
                """.formatted(indexes);
    }

    @Test
    void addsMultiColumnDescendingAndUniqueIndexes() {
        String migration = RoundTrip.edit(indexed(""), indexed("""
                @Index(name = "idx_events_kind_at", columnList = "kind, at desc"),
                @Index(name = "uq_events_token", columnList = "token", unique = true)
                """)).run().migration();
        assertThat(migration)
                .contains("CREATE INDEX idx_events_kind_at ON public.events USING btree (kind, at DESC);")
                .contains("-- rollback DROP INDEX public.idx_events_kind_at;")
                // Hibernate maps a unique @Index to a unique constraint
                .contains("ALTER TABLE public.events ADD CONSTRAINT uq_events_token UNIQUE (token);");
    }

    @Test
    void renamesIndexWithSameDefinition() {
        String migration = RoundTrip.edit(indexed("@Index(name = \"idx_events_kind\", columnList = \"kind\")"),
                indexed("@Index(name = \"idx_events_by_kind\", columnList = \"kind\")")).run().migration();
        assertThat(migration)
                .contains("ALTER INDEX public.idx_events_kind RENAME TO idx_events_by_kind;")
                .contains("-- rollback ALTER INDEX public.idx_events_by_kind RENAME TO idx_events_kind;")
                .doesNotContain("DROP INDEX").doesNotContain("CREATE INDEX");
    }

    @Test
    void renamesUniqueConstraintWithSameDefinition() {
        String migration = RoundTrip.edit(account(
                ", uniqueConstraints = @UniqueConstraint(name = \"uq_accounts_old\", columnNames = {\"tenant\", \"handle\"})",
                TWO_COLUMNS), account(
                ", uniqueConstraints = @UniqueConstraint(name = \"uq_accounts_new\", columnNames = {\"tenant\", \"handle\"})",
                TWO_COLUMNS)).run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.accounts RENAME CONSTRAINT uq_accounts_old TO uq_accounts_new;")
                .contains("-- rollback ALTER TABLE public.accounts RENAME CONSTRAINT uq_accounts_new TO uq_accounts_old;")
                .doesNotContain("DROP CONSTRAINT").doesNotContain("ADD CONSTRAINT");
    }

    @Test
    void dropsReferencedTableTogetherWithTheReference() {
        String after = """
                @Entity @Table(name = "posts")
                class Post {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                }
                """;
        String migration = RoundTrip.edit(post("@OnDelete(action = OnDeleteAction.CASCADE)"), after).run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.posts DROP CONSTRAINT fk_posts_author;")
                .contains("ALTER TABLE public.posts DROP COLUMN author_id;")
                .contains("DROP TABLE public.authors;")
                .contains("-- rollback ALTER TABLE public.posts ADD CONSTRAINT fk_posts_author FOREIGN KEY (author_id)"
                        + " REFERENCES public.authors(id) ON DELETE CASCADE;");
        assertThat(migration.indexOf("DROP CONSTRAINT fk_posts_author")).isLessThan(migration.indexOf("DROP TABLE public.authors"));
    }

    @Test
    void widensKeyAndReferencingColumnTogether() {
        String model = """
                @Entity @Table(name = "authors")
                class Author {
                    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) %1$s id;
                }
                @Entity @Table(name = "posts")
                class Post {
                    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) %1$s id;
                    @ManyToOne @JoinColumn(name = "author_id", foreignKey = @ForeignKey(name = "fk_posts_author")) Author author;
                }
                """;
        String migration = RoundTrip.edit(model.formatted("Integer"), model.formatted("Long")).run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.authors ALTER COLUMN id TYPE bigint;")
                .contains("ALTER TABLE public.posts ALTER COLUMN author_id TYPE bigint;")
                .contains("ALTER TABLE public.posts ALTER COLUMN id TYPE bigint;")
                .doesNotContain("DROP COLUMN");
    }

    @Test
    void addsReferenceToAnExistingTable() {
        String before = AUTHOR_ONLY + """
                @Entity @Table(name = "posts")
                class Post {
                    @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
                }
                """;
        String migration = RoundTrip.edit(before, post("@OnDelete(action = OnDeleteAction.SET_NULL)")).run().migration();
        assertThat(migration)
                .contains("ALTER TABLE public.posts ADD COLUMN author_id uuid;")
                .contains("ALTER TABLE public.posts ADD CONSTRAINT fk_posts_author FOREIGN KEY (author_id)"
                        + " REFERENCES public.authors(id) ON DELETE SET NULL;")
                .contains("-- rollback ALTER TABLE public.posts DROP CONSTRAINT fk_posts_author;");
        assertThat(migration.indexOf("\nALTER TABLE public.posts ADD COLUMN author_id"))
                .isLessThan(migration.indexOf("\nALTER TABLE public.posts ADD CONSTRAINT fk_posts_author"));
    }
}
