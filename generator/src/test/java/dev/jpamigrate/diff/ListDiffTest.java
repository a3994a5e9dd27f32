package dev.jpamigrate.diff;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.diff.ListDiff.Added;
import dev.jpamigrate.diff.ListDiff.Altered;
import dev.jpamigrate.diff.ListDiff.Dropped;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one list diff every per-kind diff is built on. Pure. */
class ListDiffTest {
    /** A keyed object: the key is the name. */
    record Thing(String name, int value) {
    }

    @Test
    void addsDropsAndAltersComeInKeyOrderWhateverTheListOrder() {
        List<Thing> from = List.of(new Thing("d", 1), new Thing("b", 1), new Thing("a", 1), new Thing("c", 1));
        List<Thing> to = List.of(new Thing("e", 1), new Thing("c", 2), new Thing("a", 1), new Thing("b", 2));

        ListDiff<Thing> diff = ListDiff.of(from, to, Thing::name);

        assertThat(diff.entries()).as("a is unchanged and left out").containsExactly(
                new Altered<>(new Thing("b", 1), new Thing("b", 2)),
                new Altered<>(new Thing("c", 1), new Thing("c", 2)),
                new Dropped<>(new Thing("d", 1)),
                new Added<>(new Thing("e", 1)));
        assertThat(diff.adds()).containsExactly(new Thing("e", 1));
        assertThat(diff.drops()).containsExactly(new Thing("d", 1));
        assertThat(diff.alters()).extracting(Altered::to).containsExactly(new Thing("b", 2), new Thing("c", 2));
    }

    @Test
    void aPredicateCanAlterEqualPairsAndPassOverUnequalOnes() {
        List<Thing> from = List.of(new Thing("a", 1), new Thing("b", 1));
        List<Thing> to = List.of(new Thing("a", 1), new Thing("b", 2));

        ListDiff<Thing> diff = ListDiff.of(from, to, Thing::name, (x, y) -> x.name().equals("a"));

        assertThat(diff.entries()).containsExactly(new Altered<>(new Thing("a", 1), new Thing("a", 1)));
    }

    @Test
    void equalListsGiveNothing() {
        List<Thing> things = List.of(new Thing("a", 1), new Thing("b", 2));
        assertThat(ListDiff.of(things, things, Thing::name).isEmpty()).isTrue();
        assertThat(ListDiff.of(List.<Thing>of(), List.<Thing>of(), Thing::name).isEmpty()).isTrue();
    }

    @Test
    void twoObjectsWithOneKeyAreAnErrorOnEitherSide() {
        List<Thing> twice = List.of(new Thing("a", 1), new Thing("a", 2));
        assertThatThrownBy(() -> ListDiff.of(twice, List.of(), Thing::name)).isInstanceOf(MigrateException.class)
                .hasMessage("two objects named a in one schema (things): they cannot be compared by name");
        assertThatThrownBy(() -> ListDiff.of(List.of(), twice, Thing::name)).isInstanceOf(MigrateException.class)
                .hasMessage("two objects named a in one schema (things): they cannot be compared by name");
    }
}
