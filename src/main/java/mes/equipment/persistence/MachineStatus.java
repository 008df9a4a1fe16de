package mes.equipment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The newest reported state and message of a machine, kept by ingestion for the live pages.
 * A cache of the facts; figures never read it.
 */
@Entity
@Table(name = "machine_status")
public class MachineStatus extends PanacheEntityBase {
    @Id
    @Column(name = "machine_id")
    public String machineId;
    public String state;
    public String reason;
    @Column(name = "state_since")
    public Instant stateSince;
    @Column(name = "state_ts")
    public Instant stateTs;
    @Column(name = "last_message_ts")
    public Instant lastMessageTs;
    @Column(name = "work_order")
    public String workOrder;
}
