package dev.jpamigrate.run;

import liquibase.ChecksumVersion;
import liquibase.change.CheckSum;
import liquibase.changelog.ChangeSet;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;

/**
 * What history and check need of one changeSet of the changelogs: its identity (id, author, the path Liquibase records),
 * the file it is in, whether this run's contexts and labels select it, and its checksums. Read from a parsed changeSet,
 * or from the cache of a run that parsed the same changelog files ({@link #completed}), so that a check with nothing
 * changed parses nothing.
 */
public final class Listed implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String author;
    private final String filePath;
    private final String file;
    private final String physicalPath;
    private final boolean selected;
    /** By checksum version: complete once {@link #completed} ran; else filled on demand from {@link #parsed}. */
    private final HashMap<Integer, String> checkSums;
    private final List<String> validCheckSums;
    private final transient ChangeSet parsed;

    private Listed(String id, String author, String filePath, String file, String physicalPath, boolean selected,
                   HashMap<Integer, String> checkSums, List<String> validCheckSums, ChangeSet parsed) {
        this.id = id;
        this.author = author;
        this.filePath = filePath;
        this.file = file;
        this.physicalPath = physicalPath;
        this.selected = selected;
        this.checkSums = checkSums;
        this.validCheckSums = List.copyOf(validCheckSums);
        this.parsed = parsed;
    }

    /** A parsed changeSet; {@code selected}: this run's filters select it. */
    static Listed of(ChangeSet cs, boolean selected) {
        return new Listed(cs.getId(), cs.getAuthor(), cs.getFilePath(), History.file(cs.getFilePath()),
                cs.getChangeLog() == null ? null : cs.getChangeLog().getPhysicalFilePath(), selected, new HashMap<>(),
                cs.getValidCheckSums().stream().map(CheckSum::toString).toList(), cs);
    }

    /** The same changeSets with the checksum of every version Liquibase knows computed: what the cache keeps. */
    public static List<Listed> completed(List<Listed> listing) {
        return listing.stream().map(Listed::completed).toList();
    }

    private Listed completed() {
        HashMap<Integer, String> all = new HashMap<>(checkSums);
        for (ChecksumVersion version : ChecksumVersion.values()) {
            all.computeIfAbsent(version.getVersion(), v -> checkSumOf(version));
        }
        return new Listed(id, author, filePath, file, physicalPath, selected, all, validCheckSums, null);
    }

    private String checkSumOf(ChecksumVersion version) {
        CheckSum sum = parsed.generateCheckSum(version);
        return sum == null ? null : sum.toString();
    }

    public String id() {
        return id;
    }

    public String author() {
        return author;
    }

    /** The path as Liquibase records it in DATABASECHANGELOG.filename. */
    public String filePath() {
        return filePath;
    }

    /** {@link #filePath} as Liquibase compares recorded paths ({@link History#file}). */
    public String file() {
        return file;
    }

    /** The file Liquibase read it from, as its resource accessor names it; null if unknown. */
    public String physicalPath() {
        return physicalPath;
    }

    public boolean selected() {
        return selected;
    }

    /** The parsed changeSet; null when this came from the cache (status and check need none). */
    public ChangeSet parsed() {
        return parsed;
    }

    /** True when every checksum is known without the parsed changeSet: no Liquibase scope is needed to compare. */
    public boolean complete() {
        if (parsed != null) {
            return false;
        }
        for (ChecksumVersion version : ChecksumVersion.values()) {
            if (!checkSums.containsKey(version.getVersion())) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when {@code stored} (DATABASECHANGELOG.md5sum) is a checksum Liquibase accepts for this changeSet, as its
     * {@code ChangeSet.isCheckSumValid} decides: a validCheckSum of ANY (or ALL, *), the checksum of the stored one's
     * version, or a listed validCheckSum on either side. A version this Liquibase cannot compute is accepted, as
     * Liquibase rewrites those itself.
     */
    public boolean accepts(String stored) {
        for (String valid : validCheckSums) {
            if (valid.equalsIgnoreCase("1:any") || valid.equalsIgnoreCase("1:all") || valid.equalsIgnoreCase("1:*")) {
                return true;
            }
        }
        CheckSum storedSum = CheckSum.parse(stored);
        ChecksumVersion version;
        try {
            version = ChecksumVersion.enumFromChecksumVersion(storedSum.getVersion());
        } catch (RuntimeException unknown) {
            return true;
        }
        if (version == null) {
            return true;
        }
        String current = checkSums.containsKey(version.getVersion()) ? checkSums.get(version.getVersion())
                : parsed == null ? null : checkSumOf(version);
        if (parsed != null) {
            checkSums.put(version.getVersion(), current);
        }
        if (current == null) {
            return true;
        }
        String storedText = storedSum.toString();
        return current.equals(storedText) || validCheckSums.contains(current) || validCheckSums.contains(storedText);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Listed l && selected == l.selected && id.equals(l.id) && Objects.equals(author, l.author)
                && filePath.equals(l.filePath) && Objects.equals(file, l.file) && Objects.equals(physicalPath, l.physicalPath)
                && validCheckSums.equals(l.validCheckSums);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, author, filePath);
    }

    @Override
    public String toString() {
        return filePath + "::" + id + "::" + author;
    }
}
