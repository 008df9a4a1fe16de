package mes.equipment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import mes.equipment.domain.CurrentState;
import mes.equipment.domain.EquipmentIds;
import mes.equipment.domain.Hierarchy;
import mes.equipment.domain.MachineDefinition;
import mes.equipment.domain.MachineState;
import mes.equipment.domain.Names;
import mes.equipment.domain.SensorDefinition;
import mes.equipment.domain.ShiftCalendar;
import mes.equipment.persistence.Area;
import mes.equipment.persistence.Line;
import mes.equipment.persistence.Machine;
import mes.equipment.persistence.MachineSensor;
import mes.equipment.persistence.MachineStatus;
import mes.equipment.persistence.Site;
import mes.equipment.persistence.SiteCalendar;
import mes.equipment.domain.ReasonTree;
import mes.equipment.persistence.SiteDowntimeReasons;
import mes.equipment.web.CalendarJson;
import mes.equipment.web.EquipmentBodies.CalendarIn;
import mes.kernel.Refusal;

/**
 * The ISA-95 equipment hierarchy (site, area, line, machine) and the sites' shift calendars.
 * Writes are idempotent upserts, as the API's PUT is.
 */
@ApplicationScoped
public class EquipmentService {

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    Event<EquipmentChanged> changed;

    /** Fired after a machine or its sensors changed, so that caches can forget it. */
    public record EquipmentChanged(String machineId) {
    }

    /** What the audit trail keeps of each level of the hierarchy. */
    public record SiteSnapshot(String id, String name, String timeZone) {
        static SiteSnapshot of(Site s) {
            return s == null ? null : new SiteSnapshot(s.id, s.name, s.timeZone);
        }
    }

    public record AreaSnapshot(String id, String name, String siteId) {
        static AreaSnapshot of(Area a) {
            return a == null ? null : new AreaSnapshot(a.id, a.name, a.siteId);
        }
    }

    public record LineSnapshot(String id, String name, String areaId) {
        static LineSnapshot of(Line l) {
            return l == null ? null : new LineSnapshot(l.id, l.name, l.areaId);
        }
    }

    public record SensorSnapshot(String unit, Double lsl, Double usl, Double target, boolean defined) {
    }

    public record MachineSnapshot(String id, String name, String lineId, String kind, double idealCycleTimeSeconds,
            int heartbeatTimeoutSeconds, int microStopSeconds, Map<String, SensorSnapshot> sensors, Instant commissionedAt) {
        static MachineSnapshot of(Machine m) {
            if (m == null) {
                return null;
            }
            Map<String, SensorSnapshot> sensors = new java.util.TreeMap<>();
            m.sensors.forEach(s -> sensors.put(s.name, new SensorSnapshot(s.unit, s.lsl, s.usl, s.target, s.defined)));
            return new MachineSnapshot(m.id, m.name, m.lineId, m.kind, m.idealCycleTimeSeconds, m.heartbeatTimeoutSeconds, m.microStopSeconds,
                    sensors, m.commissionedAt);
        }
    }

    @Inject
    mes.audit.AuditTrail audit;

    /** The result of an upsert: the record, and whether it was new. */
    public record Upserted<T>(T value, boolean created) {
    }

    // ---- sites ----

