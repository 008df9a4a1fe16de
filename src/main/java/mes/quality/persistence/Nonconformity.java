package mes.quality.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import mes.quality.domain.Disposition;
import mes.quality.domain.NonconformityStatus;

/** A nonconformity report (NCR): what was found, what was contained, what was decided. */
@Entity
@Table(name = "nonconformity")
public class Nonconformity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Enumerated(EnumType.STRING)
    public NonconformityStatus status;
    @Column(name = "part_id")
    public String partId;
    @Column(name = "lot_id")
    public String lotId;
    @Column(name = "inspection_id")
    public Long inspectionId;
    public String description;
    @Column(name = "raised_by")
    public String raisedBy;
    @Column(name = "raised_at")
    public Instant raisedAt;
    public String containment;
    @Enumerated(EnumType.STRING)
    public Disposition disposition;
    @Column(name = "disposition_note")
    public String dispositionNote;
    @Column(name = "disposed_by")
    public String disposedBy;
    @Column(name = "disposed_at")
    public Instant disposedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    /** A reaction plan's nonconformity: the characteristic and the signal (LIMIT or an SPC rule) that raised it. */
    @Column(name = "characteristic_id")
    public Long characteristicId;
    public String signal;
    @Version
    public int version;

    public String number() {
        return "NCR-" + id;
    }
}
