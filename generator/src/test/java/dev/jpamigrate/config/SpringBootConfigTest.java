package dev.jpamigrate.config;

import dev.jpamigrate.MigrateException;
import dev.jpamigrate.db.DbUrl;
import dev.jpamigrate.desired.Naming;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a Spring Boot application's config and mapping it to the tool's settings, without a database. */
class SpringBootConfigTest {
    private static final Path ROOT = Path.of("/work/app");
    private static final Path RESOURCES = ROOT.resolve("src/main/resources");

    private static SpringBootConfig yaml(String text) {
        return SpringBootConfig.of(ROOT, "application.yml", text, Map.of());
    }

    private static SpringBootConfig yaml(String text, Map<String, String> env) {
        return SpringBootConfig.of(ROOT, "application.yml", text, env);
    }

    private static SpringBootConfig properties(String text) {
        return SpringBootConfig.of(ROOT, "application.properties", text, Map.of());
    }

    static Stream<Arguments> changeLogs() {
        return Stream.of(
                Arguments.of("classpath:db/changelog/db.changelog-master.yaml", RESOURCES.resolve("db/changelog/db.changelog-master.yaml")),
                Arguments.of("classpath:/db/changelog/db.changelog-master.yaml", RESOURCES.resolve("db/changelog/db.changelog-master.yaml")),
                Arguments.of("classpath*:db/master.xml", RESOURCES.resolve("db/master.xml")),
                Arguments.of("db/master.xml", RESOURCES.resolve("db/master.xml")),
                Arguments.of("file:changelogs/master.xml", ROOT.resolve("changelogs/master.xml")),
                Arguments.of("file:/srv/master.xml", Path.of("/srv/master.xml")));
    }

    @ParameterizedTest
    @MethodSource("changeLogs")
    void theChangeLogLocationIsAFileOfTheProject(String location, Path file) {
        assertThat(properties("spring.liquibase.change-log=" + location).changeLog()).contains(file);
    }

    static Stream<Arguments> relaxedKeys() {
        return Stream.of(
                Arguments.of("spring.liquibase.change-log=classpath:m.xml"),
                Arguments.of("spring.liquibase.changeLog=classpath:m.xml"),
                Arguments.of("spring.liquibase.change_log=classpath:m.xml"),
                Arguments.of("SPRING.Liquibase.CHANGE-LOG=classpath:m.xml"));
    }

    @ParameterizedTest
    @MethodSource("relaxedKeys")
    void keysBindRelaxedlyAsSpringBootDocumentsForPropertiesFiles(String line) {
        assertThat(properties(line).changeLog()).as(line).contains(RESOURCES.resolve("m.xml"));
    }

    @Test
    void nestedYamlIsFlattenedToDottedKeys() {
        SpringBootConfig config = yaml("""
                spring:
                  liquibase:
                    changeLog: classpath:db/changelog/db.changelog-master.yaml
                  jpa.properties:
                    hibernate:
                      type.preferred_instant_jdbc_type: TIMESTAMP
                      jdbc:
                        time_zone: Europe/Paris
                    "[hibernate.default_schema]": app
                    hibernate.format_sql: true
                    some.other.setting: x
                """);
        assertThat(config.changeLog()).contains(RESOURCES.resolve("db/changelog/db.changelog-master.yaml"));
        assertThat(config.hibernateSettings()).as("hibernate.* keys with the prefix stripped, map keys as written")
                .isEqualTo(Map.of("hibernate.type.preferred_instant_jdbc_type", "TIMESTAMP",
                        "hibernate.jdbc.time_zone", "Europe/Paris", "hibernate.default_schema", "app",
                        "hibernate.format_sql", "true"));
    }

    @Test
    void bracketNotationInPropertiesKeepsTheMapKey() {
        assertThat(properties("spring.jpa.properties[hibernate.jdbc.time_zone]=UTC").hibernateSettings())
                .isEqualTo(Map.of("hibernate.jdbc.time_zone", "UTC"));
    }

    @Test
    void profileDocumentsAreSkippedAndTheOthersMerged() {
        SpringBootConfig config = yaml("""
                spring:
                  liquibase:
                    change-log: classpath:first.xml
                ---
                spring:
                  config.activate.on-profile: prod
                  liquibase.change-log: classpath:prod.xml
                  jpa.properties.hibernate.default_schema: prod
                ---
                spring:
                  liquibase.change-log: classpath:second.xml
                """);
        assertThat(config.changeLog()).as("a later profile-less document wins, as in Spring Boot")
                .contains(RESOURCES.resolve("second.xml"));
        assertThat(config.hibernateSettings()).as("nothing from the prod profile").isEmpty();
    }

    @Test
    void propertiesFilesHaveDocumentsToo() {
        SpringBootConfig config = properties("""
                spring.liquibase.change-log=classpath:main.xml
                #---
                spring.config.activate.on-profile=dev
                spring.liquibase.change-log=classpath:dev.xml
                """);
        assertThat(config.changeLog()).contains(RESOURCES.resolve("main.xml"));
    }

