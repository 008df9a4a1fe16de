package mes.production;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import mes.audit.AuditTrail;
import mes.kernel.Refusal;
import mes.production.domain.MaterialRule;
import mes.production.persistence.Lot;
import mes.production.persistence.LotRecords;
import mes.production.persistence.WorkOrder;

/**
 * Lots: material received, material consumed into an order's open lot (the genealogy), serials,
 * and holds. A lot on hold cannot be consumed.
 */
@ApplicationScoped
public class LotService {

    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_./-]{0,63}$");

    /** What the audit trail and the API show of a lot. */
    public record Snapshot(String id, String kind, String material, String workOrderId, String lineId, String supplier,
            Integer quantity, Instant openedAt, Instant closedAt, boolean onHold, String holdReason, String unit) {
        public static Snapshot of(Lot l) {
            return new Snapshot(l.id, l.kind, l.material, l.workOrderId, l.lineId, l.supplier, l.quantity, l.openedAt, l.closedAt,
                    l.onHold, l.holdReason, LotService.unit(l));
        }
    }

    /** One consumption: lot consumed quantity of consumedLot. */
    public record Consumption(long id, String lotId, String consumedLotId, Integer quantity, String recordedBy, Instant recordedAt) {
    }

    public record Serial(String serial, String lotId, String recordedBy, Instant recordedAt) {
    }

    @Inject
    LotRecords records;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    PartService parts;

    /** A lot is PRODUCED by an order or RECEIVED from a supplier. */
    public static final String PRODUCED = Lot.PRODUCED;
    public static final String RECEIVED = Lot.RECEIVED;

    public Snapshot get(String id) {
        return Snapshot.of(entity(id));
    }

    /** The lot, locked until the transaction ends: who decides on it (a release) sees no change beneath them. */
    public Snapshot locked(String id) {
        return Snapshot.of(Lot.<Lot>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> Refusal.notFound("no lot '" + id + "'")));
    }

    public java.util.Optional<Snapshot> find(String id) {
        return Lot.<Lot>findByIdOptional(id).map(Snapshot::of);
    }

    private static Lot entity(String id) {
        return Lot.<Lot>findByIdOptional(id).orElseThrow(() -> Refusal.notFound("no lot '" + id + "'"));
    }

    public List<Snapshot> ofOrder(String orderId) {
        return Lot.<Lot>list("workOrderId = ?1 order by openedAt", orderId).stream().map(Snapshot::of).toList();
    }

    /** The lots of the part produced at some time in [from, to]: opened by {@code to}, not closed before {@code from}. */
    public List<Snapshot> producedBetween(String partId, Instant from, Instant to) {
        return Lot.<Lot>list("material = ?1 and kind = ?2 and openedAt <= ?3 and (closedAt is null or closedAt >= ?4) order by openedAt",
                partId, Lot.PRODUCED, to, from).stream().map(Snapshot::of).toList();
    }

    /** The part's newest produced lot that is still open, if any. */
    public java.util.Optional<Snapshot> openProduced(String partId) {
        return Lot.<Lot>find("material = ?1 and kind = ?2 and closedAt is null order by openedAt desc", partId, Lot.PRODUCED)
                .firstResultOptional().map(Snapshot::of);
    }

    /** Every lot on hold, by id. */
    public List<Snapshot> onHold() {
        return Lot.<Lot>list("onHold = true order by id").stream().map(Snapshot::of).toList();
    }

    public List<Snapshot> received(int limit) {
        return Lot.<Lot>find("kind = ?1 order by openedAt desc", Lot.RECEIVED).page(0, limit).stream().map(Snapshot::of).toList();
    }

    /** Material arrives from a supplier (goods receipt). */
    @Transactional
    public Snapshot receive(String id, String material, String supplier, Integer quantity) {
        return receive(id, material, supplier, quantity, null);
    }

    /** Material arrives from a supplier (goods receipt), its quantity in a unit (pcs when not given). */
    @Transactional
    public Snapshot receive(String id, String material, String supplier, Integer quantity, String unit) {
        if (id == null || !ID.matcher(id.trim()).matches()) {
            throw Refusal.invalid("lot id must be 1-64 letters, digits or _ . / -, starting with a letter or digit");
        }
        if (material == null || material.isBlank() || material.length() > 64) {
            throw Refusal.invalid("material is required, at most 64 characters");
        }
        if (supplier != null && supplier.length() > 200) {
            throw Refusal.invalid("supplier is longer than 200 characters");
        }
        if (quantity != null && quantity < 0) {
            throw Refusal.invalid("quantity cannot be negative");
        }
        if (unit != null && !MaterialRule.UNITS.contains(unit)) {
            throw Refusal.invalid("unit must be one of " + MaterialRule.UNITS);
        }
        if (Lot.findByIdOptional(id.trim()).isPresent()) {
            throw Refusal.conflict("lot '" + id.trim() + "' exists already");
        }
        Lot l = new Lot();
        l.id = id.trim();
        l.kind = Lot.RECEIVED;
        l.material = material.trim();
        l.supplier = supplier == null || supplier.isBlank() ? null : supplier.trim();
        l.quantity = quantity;
        l.unit = unit == null ? "pcs" : unit;
        l.openedAt = clock.instant();
        l.createdBy = audit.currentActor();
        l.persist();
        l.flush();
        Snapshot created = Snapshot.of(l);
        audit.record("CREATE", "lot", l.id, null, created);
        return created;
    }

    /** The order's open lot consumes (part of) another lot: material, or a sub-assembly's lot. */
    @Transactional
    public Consumption consume(String orderId, String consumedLotId, Integer quantity) {
        WorkOrder o = WorkOrder.<WorkOrder>findByIdOptional(orderId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> Refusal.notFound("no work order '" + orderId + "'"));
        if (!o.state.isActive()) {
            throw Refusal.conflict("material is consumed by running or held orders; " + orderId + " is " + o.state);
        }
        Lot lot = Lot.<Lot>find("workOrderId = ?1 and kind = ?2 and closedAt is null", orderId, Lot.PRODUCED).firstResultOptional()
                .orElseThrow(() -> Refusal.conflict("order " + orderId + " has no open lot"));
        if (consumedLotId == null || consumedLotId.isBlank()) {
            throw Refusal.invalid("the lot consumed is required (scan its label)");
        }
        // locked: what is left of it is counted, and taken, under its row lock
        Lot consumed = Lot.<Lot>findByIdOptional(consumedLotId.trim(), LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> Refusal.invalid("no lot '" + consumedLotId.trim() + "': receive it first"));
        if (consumed.onHold) {
            throw Refusal.conflict("lot " + consumed.id + " is on hold (" + consumed.holdReason + ") and must not be used");
        }
        if (consumed.id.equals(lot.id)) {
            throw Refusal.invalid("a lot cannot consume itself");
        }
        if (quantity != null && (quantity <= 0 || quantity > 10_000_000)) {
            throw Refusal.invalid("quantity must be between 1 and 10000000");
        }
        String refusal = MaterialRule.refusal(o.partId, parts.billOfMaterial(o.partId), consumed.material, unit(consumed), quantity,
                left(Snapshot.of(consumed)));
        if (refusal != null) {
            throw Refusal.conflict("lot " + consumed.id + " refused: " + refusal);
        }
        String actor = audit.currentActor();
        Instant now = clock.instant();
        long id = records.addConsumption(lot.id, consumed.id, quantity, actor, now);
        Consumption c = new Consumption(id, lot.id, consumed.id, quantity, actor, now);
        audit.record("CONSUME", "lot", lot.id, null, c);
        return c;
    }

    /** The unit a lot is counted in: a received lot's, pieces for a produced one. */
    static String unit(Lot lot) {
        return lot.unit == null ? "pcs" : lot.unit;
    }

    /** What is left of a lot: its quantity less what was consumed of it; null when its quantity is not known. */
    public Long left(Snapshot lot) {
        if (lot.quantity() == null) {
            return null;
        }
        return Math.max(0, lot.quantity() - Lot.consumed(lot.id()));
    }

    /** Registers serial numbers of single parts in a produced lot. */
    @Transactional
    public List<Serial> addSerials(String lotId, List<String> serials) {
        Lot lot = entity(lotId);
        if (!Lot.PRODUCED.equals(lot.kind)) {
            throw Refusal.invalid("serials belong to produced lots; " + lotId + " was received");
        }
        if (serials == null || serials.isEmpty() || serials.size() > 1000) {
            throw Refusal.invalid("between 1 and 1000 serials are required");
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String s : serials) {
            if (s == null || !ID.matcher(s.trim()).matches()) {
                throw Refusal.invalid("serial '" + s + "' must be 1-64 letters, digits or _ . / -");
            }
            unique.add(s.trim());
        }
        String actor = audit.currentActor();
        Instant now = clock.instant();
        List<Serial> out = new ArrayList<>();
        for (String s : unique) {
            if (!records.addSerial(s, lotId, actor, now)) {
                throw Refusal.conflict("serial " + s + " is registered already");
            }
            out.add(new Serial(s, lotId, actor, now));
        }
        audit.record("ADD_SERIALS", "lot", lotId, null, java.util.Map.of("serials", List.copyOf(unique)));
        return out;
    }

    /** Puts lots on hold (containment); lots already on hold stay as they are. Returns the lots newly held. */
    @Transactional
    public List<String> hold(List<String> lotIds, String reason) {
        requireReason(reason);
        if (lotIds == null || lotIds.isEmpty() || lotIds.size() > 10_000) {
            throw Refusal.invalid("between 1 and 10000 lot ids are required");
        }
        List<String> held = new ArrayList<>();
        for (String id : new LinkedHashSet<>(lotIds)) {
            Lot l = Lot.<Lot>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                    .orElseThrow(() -> Refusal.notFound("no lot '" + id + "'"));
            if (l.onHold) {
                continue;
            }
            Snapshot before = Snapshot.of(l);
            l.onHold = true;
            l.holdReason = reason.trim();
            history(l.id, "HOLD", reason.trim());
            audit.record("HOLD", "lot", l.id, before, Snapshot.of(l));
            held.add(l.id);
        }
        return held;
    }

    /** Takes a lot off hold, with the reason (a disposition, a re-inspection). */
    @Transactional
    public Snapshot releaseHold(String lotId, String reason) {
        requireReason(reason);
        Lot l = Lot.<Lot>findByIdOptional(lotId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> Refusal.notFound("no lot '" + lotId + "'"));
        if (!l.onHold) {
            throw Refusal.conflict("lot " + lotId + " is not on hold");
        }
        Snapshot before = Snapshot.of(l);
        l.onHold = false;
        l.holdReason = null;
        history(l.id, "RELEASE", reason.trim());
        Snapshot after = Snapshot.of(l);
        audit.record("RELEASE_HOLD", "lot", l.id, before, java.util.Map.of("lot", after, "reason", reason.trim()));
        return after;
    }

    public List<Consumption> consumptions(String lotId) {
        return records.consumptions(lotId, true);
    }

    public List<Consumption> consumers(String lotId) {
        return records.consumptions(lotId, false);
    }

    public List<Serial> serials(String lotId) {
        return records.serials(lotId);
    }

    /** The lot a serial belongs to. */
    public java.util.Optional<String> lotOfSerial(String serial) {
        return records.lotOfSerial(serial);
    }

    private void history(String lotId, String action, String reason) {
        records.addHoldHistory(lotId, action, reason, audit.currentActor(), clock.instant());
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw Refusal.invalid("a reason is required, at most 500 characters");
        }
    }
}
