package dev.jpamigrate.schema;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column type read once from PostgreSQL's {@code format_type} text and {@code typcategory}, so that conversions,
 * hazards and USING clauses switch over typed values instead of matching type text.
 */
public sealed interface SqlType {

    /** {@code character varying(n)}, {@code character(n)} and {@code text}; {@code length} is null when unlimited. */
    record StringType(Kind kind, Integer length) implements SqlType {
        public enum Kind { VARCHAR, CHAR, TEXT }
    }

    /** {@code numeric(p,s)}; both null for an unconstrained numeric. */
    record DecimalType(Integer precision, Integer scale) implements SqlType {
    }

    /** {@code smallint}, {@code integer}, {@code bigint}, by size in bytes. */
    record IntegerType(int bytes) implements SqlType {
        /** The most decimal digits a value of this size has. */
        public int digits() {
            return switch (bytes) {
                case 2 -> 5;
                case 4 -> 10;
                default -> 19;
            };
        }
    }

    /** {@code real} (4 bytes) and {@code double precision} (8 bytes). */
    record FloatType(int bytes) implements SqlType {
    }

    /** Dates, times and intervals; {@code precision} is the fractional-second digits (null: the default, 6). */
    record TimeType(Kind kind, Integer precision) implements SqlType {
        public enum Kind { DATE, TIME, TIMETZ, TIMESTAMP, TIMESTAMPTZ, INTERVAL }

        /** The precision PostgreSQL applies, 6 when none is given. */
        public int effectivePrecision() {
            return precision == null ? 6 : precision;
        }
    }

    /** An enum type, by its (possibly schema-qualified) name as format_type writes it. */
    record EnumRef(String name) implements SqlType {
    }

    /** An array of another type. */
    record ArrayType(SqlType element) implements SqlType {
    }

    /** Any other type (uuid, boolean, jsonb, bytea, a domain, an extension's type...), by its name. */
    record Named(String name) implements SqlType {
    }

    Pattern VARCHAR = Pattern.compile("character varying(?:\\((\\d+)\\))?");
    Pattern CHAR = Pattern.compile("character(?:\\((\\d+)\\))?");
    Pattern NUMERIC = Pattern.compile("numeric(?:\\((\\d+),(-?\\d+)\\))?");
    Pattern TIME = Pattern.compile("(timestamp|time)(?:\\((\\d+)\\))? (with|without) time zone");
    Pattern INTERVAL = Pattern.compile("interval(?: [a-z ]+?)?(?:\\((\\d+)\\))?");

    /**
     * Reads {@code format_type} output. {@code category} is {@code pg_type.typcategory} of the column's type
     * ({@code "E"} for an enum, {@code "A"} for an array, whose element category is not known: an array of an enum
     * is recognised by the element's name not being a built-in type's).
     */
    static SqlType parse(String formatType, String category) {
        String t = formatType.trim();
        if (t.endsWith("[]")) {
            String element = t.substring(0, t.length() - 2);
            return new ArrayType(parse(element, null));
        }
        if ("E".equals(category)) {
            return new EnumRef(t);
        }
        String lower = t.toLowerCase(Locale.ROOT);
        Matcher m;
        if ((m = VARCHAR.matcher(lower)).matches()) {
            return new StringType(StringType.Kind.VARCHAR, m.group(1) == null ? null : Integer.valueOf(m.group(1)));
        }
        if ((m = CHAR.matcher(lower)).matches()) {
            return new StringType(StringType.Kind.CHAR, m.group(1) == null ? 1 : Integer.valueOf(m.group(1)));
        }
        if (lower.equals("text")) {
            return new StringType(StringType.Kind.TEXT, null);
        }
        if ((m = NUMERIC.matcher(lower)).matches()) {
            return m.group(1) == null ? new DecimalType(null, null)
                    : new DecimalType(Integer.valueOf(m.group(1)), Integer.valueOf(m.group(2)));
        }
        switch (lower) {
            case "smallint": return new IntegerType(2);
            case "integer": return new IntegerType(4);
            case "bigint": return new IntegerType(8);
            case "real": return new FloatType(4);
            case "double precision": return new FloatType(8);
            case "date": return new TimeType(TimeType.Kind.DATE, null);
            default: break;
        }
        if ((m = TIME.matcher(lower)).matches()) {
            boolean zoned = m.group(3).equals("with");
            TimeType.Kind kind = m.group(1).equals("timestamp")
                    ? zoned ? TimeType.Kind.TIMESTAMPTZ : TimeType.Kind.TIMESTAMP
                    : zoned ? TimeType.Kind.TIMETZ : TimeType.Kind.TIME;
            return new TimeType(kind, m.group(2) == null ? null : Integer.valueOf(m.group(2)));
        }
        if ((m = INTERVAL.matcher(lower)).matches()) {
            return new TimeType(TimeType.Kind.INTERVAL, m.group(1) == null ? null : Integer.valueOf(m.group(1)));
        }
        return new Named(t);
    }
}
