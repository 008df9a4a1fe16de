package mes.quality.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import mes.quality.domain.InspectionFrequency;
import mes.quality.domain.Reaction;
import mes.quality.domain.Spec;

/** One line of a part's control plan: what is checked at which operation, against which limits, how and how often. */
@Entity
@Table(name = "characteristic")
public class Characteristic extends PanacheEntityBase {
    public static final String VARIABLE = "VARIABLE";
    public static final String ATTRIBUTE = "ATTRIBUTE";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "part_id")
    public String partId;
    @Column(name = "operation_no")
    public int operationNo;
    public String code;
    public String name;
    public String kind;
    public Double nominal;
    public Double lsl;
    public Double usl;
    public String unit;
    public boolean special;
    public String method;
    @Column(name = "gauge_id")
    public String gaugeId;
    @Column(name = "sample_size")
    public int sampleSize;
    public String frequency;
    @Column(name = "reaction_plan")
    public String reactionPlan;
    public boolean active;
    @Column(name = "first_off")
    public boolean firstOff;
    @Column(name = "after_stop_minutes")
    public Integer afterStopMinutes;
    @Column(name = "after_maintenance")
    public boolean afterMaintenance;
    @Column(name = "every_parts")
    public Integer everyParts;
    @Column(name = "every_minutes")
    public Integer everyMinutes;
    @Column(name = "last_piece")
    public boolean lastPiece;
    @Column(name = "react_hold")
    public boolean reactHold;
    @Column(name = "react_ncr")
    public boolean reactNcr;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Not stored: the revision a record being corrected followed, when it is judged as then. */
    @jakarta.persistence.Transient
    public Integer judgedRevision;

    public boolean variable() {
        return VARIABLE.equals(kind);
    }

    public InspectionFrequency when() {
        return new InspectionFrequency(firstOff, afterStopMinutes, afterMaintenance, everyParts, everyMinutes, lastPiece);
    }

    public void when(InspectionFrequency f) {
        InspectionFrequency n = (f == null ? InspectionFrequency.NONE : f).normalised();
        firstOff = n.isFirstOff();
        afterStopMinutes = n.afterStopMinutes();
        afterMaintenance = n.isAfterMaintenance();
        everyParts = n.everyParts();
        everyMinutes = n.everyMinutes();
        lastPiece = n.isLastPiece();
    }

    public Reaction reaction() {
        return new Reaction(reactHold, reactNcr);
    }

    public void reaction(Reaction r) {
        Reaction n = (r == null ? Reaction.NONE : r).normalised();
        reactHold = n.holds();
        reactNcr = n.raises();
    }

    public Spec spec() {
        return new Spec(lsl, usl);
    }

    /** "10.0 - 10.2 mm", "<= 0.05 mm", or "pass / fail". */
    public String limits() {
        return limits(kind, lsl, usl, unit);
    }

    public static String limits(String kind, Double lsl, Double usl, String unit) {
        if (!VARIABLE.equals(kind)) {
            return "pass / fail";
        }
        String u = unit == null ? "" : " " + unit;
        if (lsl != null && usl != null) {
            return fmt(lsl) + " - " + fmt(usl) + u;
        }
        if (lsl == null && usl == null) {
            return "-";
        }
        return lsl != null ? ">= " + fmt(lsl) + u : "<= " + fmt(usl) + u;
    }

    public static String fmt(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
