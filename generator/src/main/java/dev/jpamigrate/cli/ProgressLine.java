package dev.jpamigrate.cli;

import dev.jpamigrate.run.Progress;

import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Words the engine's progress events on stderr: at a terminal one line that updates in place ({@code applying 3/12
 * 20261201_...sql}), in CI one plain line per phase (upgrade's own output already has a line per migration file),
 * elsewhere (a pipe, --quiet) nothing.
 */
final class ProgressLine implements Consumer<Progress>, AutoCloseable {
    /** How progress is shown. */
    enum Mode {
        TERMINAL, PLAIN, OFF;

        /**
         * TERMINAL at a console, PLAIN in CI ({@code CI} set, as CI services do), OFF otherwise and with --quiet;
         * {@code MIGRATE_PROGRESS=off|plain|line} decides instead (the Maven plugin, whose log has its own ways, sets
         * off).
         */
        static Mode of(boolean console, Map<String, String> env, boolean quiet) {
            if (quiet) {
                return OFF;
            }
            String forced = env.getOrDefault("MIGRATE_PROGRESS", "").trim().toLowerCase(java.util.Locale.ROOT);
            switch (forced) {
                case "off" -> {
                    return OFF;
                }
                case "plain" -> {
                    return PLAIN;
                }
                case "line" -> {
                    return TERMINAL;
                }
                default -> {
                    // decided below
                }
            }
            String ci = env.get("CI");
            if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0")) {
                return PLAIN;
            }
            return console ? TERMINAL : OFF;
        }
    }

    private static final int WIDTH = 79;
    private static final Map<String, String> PHASES = Map.ofEntries(
            Map.entry("embedded start", "starting the embedded PostgreSQL"),
            Map.entry("replay changelogs", "replaying the changelogs on a scratch database"),
            Map.entry("inspect head", "reading the schema the changelogs build"),
            Map.entry("inspect target", "reading the database's schema"),
            Map.entry("inspect database", "reading the database's schema"),
            Map.entry("hibernate ddl", "reading the entities (Hibernate's DDL)"),
            Map.entry("normalize", "normalizing the entities' schema on a scratch database"),
            Map.entry("canonical checks", "comparing check constraints"),
            Map.entry("count rows", "counting the rows the changes touch"),
            Map.entry("verify", "verifying the migration: apply, re-diff, roll back"),
            Map.entry("copy database schema", "copying the database's schema to a scratch database"),
            Map.entry("read history", "reading the database's migration history"),
            Map.entry("find conflict", "looking for the migration that conflicts"),
            Map.entry("mark applied", "marking the migrations as applied"));

    private final PrintWriter err;
    private final Mode mode;
    private String lastPhase;
    private String file = "";
    private int shown;

    ProgressLine(PrintWriter err, Mode mode) {
        this.err = err;
        this.mode = mode;
    }

    /** The words for one event; null for an event that is not shown on its own. */
    static String words(Progress event) {
        if (event instanceof Progress.Phase p) {
            return PHASES.getOrDefault(p.key(), p.key());
        }
        if (event instanceof Progress.File f) {
            return "applying " + f.index() + "/" + f.total() + " " + f.file();
        }
        return null;
    }

    @Override
    public synchronized void accept(Progress event) {
        if (mode == Mode.OFF) {
            return;
        }
        if (event instanceof Progress.Phase p) {
            String text = words(event);
            if (text.equals(lastPhase)) {
                return; // a phase that runs again right away (verify, per migration) is one line
            }
            lastPhase = text;
            if (mode == Mode.PLAIN) {
                err.println(text);
                err.flush();
            } else {
                show(text + "...");
            }
        } else if (event instanceof Progress.File f) {
            lastPhase = null;
            file = words(f);
            if (mode == Mode.TERMINAL) {
                show(file);
            }
        } else if (event instanceof Progress.ChangeSet c && mode == Mode.TERMINAL && c.total() > 1) {
            show(file + " (changeSet " + c.index() + "/" + c.total() + ")");
        }
    }

    /** The line rewritten in place: carriage return, the text cut to the width, spaces over what was longer. */
    private void show(String text) {
        String line = text.length() > WIDTH ? text.substring(0, WIDTH - 3) + "..." : text;
        err.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
        err.flush();
        shown = line.length();
    }

    /** Removes the updating line, so that the next output starts on a clean line. */
    synchronized void clear() {
        if (mode == Mode.TERMINAL && shown > 0) {
            err.print("\r" + " ".repeat(shown) + "\r");
            err.flush();
            shown = 0;
        }
    }

    @Override
    public void close() {
        clear();
    }
}
