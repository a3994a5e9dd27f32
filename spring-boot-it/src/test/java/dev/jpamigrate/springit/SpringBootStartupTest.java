package dev.jpamigrate.springit;

import dev.jpamigrate.cli.MigrateCommand;
import dev.jpamigrate.db.Connections;
import dev.jpamigrate.db.DbUrl;
import dev.jpamigrate.springit.model.Customer;
import dev.jpamigrate.springit.model.PurchaseOrder;
import dev.jpamigrate.springit.model.ProductTag;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tool writes the migrations of a Spring Boot project from its application.yml (master, naming, a Hibernate
 * setting, the datasource); then the application itself starts on that same application.yml, and Spring Boot's
 * Liquibase applies the SQL changelogs through the YAML master, and its Hibernate validates the entities against the
 * result ({@code ddl-auto=validate}) and persists them. Afterwards the tool's check finds the database at head and
 * matching the entities.
 */
class SpringBootStartupTest {
    private static final DbUrl SERVER = DbUrl.parse(System.getenv().getOrDefault("MIGRATE_TEST_PG",
            "postgresql://postgres@127.0.0.1:5432/postgres"));
    private static final String APPLICATION_YML = """
            spring:
              main:
                banner-mode: "off"
                web-application-type: none
              datasource:
                url: ${IT_DB_URL}
                username: ${IT_DB_USER:postgres}
              liquibase:
                change-log: classpath:db/changelog/db.changelog-master.yaml
              jpa:
                open-in-view: false
                hibernate:
                  ddl-auto: validate
                  naming:
                    physical-strategy: org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy
                    implicit-strategy: org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy
                properties:
                  hibernate:
                    type.preferred_instant_jdbc_type: TIMESTAMP
            logging.level:
              root: WARN
            """;

    @TempDir
    Path work;
    private DbUrl db;

    @BeforeEach
    void database() throws IOException {
        db = SERVER.withDatabase("jpamigrate_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        execute(SERVER, "CREATE DATABASE " + db.database());
        Path resources = Files.createDirectories(work.resolve("src/main/resources"));
        Files.writeString(resources.resolve("application.yml"), APPLICATION_YML);
        Files.writeString(work.resolve("migrate.properties"), "entities=" + Customer.class.getPackageName() + "\n");
    }

    @AfterEach
    void drop() {
        execute(SERVER, "DROP DATABASE IF EXISTS " + db.database() + " WITH (FORCE)");
    }

    @Test
    void springBootRunsAndValidatesWhatTheToolWrites() throws Exception {
        Map<String, String> env = Map.of("IT_DB_URL", db.jdbcUrl(), "IT_DB_USER", db.user());
        Run created = migrate(env, "create", "initial schema", "--url", "spring");
        assertThat(created.exit).as(created.toString()).isZero();
        Path changelog = work.resolve("src/main/resources/db/changelog");
        List<Path> sql;
        try (Stream<Path> files = Files.list(changelog)) {
            sql = files.filter(f -> f.toString().endsWith(".sql")).toList();
        }
        assertThat(sql).hasSize(1);
        assertThat(Files.readString(sql.get(0))).as("Spring Boot's naming, read from application.yml")
                .contains("CREATE TABLE public.purchase_order_product_tags (")
                .contains("display_name character varying(120) NOT NULL")
                .contains("created_at timestamp(6) without time zone");
        assertThat(Files.readString(changelog.resolve("db.changelog-master.yaml"))).contains(sql.get(0).getFileName().toString());

        // The application, on the project's resources as its class path: Spring Boot reads the same application.yml
        try (URLClassLoader resources = new URLClassLoader(new URL[]{work.resolve("src/main/resources").toUri().toURL()},
                getClass().getClassLoader());
             ConfigurableApplicationContext app = new SpringApplicationBuilder(BootApplication.class)
                     .resourceLoader(new DefaultResourceLoader(resources))
                     .properties(Map.of("IT_DB_URL", db.jdbcUrl(), "IT_DB_USER", db.user()))
                     .run()) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            Integer changeSets = jdbc.queryForObject("SELECT count(*) FROM databasechangelog", Integer.class);
            assertThat(changeSets).as("Spring Boot's Liquibase ran every changeSet of the SQL changelog")
                    .isEqualTo(countChangeSets(sql.get(0)));

            EntityManagerFactory emf = app.getBean(EntityManagerFactory.class);
            EntityManager em = emf.createEntityManager();
            em.getTransaction().begin();
            Customer customer = new Customer();
            customer.displayName = "Ada";
            customer.emailAddress = "ada@example.com";
            customer.createdAt = Instant.parse("2026-12-01T10:00:00Z");
            customer.loyaltyTier = Customer.Tier.GOLD;
            em.persist(customer);
            ProductTag tag = new ProductTag();
            tag.tagLabel = "books";
            em.persist(tag);
            PurchaseOrder order = new PurchaseOrder();
            order.placedBy = customer;
            order.orderTotal = new BigDecimal("12.50");
            order.placedOn = LocalDate.parse("2026-12-01");
            order.productTags.add(tag);
            em.persist(order);
            em.getTransaction().commit();
            em.close();
            assertThat(jdbc.queryForObject("SELECT c.loyalty_tier || ' ' || o.order_total || ' ' || t.tag_label"
                    + " FROM purchase_order o JOIN customer c ON c.id = o.placed_by_id"
                    + " JOIN purchase_order_product_tags j ON j.purchase_order_id = o.id"
                    + " JOIN product_tag t ON t.id = j.product_tags_id", String.class)).isEqualTo("GOLD 12.50 books");
        }

        Run check = migrate(env, "check", "--url", "spring");
        assertThat(check.exit).as("the database Spring Boot migrated is at head and matches: " + check).isZero();
    }

    private static int countChangeSets(Path file) throws IOException {
        return (int) Files.readAllLines(file).stream().filter(l -> l.startsWith("-- changeset ")).count();
    }

    private record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Run migrate(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = MigrateCommand.commandLine(env, work);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static void execute(DbUrl url, String sql) {
        try (Connection c = Connections.open(url); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
