package dev.jpamigrate.run;

/**
 * What long work reports while it runs, as data: the engine and the lifecycle emit these, the command line words
 * them (an updating line at a terminal, plain lines in CI). Nothing below the command line prints them.
 */
public sealed interface Progress {
    /**
     * A phase starts. {@code key} is stable, the same name {@code --verbose} times it under ("replay changelogs",
     * "hibernate ddl", "verify", "mark applied", ...).
     */
    record Phase(String key) implements Progress {
    }

    /** Migration file {@code index} (from 1) of {@code total} starts to be applied. */
    record File(int index, int total, String file) implements Progress {
    }

    /** ChangeSet {@code index} (from 1) of {@code total} of the run starts. */
    record ChangeSet(int index, int total, String id) implements Progress {
    }
}
