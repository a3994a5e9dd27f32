package dev.jpamigrate.realmodels;

import dev.jpamigrate.testing.EntityCompiler;
import dev.jpamigrate.testing.HibernateParity;
import org.hibernate.service.spi.ServiceContributor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.jpamigrate.realmodels.PublishedModel.query;
import static dev.jpamigrate.realmodels.PublishedModel.tables;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HAPI FHIR's published JPA server entities (ca.uhn.hapi.fhir:hapi-fhir-jpaserver-model 8.6.1, 29 entities), a real
 * model that maps unlike Keycloak's: partitioned composite keys (@IdClass on most tables, @EmbeddedId on the resource
 * and its history), foreign keys of two columns to them, a chain of @MappedSuperclass search-index bases, @Lob
 * columns (oid) beside text ones, named sequences with their own increments, and enum check constraints. On the real
 * PostgreSQL: the whole cycle, the schema against Hibernate's own create, and the adoption of a database that create
 * built. generator/pom.xml copies the jars to target/hapi-fhir.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HapiFhirModelTest {
    private static final List<String> PACKAGES = List.of("ca.uhn.fhir.jpa.model.entity");

    /**
     * What HAPI's Spring factory bean does in code before Hibernate starts (addService on the registry builder), done
     * the way Hibernate takes it from a class path: a ServiceContributor. Its id generator needs the service; without
     * it the application does not start, and the tool says so instead of leaving out the generator's sequences.
     */
    private static final String SERVICES = """
            package hapi.setup;

            import ca.uhn.fhir.jpa.util.ISequenceValueMassager;
            import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
            import org.hibernate.service.spi.ServiceContributor;

            public final class HapiServices implements ServiceContributor {
                @Override
                public void contribute(StandardServiceRegistryBuilder registry) {
                    registry.addService(ISequenceValueMassager.class, new ISequenceValueMassager.NoopSequenceValueMassager());
                }
            }
            """;

    private PublishedModel model;

    @BeforeAll
    void hibernateBuildsTheSchema() throws IOException {
        Path dir = Path.of(System.getProperty("jpa-migrate.hapi-fhir", "target/hapi-fhir"));
        Path setup = EntityCompiler.compileFiles(Map.of("HapiServices.java", SERVICES), "hapi.setup",
                Files.createTempDirectory("jpa-migrate-hapi-setup"), PublishedModel.jarsIn(dir));
        Path services = setup.resolve("META-INF/services/" + ServiceContributor.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, "hapi.setup.HapiServices\n");
        model = PublishedModel.load(dir, PACKAGES, List.of(setup));
        assertThat(model.jarNames()).contains("hapi-fhir-jpaserver-model-8.6.1.jar").hasSize(8);
        assertThat(model.entities).as("HAPI FHIR's mapped classes").hasSize(41);
        assertThat(model.entities).as("its entities").filteredOn(c -> c.isAnnotationPresent(jakarta.persistence.Entity.class))
                .hasSize(29);
        assertThat(model.entities).as("its @MappedSuperclass bases")
                .filteredOn(c -> c.isAnnotationPresent(jakarta.persistence.MappedSuperclass.class)).hasSize(8);
    }

    @AfterAll
    void close() throws IOException {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void theWholeCycleOnAFreshDatabase() throws IOException {
        model.theWholeCycle("hapi fhir",
                (create, migration) -> assertThat(migration).contains("CREATE TABLE public.hfj_resource (",
                        "CREATE TABLE public.hfj_res_ver (", "CREATE SEQUENCE public.seq_resource_id "),
                db -> {
                    assertThat(tables(db)).contains("public.hfj_resource", "public.hfj_spidx_token",
                            "public.npm_package_ver");
                    assertThat(query(db,
                            "select pg_get_constraintdef(oid) from pg_constraint where conname = 'hfj_resource_pkey'"))
                            .as("the partitioned @EmbeddedId").isEqualTo("PRIMARY KEY (partition_id, res_id)");
                });
    }

    @Test
    void itsSchemaIsTheOneHibernateCreates() throws Exception {
        HibernateParity.Parity p = model.theSchemaHibernateCreates(29);
        assertThat(p.primaryKey(p.built(), "hfj_res_ver")).as("an @IdClass of the partition and the id")
                .isEqualTo("PRIMARY KEY (partition_id, pid)");
    }

    @Test
    void aDatabaseHibernateBuiltIsAdoptedWithoutDrift() throws IOException {
        model.adoptedWithoutDrift("Read its schema: 29 table(s)");
    }
}
