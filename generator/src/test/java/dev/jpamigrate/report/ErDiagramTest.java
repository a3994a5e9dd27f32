package dev.jpamigrate.report;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.schema.Column;
import dev.jpamigrate.schema.Constraint;
import dev.jpamigrate.schema.Index;
import dev.jpamigrate.schema.QualifiedName;
import dev.jpamigrate.schema.Schema;
import dev.jpamigrate.schema.Table;
import dev.jpamigrate.testing.Golden;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Mermaid erDiagram text of a hand-built schema, whole and for a set of changes, against golden files. */
class ErDiagramTest {
    private static QualifiedName name(String schema, String table) {
        return new QualifiedName(schema, table);
    }

    private static QualifiedName pub(String table) {
        return name("public", table);
    }

    private static Column col(String name, String type, boolean notNull) {
        return new Column(name, type, type.endsWith("[]") ? "A" : "S", notNull, null, null, null, null);
    }

    private static Constraint pk(String table, String... columns) {
        return new Constraint(table + "_pkey", Constraint.Kind.PRIMARY_KEY, List.of(columns), "PRIMARY KEY", null);
    }

    private static Constraint fk(String constraint, QualifiedName target, String... columns) {
        return new Constraint(constraint, Constraint.Kind.FOREIGN_KEY, List.of(columns), "FOREIGN KEY", target);
    }

    private static Constraint uk(String constraint, String... columns) {
        return new Constraint(constraint, Constraint.Kind.UNIQUE, List.of(columns), "UNIQUE", null);
    }

    private static Table table(QualifiedName name, List<Column> columns, List<Constraint> constraints,
                               Index... indexes) {
        return new Table(name, columns, constraints, List.of(indexes), null);
    }

    static final Table USERS = table(pub("users"), List.of(col("id", "bigint", true),
                    col("email", "character varying(120)", true), col("pk", "text", false),
                    col("created_at", "timestamp(6) with time zone", true)),
            List.of(pk("users", "id"), uk("uq_users_email", "email")));
    static final Table CONVERSATIONS = table(pub("conversations"), List.of(col("id", "bigint", true),
                    col("user_id", "bigint", true), col("knowledge_pool_id", "bigint", false),
                    col("title", "character varying(120)", false)),
            List.of(pk("conversations", "id"), fk("fk_conversations_user", pub("users"), "user_id"),
                    fk("fk_conversations_pool", pub("knowledge_pools"), "knowledge_pool_id")));
    static final Table POOLS = table(pub("knowledge_pools"), List.of(col("id", "bigint", true),
                    col("user_id", "bigint", true), col("name", "character varying(255)", true)),
            List.of(pk("knowledge_pools", "id"), fk("fk_pools_user", pub("users"), "user_id")));
    static final Table PROFILES = table(pub("profiles"), List.of(col("user_id", "bigint", true),
                    col("bio", "text", false)),
            List.of(pk("profiles", "user_id"), fk("fk_profiles_user", pub("users"), "user_id")));
    static final Table ROLES = table(pub("roles"), List.of(col("id", "integer", true), col("name", "text", true)),
            List.of(pk("roles", "id")));
    static final Table USER_ROLES = table(pub("user_roles"), List.of(col("user_id", "bigint", true),
                    col("role_id", "integer", true)),
            List.of(pk("user_roles", "user_id", "role_id"), fk("fk_user_roles_user", pub("users"), "user_id"),
                    fk("fk_user_roles_role", pub("roles"), "role_id")));
    static final Table ORDERS = table(name("shop", "orders"), List.of(col("id", "uuid", true),
                    col("Order Notes", "text", false), col("total", "numeric(10,2)", true),
                    col("tags", "character varying(32)[]", false), col("placed_at", "timestamp(3) without time zone", true),
                    col("user_id", "bigint", false), col("status", "\"OrderStatus\"", true)),
            List.of(pk("orders", "id"), fk("fk_orders_user", pub("users"), "user_id")));
    /** A one-to-one by a unique index on the key column, in a table whose name is an erDiagram word. */
    static final Table ONE = table(pub("one"), List.of(col("id", "bigint", true), col("user_id", "bigint", true)),
            List.of(pk("one", "id"), fk("fk_one_user", pub("users"), "user_id")),
            new Index("ux_one_user", "CREATE UNIQUE INDEX ux_one_user ON public.one USING btree (user_id)", true));
    static final Table AUDIT = table(pub("audit_log"), List.of(col("id", "bigint", true), col("what", "text", true)),
            List.of(pk("audit_log", "id")));

    static final Schema SCHEMA = Schema.empty().withTables(List.of(USERS, CONVERSATIONS, POOLS, PROFILES, ROLES,
            USER_ROLES, ORDERS, ONE, AUDIT));

    @Test
    void theWholeSchema() {
        ErDiagram.Diagram d = ErDiagram.of(SCHEMA, t -> true);
        Golden.assertMatches("erd_whole_schema.mmd", d.text());
        assertThat(d.drawn()).as("every table but the join table, drawn as a line").isEqualTo(8);
        assertThat(d.text()).as("the join table is a many-to-many line")
                .contains("    users }o..o{ roles : \"user_roles\"\n")
                .doesNotContain("    user_roles {");
    }

    @Test
    void cardinalitiesFollowTheForeignKeys() {
        String text = ErDiagram.of(SCHEMA, t -> true).text();
        assertThat(text).as("NOT NULL key: exactly one parent; many children")
                .contains("    users ||..o{ conversations : \"user_id\"\n");
        assertThat(text).as("nullable key: zero or one parent")
                .contains("    knowledge_pools |o..o{ conversations : \"knowledge_pool_id\"\n");
        assertThat(text).as("key is the primary key: one-to-one, identifying (solid)")
                .contains("    users ||--o| profiles : \"user_id\"\n");
        assertThat(text).as("unique index on the key: one-to-one; a reserved word is quoted")
                .contains("    users ||..o| \"one\" : \"user_id\"\n");
        assertThat(text).as("another schema is quoted with its name")
                .contains("    users |o..o{ \"shop.orders\" : \"user_id\"\n");
    }

