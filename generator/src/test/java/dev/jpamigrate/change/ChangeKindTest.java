package dev.jpamigrate.change;

import dev.jpamigrate.testing.Golden;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kinds of change, as the JSON report names them, are part of its public format (version 1): pinned in a golden
 * file, one per kind, each a fixed string that a renamed record does not change. Pure.
 */
class ChangeKindTest {
    @Test
    void everyKindHasOneStableNameAndTheListIsPinned() {
        List<Change> samples = ChangeInverseTest.oneOfEachKind();
        Map<String, Class<?>> kinds = new TreeMap<>();
        for (Change c : samples) {
            Class<?> other = kinds.putIfAbsent(c.kind(), c.getClass());
            assertThat(other == null || other == c.getClass()).as("%s and %s share the kind %s", other, c.getClass(),
                    c.kind()).isTrue();
            assertThat(c.inverse().inverse().kind()).as("a change's kind does not depend on its values").isEqualTo(c.kind());
        }
        assertThat(kinds).as("one kind per class of change").hasSize(Change.class.getPermittedSubclasses().length);

        Golden.assertMatches("change_kinds.txt", String.join("\n", kinds.keySet()) + "\n");
    }
}
