package dev.jpamigrate.util;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** The one walk of a cause chain. Pure. */
class CausesTest {
    @Test
    void theChainRunsFromTheFailureToItsRootAndEndsOnACycle() {
        SQLException root = new SQLException("root");
        IllegalStateException middle = new IllegalStateException("middle", root);
        RuntimeException top = new RuntimeException("top", middle);
        assertThat(Causes.chain(top)).containsExactly(top, middle, root);

        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b); // a cycle of two: Throwable refuses only a cause that is itself
        assertThat(Causes.chain(b)).containsExactly(b, a);
        assertThat(Causes.chain(null)).isEmpty();
    }

    @Test
    void firstFindsByTypeOrTest() {
        IOException io = new IOException("disk");
        RuntimeException top = new RuntimeException("top", new UncheckedIOException(io));
        assertThat(Causes.first(top, IOException.class)).containsSame(io);
        assertThat(Causes.first(top, SQLException.class)).isEmpty();
        assertThat(Causes.first(top, t -> "disk".equals(t.getMessage()))).containsSame(io);
    }
}
