package io.pactum.solver.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/** A row of {@code solver_deal}: a deal the matcher proposed and its progress. */
@Entity
@Table(name = "solver_deal")
public class DealRow extends PanacheEntityBase {
    @Id
    @Column(name = "deal_id")
    public String dealId;

    @Column(name = "job_offer_id")
    public String jobOfferId;

    @Column(name = "resource_offer_id")
    public String resourceOfferId;

    public String client;
    public String node;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String terms;

    @Column(name = "agree_deadline")
    public long agreeDeadline;

    @Column(name = "expires_at")
    public long expiresAt;

    public String status;

    @Column(name = "client_sig")
    public String clientSig;

    @Column(name = "node_sig")
    public String nodeSig;

    @Column(name = "tx_intent_key")
    public String txIntentKey;

    @Column(name = "tx_hash")
    public String txHash;

    @Column(name = "agreed_block")
    public Long agreedBlock;

    @Column(name = "agreed_block_hash")
    public String agreedBlockHash;

    public String error;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
