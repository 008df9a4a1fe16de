package mes.equipment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** ISA-95 work unit: a machine on a line, with its ideal cycle time and sensors. */
@Entity
@Table(name = "machine")
public class Machine extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    @Column(name = "line_id")
    public String lineId;
    public String kind;
    @Column(name = "ideal_cycle_time_seconds")
    public double idealCycleTimeSeconds;
    @Column(name = "heartbeat_timeout_seconds")
    public int heartbeatTimeoutSeconds;
    @Column(name = "micro_stop_seconds")
    public int microStopSeconds = 120;
    /** Null: the earliest ts of its messages (contracts/oee.md). */
    @Column(name = "commissioned_at")
    public Instant commissionedAt;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @OneToMany(mappedBy = "machineId", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("name")
    public List<MachineSensor> sensors = new ArrayList<>();
}
