package dev.jpamigrate.util;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** A failure and its causes, walked once for every layer that looks for something in them. */
public final class Causes {
    private Causes() {
    }

    /** The failure, then its cause, and so on; a cause that is its own (or an earlier one) ends the chain. */
    public static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** The first in the chain that matches. */
    public static Optional<Throwable> first(Throwable failure, Predicate<Throwable> test) {
        return chain(failure).stream().filter(test).findFirst();
    }

    /** The first in the chain of that type. */
    public static <T extends Throwable> Optional<T> first(Throwable failure, Class<T> type) {
        return chain(failure).stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
