package mes.equipment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** ISA-95 site: a plant with its time zone, in which its shift calendar is read. */
@Entity
@Table(name = "site")
public class Site extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    @Column(name = "time_zone")
    public String timeZone;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
