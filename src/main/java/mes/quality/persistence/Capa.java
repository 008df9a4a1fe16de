package mes.quality.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;

/** A corrective (and preventive) action: problem, root cause, owner, target date, status. */
@Entity
@Table(name = "capa")
public class Capa extends PanacheEntityBase {
    public static final String OPEN = "OPEN";
    public static final String CLOSED = "CLOSED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String title;
    @Column(name = "nonconformity_id")
    public Long nonconformityId;
    public String problem;
    @Column(name = "root_cause")
    public String rootCause;
    public String owner;
    @Column(name = "due_on")
    public LocalDate dueOn;
    public String status;
    @Column(name = "opened_by")
    public String openedBy;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "closed_by")
    public String closedBy;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Version
    public int version;

    public String number() {
        return "CAPA-" + id;
    }
}
