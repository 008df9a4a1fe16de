package mes.reports;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mes.audit.AuditTrail;
import mes.equipment.EquipmentService;
import mes.maintenance.MaintenanceService;
import mes.maintenance.PreventiveMaintenance;
import mes.maintenance.domain.Compliance;
import mes.maintenance.domain.MaintenanceFigures;
import mes.oee.OeeService;
import mes.oee.domain.Interval;
import mes.oee.domain.OeeElements;
import mes.quality.QualityConfig;
import mes.quality.SpcService;
import mes.quality.domain.CalibrationStatus;
import mes.reports.domain.ReportType;

/**
 * The figures of a compliance report for a period, every one derived from stored facts as they
 * stood at {@code asOf} (the period's end plus the report delay, so that a CMM's late upload
 * counts; records and corrections made later do not), so that the same period regenerated gives
 * the same figures. States (open, overdue, calibrated) are as at the period's end. Each section
 * names the clause it evidences.
 */
@ApplicationScoped
public class ReportFigures {

    public record Oee(String scope, String id, String name, Double availability, Double effectiveness, Double quality, Double oee,
            double plannedHours, double runHours, long produced, long good, long scrap, List<String> flags) {
        static Oee of(String scope, String id, String name, OeeElements e) {
            return new Oee(scope, id, name, e.availability(), e.effectiveness(), e.quality(), e.oee(), e.pbt() / 3600, e.apt() / 3600, e.pq(),
                    e.gq(), e.sq(), e.flags());
        }

        public Double scrapRate() {
            return produced == 0 ? null : (double) scrap / produced;
        }
    }

    public record Loss(String name, double hours) {
    }

    /** A site's or line's maintenance figures (contracts/maintenance.md): MTBF and MTTR null without failures. */
    public record Maintenance(String scope, String id, String name, long failures, long minorStops, double failureSeconds,
            double aptSeconds, Double mtbfSeconds, Double mttrSeconds, boolean failureOngoing, long answeredFailures,
            Double meanResponseSeconds, Double meanRepairSeconds) {
        static Maintenance of(String scope, String id, String name, MaintenanceFigures f) {
            return new Maintenance(scope, id, name, f.failures(), f.minorStops(), f.failureSeconds(), f.apt(), f.mtbf(), f.mttr(),
                    f.failureOngoing(), f.answeredFailures(), f.meanResponse(), f.meanRepair());
        }

        public Double meanResponseMinutes() {
            return meanResponseSeconds == null ? null : meanResponseSeconds / 60;
        }

        public Double meanRepairMinutes() {
            return meanRepairSeconds == null ? null : meanRepairSeconds / 60;
        }

        /** A site always; a line when it ran or stopped in the period (as the production table shows lines). */
        public boolean shown() {
            return "site".equals(scope) || failures > 0 || minorStops > 0 || aptSeconds > 0;
        }

        public Double mtbfHours() {
            return mtbfSeconds == null ? null : mtbfSeconds / 3600;
        }

        public Double mttrMinutes() {
            return mttrSeconds == null ? null : mttrSeconds / 60;
        }
    }

    public record OrderRow(String orderId, String partId, String lineId, String state, Instant finishedAt, long good, long scrap) {
    }

    public record QualityKpis(long inspections, long passed, long failed, long lotsInspected, long lotsFirstPass, Double firstPassYield,
            Double scrapRate, Double ppm, long planned, long done, Double doneRate, long flaggedGauge) {
    }

    public record OpenItem(String number, String title, String status, long ageDays, boolean overdue) {
    }

    public record Nonconformities(long raised, long closed, long openAtEnd, Map<String, Long> dispositions, List<OpenItem> open) {
    }

    public record Capas(long opened, long closed, long openAtEnd, long overdueActions, List<OpenItem> open) {
    }

    public record GaugeRow(String id, String description, String status, Instant dueAt) {
    }

    /** A special characteristic's capability in the period; cpk and ppk are null when it was not in statistical control. */
    public record CapabilityRow(long characteristicId, String partId, String code, String name, int subgroups, Double cpk, Double ppk,
            double targetCpk, double targetPpk, boolean meets, boolean inControl) {
    }

