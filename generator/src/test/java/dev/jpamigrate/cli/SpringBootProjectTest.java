package dev.jpamigrate.cli;

import dev.jpamigrate.testing.Cli;
import dev.jpamigrate.testing.EntityCompiler;
import dev.jpamigrate.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * A Spring Boot project whose application.yml names the master changelog, the naming, a Hibernate setting and the
 * database: the commands use them without any of them in migrate.properties or on the command line.
 */
class SpringBootProjectTest {
    private static final String PKG = "com.example.boot";
    private static final String ENTITIES = """
            @Entity
            class TeamMember {
                @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                String displayName;
                Instant joinedAt;
            }
            @Entity
            class WorkGroup {
                @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
                @ManyToMany Set<TeamMember> teamMembers;
            }
            """;
    private static final String APPLICATION_YML = """
            server:
              port: 8081
            spring:
              datasource:
                url: ${APP_DB_URL}
                username: ${APP_DB_USER:postgres}
              liquibase:
                changeLog: classpath:db/changelog/db.changelog-master.yaml
              jpa:
                hibernate:
                  ddl-auto: validate
                  naming:
                    physical-strategy: org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy
                properties:
                  hibernate.type.preferred_instant_jdbc_type: TIMESTAMP
            ---
            spring:
              config.activate.on-profile: test
              liquibase.change-log: classpath:db/test-master.yaml
            """;

    @TempDir
    Path work;
    private TestPostgres.Db db;
    private Cli cli;

    @BeforeEach
    void project() throws IOException {
        db = TestPostgres.create();
        EntityCompiler.compile(PKG, ENTITIES, work.resolve("target/classes"));
        Files.writeString(work.resolve("migrate.properties"), "entities=" + PKG + "\nclasspath=target/classes\n");
        Path resources = Files.createDirectories(work.resolve("src/main/resources"));
        Files.writeString(resources.resolve("application.yml"), APPLICATION_YML);
        cli = new Cli(work, Map.of("APP_DB_URL", db.url().jdbcUrl()));
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void masterNamingSettingsAndDatabaseComeFromApplicationYml() throws IOException {
        Cli.Result created = cli.run("create", "init", "--url", "spring");
        assertThat(created.exit()).as(created.toString()).isZero();
        String heading = "settings: migrate.properties, src/main/resources/application.yml (spring.liquibase.change-log,"
                + " spring.datasource.*, spring.jpa.hibernate.naming.*, spring.jpa.properties.*); database: "
                + db.url() + " (from --url: spring.datasource.*)";
        assertThat(created.err().lines().toList()).as("the heading says where the run goes and where its settings came from")
                .containsExactly(heading);

        Path changelog = work.resolve("src/main/resources/db/changelog");
        List<Path> sql;
        try (Stream<Path> files = Files.list(changelog)) {
            sql = files.filter(f -> f.toString().endsWith(".sql")).toList();
        }
        assertThat(sql).as("the new migration goes next to the master spring.liquibase.change-log names").hasSize(1);
        String migration = Files.readString(sql.get(0));
        assertThat(migration).as("Spring Boot's naming, both strategies, and the instant type of spring.jpa.properties")
                .contains("CREATE TABLE public.team_member (")
                .contains("display_name character varying(255)")
                .contains("joined_at timestamp(6) without time zone")
                .contains("CREATE TABLE public.work_group_team_members (")
                .contains("team_members_id bigint NOT NULL");
        assertThat(Files.readString(changelog.resolve("db.changelog-master.yaml")))
                .contains("- include: {file: " + sql.get(0).getFileName() + ", relativeToChangelogFile: true}");

        assertThat(cli.run("upgrade", "--url", "spring").exit()).isZero();
        Cli.Result check = cli.run("check", "--url", "spring", "--quiet");
        assertThat(check.exit()).as(check.toString()).isZero();
        assertThat(check.err()).as("--quiet: no heading").isEmpty();
        assertThat(db.emptySchema()).isFalse();
    }

    @Test
    void aSpringBootJpaBuildWithNoNamingKeyGetsSpringBootsDefaultNaming() throws IOException {
        Files.writeString(work.resolve("src/main/resources/application.yml"), "spring:\n  jpa:\n    open-in-view: false\n");
        Cli.Result plain = cli.run("create", "init", "--url", db.jdbcUrl(), "--changelogs", "plain");
        assertThat(plain.exit()).as(plain.toString()).isZero();
        assertThat(migration(work.resolve("plain"))).as("no Spring Boot in the build: Hibernate's naming")
                .contains("CREATE TABLE public.teammember (");

        Files.writeString(work.resolve("pom.xml"), """
                <project><dependencies><dependency>
                  <groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-data-jpa</artifactId>
                </dependency></dependencies></project>
                """);
        Cli.Result boot = cli.run("create", "init", "--url", db.jdbcUrl(), "--changelogs", "boot");
        assertThat(boot.exit()).as(boot.toString()).isZero();
        assertThat(migration(work.resolve("boot"))).as("Spring Boot's default naming, as the application runs it")
                .contains("CREATE TABLE public.team_member (").contains("display_name character varying(255)")
                .contains("CREATE TABLE public.work_group_team_members (");
        assertThat(boot.err()).contains("pom.xml (spring-boot-starter-data-jpa: Spring Boot's default naming)");
    }

    @Test
    void aSpringBootLiquibaseBuildWithNoChangeLogKeyWritesToSpringBootsDefaultMaster() throws IOException {
        Files.writeString(work.resolve("src/main/resources/application.yml"), "spring:\n  jpa:\n    open-in-view: false\n");
        Files.writeString(work.resolve("pom.xml"), """
                <project><dependencies>
                  <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-data-jpa</artifactId></dependency>
                  <dependency><groupId>org.liquibase</groupId><artifactId>liquibase-core</artifactId></dependency>
                </dependencies></project>
                """);
        Cli.Result first = cli.run("check");
        assertThat(first.exit()).as("a new project: the entities are model drift\n" + first).isEqualTo(ExitCode.DRIFT);

        Cli.Result created = cli.run("create", "init", "--url", db.jdbcUrl());
        assertThat(created.exit()).as(created.toString()).isZero();
        Path master = work.resolve("src/main/resources/db/changelog/db.changelog-master.yaml");
        assertThat(master).as("Spring Boot's default master, which the application runs at startup").exists();
        assertThat(migration(master.getParent())).contains("CREATE TABLE public.team_member (");
        assertThat(created.err()).contains("liquibase-core: Spring Boot's default master, " + SpringSettings.BOOT_DEFAULT_MASTER);
        assertThat(cli.run("upgrade", "--url", db.jdbcUrl()).exit()).isZero();
        Cli.Result check = cli.run("check", "--url", db.jdbcUrl());
        assertThat(check.exit()).as(check.toString()).isZero();
    }

    private static String migration(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return Files.readString(files.filter(f -> f.toString().endsWith(".sql")).findFirst().orElseThrow());
        }
    }

