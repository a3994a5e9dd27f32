package dev.jpamigrate.engine;

import dev.jpamigrate.MigrateException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Work done on a background thread fails with its own error, not a CompletionException around it. */
class EngineJoinTest {
    @Test
    void anErrorComesOutAsItself() {
        CompletableFuture<Object> failed = CompletableFuture.supplyAsync(() -> {
            throw new NoClassDefFoundError("com/acme/base/Address");
        });
        assertThatThrownBy(() -> Engine.join(failed)).isExactlyInstanceOf(NoClassDefFoundError.class)
                .hasMessage("com/acme/base/Address");
    }

    @Test
    void anExceptionComesOutAsItself() {
        CompletableFuture<Object> failed = CompletableFuture.supplyAsync(() -> {
            throw new MigrateException("no entities");
        });
        assertThatThrownBy(() -> Engine.join(failed)).isExactlyInstanceOf(MigrateException.class)
                .hasMessage("no entities");
    }
}
