package mes.equipment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The downtime reason tree of a site, stored as the validated JSON document of the API. */
@Entity
@Table(name = "site_downtime_reasons")
public class SiteDowntimeReasons extends PanacheEntityBase {
    @Id
    @Column(name = "site_id")
    public String siteId;
    @JdbcTypeCode(SqlTypes.JSON)
    public String reasons;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;
}
