package dev.jpamigrate.cli;

import dev.jpamigrate.MigrateException;
import picocli.CommandLine.Option;

import java.util.Locale;

/** How current and history print the migrations' state: text for people, json for tools. */
final class StatusFormat {
    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text (default) or json (for tools; fields in the README).")
    String format;

    /** True for json, false for text; anything else is the one line of a usage error. */
    boolean json() {
        return switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "json" -> true;
            case "text" -> false;
            default -> throw new MigrateException("unknown format '" + format + "': use text or json", null,
                    MigrateException.Kind.USAGE);
        };
    }
}
