package dev.jpamigrate.realmodels;

import dev.jpamigrate.testing.HibernateParity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static dev.jpamigrate.realmodels.PublishedModel.tables;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keycloak's published entities (org.keycloak:keycloak-model-jpa 26.2.5, 61 entities), a real model the tool did not
 * grow up with, on the real PostgreSQL: the whole cycle, the schema against Hibernate's own export, and the adoption
 * of a database that export built. The jars are the ones its entities need to load, nothing of Keycloak's own tree
 * (generator/pom.xml copies them to target/keycloak), given to {@code --classpath} as a user would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakModelTest {
    /** The packages of the jars that hold @Entity classes. */
    private static final List<String> PACKAGES = List.of(
            "org.keycloak.models.jpa.entities",
            "org.keycloak.models.jpa.session",
            "org.keycloak.authorization.jpa.entities",
            "org.keycloak.events.jpa",
            "org.keycloak.storage.jpa.entity",
            "org.keycloak.storage.configuration.jpa.entity");

    private PublishedModel model;

    @BeforeAll
    void hibernateBuildsKeycloaksSchema() throws IOException {
        model = PublishedModel.load(Path.of(System.getProperty("jpa-migrate.keycloak", "target/keycloak")), PACKAGES);
        assertThat(model.jarNames()).contains("keycloak-model-jpa-26.2.5.jar").hasSize(7);
        assertThat(model.entities).as("Keycloak's entities").hasSize(61);
    }

    @AfterAll
    void close() throws IOException {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void theWholeCycleOnAFreshDatabase() throws IOException {
        model.theWholeCycle("keycloak",
                (create, migration) -> {
                    assertThat(create.out()).contains("Detected 155 change(s)");
                    assertThat(migration).contains("CREATE TABLE public.realm", "CREATE TABLE public.user_entity",
                            "CREATE TABLE public.keycloak_role", "CREATE TABLE public.client");
                },
                db -> assertThat(tables(db)).contains("public.realm", "public.user_entity",
                        "public.resource_server_policy"));
    }

    @Test
    void itsSchemaIsTheOneHibernateCreates() throws Exception {
        HibernateParity.Parity p = model.theSchemaHibernateCreates(85);
        assertThat(p.built().enums()).as("no named enum: none of the enum fixes applies").isEmpty();
    }

    @Test
    void aDatabaseHibernateBuiltIsAdoptedWithoutDrift() throws IOException {
        model.adoptedWithoutDrift("Read its schema: 85 table(s), 0 sequence(s), 0 enum type(s)",
                "155 changeSet(s), verified");
    }
}
