package io.pactum.solver.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/** A row of {@code solver_job_offer}: a signed JobOffer in the book. */
@Entity
@Table(name = "solver_job_offer")
public class JobOfferRow extends PanacheEntityBase {
    @Id
    public String id;

    @Column(insertable = false, updatable = false)
    public Long seq;

    public String signer;
    public BigDecimal nonce;
    public long expiry;
    public String status;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String body;

    public String signature;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