    @Test
    void typesAndNamesAreSingleWords() {
        String text = ErDiagram.of(SCHEMA, t -> t.equals(name("shop", "orders")) || t.equals(pub("users"))).text();
        assertThat(text).contains("        varchar_120_ email UK\n")
                .contains("        text pk_ \"column pk\"\n")
                .contains("        timestamptz_6_ created_at\n")
                .contains("        text Order_Notes \"column Order Notes\"\n")
                .contains("        numeric_10_2_ total\n")
                .contains("        varchar_32__array tags\n")
                .contains("        timestamp_3_ placed_at\n")
                .contains("        OrderStatus status\n");
    }

    @Test
    void aMigrationDrawsWhatItTouchesAndItsNeighbours() {
        Column timezone = col("timezone", "character varying(64)", false);
        Column oldTitle = col("title", "character varying(64)", false);
        Column legacy = col("legacy", "integer", false);
        Table tags = table(pub("tags"), List.of(col("id", "bigint", true), col("pool_id", "bigint", true),
                col("label", "text", true)), List.of(pk("tags", "id"), fk("fk_tags_pool", pub("knowledge_pools"), "pool_id")));
        Table dropped = table(pub("old_stuff"), List.of(col("id", "bigint", true), col("user_id", "bigint", false)),
                List.of(pk("old_stuff", "id"), fk("fk_old_user", pub("users"), "user_id")));
        Schema after = SCHEMA.withTables(java.util.stream.Stream.concat(SCHEMA.tables().stream()
                        .filter(t -> !t.name().equals(pub("users"))),
                java.util.stream.Stream.of(tags, table(pub("users"), java.util.stream.Stream.concat(
                        USERS.columns().stream(), java.util.stream.Stream.of(timezone)).toList(), USERS.constraints())))
                .toList());
        List<Change> changes = List.of(
                new Change.DropConstraint(pub("old_stuff"), dropped.foreignKeys().get(0)),
                new Change.DropColumn(pub("knowledge_pools"), legacy),
                new Change.DropTable(dropped),
                new Change.AlterColumn(pub("conversations"), oldTitle, CONVERSATIONS.column("title").orElseThrow()),
                new Change.CreateTable(new Table(tags.name(), tags.columns(), tags.ownConstraints(), List.of(), null)),
                new Change.AddColumn(pub("users"), timezone),
                new Change.AddConstraint(pub("tags"), tags.foreignKeys().get(0)));
        ErDiagram.Diagram d = ErDiagram.ofChanges(after, changes, ErDiagram.CAP);
        Golden.assertMatches("erd_migration.mmd", d.text());
        assertThat(d.text()).as("changed columns carry their change")
                .contains("        varchar_120_ title \"changed: varchar(64) -> varchar(120)\"\n")
                .contains("        varchar_64_ timezone \"added\"\n")
                .contains("        integer legacy \"dropped\"\n")
                .contains("        bigint pool_id FK \"added\"\n")
                .contains("        bigint user_id FK \"dropped\"\n");
        assertThat(d.text()).as("a table no change touches, and no neighbour of one, is left out")
                .doesNotContain("audit_log").doesNotContain("shop.orders {");
        assertThat(d.text()).as("neighbours are drawn by name only").contains("\n    \"shop.orders\"\n")
                .contains("\n    roles\n");
        assertThat(d.omitted()).isZero();
    }

    @Test
    void aBigChangeIsCappedWithACount() {
        List<Change> changes = SCHEMA.tables().stream()
                .<Change>map(t -> new Change.AddColumn(t.name(), col("note", "text", false))).toList();
        ErDiagram.Diagram d = ErDiagram.ofChanges(SCHEMA, changes, 3);
        assertThat(d.drawn()).isEqualTo(3);
        assertThat(d.omitted()).as("the 9 touched tables beyond 3, and no neighbours").isEqualTo(6);
        assertThat(ErDiagram.markdown(d, "the drift")).as("a note below the picture says so")
                .isEqualTo("\n```mermaid\n" + d.text() + "```\n\n3 tables drawn, those the drift touches first;"
                        + " 6 more left out to keep the picture readable.\n");
        assertThat(ErDiagram.markdown(SCHEMA, changes, "the drift")).as("within the cap, no note")
                .startsWith("\n```mermaid\nerDiagram\n").doesNotContain("left out");
    }

    @Test
    void noTableTouchedNoPicture() {
        assertThat(ErDiagram.markdown(SCHEMA, List.of(new Change.CreateSchema("audit")), "the drift")).isEmpty();
    }

    @Test
    void shortTypesAndWords() {
        assertThat(ErDiagram.shortType("character varying(64)")).isEqualTo("varchar(64)");
        assertThat(ErDiagram.shortType("character(1)")).isEqualTo("char(1)");
        assertThat(ErDiagram.shortType("time without time zone")).isEqualTo("time");
        assertThat(ErDiagram.shortType("timestamp with time zone")).isEqualTo("timestamptz");
        assertThat(ErDiagram.word("double precision")).isEqualTo("double_precision");
        assertThat(ErDiagram.word("2fa")).isEqualTo("_2fa");
        assertThat(ErDiagram.word("FK")).isEqualTo("FK_");
        assertThat(ErDiagram.entityName(pub("End"))).isEqualTo("\"End\"");
        assertThat(ErDiagram.entityName(pub("order_items"))).isEqualTo("order_items");
    }
}
