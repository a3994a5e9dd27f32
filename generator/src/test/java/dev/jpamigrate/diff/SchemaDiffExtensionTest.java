package dev.jpamigrate.diff;

import dev.jpamigrate.change.Change;
import dev.jpamigrate.render.SqlRenderer;
import dev.jpamigrate.schema.*;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where extensions go in a migration and in its rollback, and how they render. Pure: no database. */
class SchemaDiffExtensionTest {
    private static final QualifiedName PLACES = new QualifiedName("geo", "places");
    private static final Extension CITEXT = new Extension("citext", "public");
    private static final Extension CUBE = new Extension("cube", "geo");
    private static final Extension EARTHDISTANCE = new Extension("earthdistance", "geo");
    private static final Extension UUID_OSSP = new Extension("uuid-ossp", "public");

    /** A table whose columns use the extensions' types and functions; the extensions in dependency order. */
    private static Schema withExtensions() {
        Table places = new Table(PLACES, List.of(
                new Column("id", "uuid", "U", true, "public.uuid_generate_v4()", null, null, null),
                new Column("name", "public.citext", "S", true, null, null, null, null),
                new Column("at", "geo.earth", "U", false, null, null, null, null)), List.of(), List.of(), null);
        return new Schema(List.of("geo"), List.of(CITEXT, CUBE, UUID_OSSP, EARTHDISTANCE),
                List.of(new EnumType(new QualifiedName("geo", "kind"), List.of("city", "lake"))), List.of(),
                List.of(places));
    }

    private static List<String> sql(List<Change> changes) {
        List<String> out = new ArrayList<>();
        changes.forEach(c -> out.addAll(SqlRenderer.render(c)));
        return out;
    }

    /** What a migration's rollback runs: each change inverted, in reverse order. */
    private static List<Change> rollback(List<Change> changes) {
        List<Change> inverse = new ArrayList<>();
        for (int i = changes.size() - 1; i >= 0; i--) {
            inverse.add(changes.get(i).inverse());
        }
        return inverse;
    }

    @Test
    void extensionsArriveAfterTheirSchemaAndThoseTheyRequireAndBeforeAnythingThatUsesThem() {
        List<String> sql = sql(SchemaDiff.diff(Schema.empty(), withExtensions()));

        assertThat(sql).containsExactly(
                "CREATE SCHEMA geo",
                "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public",
                "CREATE EXTENSION IF NOT EXISTS cube WITH SCHEMA geo",
                "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\" WITH SCHEMA public",
                "CREATE EXTENSION IF NOT EXISTS earthdistance WITH SCHEMA geo",
                "CREATE TYPE geo.kind AS ENUM ('city', 'lake')",
                "CREATE TABLE geo.places (\n    id uuid DEFAULT public.uuid_generate_v4() NOT NULL,\n"
                        + "    name public.citext NOT NULL,\n    at geo.earth\n)");
    }

    @Test
    void theRollbackDropsThemAfterWhatUsesThemAndBeforeThoseTheyRequire() {
        List<String> rollback = sql(rollback(SchemaDiff.diff(Schema.empty(), withExtensions())));

        assertThat(rollback).containsExactly(
                "DROP TABLE geo.places",
                "DROP TYPE geo.kind",
                "DROP EXTENSION earthdistance",
                "DROP EXTENSION \"uuid-ossp\"",
                "DROP EXTENSION cube",
                "DROP EXTENSION citext",
                "DROP SCHEMA geo");
        assertThat(sql(SchemaDiff.diff(withExtensions(), Schema.empty())))
                .as("diffed the other way, the same order").isEqualTo(rollback);
    }

    @Test
    void onlyTheMissingOnesAreCreated() {
        Schema from = withExtensions().withExtensions(List.of(CITEXT, CUBE));

        assertThat(sql(SchemaDiff.diff(from, withExtensions()))).containsExactly(
                "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\" WITH SCHEMA public",
                "CREATE EXTENSION IF NOT EXISTS earthdistance WITH SCHEMA geo");
        assertThat(SchemaDiff.diff(withExtensions(), withExtensions())).isEmpty();
    }

    @Test
    void anExtensionInAnotherSchemaIsNotMovedByTheDiff() {
        Schema elsewhere = withExtensions().withExtensions(List.of(new Extension("citext", "geo"), CUBE, UUID_OSSP,
                EARTHDISTANCE));

        assertThat(SchemaDiff.diff(elsewhere, withExtensions())).isEmpty();
    }
}
