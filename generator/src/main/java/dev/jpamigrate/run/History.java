package dev.jpamigrate.run;

import liquibase.changelog.DatabaseChangeLog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    public record Entry(Listed changeSet, String file, List<Applied> rows, boolean selected) {
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

    /**
     * Pairs {@code changeSets} (in changelog order) with {@code applied} (in the order they ran). A row's path is
     * normalized as the changeSet's with the same path was, so that a listing from the cache pairs without Liquibase.
     */
    public static History pair(List<Listed> changeSets, List<Applied> applied) {
        Map<String, String> normalized = new HashMap<>();
        changeSets.forEach(cs -> normalized.putIfAbsent(cs.filePath(), cs.file()));
        Map<String, List<Applied>> byKey = new HashMap<>();
        Map<Applied, String> rowKeys = new HashMap<>();
        for (Applied a : applied) {
            String key = normalized.computeIfAbsent(a.file(), History::file) + "::" + a.id() + "::" + a.author();
            rowKeys.put(a, key);
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> known = new HashSet<>();
        for (Listed cs : changeSets) {
            String key = cs.file() + "::" + cs.id() + "::" + cs.author();
            known.add(key);
            entries.add(new Entry(cs, cs.file(), byKey.getOrDefault(key, List.of()), cs.selected()));
        }
        List<Applied> orphans = applied.stream().filter(a -> !known.contains(rowKeys.get(a))).toList();
        return new History(entries, orphans, applied);
    }

    /** The changeSets this run would run. */
    public List<Entry> pending() {
        return entries.stream().filter(Entry::pending).toList();
    }
}