    public record AlertRow(String rule, String severity, long count) {
    }

    public record Traceability(long lotsClosed, long withMaterial, long withInspection) {
        public Double materialShare() {
            return lotsClosed == 0 ? null : (double) withMaterial / lotsClosed;
        }

        public Double inspectedShare() {
            return lotsClosed == 0 ? null : (double) withInspection / lotsClosed;
        }
    }

    public record AuditCheck(boolean valid, long checked, Long firstBrokenId) {
    }

    public record Figures(ReportType type, Instant from, Instant to, ZoneId zone, LocalDate firstDay, List<Oee> sites, List<Oee> lines,
            List<Loss> losses, List<Loss> downtimeReasons, List<OrderRow> orders, QualityKpis quality, Nonconformities nonconformities,
            Capas capas, List<GaugeRow> gauges, List<CapabilityRow> capability, List<AlertRow> alerts, Traceability traceability,
            AuditCheck audit, OeeElements total, List<Maintenance> maintenance, List<PmCompliance> pmCompliance, List<OverduePlan> overduePlans) {
    }

    /** A site's PM compliance of the period (contracts/maintenance.md), as it stood when the report was made. */
    public record PmCompliance(String siteId, String name, Compliance c) {
    }

    /** A plan that was overdue when the report was made. */
    public record OverduePlan(long planId, String machineId, String title, String trigger, double every, String unit, double measure,
            Instant dueAt, Instant overdueAt) {
    }

    @Inject
    AgroalDataSource db;

    @Inject
    EquipmentService equipment;

    @Inject
    OeeService oee;

    @Inject
    SpcService spc;

    @Inject
    MaintenanceService maintenance;

    @Inject
    PreventiveMaintenance preventive;

    @Inject
    QualityConfig quality;

    @Inject
    AuditTrail audit;

    /**
     * MTBF, MTTR, failures and minor stops of every site and line, as they stood at asOf: each
     * machine's figures once per site, summed for its lines (the aggregate of contracts/maintenance.md).
     */
    private List<Maintenance> maintenance(Interval window, Instant asOf) {
        List<Maintenance> out = new ArrayList<>();
        Map<String, MaintenanceFigures> byMachine = new java.util.HashMap<>();
        for (var site : equipment.sites()) {
            Map<String, MaintenanceFigures> machines = maintenance.perMachine(OeeService.Scope.site, site.id(), window, asOf);
            byMachine.putAll(machines);
            out.add(Maintenance.of("site", site.id(), site.name(), machines.values().stream()
                    .reduce(MaintenanceFigures.ZERO, MaintenanceFigures::plus)));
        }
        Map<String, List<String>> machinesOfLine = new java.util.HashMap<>();
        equipment.machines().forEach(m -> machinesOfLine.computeIfAbsent(m.lineId(), k -> new ArrayList<>()).add(m.id()));
        for (var line : equipment.lines()) {
            out.add(Maintenance.of("line", line.id(), line.name(), machinesOfLine.getOrDefault(line.id(), List.of()).stream()
                    .map(id -> byMachine.getOrDefault(id, MaintenanceFigures.ZERO)).reduce(MaintenanceFigures.ZERO, MaintenanceFigures::plus)));
        }
        return out;
    }

    private List<PmCompliance> pmCompliance(Interval window, Instant asOf) {
        return equipment.sites().stream().map(site -> new PmCompliance(site.id(), site.name(),
                preventive.compliance(OeeService.Scope.site, site.id(), window, asOf))).toList();
    }

    private List<OverduePlan> overduePlans(Instant asOf) {
        List<OverduePlan> out = new ArrayList<>();
        for (var site : equipment.sites()) {
            for (PreventiveMaintenance.PlanView v : preventive.overdue(OeeService.Scope.site, site.id(), asOf)) {
                var p = v.plan();
                out.add(new OverduePlan(p.id(), p.machineId(), p.title(), p.trigger().name(), p.every(), p.trigger().unit(),
                        v.standing().measure(), v.standing().dueAt(), v.standing().overdueAt()));
            }
        }
        return out;
    }

