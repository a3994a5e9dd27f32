package dev.jpamigrate.springit.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

import java.time.Instant;
import java.util.UUID;

/** camelCase attributes without column names: Spring Boot's naming makes them snake_case. */
@Entity
public class Customer {
    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    public UUID id;

    @Column(nullable = false, length = 120)
    public String displayName;

    @Column(unique = true)
    public String emailAddress;

    public Instant createdAt;

    @Enumerated(EnumType.STRING)
    public Tier loyaltyTier;

    public enum Tier { BRONZE, SILVER, GOLD }
}
