package dev.jpamigrate.diff;

import dev.jpamigrate.MigrateException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Two lists of keyed objects matched by key: what only the new list has (adds), what only the old one has (drops),
 * and the pairs that differ (alters). Every entry comes in key order, whatever the order of the lists, so the diff
 * built on it is deterministic. Two objects with one key in a list would be merged silently: that is an error.
 *
 * @param entries adds, drops and alters together, in key order: where changes of different entries land in one phase,
 *                their order is the key order
 */
public record ListDiff<T>(List<Entry<T>> entries) {
    public ListDiff {
        entries = List.copyOf(entries);
    }

    /** One key's outcome: the old object and the new one, null on the side that lacks it. */
    public sealed interface Entry<T> {
        T from();

        T to();
    }

    /** Only the new list has it. */
    public record Added<T>(T to) implements Entry<T> {
        public T from() {
            return null;
        }
    }

    /** Only the old list has it. */
    public record Dropped<T>(T from) implements Entry<T> {
        public T to() {
            return null;
        }
    }

    /** Both lists have it, and {@code differs} said they differ. */
    public record Altered<T>(T from, T to) implements Entry<T> {
    }

    /** Adds, drops and the pairs that are not equal. */
    public static <T, K extends Comparable<? super K>> ListDiff<T> of(List<T> from, List<T> to, Function<T, K> key) {
        return of(from, to, key, (a, b) -> !a.equals(b));
    }

    /** Adds, drops and the pairs for which {@code differs} holds (it may hold for equal ones, to rebuild them). */
    public static <T, K extends Comparable<? super K>> ListDiff<T> of(List<T> from, List<T> to, Function<T, K> key,
                                                                     BiPredicate<T, T> differs) {
        Map<K, T> a = byKey(from, key);
        Map<K, T> b = byKey(to, key);
        TreeSet<K> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<Entry<T>> entries = new ArrayList<>();
        for (K k : keys) {
            T x = a.get(k);
            T y = b.get(k);
            if (x == null) {
                entries.add(new Added<>(y));
            } else if (y == null) {
                entries.add(new Dropped<>(x));
            } else if (differs.test(x, y)) {
                entries.add(new Altered<>(x, y));
            }
        }
        return new ListDiff<>(entries);
    }

    /** What only the new list has, in key order. */
    public List<T> adds() {
        return entries.stream().filter(e -> e instanceof Added<T>).map(e -> ((Added<T>) e).to()).toList();
    }

    /** What only the old list has, in key order. */
    public List<T> drops() {
        return entries.stream().filter(e -> e instanceof Dropped<T>).map(e -> ((Dropped<T>) e).from()).toList();
    }

    /** The pairs that differ, in key order. */
    public List<Altered<T>> alters() {
        return entries.stream().filter(e -> e instanceof Altered<T>).map(e -> (Altered<T>) e).toList();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Objects by key; two with one key would be merged silently, so they are an error. */
    static <T, K extends Comparable<? super K>> Map<K, T> byKey(List<T> objects, Function<T, K> key) {
        Map<K, T> map = new TreeMap<>();
        for (T o : objects) {
            T other = map.putIfAbsent(Objects.requireNonNull(key.apply(o)), o);
            if (other != null) {
                throw new MigrateException("two objects named " + key.apply(o) + " in one schema ("
                        + o.getClass().getSimpleName().toLowerCase(Locale.ROOT)
                        + "s): they cannot be compared by name");
            }
        }
        return map;
    }
}
