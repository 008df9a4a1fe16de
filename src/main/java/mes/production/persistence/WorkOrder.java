package mes.production.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import mes.production.domain.WorkOrderState;

/** A work order: make a planned quantity of a part on a line (ISA-95 job order). */
@Entity
@Table(name = "work_order")
public class WorkOrder extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "part_id")
    public String partId;
    @Column(name = "line_id")
    public String lineId;
    @Column(name = "planned_quantity")
    public int plannedQuantity;
    @Enumerated(EnumType.STRING)
    public WorkOrderState state = WorkOrderState.PLANNED;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "released_at")
    public Instant releasedAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    public String note;
    @Version
    public int version;
}
