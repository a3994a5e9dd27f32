package dev.jpamigrate.cli;

import dev.jpamigrate.MigrateException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
}
