package dev.jpamigrate.lifecycle;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.EntityCompiler;
import dev.jpamigrate.testing.TestPostgres;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.Resource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot project whose hand-written Liquibase changelogs (YAML or XML master, nested includes, includeAll,
 * XML changeSets with preconditions and contexts) were applied by stock Liquibase, as Spring Boot applies them at
 * startup, adopts the tool by naming its master in migrate.properties.
 */
class ExistingLiquibaseProjectTest {
    private static final String PKG = "shop.model";

    private static final String V1 = """
            @Entity @Table(name = "customers", indexes = @Index(name = "idx_customers_email", columnList = "email"))
            class Customer {
                @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                @Column(nullable = false, length = 100) String name;
                @Column(length = 255) String email;
                %s
            }

            @Entity @Table(name = "orders")
            class PurchaseOrder {
                @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                @ManyToOne(optional = false)
                @JoinColumn(name = "customer_id", foreignKey = @ForeignKey(name = "fk_orders_customer")) Customer customer;
                @Column(nullable = false, precision = 10, scale = 2) BigDecimal total;
            }

            @Entity @Table(name = "notes")
            class Note {
                @Id Long id;
                @Column(columnDefinition = "text") String body;
            }
            """;
    private static final String PHONE = "@Column(length = 32) String phone;";

    private static final String XML_HEAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd"%s>
            """;

    private static final String CUSTOMERS = """
                <changeSet id="1" author="alice">
                    <createTable tableName="customers">
                        <column name="id" type="bigint" autoIncrement="true">
                            <constraints primaryKey="true" nullable="false"/>
                        </column>
                        <column name="name" type="varchar(100)"><constraints nullable="false"/></column>
                    </createTable>
                </changeSet>
                <changeSet id="2" author="alice">
                    <addColumn tableName="customers"><column name="email" type="varchar(255)"/></addColumn>
                </changeSet>
                <changeSet id="3" author="alice">
                    <createIndex indexName="idx_customers_email" tableName="customers"><column name="email"/></createIndex>
                </changeSet>
            """;

    private static final String ORDERS = """
                <changeSet id="orders-1" author="bob">
                    <createTable tableName="orders">
                        <column name="id" type="bigint" autoIncrement="true">
                            <constraints primaryKey="true" nullable="false"/>
                        </column>
                        <column name="customer_id" type="bigint"><constraints nullable="false"/></column>
                        <column name="total" type="numeric(10,2)"><constraints nullable="false"/></column>
                    </createTable>
                    <addForeignKeyConstraint constraintName="fk_orders_customer" baseTableName="orders"
                            baseColumnNames="customer_id" referencedTableName="customers" referencedColumnNames="id"/>
                </changeSet>
            """;

    private static final String YAML_MASTER = """
            # The shop's schema. Spring Boot: spring.liquibase.change-log=classpath:db/changelog/db.changelog-master.yaml
            databaseChangeLog:
              - include:
                  file: changes/001-init.xml
                  relativeToChangelogFile: true
              - include:
                  file: classpath:db/changelog/changes/002-orders.xml
              - includeAll:
                  path: features/
                  relativeToChangelogFile: true

              # release marker
              - changeSet:
                  id: tag-1.0
                  author: alice
                  changes:
                    - tagDatabase:
                        tag: "1.0"
            """;

    @Test
    void aSpringBootYamlMasterAppliedByStockLiquibaseIsAdoptedAsItIs() throws Exception {
        try (TestPostgres.Db db = TestPostgres.create()) {
            Path work = Files.createTempDirectory("jpa-migrate-boot");
            Path resources = Files.createDirectories(work.resolve("src/main/resources"));
            Path changelog = Files.createDirectories(resources.resolve("db/changelog"));
            Path master = write(changelog.resolve("db.changelog-master.yaml"), YAML_MASTER);
            write(changelog.resolve("changes/001-init.xml"), XML_HEAD.formatted("") + CUSTOMERS + """
                        <changeSet id="4" author="alice">
                            <preConditions onFail="MARK_RAN"><tableExists tableName="legacy_customers"/></preConditions>
                            <sql>insert into customers (name, email) select name, email from legacy_customers</sql>
                        </changeSet>
                        <changeSet id="5" author="alice" context="test">
                            <insert tableName="customers"><column name="name" value="Test Customer"/></insert>
                        </changeSet>
                    </databaseChangeLog>
                    """);
            write(changelog.resolve("changes/002-orders.xml"), XML_HEAD.formatted("") + ORDERS + "</databaseChangeLog>\n");
            write(changelog.resolve("features/010-notes.sql"), """
                    --liquibase formatted sql

