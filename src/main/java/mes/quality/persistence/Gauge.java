package mes.quality.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A measuring instrument under calibration control. */
@Entity
@Table(name = "gauge")
public class Gauge extends PanacheEntityBase {
    @Id
    public String id;
    public String description;
    @Column(name = "interval_days")
    public int intervalDays;
    public boolean active;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