    @Test
    void explicitOptionsWinOverApplicationYml() throws IOException {
        assertThat(cli.run("create", "init", "--url", "spring").exit()).isZero();
        assertThat(cli.run("upgrade", "--url", "spring").exit()).isZero();

        Cli.Result hibernateNaming = cli.run("check", "--url", "spring", "--naming", "hibernate");
        assertThat(hibernateNaming.exit()).as("--naming hibernate: teammember, not team_member: drift")
                .isEqualTo(ExitCode.DRIFT);
        assertThat(hibernateNaming.out()).contains("teammember");

        Files.writeString(work.resolve("migrate.properties"), "entities=" + PKG + "\nclasspath=target/classes\n"
                + "hibernate.type.preferred_instant_jdbc_type=TIMESTAMP_WITH_TIMEZONE\n");
        Cli.Result instant = cli.run("check", "--url", "spring");
        assertThat(instant.exit()).as("migrate.properties' instant type wins: timestamptz, drift").isEqualTo(ExitCode.DRIFT);
        assertThat(instant.out()).contains("joined_at");

        Cli.Result other = cli.run("check", "--url", db.jdbcUrl(), "--master", "elsewhere/master.xml");
        assertThat(other.exit()).as(other.toString()).isEqualTo(ExitCode.ERROR);
        assertThat(other.err()).as("--master wins over spring.liquibase.change-log")
                .contains("no master changelog elsewhere/master.xml (from --master)");
    }

    @Test
    void anUnresolvedPlaceholderIsOneLineExit2NamingTheKey() {
        Cli.Result result = new Cli(work, Map.of()).run("check", "--url", "spring");
        assertThat(result.exit()).isEqualTo(ExitCode.ERROR);
        assertThat(result.err()).isEqualTo("error: " + work.resolve("src/main/resources/application.yml")
                + ": spring.datasource.url needs ${APP_DB_URL}, which is not set: set APP_DB_URL in the environment,"
                + " or give it a default (${APP_DB_URL:...})\n");
    }

    @Test
    void urlSpringInMigratePropertiesReadsTheDatasourceAndNoOtherUrlIsAccepted() throws IOException {
        Files.writeString(work.resolve("migrate.properties"), "entities=" + PKG + "\nclasspath=target/classes\nurl=spring\n");
        Cli.Result created = cli.run("create", "init");
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.err()).contains("; database: " + db.url() + " (from url= in migrate.properties: spring.datasource.*)");

        Files.writeString(work.resolve("migrate.properties"), "entities=" + PKG + "\nurl=" + db.jdbcUrl() + "\n");
        Cli.Result refused = cli.run("check");
        assertThat(refused.exit()).isEqualTo(ExitCode.ERROR);
        assertThat(refused.err()).isEqualTo("error: url= in " + work.resolve("migrate.properties") + ": only url=spring"
                + " (spring.datasource.* of the Spring Boot config) is read there; name any other database with --url,"
                + " DATABASE_URL or .env\n");
    }
}
