package mes.production.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A lot: PRODUCED by a work order on its line, or RECEIVED material from a supplier. */
@Entity
@Table(name = "lot")
public class Lot extends PanacheEntityBase {
    public static final String PRODUCED = "PRODUCED";
    public static final String RECEIVED = "RECEIVED";

    @Id
    public String id;
    public String kind;
    /** The part number (produced) or the material code (received). */
    public String material;
    @Column(name = "work_order_id")
    public String workOrderId;
    @Column(name = "line_id")
    public String lineId;
    public String supplier;
    public Integer quantity;
    /** The unit of a received lot's quantity (pcs when not given); produced lots count pieces. */
    public String unit;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "on_hold")
    public boolean onHold;
    @Column(name = "hold_reason")
    public String holdReason;

    /** How much of the lot was consumed, in its unit. */
    public static long consumed(String lotId) {
        return ((Number) getEntityManager().createNativeQuery("SELECT coalesce(sum(quantity), 0) FROM lot_consumption WHERE consumed_lot_id = ?1")
                .setParameter(1, lotId).getSingleResult()).longValue();
    }
}
