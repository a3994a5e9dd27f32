package dev.jpamigrate.cli;

import dev.jpamigrate.desired.EntityScanner;
import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.EntityCompiler;
import dev.jpamigrate.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project that names neither its entity packages nor its class path: the build tool's class directory is the class
 * path, and the packages are those of its mapped classes, read from the class files.
 */
class EntityDiscoveryTest {
    @TempDir
    Path project;

    private void compile(String pkg, String body) {
        EntityCompiler.compile(pkg, body, project.resolve("target/classes"));
    }

    @Test
    void thePackagesAreTheFewestThatCoverEveryMappedClass() {
        compile("shop.model", "@Entity class Customer { @Id Long id; }");
        compile("shop.model.values", "@Embeddable class Money { BigDecimal amount; }");
        compile("shop.billing", "@MappedSuperclass class Audited { Instant createdAt; }");
        compile("shop.service", "class CustomerService { String hello() { return \"hi\"; } }");

        assertThat(EntityScanner.packagesIn(List.of(project.resolve("target/classes"))))
                .containsExactly("shop.billing", "shop.model");
        assertThat(EntityScanner.packagesIn(List.of(project.resolve("nothing-here")))).isEmpty();
    }

    @Test
    void createAndCheckFindTheEntitiesInTargetClasses() throws IOException {
        compile("shop.model", "@Entity @Table(name = \"customers\") class Customer { @Id Long id;"
                + " @Column(length = 80) String name; }");
        compile("shop.service", "class CustomerService { }");
        try (TestPostgres.Db db = TestPostgres.create()) {
            Cli cli = new Cli(project, Map.of());
            Cli.Result created = cli.run("create", "customers", "--url", db.jdbcUrl(), "--verbose");
            assertThat(created.exit()).as("%s", created).isZero();
            assertThat(created.err()).contains("entity packages found in the class directories: shop.model");
            try (Stream<Path> files = Files.list(project.resolve("changelogs"))) {
                Path migration = files.filter(f -> f.toString().endsWith(".sql")).findFirst().orElseThrow();
                assertThat(Files.readString(migration)).contains("CREATE TABLE public.customers");
            }
            assertThat(cli.run("upgrade", "--url", db.jdbcUrl()).exit()).isZero();
            Cli.Result check = cli.run("check", "--url", db.jdbcUrl());
            assertThat(check.exit()).as("%s", check).isZero();
        }
    }

    @Test
    void withNoClassDirectoryItSaysWhatToDo() {
        Cli.Result r = new Cli(project, Map.of()).run("check");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no entity packages: no class directory (target/classes, build/classes/java/main,"
                + " build/classes/kotlin/main) to look in; compile the entities first (mvn compile)");
    }

    @Test
    void withClassesButNoEntityItSaysSo() {
        compile("shop.service", "class CustomerService { }");
        Cli.Result r = new Cli(project, Map.of()).run("check");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no entity packages: no @Entity class in [target/classes]");
    }
}
