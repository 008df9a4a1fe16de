package mes.equipment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** ISA-95 area of a site (machining, press shop, ...). */
@Entity
@Table(name = "area")
public class Area extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    @Column(name = "site_id")
    public String siteId;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
