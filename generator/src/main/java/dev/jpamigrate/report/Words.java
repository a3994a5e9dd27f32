package dev.jpamigrate.report;

import dev.jpamigrate.Text;

/** The sentences the formats share, so text, Markdown and JSON say the same thing. */
final class Words {
    static final String MODEL_DRIFT = "the entities differ from what the changelogs build";
    static final Text MODEL_FIX = Text.of("run ", Text.command("create", "\"<message>\""),
            ", review the file, and commit it with the entities");
    static final String PENDING = "changeSets are pending on the database";
    static final Text PENDING_FIX = Text.of("run ", Text.command("upgrade"), " (or deploy), then check again");
    static final String HAND_MADE = "the database was changed outside the migrations: these are the changes that turn"
            + " what the changelogs build into what the database has";
    static final Text HAND_MADE_FIX = Text.of("undo them by hand; or keep them: put them in the entities, generate"
            + " the migration without --url (", Text.command("create"), "), and record it as applied here with ",
            Text.command("stamp", "<rev>"));
    static final String NOT_COMPARED_PENDING = "not compared while changeSets are pending";
    static final String NOT_COMPARED_UNTRACKED = "not compared: no migration is recorded on the database";
    static final String NOT_COMPARED_REPLAY = "not compared: the changelogs do not replay";

    private Words() {
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
