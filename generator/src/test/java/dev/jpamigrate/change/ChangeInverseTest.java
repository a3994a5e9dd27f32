package dev.jpamigrate.change;

import dev.jpamigrate.change.Change.*;
import dev.jpamigrate.render.Describer;
import dev.jpamigrate.render.SqlRenderer;
import dev.jpamigrate.schema.*;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of change is its inverse's inverse, and renders to SQL both ways. No database needed. */
class ChangeInverseTest {
    private static final QualifiedName USERS = new QualifiedName("public", "users");
    private static final QualifiedName STATUS = new QualifiedName("public", "status");
    private static final QualifiedName SEQ = new QualifiedName("public", "users_seq");
    private static final Column EMAIL = new Column("email", "character varying(255)", "S", true, null, null, null, "login");
    private static final Column ID = new Column("id", "bigint", "N", true, null,
            new Identity(false, 1, 1, 1, Long.MAX_VALUE, 1, false), null, null);
    private static final Constraint PK = new Constraint("users_pkey", Constraint.Kind.PRIMARY_KEY, List.of("id"),
            "PRIMARY KEY (id)", null);
    private static final Constraint FK = new Constraint("fk_users_team", Constraint.Kind.FOREIGN_KEY, List.of("team_id"),
            "FOREIGN KEY (team_id) REFERENCES public.teams(id) ON DELETE CASCADE", new QualifiedName("public", "teams"));
    private static final Index BY_EMAIL = new Index("idx_users_email",
            "CREATE INDEX idx_users_email ON public.users USING btree (email)", false);
    private static final Table TABLE = new Table(USERS, List.of(ID, EMAIL), List.of(PK), List.of(BY_EMAIL), "accounts");
    private static final Sequence SEQUENCE = new Sequence(SEQ, "bigint", 1, 50, 1, Long.MAX_VALUE, 1, false, null);
    private static final ColumnRef OWNER = new ColumnRef(USERS, "id");

    static List<Change> oneOfEachKind() {
        EnumType status = new EnumType(STATUS, List.of("open", "closed"));
        List<EnumUsage> usages = List.of(new EnumUsage(new ColumnRef(USERS, "state"), false, "'open'::public.status"));
        return List.of(
                new CreateSchema("app"),
                new DropSchema("app"),
                new CreateExtension(new Extension("uuid-ossp", "public")),
                new DropExtension(new Extension("uuid-ossp", "public")),
                new CreateEnum(status),
                new DropEnum(status),
                new AlterEnum(STATUS, List.of("open", "closed"), List.of("open", "pending", "closed"), usages),
                new AlterEnum(STATUS, List.of("open", "pending", "closed"), List.of("open", "closed"), usages),
                new CreateSequence(SEQUENCE),
                new DropSequence(SEQUENCE),
                new AlterSequence(SEQUENCE, new Sequence(SEQ, "bigint", 1, 20, 1, Long.MAX_VALUE, 1, false, null)),
                new SetSequenceOwner(SEQ, null, OWNER),
                new SetSequenceOwner(SEQ, OWNER, null),
                new CreateTable(TABLE),
                new DropTable(TABLE),
                new AddColumn(USERS, EMAIL),
                new DropColumn(USERS, EMAIL),
                new AlterColumn(USERS, EMAIL, new Column("email", "text", "S", false, "''::text", null, null, null)),
                new AlterColumn(USERS, new Column("rank", "text", "S", false, null, null, null, null),
                        new Column("rank", "integer", "N", false, null, null, null, null)),
                new AddConstraint(USERS, FK),
                new DropConstraint(USERS, FK),
                new RenameConstraint(USERS, "users_pkey", "pk_users"),
                new RenameTable(USERS, new QualifiedName("crm", "accounts")),
                new RenameColumn(USERS, "display_name", "full_name"),
                new RenameEnumValue(new QualifiedName("public", "status"), "DONE", "FINISHED"),
                new Backfill(USERS, "timezone", "'UTC'", false),
                new CreateIndex(USERS, BY_EMAIL),
                new DropIndex(USERS, BY_EMAIL),
                new RenameIndex(USERS, "idx_users_email", "idx_users_by_email"),
                new SetTableComment(USERS, null, "accounts"),
                new SetTableComment(USERS, "accounts", "user accounts"));
    }

    @Test
    void theSamplesCoverEveryKindOfChange() {
        Set<Class<?>> kinds = Arrays.stream(Change.class.getPermittedSubclasses()).collect(Collectors.toSet());
        Set<Class<?>> sampled = oneOfEachKind().stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(sampled).as("add a sample for each new kind of change").isEqualTo(kinds);
    }

    @Test
    void everyChangeIsItsInversesInverse() {
        for (Change c : oneOfEachKind()) {
            assertThat(c.inverse().inverse()).as("%s", c).isEqualTo(c);
            assertThat(c.inverse()).as("the inverse of %s is a different change", c).isNotEqualTo(c);
        }
    }

    @Test
    void everyChangeAndItsInverseRenderToSqlAndWords() {
        for (Change c : oneOfEachKind()) {
            for (Change side : List.of(c, c.inverse())) {
                List<String> sql = SqlRenderer.render(side);
                // the one change that renders nothing: a backfill's inverse keeps the values (-- rollback empty)
                if (!(side instanceof Backfill b && b.undo())) {
                    assertThat(sql).as("SQL of %s", side).isNotEmpty();
                }
                assertThat(sql).as("SQL of %s", side).allSatisfy(s -> assertThat(s).isNotBlank());
                assertThat(Describer.describe(side)).as("words for %s", side).isNotBlank();
            }
        }
    }

    @Test
    void lossyChangesCarryWhatTheyRemove() {
        assertThat(SqlRenderer.render(new DropTable(TABLE).inverse()).get(0))
                .isEqualTo("CREATE TABLE public.users (\n    id bigint NOT NULL GENERATED BY DEFAULT AS IDENTITY,\n"
                        + "    email character varying(255) NOT NULL,\n    CONSTRAINT users_pkey PRIMARY KEY (id)\n)");
        assertThat(SqlRenderer.render(new DropColumn(USERS, EMAIL).inverse()))
                .containsExactly("ALTER TABLE public.users ADD COLUMN email character varying(255) NOT NULL",
                        "COMMENT ON COLUMN public.users.email IS 'login'");
        assertThat(new DropColumn(USERS, EMAIL).hazards()).contains(Hazard.DELETES_DATA);
    }
}