    public Figures compute(ReportType type, Instant from, Instant to, Instant asOf, ZoneId zone, LocalDate firstDay) {
        Interval window = new Interval(from, to);
        List<Oee> sites = new ArrayList<>();
        OeeElements all = OeeElements.ZERO;
        Map<String, Double> reasons = new TreeMap<>();
        for (var site : equipment.sites()) {
            OeeService.Figures f = oee.figures(OeeService.Scope.site, site.id(), window);
            sites.add(Oee.of("site", site.id(), site.name(), f.elements()));
            all = all.plus(f.elements());
            f.lossByReason().forEach((r, s) -> reasons.merge(r, s, Double::sum));
        }
        List<Oee> lines = new ArrayList<>();
        for (var line : equipment.lines()) {
            lines.add(Oee.of("line", line.id(), line.name(), oee.figures(OeeService.Scope.line, line.id(), window).elements()));
        }
        OeeElements.Losses l = all.losses();
        List<Loss> losses = List.of(new Loss("Breakdowns", l.breakdowns() / 3600), new Loss("Setup and adjustment", l.setup() / 3600),
                new Loss("Idling and minor stops", l.idling() / 3600), new Loss("Reduced speed", Math.max(0, l.reducedSpeed()) / 3600),
                new Loss("Scrap", l.scrap() / 3600));
        List<Loss> pareto = reasons.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).map(e -> new Loss(e.getKey(), e.getValue() / 3600)).toList();
        return new Figures(type, from, to, zone, firstDay, sites, lines, losses, pareto, orders(from, to), kpis(from, to, asOf, all),
                nonconformities(from, to), capas(from, to, zone), gauges(to), capability(from, to, asOf), alerts(from, to), traceability(from, to, asOf),
                auditCheck(to), all, maintenance(window, asOf), pmCompliance(window, asOf), overduePlans(asOf));
    }

    private List<OrderRow> orders(Instant from, Instant to) {
        List<OrderRow> out = new ArrayList<>();
        query("""
                SELECT o.id, o.part_id, o.line_id, o.state, o.finished_at,
                  coalesce((SELECT sum(l.quantity) FROM lot l WHERE l.work_order_id = o.id AND l.closed_at < ?), 0),
                  coalesce((SELECT sum(c.scrap_delta) FROM work_order_quantity_correction c WHERE c.work_order_id = o.id AND c.recorded_at < ?), 0)
                FROM work_order o WHERE o.finished_at >= ? AND o.finished_at < ? AND o.state IN ('COMPLETED', 'CLOSED')
                ORDER BY o.finished_at, o.id""", rs -> out.add(new OrderRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant(), rs.getLong(6), rs.getLong(7))), ts(to), ts(to), ts(from), ts(to));
        return out;
    }

    /** Inspections of the period as they stood at asOf: recorded before it, not superseded before it. */
    private static final String CURRENT_AT_END = """
            i.inspected_at >= ? AND i.inspected_at < ? AND i.recorded_at < ?
            AND NOT EXISTS (SELECT 1 FROM inspection s WHERE s.supersedes_id = i.id AND s.recorded_at < ?)""";

    private QualityKpis kpis(Instant from, Instant to, Instant asOf, OeeElements all) {
        long[] n = new long[8];
        query("SELECT count(*), count(*) FILTER (WHERE result = 'PASS'), count(*) FILTER (WHERE result = 'FAIL'), count(DISTINCT lot_id),"
                + " count(*) FILTER (WHERE gauge_overdue) FROM inspection i WHERE " + CURRENT_AT_END, rs -> {
                    n[0] = rs.getLong(1);
                    n[1] = rs.getLong(2);
                    n[2] = rs.getLong(3);
                    n[3] = rs.getLong(4);
                    n[7] = rs.getLong(5);
                }, ts(from), ts(to), ts(asOf), ts(asOf));
        query("SELECT count(DISTINCT lot_id) FROM inspection i WHERE result = 'FAIL' AND " + CURRENT_AT_END, rs -> n[4] = rs.getLong(1),
                ts(from), ts(to), ts(asOf), ts(asOf));
        // planned: the characteristics of the plans (as they stood at the end) of the lots finished in the period; done: inspected on the lot
        query("""
                WITH finished AS (
                    SELECT id, material FROM lot WHERE (kind = 'PRODUCED' AND closed_at >= ? AND closed_at < ?)
                        OR (kind = 'RECEIVED' AND opened_at >= ? AND opened_at < ?)),
                  planned AS (
                    SELECT f.id AS lot_id, c.id AS characteristic_id FROM finished f JOIN characteristic c ON c.part_id = f.material
                    WHERE c.created_at < ? AND (c.active OR c.updated_at >= ?))
                SELECT count(*), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM inspection i WHERE i.lot_id = p.lot_id
                    AND i.characteristic_id = p.characteristic_id AND i.recorded_at < ?)) FROM planned p""", rs -> {
                    n[5] = rs.getLong(1);
                    n[6] = rs.getLong(2);
                }, ts(from), ts(to), ts(from), ts(to), ts(to), ts(to), ts(asOf));
        long lotsFirstPass = n[3] - n[4];
        return new QualityKpis(n[0], n[1], n[2], n[3], lotsFirstPass, n[3] == 0 ? null : (double) lotsFirstPass / n[3],
                all.pq() == 0 ? null : (double) all.sq() / all.pq(), all.pq() == 0 ? null : all.sq() * 1_000_000.0 / all.pq(), n[5], n[6],
                n[5] == 0 ? null : (double) n[6] / n[5], n[7]);
    }

    private Nonconformities nonconformities(Instant from, Instant to) {
        long[] n = new long[3];
        query("""
                SELECT count(*) FILTER (WHERE raised_at >= ?), count(*) FILTER (WHERE closed_at >= ? AND closed_at < ?),
                       count(*) FILTER (WHERE closed_at IS NULL OR closed_at >= ?)
                FROM nonconformity WHERE raised_at < ?""", rs -> {
                    n[0] = rs.getLong(1);
                    n[1] = rs.getLong(2);
                    n[2] = rs.getLong(3);
                }, ts(from), ts(from), ts(to), ts(to), ts(to));
        Map<String, Long> dispositions = new LinkedHashMap<>();
        query("SELECT disposition, count(*) FROM nonconformity WHERE disposed_at >= ? AND disposed_at < ? GROUP BY disposition ORDER BY disposition",
                rs -> dispositions.put(rs.getString(1), rs.getLong(2)), ts(from), ts(to));
        List<OpenItem> open = new ArrayList<>();
        query("""
                SELECT id, description, CASE WHEN disposed_at < ? AND disposition = 'REWORK' THEN 'REWORK' ELSE 'OPEN' END, raised_at
                FROM nonconformity WHERE raised_at < ? AND (closed_at IS NULL OR closed_at >= ?) ORDER BY raised_at, id""",
                rs -> open.add(new OpenItem("NCR-" + rs.getLong(1), rs.getString(2), rs.getString(3),
                        Duration.between(rs.getTimestamp(4).toInstant(), to).toDays(), false)), ts(to), ts(to), ts(to));
        return new Nonconformities(n[0], n[1], n[2], dispositions, open);
    }

    private Capas capas(Instant from, Instant to, ZoneId zone) {
        long[] n = new long[4];
        LocalDate endDay = to.atZone(zone).toLocalDate();
        query("""
                SELECT count(*) FILTER (WHERE opened_at >= ?), count(*) FILTER (WHERE closed_at >= ? AND closed_at < ?),
                       count(*) FILTER (WHERE closed_at IS NULL OR closed_at >= ?)
                FROM capa WHERE opened_at < ?""", rs -> {
                    n[0] = rs.getLong(1);
                    n[1] = rs.getLong(2);
                    n[2] = rs.getLong(3);
                }, ts(from), ts(from), ts(to), ts(to), ts(to));
        query("""
                SELECT count(*) FROM capa_action a JOIN capa c ON c.id = a.capa_id
                WHERE c.opened_at < ? AND a.due_on < ? AND (a.done_at IS NULL OR a.done_at >= ?) AND (c.closed_at IS NULL OR c.closed_at >= ?)""",
                rs -> n[3] = rs.getLong(1), ts(to), java.sql.Date.valueOf(endDay), ts(to), ts(to));
        List<OpenItem> open = new ArrayList<>();
        query("SELECT id, title, opened_at, due_on FROM capa WHERE opened_at < ? AND (closed_at IS NULL OR closed_at >= ?) ORDER BY opened_at, id",
                rs -> open.add(new OpenItem("CAPA-" + rs.getLong(1), rs.getString(2), "OPEN", Duration.between(rs.getTimestamp(3).toInstant(), to)
                        .toDays(), rs.getDate(4).toLocalDate().isBefore(endDay))), ts(to), ts(to));
        return new Capas(n[0], n[1], n[2], n[3], open);
    }

    private List<GaugeRow> gauges(Instant to) {
        List<GaugeRow> out = new ArrayList<>();
        query("""
                SELECT g.id, g.description, g.interval_days, c.calibrated_at, c.result FROM gauge g
                LEFT JOIN LATERAL (SELECT calibrated_at, result FROM calibration WHERE gauge_id = g.id AND calibrated_at < ? AND recorded_at < ?
                                   ORDER BY calibrated_at DESC, id DESC LIMIT 1) c ON true
                WHERE g.created_at < ? ORDER BY g.id""", rs -> {
                    Timestamp at = rs.getTimestamp(4);
                    CalibrationStatus s = CalibrationStatus.of(at == null ? null : at.toInstant(), "PASS".equals(rs.getString(5)),
                            rs.getInt(3), to, quality.calibrationWarning());
                    out.add(new GaugeRow(rs.getString(1), rs.getString(2), s.status().name(), s.dueAt()));
                }, ts(to), ts(to), ts(to));
        return out;
    }

    private List<CapabilityRow> capability(Instant from, Instant to, Instant asOf) {
        List<Long> special = new ArrayList<>();
        query("SELECT id FROM characteristic WHERE special AND kind = 'VARIABLE' AND created_at < ? AND (active OR updated_at >= ?) ORDER BY part_id, code",
                rs -> special.add(rs.getLong(1)), ts(to), ts(to));
        List<CapabilityRow> out = new ArrayList<>();
        for (long id : special) {
            SpcService.Study s = spc.study(id, from, to, asOf);
            if (s.charted()) {
                var c = s.characteristic();
                out.add(new CapabilityRow(id, c.partId(), c.code(), c.name(), s.subgroups().size(),
                        s.inControl() ? s.capability().cpk() : null, s.inControl() ? s.capability().ppk() : null, s.targets().cpk(),
                        s.targets().ppk(), s.capable(), s.inControl()));
            }
        }
        return out;
    }

    private List<AlertRow> alerts(Instant from, Instant to) {
        List<AlertRow> out = new ArrayList<>();
        query("SELECT rule, severity, count(*) FROM alert WHERE opened_at >= ? AND opened_at < ? GROUP BY rule, severity ORDER BY 3 DESC, 1, 2",
                rs -> out.add(new AlertRow(rs.getString(1), rs.getString(2), rs.getLong(3))), ts(from), ts(to));
        return out;
    }

    private Traceability traceability(Instant from, Instant to, Instant asOf) {
        long[] n = new long[3];
        query("""
                SELECT count(*),
                  count(*) FILTER (WHERE EXISTS (SELECT 1 FROM lot_consumption c WHERE c.lot_id = l.id AND c.recorded_at < ?)),
                  count(*) FILTER (WHERE EXISTS (SELECT 1 FROM inspection i WHERE i.lot_id = l.id AND i.recorded_at < ?))
                FROM lot l WHERE l.kind = 'PRODUCED' AND l.closed_at >= ? AND l.closed_at < ?""", rs -> {
                    n[0] = rs.getLong(1);
                    n[1] = rs.getLong(2);
                    n[2] = rs.getLong(3);
                }, ts(asOf), ts(asOf), ts(from), ts(to));
        return new Traceability(n[0], n[1], n[2]);
    }

    private AuditCheck auditCheck(Instant to) {
        AuditTrail.Verification v = audit.verify(to);
        return new AuditCheck(v.valid(), v.checked(), v.firstBrokenId());
    }

    private void query(String sql, mes.platform.Jdbc.Row row, Object... args) {
        mes.platform.Jdbc.forEach(db, sql, row, args);
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }
}