                    --changeset carol:notes-1
                    create table notes (id bigint primary key, body text);
                    --rollback drop table notes;
                    """);
            write(work.resolve("migrate.properties"), """
                    entities=shop.model
                    master=src/main/resources/db/changelog/db.changelog-master.yaml
                    contexts=prod
                    """);
            Path v1 = EntityCompiler.compile(PKG, V1.formatted(""), work.resolve("v1"));
            Path v2 = EntityCompiler.compile(PKG, V1.formatted(PHONE), work.resolve("v2"));

            springBootUpdate(db, resources, "classpath:db/changelog/db.changelog-master.yaml", "prod");
            assertThat(rows(db, "select filename || '::' || id || '::' || exectype from databasechangelog order by orderexecuted"))
                    .as("what Spring Boot records: paths below the class path; the test context left out")
                    .containsExactly(
                            "db/changelog/changes/001-init.xml::1::EXECUTED",
                            "db/changelog/changes/001-init.xml::2::EXECUTED",
                            "db/changelog/changes/001-init.xml::3::EXECUTED",
                            "db/changelog/changes/001-init.xml::4::MARK_RAN",
                            "db/changelog/changes/002-orders.xml::orders-1::EXECUTED",
                            "db/changelog/features/010-notes.sql::notes-1::EXECUTED",
                            "db/changelog/db.changelog-master.yaml::tag-1.0::EXECUTED");
            // Liquibase 3 (Spring Boot 1 and 2) recorded the prefix too; Liquibase still counts such rows as run
            db.execute("update databasechangelog set filename = 'classpath:db/changelog/changes/002-orders.xml'"
                    + " where id = 'orders-1'", "update databasechangelog set filename ="
                    + " 'classpath:/db/changelog/db.changelog-master.yaml' where id = 'tag-1.0'");
            assertThat(unrunBySpringBoot(db, resources, "classpath:db/changelog/db.changelog-master.yaml", "prod")).isEmpty();

            Cli cli = new Cli(work, Map.of());
            Cli.Result check = cli.run("check", "--url", db.jdbcUrl(), "--classpath", v1.toString(), "--format", "json");
            assertThat(check.exit()).as("entities, changelogs and database agree\n%s", check).isZero();
            JsonObject report = JsonParser.parseString(check.out()).getAsJsonObject();
            assertThat(report.getAsJsonArray("integrity")).as("no changeSet is 'removed': each row pairs with its changeSet")
                    .isEmpty();

            Cli.Result testContext = cli.run("check", "--url", db.jdbcUrl(), "--classpath", v1.toString(), "--format",
                    "json", "--contexts", "test");
            assertThat(testContext.exit()).as("%s", testContext).isEqualTo(1);
            JsonArray pending = JsonParser.parseString(testContext.out()).getAsJsonObject()
                    .getAsJsonObject("databaseDrift").getAsJsonArray("pending");
            assertThat(pending).as("only the changeSet of the test context, which Spring Boot ran without").hasSize(1);
            assertThat(pending.get(0).getAsJsonObject().get("file").getAsString())
                    .isEqualTo("db/changelog/changes/001-init.xml");
            assertThat(pending.get(0).getAsJsonObject().get("id").getAsString()).isEqualTo("5");

            assertThat(cli.run("current", "--url", db.jdbcUrl()).out()).isEqualTo("db.changelog-master (head)\n");
            Cli.Result history = cli.run("history", "--url", db.jdbcUrl());
            assertThat(history.out().lines().map(l -> l.split("\\s+")[0] + " " + (l.contains(" applied ") ? "applied" : "?")))
                    .as("%s", history)
                    .containsExactly("changes/001-init applied", "changes/002-orders applied", "features/010-notes applied",
                            "db.changelog-master applied");

            String masterBefore = Files.readString(master);
            Cli.Result created = cli.run("create", "add phone", "--url", db.jdbcUrl(), "--classpath", v2.toString());
            assertThat(created.exit()).as("%s", created).isZero();
            List<Path> sql = newSqlFiles(changelog);
            assertThat(sql).as("one migration, next to the master").hasSize(1);
            String file = sql.get(0).getFileName().toString();
            assertThat(Files.readString(sql.get(0))).contains("ALTER TABLE public.customers ADD COLUMN phone character varying(32);");
            assertThat(Files.readString(master)).as("one entry appended to databaseChangeLog, the rest untouched")
                    .isEqualTo(masterBefore + "  - include: {file: " + file + ", relativeToChangelogFile: true}\n");

            Cli.Result up = cli.run("upgrade", "--url", db.jdbcUrl());
            assertThat(up.exit()).as("%s", up).isZero();
            assertThat(up.out()).contains("Running upgrade db.changelog-master -> " + file.substring(0, 20) + ", add phone");
            assertThat(unrunBySpringBoot(db, resources, "classpath:db/changelog/db.changelog-master.yaml", "prod"))
                    .as("stock Liquibase sees the database as up to date").isEmpty();
            assertThat(cli.run("check", "--url", db.jdbcUrl(), "--classpath", v2.toString()).exit()).isZero();

            Cli.Result down = cli.run("downgrade", "--url", db.jdbcUrl());
            assertThat(down.exit()).as("%s", down).isZero();
            Cli.Result down3 = cli.run("downgrade", "3", "--url", db.jdbcUrl());
            assertThat(down3.exit()).as("XML and SQL changeSets with rollbacks Liquibase derives or is given\n%s", down3)
                    .isZero();
            assertThat(tables(db)).containsExactly("customers", "databasechangelog", "databasechangeloglock");

            List<String> before = rows(db, "select id || ':' || exectype from databasechangelog order by orderexecuted");
            Cli.Result refused = cli.run("downgrade", "--url", db.jdbcUrl());
            assertThat(refused.exit()).as("%s", refused).isEqualTo(2);
            assertThat(refused.err()).isEqualTo("error: cannot downgrade changes/001-init: its changeSet alice:4"
                    + " (db/changelog/changes/001-init.xml) has no rollback and Liquibase cannot invert sql; add a"
                    + " rollback to it (<rollback> in XML, rollback: in YAML, --rollback in SQL); nothing was changed\n");
            assertThat(rows(db, "select id || ':' || exectype from databasechangelog order by orderexecuted"))
                    .as("nothing was reverted").isEqualTo(before);
            assertThat(tables(db)).contains("customers");
        }
    }

    @Test
    void anXmlMasterWithNestedIncludesAndAnIncludeAllOfTheNewMigrations() throws Exception {
        try (TestPostgres.Db db = TestPostgres.create()) {
            Path work = Files.createTempDirectory("jpa-migrate-boot");
            Path resources = Files.createDirectories(work.resolve("src/main/resources"));
            Path changelog = Files.createDirectories(resources.resolve("db/changelog"));
            Path master = write(changelog.resolve("db.changelog-master.xml"), XML_HEAD.formatted("") + """
                        <include file="db/changelog/release-1.0.xml"/>
                        <includeAll path="generated/" relativeToChangelogFile="true" errorIfMissingOrEmpty="false"/>
                    </databaseChangeLog>
                    """);
            Path release = write(changelog.resolve("release-1.0.xml"), XML_HEAD.formatted("") + """
                        <include file="1.0/customers.xml" relativeToChangelogFile="true"/>
                        <include file="1.0/orders.xml" relativeToChangelogFile="true"/>
                    </databaseChangeLog>
                    """);
            Path customers = write(changelog.resolve("1.0/customers.xml"),
                    XML_HEAD.formatted(" logicalFilePath=\"customers-v1\"") + CUSTOMERS + "</databaseChangeLog>\n");
            write(changelog.resolve("1.0/orders.xml"), XML_HEAD.formatted("") + ORDERS + """
                        <changeSet id="notes-1" author="carol">
                            <createTable tableName="notes">
                                <column name="id" type="bigint"><constraints primaryKey="true" nullable="false"/></column>
                                <column name="body" type="text"/>
                            </createTable>
                        </changeSet>
                    </databaseChangeLog>
                    """);
            write(work.resolve("migrate.properties"), """
                    entities=shop.model
                    master=src/main/resources/db/changelog/db.changelog-master.xml
                    changelogs=src/main/resources/db/changelog/generated
                    """);
            Path v1 = EntityCompiler.compile(PKG, V1.formatted(""), work.resolve("v1"));
            Path v2 = EntityCompiler.compile(PKG, V1.formatted(PHONE), work.resolve("v2"));
            springBootUpdate(db, resources, "db/changelog/db.changelog-master.xml", null);

            Cli cli = new Cli(work, Map.of());
            Cli.Result check = cli.run("check", "--url", db.jdbcUrl(), "--classpath", v1.toString());
            assertThat(check.exit()).as("%s", check).isZero();
            Cli.Result history = cli.run("history", "--url", db.jdbcUrl());
            assertThat(history.out().lines().map(l -> l.split("\\s+")[0])).as("%s", history)
                    .containsExactly("customers-v1", "1.0/orders");

            String masterBefore = Files.readString(master);
            String releaseBefore = Files.readString(release);
            Cli.Result created = cli.run("create", "add phone", "--url", db.jdbcUrl(), "--classpath", v2.toString());
            assertThat(created.exit()).as("%s", created).isZero();
            assertThat(newSqlFiles(changelog.resolve("generated"))).as("the migration goes to changelogs=").hasSize(1);
            assertThat(Files.readString(master)).as("the includeAll picks it up: nothing to add").isEqualTo(masterBefore);
            assertThat(Files.readString(release)).isEqualTo(releaseBefore);

            Cli.Result up = cli.run("upgrade", "--url", db.jdbcUrl());
            assertThat(up.exit()).as("%s", up).isZero();
            assertThat(unrunBySpringBoot(db, resources, "db/changelog/db.changelog-master.xml", null)).isEmpty();
            assertThat(cli.run("current", "--url", db.jdbcUrl()).out()).endsWith("(head)\n").startsWith("2026");
            assertThat(cli.run("check", "--url", db.jdbcUrl(), "--classpath", v2.toString()).exit()).isZero();

            // A changeSet that really is gone is the one integrity problem.
            Files.writeString(customers, Files.readString(customers).replaceAll("(?s)\\s*<changeSet id=\"3\".*?</changeSet>", ""));
            Cli.Result gone = cli.run("check", "--url", db.jdbcUrl(), "--classpath", v2.toString(), "--format", "json");
            JsonArray integrity = JsonParser.parseString(gone.out()).getAsJsonObject().getAsJsonArray("integrity");
            assertThat(integrity).as("%s", gone).hasSize(1);
            JsonObject problem = integrity.get(0).getAsJsonObject();
            assertThat(problem.get("kind").getAsString()).isEqualTo("CHANGESET_REMOVED");
            assertThat(problem.get("message").getAsString()).startsWith("customers-v1: changeSet(s) 3 ran on this database");
        }
    }

    /** What Spring Boot does at startup: stock Liquibase, the master from the class path, the given contexts. */
    private static void springBootUpdate(TestPostgres.Db db, Path resources, String master, String contexts)
            throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[]{resources.toUri().toURL()}, null);
             Connection c = db.connect()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            new Liquibase(master, new SpringLikeResources(loader), database)
                    .update(contexts == null ? new Contexts() : new Contexts(contexts), new LabelExpression());
        }
    }

    private static List<?> unrunBySpringBoot(TestPostgres.Db db, Path resources, String master, String contexts)
            throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[]{resources.toUri().toURL()}, null);
             Connection c = db.connect()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            return new Liquibase(master, new SpringLikeResources(loader), database)
                    .listUnrunChangeSets(contexts == null ? new Contexts() : new Contexts(contexts), new LabelExpression());
        }
    }

    /**
     * The class path as Spring's resource loader reads it, which Spring Boot hands Liquibase: a {@code classpath:}
     * prefix names the class path. Liquibase's own class-loader accessor does not know the prefix.
     */
    private static final class SpringLikeResources extends ClassLoaderResourceAccessor {
        SpringLikeResources(ClassLoader loader) {
            super(loader);
        }

        private static String strip(String path) {
            return path.replaceFirst("^classpath\\*?:/*", "");
        }

        @Override
        public List<Resource> getAll(String path) throws IOException {
            return super.getAll(strip(path));
        }

        @Override
        public List<Resource> search(String path, SearchOptions options) throws IOException {
            return super.search(strip(path), options);
        }

        @Override
        public List<Resource> search(String path, boolean recursive) throws IOException {
            return super.search(strip(path), recursive);
        }
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static List<Path> newSqlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("\\d{8}_\\d{4}-[0-9a-f]{6}_.*\\.sql")).toList();
        }
    }

    private static List<String> tables(TestPostgres.Db db) throws Exception {
        return rows(db, "select tablename from pg_tables where schemaname = 'public' order by 1");
    }

    private static List<String> rows(TestPostgres.Db db, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
