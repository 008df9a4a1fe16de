package mes.ingest.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A rejected message or payload, kept with its raw bytes and the reason (never a silent drop). */
@Entity
@Table(name = "quarantined_message")
public class QuarantinedMessage extends PanacheEntityBase {
    @Id
    public Long id;
    @Column(name = "received_at")
    public Instant receivedAt;
    public String source;
    @Column(name = "machine_id")
    public String machineId;
    public String reason;
    public byte[] raw;
    @Column(name = "redriven_at")
    public Instant redrivenAt;
}
