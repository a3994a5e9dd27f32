package dev.jpamigrate.report;

import dev.jpamigrate.run.Migration;
import dev.jpamigrate.run.Status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code current} and {@code history} for tools (version 1, documented in the README). Field names are stable; a
 * new field may be added, none is renamed or removed without a new version.
 */
public final class StatusJson {
    static final int VERSION = 1;

    private StatusJson() {
    }

    /** Where the database is: its revision, the head, what is pending. {@code database} is null for the embedded one. */
    public static String current(Status status, String database) {
        return Json.write(common(status, database));
    }

    /** As {@link #current}, with every migration in changelog order. */
    public static String history(Status status, String database) {
        Map<String, Object> root = common(status, database);
        List<Object> migrations = new ArrayList<>();
        for (Migration m : status.migrations()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("revision", m.revision());
            one.put("id", m.rev());
            one.put("file", m.file());
            one.put("message", m.message());
            one.put("created", m.created() == null ? null : m.created().toString());
            one.put("state", m.state().words());
            one.put("changeSets", m.changeSets());
            one.put("appliedChangeSets", m.applied());
            one.put("appliedAt", m.appliedAt() == null ? null : m.appliedAt().toString());
            one.put("current", status.current().orElse(null) == m);
            one.put("head", status.head().orElse(null) == m);
            migrations.add(one);
        }
        root.put("migrations", migrations);
        return Json.write(root);
    }

    private static Map<String, Object> common(Status status, String database) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", VERSION);
        root.put("database", database);
        root.put("current", status.current().map(Migration::revision).orElse(null));
        root.put("head", status.head().map(Migration::revision).orElse(null));
        root.put("atHead", status.atHead());
        root.put("pendingMigrations", status.pending().size());
        root.put("missingFiles", List.copyOf(status.unknownFiles()));
        return root;
    }
}
