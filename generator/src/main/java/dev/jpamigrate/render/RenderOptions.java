package dev.jpamigrate.render;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What decides the SQL of a change beyond the change itself. {@code timeZone} is the zone a {@code timestamp}
 * (without time zone) holds its values in: a conversion between {@code timestamp} and {@code timestamptz} writes it
 * into its USING clause, so the result never depends on the TimeZone of the session that runs the migration.
 */
public record RenderOptions(String timeZone) {
    /**
     * The zone when {@code hibernate.jdbc.time_zone} is not set. Hibernate then writes a {@code timestamp} in the
     * zone of the application's JVM, which the tool cannot know: an application that does not run in UTC sets it.
     */
    public static final String DEFAULT_TIME_ZONE = "UTC";
    public static final RenderOptions DEFAULT = new RenderOptions(DEFAULT_TIME_ZONE);

    public RenderOptions {
        Objects.requireNonNull(timeZone, "timeZone");
    }

    /**
     * Options for a zone given the way Java (and so Hibernate) names it. A region keeps its name, which PostgreSQL's
     * time zone database shares. A fixed offset other than zero is refused: PostgreSQL reads {@code '+02:00'} and
     * {@code 'GMT+2'} with the POSIX sign, as two hours west of Greenwich, the opposite of Java.
     *
     * @throws IllegalArgumentException when the zone is not one, or is such an offset; the message says why
     */
    public static RenderOptions forZone(String zone) {
        ZoneId id;
        try {
            id = ZoneId.of(zone.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a time zone; use a region such as Europe/Paris, or UTC");
        }
        if (id instanceof ZoneOffset || id.getId().matches("(GMT|UTC|UT)[+-].*")) {
            if (((ZoneOffset) id.normalized()).getTotalSeconds() != 0) {
                throw new IllegalArgumentException("a fixed offset, which PostgreSQL reads with the opposite (POSIX)"
                        + " sign; use a region such as Europe/Paris, or UTC");
            }
            return DEFAULT;
        }
        return new RenderOptions(id.getId());
    }
}
