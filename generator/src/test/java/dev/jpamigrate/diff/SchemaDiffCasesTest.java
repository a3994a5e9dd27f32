package dev.jpamigrate.diff;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.render.Describer;
import dev.jpamigrate.render.SqlRenderer;
import dev.jpamigrate.schema.*;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.jpamigrate.testing.Samples.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of change the diff produces, table-driven and without a database: an old and a new schema, the changes
 * expected (kind and words) and the SQL of the whole migration in order.
 */
class SchemaDiffCasesTest {
    private static final QualifiedName SEQ = new QualifiedName("public", "items_seq");
    private static final Identity IDENTITY = new Identity(false, 1, 1, 1, Long.MAX_VALUE, 1, false);

    private static final Column ID = col("id", "bigint", true, null);
    private static final Column NAME = col("name", "text", false, null);
    private static final Constraint PK = new Constraint("items_pkey", Constraint.Kind.PRIMARY_KEY, List.of("id"),
            "PRIMARY KEY (id)", null);
    private static final Sequence SEQUENCE = new Sequence(SEQ, "bigint", 1, 1, 1, Long.MAX_VALUE, 1, false, null);

    private static Column col(String name, String type, boolean notNull, String defaultExpr) {
        String category = type.endsWith("[]") ? "A" : type.equals("public.status") ? "E"
                : type.equals("bigint") || type.equals("integer") ? "N" : "S";
        return new Column(name, type, category, notNull, defaultExpr, null, null, null);
    }

    private static Column identity(Column c) {
        return new Column(c.name(), c.type(), c.typeCategory(), true, c.defaultExpr(), IDENTITY, null, c.comment());
    }

    private static Column generated(Column c, String expr) {
        return new Column(c.name(), c.type(), c.typeCategory(), c.notNull(), null, null, expr, c.comment());
    }

    private static Column commented(Column c, String comment) {
        return new Column(c.name(), c.type(), c.typeCategory(), c.notNull(), c.defaultExpr(), c.identity(),
                c.generatedExpr(), comment);
    }

    private static Column notNull(Column c, boolean notNull) {
        return new Column(c.name(), c.type(), c.typeCategory(), notNull, c.defaultExpr(), c.identity(),
                c.generatedExpr(), c.comment());
    }

    private static Table items(List<Column> columns, List<Constraint> constraints, List<Index> indexes, String comment) {
        return new Table(ITEMS, columns, constraints, indexes, comment);
    }

    private static Table items(Column... columns) {
        return items(List.of(columns), List.of(PK), List.of(), null);
    }

    private static Table teams() {
        return new Table(TEAMS, List.of(ID), List.of(), List.of(), null);
    }

    private static Schema tables(Table... tables) {
        return Schema.empty().withTables(List.of(tables));
    }

    private static Schema with(List<String> schemas, List<Extension> extensions, List<EnumType> enums,
                               List<Sequence> sequences, Table... tables) {
        return new Schema(schemas, extensions, enums, sequences, List.of(tables));
    }

    private static Arguments a(String why, Schema from, Schema to, List<String> changes, List<String> sql) {
        return Arguments.of(why, from, to, changes, sql);
    }

