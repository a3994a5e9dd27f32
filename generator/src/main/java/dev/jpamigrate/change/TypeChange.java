package dev.jpamigrate.change;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a column type change does to the values already stored. Widening a varchar or a numeric's precision is a
 * catalog-only change in PostgreSQL; widening an integer rewrites the table but keeps every value; anything else
 * converts values and may round, truncate or fail.
 */
public enum TypeChange {
    /** Every value fits and PostgreSQL only updates the catalog. */
    LOSSLESS,
    /** Every value fits, but the table is rewritten. */
    LOSSLESS_REWRITE,
    /** Values are converted: narrowing can lose data or fail. */
    CONVERTING;

    private static final Pattern VARCHAR = Pattern.compile("character varying(?:\\((\\d+)\\))?");
    private static final Pattern NUMERIC = Pattern.compile("numeric(?:\\((\\d+),(\\d+)\\))?");
    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");

    public static TypeChange of(String from, String to) {
        Matcher fv = VARCHAR.matcher(from);
        if (fv.matches() || from.equals("text")) {
            if (to.equals("text") || to.equals("character varying")) {
                return LOSSLESS;
            }
            Matcher tv = VARCHAR.matcher(to);
            if (fv.matches() && tv.matches() && fv.group(1) != null && tv.group(1) != null
                    && Integer.parseInt(tv.group(1)) >= Integer.parseInt(fv.group(1))) {
                return LOSSLESS;
            }
            return CONVERTING;
        }
        Matcher fn = NUMERIC.matcher(from);
        Matcher tn = NUMERIC.matcher(to);
        if (fn.matches() && tn.matches()) {
            if (tn.group(1) == null) {
                return LOSSLESS;
            }
            if (fn.group(1) != null && fn.group(2).equals(tn.group(2))
                    && Integer.parseInt(tn.group(1)) >= Integer.parseInt(fn.group(1))) {
                return LOSSLESS;
            }
            return CONVERTING;
        }
        int a = INTEGERS.indexOf(from);
        int b = INTEGERS.indexOf(to);
        if (a >= 0 && b > a || from.equals("real") && to.equals("double precision")) {
            return LOSSLESS_REWRITE;
        }
        return CONVERTING;
    }
}
