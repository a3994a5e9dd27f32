package dev.jpamigrate.springit;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application: Spring Boot's auto-configuration for a DataSource, Liquibase and JPA, entities in .model. */
@SpringBootApplication
public class BootApplication {
}
