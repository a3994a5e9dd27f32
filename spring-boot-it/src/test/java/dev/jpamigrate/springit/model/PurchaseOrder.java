package dev.jpamigrate.springit.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/** A foreign key, an index, a numeric column and a many-to-many join table that Spring Boot names. */
@Entity
@Table(indexes = @Index(name = "idx_purchase_order_placed_on", columnList = "placedOn"))
public class PurchaseOrder {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(optional = false)
    public Customer placedBy;

    @Column(precision = 10, scale = 2)
    public BigDecimal orderTotal;

    public LocalDate placedOn;

    @ManyToMany
    public Set<ProductTag> productTags = new HashSet<>();
}
