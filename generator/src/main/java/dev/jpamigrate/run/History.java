package dev.jpamigrate.run;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every changeSet of the changelogs paired once with the DATABASECHANGELOG rows that record it, the way Liquibase
 * pairs them: by file path (normalized as Liquibase does, so {@code classpath:db/x.xml} is {@code db/x.xml}), id and
 * author. Status, pending, edited, removed and out-of-order are all read from this one pairing. {@code orphans} are
 * the rows of changeSets the changelogs no longer hold; {@code applied} is every row, in the order they ran.
 */
public record History(List<Entry> entries, List<Applied> orphans, List<Applied> applied) {
    public History {
        entries = List.copyOf(entries);
        orphans = List.copyOf(orphans);
        applied = List.copyOf(applied);
    }

    /**
     * One changeSet in changelog order: its file's key (the normalized path Liquibase records), the rows that
     * record it (oldest first; empty when it never ran), and whether the contexts and labels of this run select it.
     */
    public record Entry(ChangeSet changeSet, String file, List<Applied> rows, boolean selected) {
        public Entry {
            rows = List.copyOf(rows);
        }

        public boolean applied() {
            return !rows.isEmpty();
        }

        /** The row that counts: the last one written. */
        public Applied row() {
            return rows.isEmpty() ? null : rows.get(rows.size() - 1);
        }

        /** Not run, and this run would run it. */
        public boolean pending() {
            return rows.isEmpty() && selected;
        }
    }

    /** {@code file} as Liquibase compares recorded paths. */
    public static String file(String path) {
        String normalized = DatabaseChangeLog.normalizePath(path);
        return normalized == null ? path : normalized;
    }

    static String key(String file, String id, String author) {
        return file(file) + "::" + id + "::" + author;
    }

    /** Pairs {@code changeSets} (in changelog order) with {@code applied} (in the order they ran). */
    public static History pair(List<ChangeSet> changeSets, List<Applied> applied, Predicate<ChangeSet> selected) {
        Map<String, List<Applied>> byKey = new HashMap<>();
        for (Applied a : applied) {
            byKey.computeIfAbsent(key(a.file(), a.id(), a.author()), k -> new ArrayList<>()).add(a);
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> known = new HashSet<>();
        for (ChangeSet cs : changeSets) {
            String key = key(cs.getFilePath(), cs.getId(), cs.getAuthor());
            known.add(key);
            entries.add(new Entry(cs, file(cs.getFilePath()), byKey.getOrDefault(key, List.of()), selected.test(cs)));
        }
        List<Applied> orphans = applied.stream().filter(a -> !known.contains(key(a.file(), a.id(), a.author()))).toList();
        return new History(entries, orphans, applied);
    }

    /** The changeSets this run would run. */
    public List<Entry> pending() {
        return entries.stream().filter(Entry::pending).toList();
    }
}
