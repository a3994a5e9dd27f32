package dev.jpamigrate.testing;

import dev.jpamigrate.schema.Constraint;
import dev.jpamigrate.schema.Index;
import dev.jpamigrate.schema.QualifiedName;

import java.util.List;

/** Schema objects the pure diff and render tests share: a table of items that references a table of teams. */
public final class Samples {
    public static final QualifiedName ITEMS = new QualifiedName("public", "items");
    public static final QualifiedName TEAMS = new QualifiedName("public", "teams");
    public static final QualifiedName STATUS = new QualifiedName("public", "status");
    public static final Constraint FK = new Constraint("fk_items_team", Constraint.Kind.FOREIGN_KEY, List.of("team_id"),
            "FOREIGN KEY (team_id) REFERENCES public.teams(id)", TEAMS);
    public static final Constraint CHECK = new Constraint("ck_name", Constraint.Kind.CHECK, List.of("name"),
            "CHECK ((name <> ''::text))", null);
    public static final Index BY_NAME = new Index("idx_items_name",
            "CREATE INDEX idx_items_name ON public.items USING btree (name)", false);

    private Samples() {
    }
}
