package dev.jpamigrate.cli;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.diff.Backfills;
import dev.jpamigrate.diff.Renames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Failures carry a kind; only the command line turns kinds into exit codes. */
class ExitCodeTest {
    @Test
    void pendingChangeSetsAreDriftEverythingElseAnError() {
        assertThat(ExitCode.of(MigrateException.Kind.PENDING)).isEqualTo(ExitCode.DRIFT);
        for (MigrateException.Kind kind : MigrateException.Kind.values()) {
            if (kind != MigrateException.Kind.PENDING) {
                assertThat(ExitCode.of(kind)).as(kind.name()).isEqualTo(ExitCode.ERROR);
            }
        }
        assertThat(new MigrateException("x").kind()).isEqualTo(MigrateException.Kind.FAILED);
    }

    @Test
    void aValueTheOptionDoesNotTakeIsAUsageError() {
        StatusFormat format = new StatusFormat();
        format.format = "yaml";
        assertThatThrownBy(format::json).isInstanceOf(MigrateException.class)
                .hasMessage("unknown format 'yaml': use text or json")
                .satisfies(e -> assertThat(((MigrateException) e).kind()).isEqualTo(MigrateException.Kind.USAGE));
        assertThatThrownBy(() -> Renames.Request.parse(Renames.Kind.COLUMN, "users.name"))
                .isInstanceOf(MigrateException.class)
                .satisfies(e -> assertThat(((MigrateException) e).kind()).isEqualTo(MigrateException.Kind.USAGE));
        assertThatThrownBy(() -> Backfills.Request.parse("timezone='UTC'")).isInstanceOf(MigrateException.class)
                .satisfies(e -> assertThat(((MigrateException) e).kind()).isEqualTo(MigrateException.Kind.USAGE));
    }
}
