package dev.jpamigrate.db;

import dev.jpamigrate.MigrateException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.function.Consumer;

/**
 * A PostgreSQL in a Docker container started for one run (--dev-db), through Testcontainers. Only {@link #start}
 * names a Testcontainers class, and the engine calls it only for --dev-db: a run without it loads none of them.
 */
public final class ContainerServer implements Server {
    private final String image;
    private final PostgreSQLContainer<?> container;
    private final RemoteServer server;
    private Cleanup.Entry entry;

    private ContainerServer(String image, PostgreSQLContainer<?> container, RemoteServer server) {
        this.image = image;
        this.container = container;
        this.server = server;
    }

    /** Starts a container of {@code image}; without a reachable Docker engine, one line (exit 2). */
    public static Server start(String image, Cleanup cleanup, Consumer<String> log) {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            log.accept("Testcontainers found no Docker engine: " + e);
            docker = false;
        }
        if (!docker) {
            throw new MigrateException(noDocker(image));
        }
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(
                DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))
                // durability is worthless for a throwaway server, as for the embedded one
                .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
        Cleanup.Entry entry = cleanup.add("the PostgreSQL container of " + image, container::stop);
        long start = System.nanoTime();
        try {
            container.start();
        } catch (RuntimeException e) {
            entry.close();
            throw new MigrateException("cannot start a PostgreSQL container of " + image + ": " + e.getMessage()
                    + ". Check the image name, or pass --url to use a running server", e);
        }
        log.accept(String.format("container %s of %s started on %s:%d in %d ms", container.getContainerId(), image,
                container.getHost(), container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                (System.nanoTime() - start) / 1_000_000));
        DbUrl url = DbUrl.parse("postgresql://" + encode(container.getUsername()) + ":"
                + encode(container.getPassword()) + "@" + container.getHost() + ":"
                + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/" + container.getDatabaseName());
        ContainerServer server = new ContainerServer(image, container, new RemoteServer(url));
        server.entry = entry;
        return server;
    }

    /** The line for --dev-db where Docker is not reachable. */
    static String noDocker(String image) {
        return "--dev-db: no Docker engine is reachable to run " + image + " (start Docker, or set DOCKER_HOST); drop"
                + " --dev-db for the embedded PostgreSQL, or pass --url to use a running server";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public Connection connect(String database) {
        return server.connect(database);
    }

    @Override
    public String database() {
        return server.database();
    }

    @Override
    public ScratchDatabase createScratch(Cleanup cleanup) {
        // a fresh container has no scratch databases of killed runs to sweep
        return ScratchDatabase.create(this, server.database(), cleanup, false);
    }

    @Override
    public boolean embedded() {
        return false;
    }

    @Override
    public void close() {
        entry.close();
    }

    @Override
    public String toString() {
        return "the PostgreSQL container of " + image;
    }
}
