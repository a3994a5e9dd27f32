package dev.jpamigrate.run;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a revision typed by a user is found among the migrations, without a database. */
class RevisionsTest {
    private static final List<Migration> MIGRATIONS = List.of(
            Migration.of("20261101_1000-a1b2c3_create_teams.sql", "x", null, 1, 1, null),
            Migration.of("20261102_1000-a1f000_add_players.sql", "x", null, 2, 0, null),
            Migration.of("20261103_1000-c0ffee_add_name.sql", "x", null, 1, 0, null),
            Migration.of("changes/001-init.xml", "changes/001-init", null, 1, 0, null));

    private static Object found(String ref) {
        Revisions.Resolved r = Revisions.resolve(MIGRATIONS, ref);
        return r instanceof Revisions.Resolved.Found f ? f.index() : r;
    }

    @Test
    void exactNames() {
        assertThat(found("a1b2c3")).as("the 6-hex id").isEqualTo(0);
        assertThat(found("A1B2C3")).as("in any case").isEqualTo(0);
        assertThat(found("20261102_1000-a1f000")).as("the revision history shows").isEqualTo(1);
        assertThat(found("20261103_1000-c0ffee_add_name.sql")).as("the file name").isEqualTo(2);
        assertThat(found("20261103_1000-c0ffee_add_name")).as("without .sql").isEqualTo(2);
        assertThat(found("changes/001-init")).as("a hand-written changelog by its label").isEqualTo(3);
    }

    @Test
    void uniquePrefixes() {
        assertThat(found("c0f")).as("of the id").isEqualTo(2);
        assertThat(found("a1b")).isEqualTo(0);
        assertThat(found("20261102")).as("of the revision").isEqualTo(1);
        assertThat(found("changes/001")).isEqualTo(3);
    }

    @Test
    void ambiguousAndUnknown() {
        Revisions.Resolved a1 = Revisions.resolve(MIGRATIONS, "a1");
        assertThat(a1).isInstanceOf(Revisions.Resolved.Ambiguous.class);
        assertThat(((Revisions.Resolved.Ambiguous) a1).candidates()).extracting(Migration::rev)
                .containsExactly("a1b2c3", "a1f000");
        assertThat(Revisions.resolve(MIGRATIONS, "2026110")).as("a prefix of every revision")
                .isInstanceOf(Revisions.Resolved.Ambiguous.class);
        assertThat(found("0badc0")).isEqualTo(new Revisions.Resolved.Unknown("0badc0"));
        assertThat(found("  ")).isEqualTo(new Revisions.Resolved.Unknown(""));
    }

    @Test
    void anExactNameWinsOverAPrefixOfAnother() {
        List<Migration> two = List.of(Migration.of("20261101_1000-abc123_a.sql", "x", null, 1, 0, null),
                Migration.of("20261102_1000-abc1234_b.sql", "x", null, 1, 0, null));
        Revisions.Resolved r = Revisions.resolve(two, "abc123");
        assertThat(r).isInstanceOf(Revisions.Resolved.Found.class);
        assertThat(((Revisions.Resolved.Found) r).index()).isZero();
    }
}
