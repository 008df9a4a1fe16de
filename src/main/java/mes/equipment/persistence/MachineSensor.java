package mes.equipment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A sensor of a machine with its unit and specification limits. */
@Entity
@Table(name = "machine_sensor")
public class MachineSensor extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Integer id;
    @Column(name = "machine_id")
    public String machineId;
    public String name;
    public String unit;
    public Double lsl;
    public Double usl;
    public Double target;
    /** False for a sensor first seen in a message but not (yet) defined by an administrator. */
    public boolean defined = true;
}
