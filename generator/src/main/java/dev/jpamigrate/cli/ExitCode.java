package dev.jpamigrate.cli;

import dev.jpamigrate.MigrateException;

/** The exit codes: one contract for every command, listed in --help and the README. */
public final class ExitCode {
    /** Success: nothing to report, or the work was done. */
    public static final int OK = 0;
    /** Drift: entities, changelogs and database disagree, or a check failed. */
    public static final int DRIFT = 1;
    /** Usage, configuration or connection error. */
    public static final int ERROR = 2;

    static final String HELP = "Exit codes: 0 ok, 1 drift or failed check, 2 usage, configuration or connection error.";

    private ExitCode() {
    }

    /** The exit code of a failure: pending changeSets are drift, every other kind an error. */
    public static int of(MigrateException.Kind kind) {
        return switch (kind) {
            case PENDING -> DRIFT;
            case FAILED, USAGE, CONNECTION, LOCKED -> ERROR;
        };
    }
}
