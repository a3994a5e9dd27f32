package dev.jpamigrate.filter;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.diff.SchemaDiff;
import dev.jpamigrate.render.Describer;
import dev.jpamigrate.schema.*;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The exclusion patterns and the filter over the schema model, without a database. */
class ExclusionsTest {

    @ParameterizedTest(name = "{0} on {1}.{2}: {3}")
    @CsvSource({
            // pattern,        schema,  name,              excluded
            "audit_*,          public,  audit_log,         true",
            "audit_*,          billing, audit_log,         true",
            "audit_*,          public,  audit,             false",
            "audit_*,          public,  my_audit_log,      false",
            "*_audit,          public,  orders_audit,      true",
            "audit_?,          public,  audit_1,           true",
            "audit_?,          public,  audit_12,          false",
            "AUDIT_*,          public,  audit_log,         false",
            "legacy.*,         legacy,  anything,          true",
            "legacy.*,         public,  legacy,            false",
            "public.tmp_*,     public,  tmp_import,        true",
            "public.tmp_*,     staging, tmp_import,        false",
            "*.tmp_*,          staging, tmp_import,        true",
            "idx_manual_*,     public,  idx_manual_email,  true",
            "a.b,              a,       b,                 true",
            "audit_log,        public,  audit_log,         true",
            "audit_log,        public,  audit_logs,        false",
            "audit.log,        public,  audit.log,         false",
            "[x],              public,  x,                 false",
            "[x],              public,  '[x]',             true",
    })
    void patterns(String pattern, String schema, String name, boolean excluded) {
        assertThat(Exclusions.parse(List.of(pattern)).excludes(schema, name)).as(pattern).isEqualTo(excluded);
    }

    @Test
    void severalPatternsInOneValueAndRepeated() {
        Exclusions e = Exclusions.parse(List.of("audit_*, legacy.*", "idx_manual_*", " "));
        assertThat(e.patterns()).containsExactly("audit_*", "legacy.*", "idx_manual_*");
        assertThat(Exclusions.parse(List.of("")).isEmpty()).isTrue();
    }

    @Test
    void aSchemaIsExcludedOnlyByPatternForAllOfIt() {
        Exclusions e = Exclusions.parse(List.of("legacy.*", "stag*.*", "billing.tmp_*"));
        assertThat(e.excludesSchema("legacy")).isTrue();
        assertThat(e.excludesSchema("staging")).isTrue();
        assertThat(e.excludesSchema("billing")).isFalse();
        assertThat(e.excludesSchema("public")).isFalse();
    }

    @Test
    void aMalformedPatternIsAnError() {
        assertThatThrownBy(() -> Exclusions.parse(List.of(".audit"))).isInstanceOf(MigrateException.class)
                .hasMessageContaining("invalid exclude pattern '.audit'");
        assertThatThrownBy(() -> Exclusions.parse(List.of("legacy."))).isInstanceOf(MigrateException.class);
    }

    // ---- the filter over the model -----------------------------------------------------------------------

    private static final QualifiedName ACCOUNTS = new QualifiedName("public", "accounts");
    private static final QualifiedName AUDIT = new QualifiedName("public", "audit_log");
    private static final QualifiedName OLD = new QualifiedName("legacy", "customers");

    private static Column col(String name, String type) {
        return new Column(name, type, "S", true, null, null, null, null);
    }

    private static Constraint pk(String name, String column) {
        return new Constraint(name, Constraint.Kind.PRIMARY_KEY, List.of(column), "PRIMARY KEY (" + column + ")", null);
    }

    private static Constraint fk(String name, String column, QualifiedName to) {
        return new Constraint(name, Constraint.Kind.FOREIGN_KEY, List.of(column),
                "FOREIGN KEY (" + column + ") REFERENCES " + to.sql() + "(id)", to);
    }

    private static Index index(String name, QualifiedName table, String column) {
        return new Index(name, "CREATE INDEX " + name + " ON " + table.sql() + " USING btree (" + column + ")", false);
    }