    @Transactional
    public Upserted<Hierarchy.Site> putSite(String id, String name, String timeZone) {
        EquipmentIds.require(id, "site");
        Names.require(name, "site " + id);
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException("site " + id + ": time zone '" + timeZone
                    + "' is not a known zone id such as Europe/Berlin");
        }
        Site site = Site.findById(id);
        SiteSnapshot before = SiteSnapshot.of(site);
        boolean created = site == null;
        if (created) {
            site = new Site();
            site.id = id;
        }
        site.name = name;
        site.timeZone = timeZone;
        site.updatedAt = clock.instant();
        site.persist();
        audit.recordChange("site", id, before, SiteSnapshot.of(site));
        return new Upserted<>(view(site), created);
    }

    public Optional<Hierarchy.Site> site(String id) {
        return Site.<Site>findByIdOptional(id).map(EquipmentService::view);
    }

    public List<Hierarchy.Site> sites() {
        return Site.<Site>listAll(Sort.by("id")).stream().map(EquipmentService::view).toList();
    }

    @Transactional
    public void deleteSite(String id) {
        Site site = Site.<Site>findByIdOptional(id).orElseThrow(() -> Refusal.notFound("No site " + id));
        if (Area.count("siteId", id) > 0) {
            throw Refusal.conflict("Site " + id + " still has areas; delete or move them first");
        }
        SiteCalendar.deleteById(id);
        audit.recordChange("site", id, SiteSnapshot.of(site), null);
        site.delete();
    }

    // ---- areas ----

    @Transactional
    public Upserted<Hierarchy.Area> putArea(String id, String name, String siteId) {
        EquipmentIds.require(id, "area");
        Names.require(name, "area " + id);
        if (Site.findById(siteId) == null) {
            throw Refusal.invalid("Area " + id + ": site " + siteId + " does not exist");
        }
        Area area = Area.findById(id);
        AreaSnapshot before = AreaSnapshot.of(area);
        boolean created = area == null;
        if (created) {
            area = new Area();
            area.id = id;
        }
        area.name = name;
        area.siteId = siteId;
        area.updatedAt = clock.instant();
        area.persist();
        audit.recordChange("area", id, before, AreaSnapshot.of(area));
        return new Upserted<>(view(area), created);
    }

    public Optional<Hierarchy.Area> area(String id) {
        return Area.<Area>findByIdOptional(id).map(EquipmentService::view);
    }

    public List<Hierarchy.Area> areas() {
        return Area.<Area>listAll(Sort.by("id")).stream().map(EquipmentService::view).toList();
    }

    @Transactional
    public void deleteArea(String id) {
        Area area = Area.<Area>findByIdOptional(id).orElseThrow(() -> Refusal.notFound("No area " + id));
        if (Line.count("areaId", id) > 0) {
            throw Refusal.conflict("Area " + id + " still has lines; delete or move them first");
        }
        audit.recordChange("area", id, AreaSnapshot.of(area), null);
        area.delete();
    }

    // ---- lines ----

    @Transactional
    public Upserted<Hierarchy.Line> putLine(String id, String name, String areaId) {
        EquipmentIds.require(id, "line");
        Names.require(name, "line " + id);
        if (Area.findById(areaId) == null) {
            throw Refusal.invalid("Line " + id + ": area " + areaId + " does not exist");
        }
        Line line = Line.findById(id);
        LineSnapshot before = LineSnapshot.of(line);
        boolean created = line == null;
        if (created) {
            line = new Line();
            line.id = id;
        }
        line.name = name;
        line.areaId = areaId;
        line.updatedAt = clock.instant();
        line.persist();
        audit.recordChange("line", id, before, LineSnapshot.of(line));
        return new Upserted<>(view(line), created);
    }

    public Optional<Hierarchy.Line> line(String id) {
        return Line.<Line>findByIdOptional(id).map(EquipmentService::view);
    }

    public List<Hierarchy.Line> lines() {
        return Line.<Line>listAll(Sort.by("id")).stream().map(EquipmentService::view).toList();
    }

    @Transactional
    public void deleteLine(String id) {
        Line line = Line.<Line>findByIdOptional(id).orElseThrow(() -> Refusal.notFound("No line " + id));
        if (Machine.count("lineId", id) > 0) {
            throw Refusal.conflict("Line " + id + " still has machines; delete or move them first");
        }
        audit.recordChange("line", id, LineSnapshot.of(line), null);
        line.delete();
    }

    // ---- machines ----

    /**
     * Creates or updates a machine. Sensors are matched by name: new ones are added, changed
     * ones updated, and those left out are kept as undefined (their readings stay referenced).
     */
    @Transactional
    public Upserted<Hierarchy.Machine> putMachine(MachineDefinition definition) {
        if (Line.findById(definition.lineId()) == null) {
            throw Refusal.invalid("Machine " + definition.id() + ": line " + definition.lineId()
                    + " does not exist");
        }
        Machine machine = Machine.findById(definition.id());
        MachineSnapshot before = MachineSnapshot.of(machine);
        boolean created = machine == null;
        if (created) {
            machine = new Machine();
            machine.id = definition.id();
        }
        machine.name = definition.name();
        machine.lineId = definition.lineId();
        machine.kind = definition.kind();
        machine.idealCycleTimeSeconds = definition.idealCycleTimeSeconds();
        machine.heartbeatTimeoutSeconds = definition.heartbeatTimeoutSeconds();
        machine.microStopSeconds = definition.microStopSeconds();
        machine.commissionedAt = definition.commissionedAt();
        machine.updatedAt = clock.instant();
        Map<String, MachineSensor> existing = machine.sensors.stream()
                .collect(Collectors.toMap(s -> s.name, Function.identity()));
        for (MachineSensor s : existing.values()) {
            s.defined = definition.sensors().containsKey(s.name);
        }
        for (SensorDefinition d : definition.sensors().values()) {
            MachineSensor s = existing.get(d.name());
            if (s == null) {
                s = new MachineSensor();
                s.machineId = machine.id;
                s.name = d.name();
                machine.sensors.add(s);
            }
            s.unit = d.unit();
            s.lsl = d.lsl();
            s.usl = d.usl();
            s.target = d.target();
            s.defined = true;
        }
        machine.persist();
        audit.recordChange("machine", machine.id, before, MachineSnapshot.of(machine));
        changed.fire(new EquipmentChanged(machine.id));
        return new Upserted<>(view(machine), created);
    }

    public Optional<Hierarchy.Machine> machine(String id) {
        return Machine.<Machine>findByIdOptional(id).map(EquipmentService::view);
    }

    /** The ids of the line's machines, in one light query. */
    public Set<String> machineIdsOf(String lineId) {
        return Set.copyOf(Machine.getEntityManager().createQuery("select m.id from Machine m where m.lineId = ?1", String.class)
                .setParameter(1, lineId).getResultList());
    }

    /** All machines with their sensors, in one query. */
    public List<Hierarchy.Machine> machines() {
        return Machine.<Machine>find("select distinct m from Machine m left join fetch m.sensors order by m.id").stream()
                .map(EquipmentService::view).toList();
    }

    @Transactional
    public void deleteMachine(String id) {
        Machine machine = Machine.<Machine>findByIdOptional(id)
                .orElseThrow(() -> Refusal.notFound("No machine " + id));
        long facts = (Long) Machine.getEntityManager().createNativeQuery(
                "SELECT (SELECT count(*) FROM (SELECT 1 FROM machine_state_event WHERE machine_id = ?1 LIMIT 1) a)"
                        + " + (SELECT count(*) FROM (SELECT 1 FROM counter_sample WHERE machine_id = ?1 LIMIT 1) b)",
                Long.class).setParameter(1, id).getSingleResult();
        if (facts > 0) {
            throw Refusal.conflict("Machine " + id
                    + " has recorded production data, which is kept as evidence; it cannot be deleted");
        }
        MachineStatus.deleteById(id);
        audit.recordChange("machine", id, MachineSnapshot.of(machine), null);
        machine.delete();
        changed.fire(new EquipmentChanged(id));
    }

    /** What each machine is doing now, by machine id (OFFLINE after the heartbeat timeout). */
    public Map<String, CurrentState> currentStates() {
        Instant now = clock.instant();
        Map<String, MachineStatus> statuses = MachineStatus.<MachineStatus>listAll().stream()
                .collect(Collectors.toMap(s -> s.machineId, Function.identity()));
        Map<String, CurrentState> states = new HashMap<>();
        for (Object[] row : Machine.getEntityManager()
                .createQuery("select m.id, m.heartbeatTimeoutSeconds from Machine m", Object[].class)
                .getResultList()) {
            String id = (String) row[0];
            states.put(id, currentState(statuses.get(id), (Integer) row[1], now));
        }
        return states;
    }

    public CurrentState currentState(Hierarchy.Machine machine) {
        return currentState(MachineStatus.findById(machine.id()), machine.heartbeatTimeoutSeconds(), clock.instant());
    }

    private static Hierarchy.Site view(Site s) {
        return new Hierarchy.Site(s.id, s.name, s.timeZone);
    }

    private static Hierarchy.Area view(Area a) {
        return new Hierarchy.Area(a.id, a.name, a.siteId);
    }

    private static Hierarchy.Line view(Line l) {
        return new Hierarchy.Line(l.id, l.name, l.areaId);
    }

    private static Hierarchy.Machine view(Machine m) {
        return new Hierarchy.Machine(m.id, m.name, m.lineId, m.kind, m.idealCycleTimeSeconds, m.heartbeatTimeoutSeconds, m.microStopSeconds,
                m.sensors.stream()
                .map(x -> new Hierarchy.Sensor(x.name, x.unit, x.lsl, x.usl, x.target, x.defined)).toList(), m.commissionedAt);
    }

    private static CurrentState currentState(MachineStatus status, int heartbeatTimeoutSeconds, Instant now) {
        if (status == null) {
            return CurrentState.of(null, null, null, null, Duration.ofSeconds(heartbeatTimeoutSeconds), now);
        }
        return CurrentState.of(status.state == null ? null : MachineState.valueOf(status.state), status.reason, status.stateSince,
                status.lastMessageTs, Duration.ofSeconds(heartbeatTimeoutSeconds), now);
    }

    // ---- calendars ----

    @Transactional
    public ShiftCalendar putCalendar(String siteId, ShiftCalendar calendar, String user) {
        if (Site.findById(siteId) == null) {
            throw Refusal.notFound("No site " + siteId);
        }
        SiteCalendar row = SiteCalendar.findById(siteId);
        Optional<ShiftCalendar> before = row == null ? Optional.empty() : calendar(siteId);
        if (row == null) {
            row = new SiteCalendar();
            row.siteId = siteId;
        }
        try {
            row.calendar = json.writeValueAsString(CalendarJson.fromDomain(calendar));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("calendar could not be written as JSON", e);
        }
        row.updatedAt = clock.instant();
        row.updatedBy = user;
        row.persist();
        audit.recordChange("calendar", siteId, before.map(CalendarJson::fromDomain).orElse(null), CalendarJson.fromDomain(calendar));
        return calendar;
    }

    /** The site's calendar; empty when it has none (then nothing is planned there). */
    public Optional<ShiftCalendar> calendar(String siteId) {
        return SiteCalendar.<SiteCalendar>findByIdOptional(siteId).map(row -> {
            try {
                return CalendarJson.toDomain(json.readValue(row.calendar, CalendarIn.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored calendar of site " + siteId + " is not readable", e);
            }
        });
    }

    // ---- downtime reasons ----

    /** Replaces the site's downtime reason tree (contracts/maintenance.md); the audit trail keeps both versions. */
    @Transactional
    public ReasonTree putDowntimeReasons(String siteId, ReasonTree tree, String user) {
        if (Site.findById(siteId) == null) {
            throw Refusal.notFound("No site " + siteId);
        }
        SiteDowntimeReasons row = SiteDowntimeReasons.findById(siteId);
        List<ReasonTree.Reason> before = row == null ? null : downtimeReasons(siteId).reasons();
        if (row == null) {
            row = new SiteDowntimeReasons();
            row.siteId = siteId;
        }
        try {
            row.reasons = json.writeValueAsString(tree.reasons());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("downtime reasons could not be written as JSON", e);
        }
        row.updatedAt = clock.instant();
        row.updatedBy = user;
        row.persist();
        audit.recordChange("downtime_reasons", siteId, before, tree.reasons());
        return tree;
    }

    /** The site's downtime reason tree; empty when none was set (every code is then unclassified). */
    public ReasonTree downtimeReasons(String siteId) {
        return SiteDowntimeReasons.<SiteDowntimeReasons>findByIdOptional(siteId).map(row -> {
            try {
                return new ReasonTree(List.of(json.readValue(row.reasons, ReasonTree.Reason[].class)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored downtime reasons of site " + siteId + " are not readable", e);
            }
        }).orElse(ReasonTree.EMPTY);
    }
}