    static Stream<Arguments> cases() {
        Schema none = Schema.empty();
        EnumType status = new EnumType(STATUS, List.of("open", "closed"));
        EnumType status3 = new EnumType(STATUS, List.of("open", "pending", "closed"));
        Column state = col("state", "public.status", true, "'open'::public.status");
        Extension uuid = new Extension("uuid-ossp", "public");
        return Stream.of(
                a("create schema", none, with(List.of("app"), List.of(), List.of(), List.of()),
                        List.of("CreateSchema: create schema app"),
                        List.of("CREATE SCHEMA app")),
                a("drop schema", with(List.of("app"), List.of(), List.of(), List.of()), none,
                        List.of("DropSchema: drop schema app"),
                        List.of("DROP SCHEMA app")),
                a("create extension", none, with(List.of(), List.of(uuid), List.of(), List.of()),
                        List.of("CreateExtension: create extension uuid-ossp in schema public"),
                        List.of("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\" WITH SCHEMA public")),
                a("drop extension", with(List.of(), List.of(uuid), List.of(), List.of()), none,
                        List.of("DropExtension: drop extension uuid-ossp"),
                        List.of("DROP EXTENSION \"uuid-ossp\"")),
                a("an extension moved to another schema is left alone",
                        with(List.of(), List.of(uuid), List.of(), List.of()),
                        with(List.of(), List.of(new Extension("uuid-ossp", "ext")), List.of(), List.of()),
                        List.of(), List.of()),
                a("create enum", none, with(List.of(), List.of(), List.of(status), List.of()),
                        List.of("CreateEnum: create enum type status (open, closed)"),
                        List.of("CREATE TYPE public.status AS ENUM ('open', 'closed')")),
                a("drop enum", with(List.of(), List.of(), List.of(status), List.of()), none,
                        List.of("DropEnum: drop enum type status"),
                        List.of("DROP TYPE public.status")),
                a("enum label added", with(List.of(), List.of(), List.of(status), List.of()),
                        with(List.of(), List.of(), List.of(status3), List.of()),
                        List.of("AlterEnum: alter enum type status: add value pending"),
                        List.of("ALTER TYPE public.status ADD VALUE 'pending' AFTER 'open'")),
                a("enum label removed: the type is rebuilt and its columns converted",
                        with(List.of(), List.of(), List.of(status3), List.of(), items(ID, state)),
                        with(List.of(), List.of(), List.of(status), List.of(), items(ID, state)),
                        List.of("AlterEnum: alter enum type status: remove value pending"),
                        List.of("ALTER TYPE public.status RENAME TO status_old",
                                "CREATE TYPE public.status AS ENUM ('open', 'closed')",
                                "ALTER TABLE public.items ALTER COLUMN state DROP DEFAULT",
                                "ALTER TABLE public.items ALTER COLUMN state TYPE public.status USING state::text::public.status",
                                "ALTER TABLE public.items ALTER COLUMN state SET DEFAULT 'open'::public.status",
                                "DROP TYPE public.status_old")),
                a("enum rebuilt while a default naming it changes: dropped before, set after",
                        with(List.of(), List.of(), List.of(status3), List.of(),
                                items(ID, col("state", "public.status", true, "'pending'::public.status"))),
                        with(List.of(), List.of(), List.of(status), List.of(), items(ID, state)),
                        List.of("AlterColumn: alter column items.state: drop default",
                                "AlterEnum: alter enum type status: remove value pending",
                                "AlterColumn: alter column items.state: default 'open'::public.status"),
                        List.of("ALTER TABLE public.items ALTER COLUMN state DROP DEFAULT",
                                "ALTER TYPE public.status RENAME TO status_old",
                                "CREATE TYPE public.status AS ENUM ('open', 'closed')",
                                "ALTER TABLE public.items ALTER COLUMN state TYPE public.status USING state::text::public.status",
                                "DROP TYPE public.status_old",
                                "ALTER TABLE public.items ALTER COLUMN state SET DEFAULT 'open'::public.status")),
                a("create sequence", none, with(List.of(), List.of(), List.of(), List.of(SEQUENCE)),
                        List.of("CreateSequence: create sequence items_seq (increment 1)"),
                        List.of("CREATE SEQUENCE public.items_seq START WITH 1 INCREMENT BY 1")),
                a("drop sequence", with(List.of(), List.of(), List.of(), List.of(SEQUENCE)), none,
                        List.of("DropSequence: drop sequence items_seq"),
                        List.of("DROP SEQUENCE public.items_seq")),
                a("alter sequence", with(List.of(), List.of(), List.of(), List.of(SEQUENCE)),
                        with(List.of(), List.of(), List.of(), List.of(
                                new Sequence(SEQ, "bigint", 1, 50, 1, Long.MAX_VALUE, 1, false, null))),
                        List.of("AlterSequence: alter sequence items_seq"),
                        List.of("ALTER SEQUENCE public.items_seq INCREMENT BY 50")),
                a("a sequence owned by a new table: owned after the table exists", none,
                        with(List.of(), List.of(), List.of(), List.of(new Sequence(SEQ, "bigint", 1, 1, 1,
                                Long.MAX_VALUE, 1, false, new ColumnRef(ITEMS, "id"))), items(ID)),
                        List.of("CreateSequence: create sequence items_seq (increment 1)",
                                "CreateTable: create table items",
                                "SetSequenceOwner: make sequence items_seq owned by items.id"),
                        List.of("CREATE SEQUENCE public.items_seq START WITH 1 INCREMENT BY 1",
                                "CREATE TABLE public.items (\n    id bigint NOT NULL,\n"
                                        + "    CONSTRAINT items_pkey PRIMARY KEY (id)\n)",
                                "ALTER SEQUENCE public.items_seq OWNED BY public.items.id")),
                a("a sequence released before its owning table is dropped",
                        with(List.of(), List.of(), List.of(), List.of(new Sequence(SEQ, "bigint", 1, 1, 1,
                                Long.MAX_VALUE, 1, false, new ColumnRef(ITEMS, "id"))), items(ID)),
                        with(List.of(), List.of(), List.of(), List.of(SEQUENCE)),
                        List.of("SetSequenceOwner: release sequence items_seq from items.id",
                                "DropTable: drop table items"),
                        List.of("ALTER SEQUENCE public.items_seq OWNED BY NONE",
                                "DROP TABLE public.items")),
                a("create table: its foreign keys after every table exists", none,
                        tables(items(List.of(ID, col("team_id", "bigint", false, null)), List.of(PK, FK),
                                List.of(BY_NAME), "things"), teams()),
                        List.of("CreateTable: create table items", "CreateTable: create table teams",
                                "AddConstraint: add foreign key fk_items_team on items: " + FK.definition()),
                        List.of("CREATE TABLE public.items (\n    id bigint NOT NULL,\n    team_id bigint,\n"
                                        + "    CONSTRAINT items_pkey PRIMARY KEY (id)\n)",
                                BY_NAME.definition(),
                                "COMMENT ON TABLE public.items IS 'things'",
                                "CREATE TABLE public.teams (\n    id bigint NOT NULL\n)",
                                "ALTER TABLE public.items ADD CONSTRAINT fk_items_team " + FK.definition())),
                a("drop table: its foreign keys first",
                        tables(items(List.of(ID, col("team_id", "bigint", false, null)), List.of(PK, FK),
                                List.of(), null), teams()), none,
                        List.of("DropConstraint: drop foreign key fk_items_team on items",
                                "DropTable: drop table items", "DropTable: drop table teams"),
                        List.of("ALTER TABLE public.items DROP CONSTRAINT fk_items_team",
                                "DROP TABLE public.items", "DROP TABLE public.teams")),
                a("add column", tables(items(ID)), tables(items(ID, commented(NAME, "shown"))),
                        List.of("AddColumn: add column items.name text"),
                        List.of("ALTER TABLE public.items ADD COLUMN name text",
                                "COMMENT ON COLUMN public.items.name IS 'shown'")),
                a("drop column", tables(items(ID, NAME)), tables(items(ID)),
                        List.of("DropColumn: drop column items.name"),
                        List.of("ALTER TABLE public.items DROP COLUMN name")),
                a("a generation expression cannot change in place: dropped and added",
                        tables(items(ID, generated(NAME, "'a'::text"))), tables(items(ID, generated(NAME, "'b'::text"))),
                        List.of("DropColumn: drop column items.name", "AddColumn: add column items.name text"),
                        List.of("ALTER TABLE public.items DROP COLUMN name",
                                "ALTER TABLE public.items ADD COLUMN name text GENERATED ALWAYS AS ('b'::text) STORED")),
                a("column type", tables(items(ID, NAME)), tables(items(ID, col("name", "integer", false, null))),
                        List.of("AlterColumn: alter column items.name: type text -> integer"),
                        List.of("ALTER TABLE public.items ALTER COLUMN name TYPE integer USING name::integer")),
                a("column type with a default: the default is dropped first and set again after",
                        tables(items(ID, col("n", "integer", false, "0"))),
                        tables(items(ID, col("n", "bigint", false, "0"))),
                        List.of("AlterColumn: alter column items.n: type integer -> bigint"),
                        List.of("ALTER TABLE public.items ALTER COLUMN n DROP DEFAULT",
                                "ALTER TABLE public.items ALTER COLUMN n TYPE bigint",
                                "ALTER TABLE public.items ALTER COLUMN n SET DEFAULT 0")),
                a("set not null", tables(items(ID, NAME)), tables(items(ID, notNull(NAME, true))),
                        List.of("AlterColumn: alter column items.name: set not null"),
                        List.of("ALTER TABLE public.items ALTER COLUMN name SET NOT NULL")),
                a("drop not null", tables(items(ID, notNull(NAME, true))), tables(items(ID, NAME)),
                        List.of("AlterColumn: alter column items.name: drop not null"),
                        List.of("ALTER TABLE public.items ALTER COLUMN name DROP NOT NULL")),
                a("set default", tables(items(ID, NAME)), tables(items(ID, NAME.withDefault("''::text"))),
                        List.of("AlterColumn: alter column items.name: default ''::text"),
                        List.of("ALTER TABLE public.items ALTER COLUMN name SET DEFAULT ''::text")),
                a("change default: set over the old one", tables(items(ID, NAME.withDefault("'a'::text"))),
                        tables(items(ID, NAME.withDefault("'b'::text"))),
                        List.of("AlterColumn: alter column items.name: default 'b'::text"),
                        List.of("ALTER TABLE public.items ALTER COLUMN name SET DEFAULT 'b'::text")),
                a("drop default: early, before anything it could name goes",
                        tables(items(ID, notNull(NAME, true).withDefault("''::text"))),
                        tables(items(ID, notNull(NAME, false))),
                        List.of("AlterColumn: alter column items.name: drop not null, drop default"),
                        List.of("ALTER TABLE public.items ALTER COLUMN name DROP DEFAULT",
                                "ALTER TABLE public.items ALTER COLUMN name DROP NOT NULL")),
                a("add identity to a nullable column: NOT NULL first",
                        tables(items(col("n", "bigint", false, null))), tables(items(identity(col("n", "bigint", false, null)))),
                        List.of("AlterColumn: alter column items.n: set not null, add identity"),
                        List.of("ALTER TABLE public.items ALTER COLUMN n SET NOT NULL",
                                "ALTER TABLE public.items ALTER COLUMN n ADD GENERATED BY DEFAULT AS IDENTITY")),
                a("drop identity", tables(items(identity(ID))), tables(items(ID)),
                        List.of("AlterColumn: alter column items.id: drop identity"),
                        List.of("ALTER TABLE public.items ALTER COLUMN id DROP IDENTITY")),
                a("alter identity", tables(items(identity(ID))),
                        tables(items(new Column("id", "bigint", "N", true, null,
                                new Identity(true, 1, 50, 1, Long.MAX_VALUE, 1, false), null, null))),
                        List.of("AlterColumn: alter column items.id: alter identity"),
                        List.of("ALTER TABLE public.items ALTER COLUMN id SET GENERATED ALWAYS",
                                "ALTER TABLE public.items ALTER COLUMN id SET INCREMENT BY 50")),
                a("column comment", tables(items(ID, NAME)), tables(items(ID, commented(NAME, "shown"))),
                        List.of("AlterColumn: alter column items.name: comment"),
                        List.of("COMMENT ON COLUMN public.items.name IS 'shown'")),
                a("add constraint", tables(items(ID, NAME)),
                        tables(items(List.of(ID, NAME), List.of(PK, CHECK), List.of(), null)),
                        List.of("AddConstraint: add check constraint ck_name on items: " + CHECK.definition()),
                        List.of("ALTER TABLE public.items ADD CONSTRAINT ck_name " + CHECK.definition())),
                a("drop constraint", tables(items(List.of(ID, NAME), List.of(PK, CHECK), List.of(), null)),
                        tables(items(ID, NAME)),
                        List.of("DropConstraint: drop check constraint ck_name on items"),
                        List.of("ALTER TABLE public.items DROP CONSTRAINT ck_name")),
                a("changed constraint: dropped and added",
                        tables(items(List.of(ID, NAME), List.of(PK, CHECK), List.of(), null)),
                        tables(items(List.of(ID, NAME), List.of(PK, new Constraint("ck_name", Constraint.Kind.CHECK,
                                List.of("name"), "CHECK ((length(name) > 1))", null)), List.of(), null)),
                        List.of("DropConstraint: drop check constraint ck_name on items",
                                "AddConstraint: add check constraint ck_name on items: CHECK ((length(name) > 1))"),
                        List.of("ALTER TABLE public.items DROP CONSTRAINT ck_name",
                                "ALTER TABLE public.items ADD CONSTRAINT ck_name CHECK ((length(name) > 1))")),
                a("rename constraint: same definition, another name",
                        tables(items(List.of(ID, NAME), List.of(PK, CHECK), List.of(), null)),
                        tables(items(List.of(ID, NAME), List.of(PK, new Constraint("ck_items_name",
                                Constraint.Kind.CHECK, List.of("name"), CHECK.definition(), null)), List.of(), null)),
                        List.of("RenameConstraint: rename constraint ck_name on items to ck_items_name"),
                        List.of("ALTER TABLE public.items RENAME CONSTRAINT ck_name TO ck_items_name")),
                a("create index", tables(items(ID, NAME)), tables(items(List.of(ID, NAME), List.of(PK), List.of(BY_NAME), null)),
                        List.of("CreateIndex: create index idx_items_name on items"),
                        List.of(BY_NAME.definition())),
                a("drop index", tables(items(List.of(ID, NAME), List.of(PK), List.of(BY_NAME), null)), tables(items(ID, NAME)),
                        List.of("DropIndex: drop index idx_items_name on items"),
                        List.of("DROP INDEX public.idx_items_name")),
                a("changed index: dropped and created",
                        tables(items(List.of(ID, NAME), List.of(PK), List.of(BY_NAME), null)),
                        tables(items(List.of(ID, NAME), List.of(PK), List.of(new Index("idx_items_name",
                                "CREATE UNIQUE INDEX idx_items_name ON public.items USING btree (name)", true)), null)),
                        List.of("DropIndex: drop index idx_items_name on items",
                                "CreateIndex: create unique index idx_items_name on items"),
                        List.of("DROP INDEX public.idx_items_name",
                                "CREATE UNIQUE INDEX idx_items_name ON public.items USING btree (name)")),
                a("rename index: same shape, another name",
                        tables(items(List.of(ID, NAME), List.of(PK), List.of(BY_NAME), null)),
                        tables(items(List.of(ID, NAME), List.of(PK), List.of(new Index("items_name_idx",
                                "CREATE INDEX items_name_idx ON public.items USING btree (name)", false)), null)),
                        List.of("RenameIndex: rename index idx_items_name on items to items_name_idx"),
                        List.of("ALTER INDEX public.idx_items_name RENAME TO items_name_idx")),
                a("set table comment", tables(items(ID)), tables(items(List.of(ID), List.of(PK), List.of(), "things")),
                        List.of("SetTableComment: set comment on table items"),
                        List.of("COMMENT ON TABLE public.items IS 'things'")),
                a("remove table comment", tables(items(List.of(ID), List.of(PK), List.of(), "things")), tables(items(ID)),
                        List.of("SetTableComment: remove comment on table items"),
                        List.of("COMMENT ON TABLE public.items IS NULL")),
                a("phases: foreign keys and indexes go before columns; columns are added before indexes, keys and comments",
                        tables(items(List.of(ID, NAME, col("team_id", "bigint", false, null)), List.of(PK, FK),
                                List.of(BY_NAME), null), teams()),
                        tables(items(List.of(ID, col("code", "text", false, null)), List.of(PK),
                                List.of(new Index("idx_items_code", "CREATE INDEX idx_items_code ON public.items USING btree (code)",
                                        false)), "things")),
                        List.of("DropConstraint: drop foreign key fk_items_team on items",
                                "DropIndex: drop index idx_items_name on items",
                                "DropColumn: drop column items.name",
                                "DropColumn: drop column items.team_id",
                                "DropTable: drop table teams",
                                "AddColumn: add column items.code text",
                                "CreateIndex: create index idx_items_code on items",
                                "SetTableComment: set comment on table items"),
                        List.of("ALTER TABLE public.items DROP CONSTRAINT fk_items_team",
                                "DROP INDEX public.idx_items_name",
                                "ALTER TABLE public.items DROP COLUMN name",
                                "ALTER TABLE public.items DROP COLUMN team_id",
                                "DROP TABLE public.teams",
                                "ALTER TABLE public.items ADD COLUMN code text",
                                "CREATE INDEX idx_items_code ON public.items USING btree (code)",
                                "COMMENT ON TABLE public.items IS 'things'")),
                a("phases: types and sequences before the tables that use them, the schema before both",
                        none, with(List.of("app"), List.of(), List.of(status), List.of(SEQUENCE),
                                items(ID, state)),
                        List.of("CreateSchema: create schema app",
                                "CreateEnum: create enum type status (open, closed)",
                                "CreateSequence: create sequence items_seq (increment 1)",
                                "CreateTable: create table items"),
                        List.of("CREATE SCHEMA app",
                                "CREATE TYPE public.status AS ENUM ('open', 'closed')",
                                "CREATE SEQUENCE public.items_seq START WITH 1 INCREMENT BY 1",
                                "CREATE TABLE public.items (\n    id bigint NOT NULL,\n"
                                        + "    state public.status DEFAULT 'open'::public.status NOT NULL,\n"
                                        + "    CONSTRAINT items_pkey PRIMARY KEY (id)\n)")),
                a("within a phase, changes keep name order whatever their entry (added, dropped or altered)",
                        tables(items(ID, col("f", "text", false, null), generated(col("g", "text", false, null), "'a'::text"))),
                        tables(items(ID, generated(col("g", "text", false, null), "'b'::text"), col("h", "text", false, null))),
                        List.of("DropColumn: drop column items.f", "DropColumn: drop column items.g",
                                "AddColumn: add column items.g text", "AddColumn: add column items.h text"),
                        List.of("ALTER TABLE public.items DROP COLUMN f", "ALTER TABLE public.items DROP COLUMN g",
                                "ALTER TABLE public.items ADD COLUMN g text GENERATED ALWAYS AS ('b'::text) STORED",
                                "ALTER TABLE public.items ADD COLUMN h text")),
                a("foreign keys of a dropped and of a changed table: in table name order",
                        tables(new Table(new QualifiedName("public", "a"), List.of(col("team_id", "bigint", false, null)),
                                        List.of(new Constraint("fk_a", Constraint.Kind.FOREIGN_KEY, List.of("team_id"),
                                                "FOREIGN KEY (team_id) REFERENCES public.teams(id)", TEAMS)), List.of(), null),
                                items(List.of(ID, col("team_id", "bigint", false, null)), List.of(PK, FK), List.of(), null),
                                teams()),
                        tables(items(List.of(ID, col("team_id", "bigint", false, null)), List.of(PK), List.of(), null),
                                teams()),
                        List.of("DropConstraint: drop foreign key fk_a on a",
                                "DropConstraint: drop foreign key fk_items_team on items",
                                "DropTable: drop table a"),
                        List.of("ALTER TABLE public.a DROP CONSTRAINT fk_a",
                                "ALTER TABLE public.items DROP CONSTRAINT fk_items_team",
                                "DROP TABLE public.a")),
                a("nothing changed, nothing to do", tables(items(ID, NAME), teams()), tables(items(ID, NAME), teams()),
                        List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theDiffGivesTheseChangesAndThisSqlInThisOrder(String why, Schema from, Schema to, List<String> changes,
                                                      List<String> sql) {
        List<Change> diff = SchemaDiff.diff(from, to);

        assertThat(diff).as(why).extracting(c -> c.kind() + ": " + Describer.describe(c))
                .containsExactlyElementsOf(changes);
        assertThat(sql(diff)).as(why).containsExactlyElementsOf(sql);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachSchemaHasNoDiffWithItself(String why, Schema from, Schema to, List<String> changes, List<String> sql) {
        assertThat(SchemaDiff.diff(from, from)).as(why).isEmpty();
        assertThat(SchemaDiff.diff(to, to)).as(why).isEmpty();
    }

    private static List<String> sql(List<Change> changes) {
        List<String> out = new ArrayList<>();
        changes.forEach(c -> out.addAll(SqlRenderer.render(c)));
        return out;
    }
}