    /** A managed table with an FK to an excluded one, the excluded table with an FK back, a serial, enums, a schema. */
    private static Schema schema() {
        Table accounts = new Table(ACCOUNTS, List.of(col("id", "bigint"), col("audit_id", "bigint"),
                col("customer_id", "bigint")),
                List.of(pk("accounts_pkey", "id"), fk("fk_accounts_audit", "audit_id", AUDIT),
                        fk("fk_accounts_customer", "customer_id", OLD),
                        new Constraint("audit_check", Constraint.Kind.CHECK, List.of(), "CHECK ((id > 0))", null)),
                List.of(index("idx_accounts_audit", ACCOUNTS, "audit_id"), index("idx_manual_x", ACCOUNTS, "id")),
                null);
        Table audit = new Table(AUDIT, List.of(col("id", "bigint"), col("account_id", "bigint")),
                List.of(pk("audit_log_pkey", "id"), fk("fk_audit_account", "account_id", ACCOUNTS)),
                List.of(index("idx_audit_log_account", AUDIT, "account_id")), null);
        Table customers = new Table(OLD, List.of(col("id", "bigint")), List.of(pk("customers_pkey", "id")),
                List.of(), null);
        Sequence auditIds = new Sequence(new QualifiedName("public", "audit_log_id_seq"), "bigint", 1, 1, 1,
                Long.MAX_VALUE, 1, false, new ColumnRef(AUDIT, "id"));
        Sequence invoiceNumbers = new Sequence(new QualifiedName("public", "invoice_numbers"), "bigint", 1, 1, 1,
                Long.MAX_VALUE, 1, false, null);
        Sequence auditBatch = new Sequence(new QualifiedName("public", "audit_batches"), "bigint", 1, 1, 1,
                Long.MAX_VALUE, 1, false, null);
        return new Schema(List.of("legacy"), List.of(),
                List.of(new EnumType(new QualifiedName("public", "audit_kind"), List.of("a", "b")),
                        new EnumType(new QualifiedName("public", "status"), List.of("on", "off")),
                        new EnumType(new QualifiedName("legacy", "tier"), List.of("x"))),
                List.of(auditIds, auditBatch, invoiceNumbers), List.of(accounts, audit, customers));
    }

    @Test
    void anExcludedTableGoesWithItsIndexesConstraintsAndSequencesAndAnFkToItStays() {
        Schema s = Exclusions.parse(List.of("audit_log")).apply(schema());

        assertThat(s.table(AUDIT)).as("the excluded table").isEmpty();
        assertThat(s.sequences()).extracting(q -> q.name().name()).as("its serial goes with it")
                .containsExactly("audit_batches", "invoice_numbers");
        Table accounts = s.table(ACCOUNTS).orElseThrow();
        assertThat(accounts.constraints()).extracting(Constraint::name).as("the managed table keeps its FK to it")
                .contains("fk_accounts_audit");
        assertThat(accounts.indexes()).hasSize(2);
        assertThat(s.table(OLD)).isPresent();
        assertThat(s.schemas()).containsExactly("legacy");
    }

    @Test
    void aGlobMatchesEveryKindByItsOwnName() {
        Schema s = Exclusions.parse(List.of("audit_*", "idx_manual_*")).apply(schema());

        assertThat(s.tables()).extracting(t -> t.name().name()).containsExactly("accounts", "customers");
        assertThat(s.enums()).extracting(e -> e.name().name()).containsExactly("status", "tier");
        assertThat(s.sequences()).extracting(q -> q.name().name()).containsExactly("invoice_numbers");
        Table accounts = s.table(ACCOUNTS).orElseThrow();
        assertThat(accounts.constraints()).extracting(Constraint::name).as("a constraint by its name")
                .containsExactly("accounts_pkey", "fk_accounts_audit", "fk_accounts_customer");
        assertThat(accounts.indexes()).extracting(Index::name).containsExactly("idx_accounts_audit");
    }

    @Test
    void aSchemaPatternTakesTheSchemaAndEverythingInIt() {
        Schema s = Exclusions.parse(List.of("legacy.*")).apply(schema());

        assertThat(s.schemas()).isEmpty();
        assertThat(s.tables()).extracting(t -> t.name().name()).containsExactly("accounts", "audit_log");
        assertThat(s.enums()).extracting(e -> e.name().name()).containsExactly("audit_kind", "status");
        assertThat(s.table(ACCOUNTS).orElseThrow().constraints()).extracting(Constraint::name)
                .contains("fk_accounts_customer");
    }

    @Test
    void noPatternsLeaveTheSchemaAsItIs() {
        assertThat(Exclusions.none().apply(schema())).isEqualTo(schema());
        assertThat(Exclusions.parse(List.of("nothing_matches_*")).apply(schema())).isEqualTo(schema());
    }

    @Test
    void appliedToBothSidesTheExcludedObjectsNeverReachTheDiff() {
        Schema live = schema();
        Table accounts = live.tables().get(0);
        Table managed = new Table(ACCOUNTS, accounts.columns(), accounts.constraints().subList(0, 3),
                accounts.indexes().subList(0, 1), null); // no hand-made index or check
        Schema entities = new Schema(List.of("legacy"), List.of(), List.of(live.enums().get(1), live.enums().get(2)),
                List.of(live.sequences().get(2)), List.of(managed, live.tables().get(2)));
        Exclusions e = Exclusions.parse(List.of("audit_*", "idx_manual_*"));

        assertThat(SchemaDiff.diff(live, entities)).extracting(Describer::describe).as("without exclusions")
                .anyMatch(d -> d.contains("audit_log"));
        assertThat(SchemaDiff.diff(e.apply(live), e.apply(entities))).isEmpty();
    }
}
