package dev.jpamigrate.cache;

import dev.jpamigrate.schema.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Schemas computed before, by the fingerprint of everything they were computed from: the head of the changelogs, and
 * the schema the entities want. A cache is never a source of wrong answers: its key covers every input, an entry
 * that cannot be read is ignored and removed, and entries are written under a temporary name and renamed into place.
 */
public final class SchemaCache {
    private final Optional<Path> dir;
    private final Consumer<String> log;

    private SchemaCache(Optional<Path> dir, Consumer<String> log) {
        this.dir = dir;
        this.log = log;
    }

    /** A cache in {@code dir}; empty means no cache (--no-cache, or MIGRATE_CACHE_DIR=off). */
    public static SchemaCache in(Optional<Path> dir, Consumer<String> log) {
        return new SchemaCache(dir.map(d -> d.resolve("schemas")), log);
    }

    public static SchemaCache none() {
        return new SchemaCache(Optional.empty(), line -> { });
    }

    public Optional<Schema> get(String key) {
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        Path file = dir.get().resolve(key + ".bin");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file); ObjectInputStream objects = new ObjectInputStream(in)) {
            // only the schema model's own types, and the JDK's immutable lists they are built of
            objects.setObjectInputFilter(ObjectInputFilter.Config.createFilter(
                    "dev.jpamigrate.schema.*;java.util.*;java.lang.*;!*"));
            Schema schema = (Schema) objects.readObject();
            log.accept("cache hit " + file.getFileName());
            return Optional.of(schema);
        } catch (IOException | ClassNotFoundException | ClassCastException | IllegalArgumentException e) {
            log.accept("cache entry " + file + " unreadable (" + e + "); ignored");
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // it is ignored either way
            }
            return Optional.empty();
        }
    }

    public void put(String key, Schema schema) {
        if (dir.isEmpty()) {
            return;
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir.get());
            tmp = dir.get().resolve(key + "." + UUID.randomUUID() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp); ObjectOutputStream objects = new ObjectOutputStream(out)) {
                objects.writeObject(schema);
            }
            Files.move(tmp, dir.get().resolve(key + ".bin"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            log.accept("cannot write the cache entry " + key + " (" + e.getMessage() + "); going on without it");
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file is ignored by get
                }
            }
        }
    }
}