    static Stream<Arguments> namings() {
        String camel = SpringBootConfig.CAMEL_CASE_TO_UNDERSCORES;
        String springImplicit = SpringBootConfig.SPRING_IMPLICIT;
        String standard = SpringBootConfig.PHYSICAL_STANDARD;
        String jpa = SpringBootConfig.IMPLICIT_JPA_COMPLIANT;
        return Stream.of(
                // physical, implicit (as Spring Boot applies them, defaults filled in) -> the tool's naming
                Arguments.of(camel, springImplicit, Naming.SPRING, Map.of()),
                Arguments.of(standard, jpa, Naming.HIBERNATE, Map.of()),
                Arguments.of(standard, springImplicit, Naming.HIBERNATE,
                        Map.of("hibernate.implicit_naming_strategy", springImplicit)),
                Arguments.of(camel, jpa, Naming.HIBERNATE, Map.of("hibernate.physical_naming_strategy", camel)),
                Arguments.of("com.acme.Naming", springImplicit, Naming.HIBERNATE,
                        Map.of("hibernate.physical_naming_strategy", "com.acme.Naming",
                                "hibernate.implicit_naming_strategy", springImplicit)));
    }

    @ParameterizedTest
    @MethodSource("namings")
    void namingStrategiesMapToTheToolsNaming(String physical, String implicit, Naming naming, Map<String, String> settings) {
        assertThat(SpringBootConfig.naming(physical, implicit))
                .isEqualTo(new SpringBootConfig.NamingChoice(naming, settings));
    }

    static Stream<Arguments> namingKeys() {
        return Stream.of(
                Arguments.of("", Optional.empty()),
                Arguments.of("spring.jpa.hibernate.naming.physical-strategy=" + SpringBootConfig.CAMEL_CASE_TO_UNDERSCORES,
                        Optional.of(Naming.SPRING)),
                Arguments.of("spring.jpa.hibernate.naming.physical-strategy=" + SpringBootConfig.PHYSICAL_STANDARD + "\n"
                        + "spring.jpa.hibernate.naming.implicit-strategy=" + SpringBootConfig.IMPLICIT_JPA_COMPLIANT,
                        Optional.of(Naming.HIBERNATE)),
                // spring.jpa.hibernate.naming.* wins over the same strategy in spring.jpa.properties
                Arguments.of("spring.jpa.properties.hibernate.physical_naming_strategy=com.acme.Other\n"
                        + "spring.jpa.hibernate.naming.physicalStrategy=" + SpringBootConfig.CAMEL_CASE_TO_UNDERSCORES,
                        Optional.of(Naming.SPRING)),
                Arguments.of("spring.jpa.properties.hibernate.physical_naming_strategy=" + SpringBootConfig.PHYSICAL_STANDARD
                        + "\nspring.jpa.properties.hibernate.implicit_naming_strategy=" + SpringBootConfig.IMPLICIT_JPA_COMPLIANT,
                        Optional.of(Naming.HIBERNATE)));
    }

    @ParameterizedTest
    @MethodSource("namingKeys")
    void onlyANamingTheFileSetsIsRead(String text, Optional<Naming> naming) {
        SpringBootConfig config = properties(text);
        assertThat(config.naming().map(SpringBootConfig.NamingChoice::naming)).as(text).isEqualTo(naming);
        assertThat(config.hibernateSettings()).as("naming keys are not passed on twice").isEmpty();
    }

    static Stream<Arguments> placeholders() {
        return Stream.of(
                Arguments.of("${LOG:classpath:db/m.xml}", Map.of(), RESOURCES.resolve("db/m.xml")),
                Arguments.of("${LOG:classpath:db/m.xml}", Map.of("LOG", "classpath:other.xml"), RESOURCES.resolve("other.xml")),
                Arguments.of("classpath:${DIR}/m.xml", Map.of("DIR", "db"), RESOURCES.resolve("db/m.xml")),
                Arguments.of("${A:${B:classpath:b.xml}}", Map.of(), RESOURCES.resolve("b.xml")),
                Arguments.of("${A:${B:classpath:b.xml}}", Map.of("B", "classpath:env.xml"), RESOURCES.resolve("env.xml")),
                Arguments.of("${app.log}", Map.of(), RESOURCES.resolve("from-file.xml")),
                Arguments.of("${app.log}", Map.of("APP_LOG", "classpath:env-form.xml"), RESOURCES.resolve("from-file.xml")));
    }

    @ParameterizedTest
    @MethodSource("placeholders")
    void placeholdersResolveFromTheEnvironmentThenTheFileThenTheirDefault(String value, Map<String, String> env, Path file) {
        SpringBootConfig config = yaml("spring.liquibase.change-log: \"" + value + "\"\napp.log: classpath:from-file.xml\n", env);
        assertThat(config.changeLog()).as(value + " with " + env).contains(file);
    }

