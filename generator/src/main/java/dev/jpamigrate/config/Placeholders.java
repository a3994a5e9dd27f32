package dev.jpamigrate.config;

import dev.jpamigrate.MigrateException;

import java.util.Optional;
import java.util.function.Function;

/**
 * Spring's {@code ${NAME}} and {@code ${NAME:default}} placeholders: the name's value, else the default (itself
 * resolved), else a failure. A value found is resolved in turn, as Spring does; a cycle is a failure too.
 */
final class Placeholders {
    private static final int MAX_DEPTH = 32;

    private Placeholders() {
    }

    static String resolve(String text, Function<String, Optional<String>> lookup,
                          Function<String, MigrateException> missing) {
        return resolve(text, lookup, missing, 0);
    }

    private static String resolve(String text, Function<String, Optional<String>> lookup,
                                  Function<String, MigrateException> missing, int depth) {
        if (depth > MAX_DEPTH) {
            throw new MigrateException("placeholders nest too deep (a cycle?) in '" + text + "'");
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, start);
            int end = matchingBrace(text, start + 2);
            if (end < 0) {
                out.append(text, start, text.length()); // no closing brace: Spring leaves it as written
                break;
            }
            String body = text.substring(start + 2, end);
            int colon = defaultSeparator(body);
            String name = (colon < 0 ? body : body.substring(0, colon)).trim();
            Optional<String> value = lookup.apply(name);
            if (value.isPresent()) {
                out.append(resolve(value.get(), lookup, missing, depth + 1));
            } else if (colon >= 0) {
                out.append(resolve(body.substring(colon + 1), lookup, missing, depth + 1));
            } else {
                throw missing.apply(name);
            }
            i = end + 1;
        }
        return out.toString();
    }

    /** The index of the '}' that closes a placeholder whose body starts at {@code from}, counting nested ones. */
    private static int matchingBrace(String text, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            if (text.startsWith("${", i)) {
                depth++;
                i++;
            } else if (text.charAt(i) == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    /** The first ':' of the body outside a nested placeholder. */
    private static int defaultSeparator(String body) {
        int depth = 0;
        for (int i = 0; i < body.length(); i++) {
            if (body.startsWith("${", i)) {
                depth++;
                i++;
            } else if (body.charAt(i) == '}') {
                depth--;
            } else if (body.charAt(i) == ':' && depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
