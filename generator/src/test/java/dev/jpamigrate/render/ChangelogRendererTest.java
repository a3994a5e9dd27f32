package dev.jpamigrate.render;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.change.Change.*;
import dev.jpamigrate.schema.*;
import dev.jpamigrate.testing.Golden;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Exact rendered text: single changes by hand, and whole files against golden files. */
class ChangelogRendererTest {
    private static final QualifiedName USERS = new QualifiedName("public", "users");
    private static final Column TIMEZONE = new Column("timezone", "character varying(64)", "S", false, null, null, null, null);
    private static final Column EMAIL = new Column("email", "character varying(255)", "S", true, null, null, null, null);

    @Test
    void addColumnAndItsRollback() {
        Change add = new AddColumn(USERS, TIMEZONE);
        assertThat(SqlRenderer.render(add)).containsExactly("ALTER TABLE public.users ADD COLUMN timezone character varying(64)");
        assertThat(SqlRenderer.render(add.inverse())).containsExactly("ALTER TABLE public.users DROP COLUMN timezone");
    }

    @Test
    void lengthChangeIsInPlaceWithoutUsingSoOverlongValuesFail() {
        Change widen = new AlterColumn(USERS, EMAIL, EMAIL.withType("character varying(320)", "S"));
        assertThat(SqlRenderer.render(widen))
                .containsExactly("ALTER TABLE public.users ALTER COLUMN email TYPE character varying(320)");
        assertThat(SqlRenderer.render(widen.inverse()))
                .containsExactly("ALTER TABLE public.users ALTER COLUMN email TYPE character varying(255)");
    }

    @Test
    void typeChangeAcrossCategoriesUsesACast() {
        Column text = new Column("score", "text", "S", false, null, null, null, null);
        Change toInt = new AlterColumn(USERS, text, text.withType("integer", "N"));
        assertThat(SqlRenderer.render(toInt))
                .containsExactly("ALTER TABLE public.users ALTER COLUMN score TYPE integer USING score::integer");
    }

    @Test
    void enumValueAddedAtItsDeclaredPosition() {
        QualifiedName status = new QualifiedName("public", "document_status");
        AlterEnum add = new AlterEnum(status, List.of("pending", "completed"), List.of("pending", "processing", "completed"), List.of());
        assertThat(SqlRenderer.render(add))
                .containsExactly("ALTER TYPE public.document_status ADD VALUE 'processing' AFTER 'pending'");
        assertThat(String.join(";\n", SqlRenderer.render(add.inverse()))).isEqualTo("""
                ALTER TYPE public.document_status RENAME TO document_status_old;
                CREATE TYPE public.document_status AS ENUM ('pending', 'completed');
                DROP TYPE public.document_status_old""");
    }

    @Test
    void reservedAndMixedCaseIdentifiersAreQuoted() {
        QualifiedName order = new QualifiedName("public", "order");
        Column mixed = new Column("firstName", "text", "S", false, null, null, null, null);
        assertThat(SqlRenderer.render(new AddColumn(order, mixed)))
                .containsExactly("ALTER TABLE public.\"order\" ADD COLUMN \"firstName\" text");
    }

    @Test
    void wholeFileGolden() {
        Table teams = new Table(new QualifiedName("public", "teams"),
                List.of(new Column("id", "bigint", "N", true, null,
                                new Identity(false, 1, 1, 1, Long.MAX_VALUE, 1, false), null, null),
                        new Column("name", "character varying(100)", "S", true, null, null, null, "display name")),
                List.of(new Constraint("teams_pkey", Constraint.Kind.PRIMARY_KEY, List.of("id"), "PRIMARY KEY (id)", null)),
                List.of(new Index("idx_teams_name", "CREATE UNIQUE INDEX idx_teams_name ON public.teams USING btree (name)", true)),
                null);
        List<Change> changes = List.of(
                new CreateEnum(new EnumType(new QualifiedName("public", "team_kind"), List.of("club", "school"))),
                new CreateTable(teams),
                new AddColumn(USERS, new Column("team_id", "bigint", "N", false, null, null, null, null)),
                new AddConstraint(USERS, new Constraint("fk_users_team", Constraint.Kind.FOREIGN_KEY, List.of("team_id"),
                        "FOREIGN KEY (team_id) REFERENCES teams(id) ON DELETE SET NULL", teams.name())),
                new DropColumn(USERS, new Column("legacy", "text", "S", false, "'n/a'::text", null, null, null)));
        Revision revision = Revision.of(ZonedDateTime.of(2026, 11, 23, 20, 14, 0, 0, ZoneOffset.UTC), "a1b2c3", "Add teams!");
        assertThat(revision.fileName()).isEqualTo("20261123_2014-a1b2c3_add_teams.sql");
        Golden.assertMatches("add_teams.sql", ChangelogRenderer.render(revision, "Add teams!", "jpa-migrate", changes));
    }
}
