package dev.jpamigrate.cache;

import dev.jpamigrate.run.Listed;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Results computed before, by the fingerprint of everything they were computed from: the head of the changelogs, the
 * schema the entities want, and the changelogs' changeSets as history reads them. A cache is never a source of wrong
 * answers: its key covers every input, an entry that cannot be read is ignored and removed, and entries are written
 * under a temporary name and renamed into place.
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
        return read(key, "dev.jpamigrate.schema.*", Schema.class::cast);
    }

    /** The changeSets of the changelogs as a run that parsed them listed them ({@link Listed#completed}). */
    public Optional<List<Listed>> listing(String key) {
        return read(key, "dev.jpamigrate.run.Listed", object -> {
            List<Listed> listing = new ArrayList<>();
            for (Object o : (List<?>) object) {
                Listed listed = (Listed) o;
                if (!listed.complete()) {
                    throw new ClassCastException("a listing without its checksums");
                }
                listing.add(listed);
            }
            return List.copyOf(listing);
        });
    }

    private <T> Optional<T> read(String key, String types, Function<Object, T> cast) {
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        Path file = dir.get().resolve(key + ".bin");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file));
             ObjectInputStream objects = new ObjectInputStream(in)) {
            // only the model's own types, and the JDK's immutable collections they are built of
            objects.setObjectInputFilter(ObjectInputFilter.Config.createFilter(
                    types + ";java.util.*;java.lang.*;!*"));
            T value = cast.apply(objects.readObject());
            log.accept("cache hit " + file.getFileName());
            return Optional.of(value);
        } catch (IOException | ClassNotFoundException | ClassCastException | IllegalArgumentException
                 | NullPointerException e) {
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
        write(key, schema);
    }

    /** A listing with every checksum computed ({@link Listed#completed}). */
    public void putListing(String key, List<Listed> listing) {
        write(key, new ArrayList<>(listing));
    }

    private void write(String key, java.io.Serializable value) {
        if (dir.isEmpty()) {
            return;
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir.get());
            tmp = dir.get().resolve(key + "." + UUID.randomUUID() + ".tmp");
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp));
                 ObjectOutputStream objects = new ObjectOutputStream(out)) {
                objects.writeObject(value);
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
