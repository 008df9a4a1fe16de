package mes.quality.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import mes.quality.domain.Disposition;
import mes.quality.domain.NonconformityStatus;

/** A nonconformity report (NCR): what was found, what was contained, what was decided. */
@Entity
@Table(name = "nonconformity")
public class Nonconformity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Enumerated(EnumType.STRING)
    public NonconformityStatus status;
    @Column(name = "part_id")
    public String partId;
    @Column(name = "lot_id")
    public String lotId;
    @Column(name = "inspection_id")
    public Long inspectionId;
    public String description;
    @Column(name = "raised_by")
    public String raisedBy;
    @Column(name = "raised_at")
    public Instant raisedAt;
    public String containment;
    @Enumerated(EnumType.STRING)
    public Disposition disposition;
    @Column(name = "disposition_note")
    public String dispositionNote;
    @Column(name = "disposed_by")
    public String disposedBy;
    @Column(name = "disposed_at")
    public Instant disposedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    /** A reaction plan's nonconformity: the characteristic and the signal (LIMIT or an SPC rule) that raised it. */
    @Column(name = "characteristic_id")
    public Long characteristicId;
    public String signal;
    @Version
    public int version;

    public String number() {
        return "NCR-" + id;
    }

    /** Adds an inspection as evidence of the nonconformity (once per inspection). */
    public static void addEvidence(long nonconformityId, long inspectionId, String signal, Instant at) {
        getEntityManager().createNativeQuery("""
                INSERT INTO nonconformity_evidence (nonconformity_id, inspection_id, signal, recorded_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT DO NOTHING""").setParameter(1, nonconformityId).setParameter(2, inspectionId).setParameter(3, signal)
                .setParameter(4, at).executeUpdate();
    }

    /** The inspections that are its evidence, oldest first. */
    public static List<Long> evidence(long nonconformityId) {
        List<?> rows = getEntityManager().createNativeQuery(
                "SELECT inspection_id FROM nonconformity_evidence WHERE nonconformity_id = ?1 ORDER BY recorded_at, inspection_id")
                .setParameter(1, nonconformityId).getResultList();
        return rows.stream().map(r -> ((Number) r).longValue()).toList();
    }

    /** Records the lots as contained under the nonconformity (those recorded already stay). */
    public static void contain(long nonconformityId, List<String> lotIds) {
        for (String lot : lotIds) {
            getEntityManager().createNativeQuery("INSERT INTO nonconformity_lot (nonconformity_id, lot_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                    .setParameter(1, nonconformityId).setParameter(2, lot).executeUpdate();
        }
    }

    /** The lots contained under it, by id. */
    public static List<String> containedLots(long nonconformityId) {
        List<?> rows = getEntityManager().createNativeQuery("SELECT lot_id FROM nonconformity_lot WHERE nonconformity_id = ?1 ORDER BY lot_id")
                .setParameter(1, nonconformityId).getResultList();
        return rows.stream().map(String::valueOf).toList();
    }
}
