package mes.equipment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** ISA-95 production line (work centre) of an area. */
@Entity
@Table(name = "line")
public class Line extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    @Column(name = "area_id")
    public String areaId;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
