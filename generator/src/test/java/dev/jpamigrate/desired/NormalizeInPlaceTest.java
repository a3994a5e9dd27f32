package dev.jpamigrate.desired;

import dev.jpamigrate.db.Cleanup;
import dev.jpamigrate.db.RemoteServer;
import dev.jpamigrate.db.ScratchDatabase;
import dev.jpamigrate.diff.SchemaDiff;
import dev.jpamigrate.inspect.CatalogInspector;
import dev.jpamigrate.render.SqlRenderer;
import dev.jpamigrate.schema.Constraint;
import dev.jpamigrate.schema.QualifiedName;
import dev.jpamigrate.schema.Schema;
import dev.jpamigrate.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Normalizing in one pass (Hibernate's DDL applied, its expressions stated again in place) gives the schema that
 * rebuilding it from nothing with the rendered SQL gives, on DDL whose expressions PostgreSQL does not read back as
 * written.
 */
class NormalizeInPlaceTest {
    private static final List<String> DDL = List.of(
            "create type mood as enum ('HAPPY', 'SAD')",
            "create sequence item_seq start with 1 increment by 50",
            "create table owner (id bigint not null, name varchar(40), primary key (id))",
            "create table item (id bigint not null, owner_id bigint, status varchar(20) default 'OPEN'"
                    + " check (status in ('OPEN','CLOSED')), tags text[] default array['a','b']::varchar[],"
                    + " price numeric(12,2) default 0 check (price >= 0), mood mood default 'HAPPY',"
                    + " created timestamp(6) with time zone default now(), name varchar(120), primary key (id))",
            "alter table item add constraint item_name_uk unique (name)",
            "alter table item add constraint item_owner_fk foreign key (owner_id) references owner",
            "create index item_open_idx on item (owner_id) where status in ('OPEN','CLOSED')",
            "create index item_lower_idx on item (lower(name))",
            "create index item_plain_idx on item (owner_id desc, name)",
            "comment on table item is 'things'");

    @Test
    void inPlaceEqualsARebuild() throws Exception {
        try (TestPostgres.Db db = TestPostgres.create(); Cleanup cleanup = Cleanup.onExit(line -> { })) {
            RemoteServer server = new RemoteServer(db.url());
            Schema rebuilt;
            try (ScratchDatabase scratch = server.createScratch(cleanup)) {
                rebuilt = DesiredSchema.normalize(DDL, scratch, List.of(), List.of(), NormalizeInPlaceTest::createSql,
                        SqlRenderer::render, false);
            }
            Schema inPlace;
            try (ScratchDatabase scratch = server.createScratch(cleanup)) {
                inPlace = DesiredSchema.normalize(DDL, scratch, List.of(), List.of(), NormalizeInPlaceTest::createSql,
                        SqlRenderer::render);
            }
            Schema firstReading;
            try (ScratchDatabase scratch = server.createScratch(cleanup); Connection c = scratch.connect();
                 Statement st = c.createStatement()) {
                for (String statement : DDL) {
                    st.execute(statement);
                }
                firstReading = CatalogInspector.inspect(c);
            }

            assertThat(inPlace).as("one pass in place, as a rebuild from the rendered SQL").isEqualTo(rebuilt);
            assertThat(check(firstReading, "item_status_check"))
                    .as("the IN check's first reading is not PostgreSQL's fixed point, so the test can tell")
                    .isNotEqualTo(check(inPlace, "item_status_check"));
            assertThat(SchemaDiff.diff(firstReading, inPlace)).as("what the second reading changed").isNotEmpty();
        }
    }

    @Test
    void aGeneratedColumnIsRebuiltFromNothing() {
        Schema schema = new Schema(List.of(), List.of(), List.of(), List.of(), List.of(new dev.jpamigrate.schema.Table(
                new QualifiedName("public", "t"), List.of(new dev.jpamigrate.schema.Column("a", "integer", "N", false,
                null, null, "1 + 1", null)), List.of(), List.of(), null)));
        assertThat(DesiredSchema.restatements(schema)).as("no in-place restatement for a generated column").isEmpty();
    }

    private static String check(Schema schema, String name) {
        return schema.table(new QualifiedName("public", "item")).orElseThrow().constraints().stream()
                .filter(c -> c.kind() == Constraint.Kind.CHECK && c.name().equals(name))
                .map(Constraint::definition).findFirst().orElseThrow();
    }

    private static List<String> createSql(Schema schema) {
        List<String> sql = new ArrayList<>();
        SchemaDiff.diff(Schema.empty(), schema).forEach(c -> sql.addAll(SqlRenderer.render(c)));
        return sql;
    }
}
