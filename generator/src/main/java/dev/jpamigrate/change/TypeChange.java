package dev.jpamigrate.change;

import dev.jpamigrate.schema.SqlType;
import dev.jpamigrate.schema.SqlType.ArrayType;
import dev.jpamigrate.schema.SqlType.DecimalType;
import dev.jpamigrate.schema.SqlType.FloatType;
import dev.jpamigrate.schema.SqlType.IntegerType;
import dev.jpamigrate.schema.SqlType.StringType;
import dev.jpamigrate.schema.SqlType.TimeType;

import java.util.Objects;

/**
 * What a column type change does to the values already stored, decided over typed column types. Widening a varchar,
 * a numeric's precision or a time's fractional digits is a catalog-only change in PostgreSQL; widening an integer or
 * a numeric's scale rewrites the table but keeps every value; {@code timestamp} and {@code timestamptz} convert into
 * each other by reading the values in a time zone; anything else converts values and may round, truncate or fail.
 */
public enum TypeChange {
    /** Every value fits and PostgreSQL only updates the catalog. */
    LOSSLESS,
    /** Every value fits, but the table is rewritten. */
    LOSSLESS_REWRITE,
    /** Date-times are reinterpreted in a time zone (timestamp to timestamptz and back); the table is rewritten. */
    REINTERPRETS,
    /** Values are cut or rounded to fit silently (a numeric's scale, a time's precision, a timestamp to a date). */
    NARROWS,
    /** Values are converted; one that does not convert or fit fails the migration. */
    CONVERTING;

    public static TypeChange of(String from, String to) {
        return of(SqlType.parse(from, null), SqlType.parse(to, null));
    }

    public static TypeChange of(SqlType from, SqlType to) {
        if (from.equals(to)) {
            return LOSSLESS;
        }
        if (from instanceof ArrayType a && to instanceof ArrayType b) {
            TypeChange element = of(a.element(), b.element());
            return element == LOSSLESS_REWRITE ? LOSSLESS_REWRITE : element;
        }
        if (from instanceof StringType a && to instanceof StringType b) {
            return strings(a, b);
        }
        if (from instanceof DecimalType a && to instanceof DecimalType b) {
            return decimals(a, b);
        }
        if (from instanceof IntegerType a && to instanceof IntegerType b) {
            return b.bytes() > a.bytes() ? LOSSLESS_REWRITE : CONVERTING;
        }
        if (from instanceof IntegerType a && to instanceof DecimalType b) {
            return b.precision() == null || b.precision() - b.scale() >= a.digits() ? LOSSLESS_REWRITE : CONVERTING;
        }
        if (from instanceof FloatType a && to instanceof FloatType b) {
            return b.bytes() > a.bytes() ? LOSSLESS_REWRITE : NARROWS;
        }
        if (from instanceof TimeType a && to instanceof TimeType b) {
            return times(a, b);
        }
        return CONVERTING;
    }

    private static TypeChange strings(StringType a, StringType b) {
        if (b.kind() == StringType.Kind.TEXT || b.kind() == StringType.Kind.VARCHAR && b.length() == null) {
            // char(n) loses its padding semantics and is rewritten; varchar and text are the same bytes
            return a.kind() == StringType.Kind.CHAR ? LOSSLESS_REWRITE : LOSSLESS;
        }
        if (a.kind() == b.kind() && a.length() != null && b.length() >= a.length()) {
            return a.kind() == StringType.Kind.VARCHAR ? LOSSLESS : LOSSLESS_REWRITE;
        }
        return CONVERTING;
    }

    private static TypeChange decimals(DecimalType a, DecimalType b) {
        if (b.precision() == null) {
            return LOSSLESS;
        }
        if (a.precision() == null || b.scale() < a.scale()) {
            return NARROWS; // fewer decimals: values are rounded without a word
        }
        if (b.precision() - b.scale() < a.precision() - a.scale()) {
            return CONVERTING; // fewer integer digits: a value that does not fit fails the migration
        }
        return Objects.equals(a.scale(), b.scale()) ? LOSSLESS : LOSSLESS_REWRITE;
    }

    private static TypeChange times(TimeType a, TimeType b) {
        if (a.kind() == b.kind()) {
            return b.effectivePrecision() >= a.effectivePrecision() ? LOSSLESS : NARROWS;
        }
        boolean zoneSwitch = a.kind() == TimeType.Kind.TIMESTAMP && b.kind() == TimeType.Kind.TIMESTAMPTZ
                || a.kind() == TimeType.Kind.TIMESTAMPTZ && b.kind() == TimeType.Kind.TIMESTAMP;
        if (zoneSwitch) {
            return b.effectivePrecision() >= a.effectivePrecision() ? REINTERPRETS : NARROWS;
        }
        if (a.kind() == TimeType.Kind.DATE && (b.kind() == TimeType.Kind.TIMESTAMP || b.kind() == TimeType.Kind.TIMESTAMPTZ)) {
            return b.kind() == TimeType.Kind.TIMESTAMP ? LOSSLESS_REWRITE : REINTERPRETS;
        }
        boolean toDate = b.kind() == TimeType.Kind.DATE
                && (a.kind() == TimeType.Kind.TIMESTAMP || a.kind() == TimeType.Kind.TIMESTAMPTZ);
        return toDate ? NARROWS : CONVERTING;
    }
}