    @Test
    void anUnsetPlaceholderWithoutDefaultIsOneLineNamingTheKey() {
        SpringBootConfig config = yaml("spring:\n  liquibase:\n    change-log: ${CHANGELOG}\n");
        assertThatThrownBy(config::changeLog).isInstanceOf(MigrateException.class)
                .hasMessage(RESOURCES.resolve("application.yml") + ": spring.liquibase.change-log needs ${CHANGELOG},"
                        + " which is not set: set CHANGELOG in the environment, or give it a default (${CHANGELOG:...})");
    }

    @Test
    void theDatasourceIsReadThroughTheUrlRulesWithUserAndPassword() {
        SpringBootConfig config = yaml("""
                spring:
                  datasource:
                    url: jdbc:postgresql://db.internal:5433/app?sslmode=require
                    username: ${DB_USER:app}
                    password: ${DB_PASSWORD}
                """, Map.of("DB_PASSWORD", "s3cr&t +x"));
        DbUrl url = config.datasource("os-user");
        assertThat(url.toString()).isEqualTo("postgresql://app@db.internal:5433/app");
        assertThat(url.password()).isEqualTo("s3cr&t +x");
        assertThat(url.params()).isEqualTo(Map.of("sslmode", "require"));
    }

    @Test
    void aUserInTheUrlWinsAsInPgjdbc() {
        SpringBootConfig config = properties("""
                spring.datasource.url=jdbc:postgresql://localhost/app?user=owner
                spring.datasource.username=other
                """);
        assertThat(config.datasource("os-user").user()).isEqualTo("owner");
    }

    static Stream<Arguments> badDatasources() {
        return Stream.of(
                Arguments.of("spring.datasource.username=app", "--url spring: " + RESOURCES.resolve("application.properties")
                        + " sets no spring.datasource.url outside a profile"),
                Arguments.of("spring.datasource.url=jdbc:mysql://db/app?password=hunter2",
                        "spring.datasource.url in " + RESOURCES.resolve("application.properties")
                                + " is not a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db): jdbc:mysql://db/app?password=***"),
                Arguments.of("spring.datasource.url=jdbc:postgresql://db:54x3/app\nspring.datasource.password=hunter2",
                        "spring.datasource.url in " + RESOURCES.resolve("application.properties")
                                + ": invalid port '54x3' in database URL jdbc:postgresql://db:54x3/app?password=***"));
    }

    @ParameterizedTest
    @MethodSource("badDatasources")
    void aDatasourceThatCannotBeReadIsOneLineWithoutThePassword(String text, String message) {
        assertThatThrownBy(() -> properties(text).datasource("os-user")).isInstanceOf(MigrateException.class)
                .hasMessage(message).message().doesNotContain("hunter2");
    }

    @Test
    void activeProfilesAreReportedNotRead() {
        SpringBootConfig config = yaml("""
                spring:
                  profiles.active: dev,local
                  liquibase.change-log: classpath:main.xml
                ---
                spring.config.activate.on-profile: dev
                spring.liquibase.change-log: classpath:dev.xml
                """);
        assertThat(config.activeProfiles()).contains("dev,local");
        assertThat(config.changeLog()).contains(RESOURCES.resolve("main.xml"));
        assertThat(properties("spring.liquibase.change-log=classpath:main.xml").activeProfiles()).isEmpty();
    }

    @Test
    void propertiesWinOverYmlWhichWinsOverYaml(@TempDir Path root) throws java.io.IOException {
        Path resources = java.nio.file.Files.createDirectories(root.resolve("src/main/resources"));
        java.nio.file.Files.writeString(resources.resolve("application.yaml"),
                "spring.liquibase.change-log: classpath:yaml.xml\nspring.jpa.properties.hibernate.default_schema: yaml\n"
                        + "spring.jpa.properties.hibernate.jdbc.time_zone: UTC\n");
        java.nio.file.Files.writeString(resources.resolve("application.yml"),
                "spring.liquibase.change-log: classpath:yml.xml\nspring.jpa.properties.hibernate.default_schema: yml\n");
        java.nio.file.Files.writeString(resources.resolve("application.properties"),
                "spring.liquibase.change-log=classpath:properties.xml\n");
        SpringBootConfig config = SpringBootConfig.load(root, Map.of());
        assertThat(config.files()).containsExactly(resources.resolve("application.properties"),
                resources.resolve("application.yml"), resources.resolve("application.yaml"));
        assertThat(config.changeLog()).contains(resources.resolve("properties.xml"));
        assertThat(config.hibernateSettings()).isEqualTo(Map.of("hibernate.default_schema", "yml",
                "hibernate.jdbc.time_zone", "UTC"));
        assertThat(config.fileOf("spring.jpa.properties.hibernate.default_schema")).contains(resources.resolve("application.yml"));
    }

    @Test
    void nothingIsReadWhenNoFileIsThere() {
        SpringBootConfig config = SpringBootConfig.load(Path.of("/nonexistent/project"), Map.of());
        assertThat(config.files()).isEmpty();
        assertThat(config.changeLog()).isEmpty();
        assertThat(config.naming()).isEmpty();
        assertThat(config.hibernateSettings()).isEmpty();
    }
}
