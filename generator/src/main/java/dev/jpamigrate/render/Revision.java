package dev.jpamigrate.render;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A migration file's identity: {@code YYYYMMDD_HHMM-<rev>_<slug>.sql}. */
public record Revision(String stamp, String rev, String slug) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmm", Locale.ROOT);
    private static final Pattern FILE = Pattern.compile("(\\d{8}_\\d{4})-([0-9a-z]+)_(.*)\\.sql");

    public static Revision of(ZonedDateTime time, String rev, String message) {
        return new Revision(STAMP.format(time.withZoneSameInstant(ZoneOffset.UTC)), rev, slug(message));
    }

    public static Optional<Revision> parse(String fileName) {
        Matcher m = FILE.matcher(fileName);
        return m.matches() ? Optional.of(new Revision(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    public String fileName() {
        return stamp + "-" + rev + "_" + slug + ".sql";
    }

    /** The changeSet id prefix, unique per file. */
    public String id() {
        return stamp + "-" + rev;
    }

    static String slug(String message) {
        String slug = message.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("_+$", "");
        }
        return slug.isEmpty() ? "migration" : slug;
    }
}
