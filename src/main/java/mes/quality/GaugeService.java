package mes.quality;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import mes.audit.AuditTrail;
import mes.kernel.Refusal;
import mes.quality.domain.CalibrationStatus;
import mes.quality.domain.GaugeRR;
import mes.quality.persistence.Gauge;
import mes.quality.persistence.GaugeStore;

/**
 * Gauges and their calibration (ISO 9001 7.1.5): intervals, records with the certificate, due and
 * overdue lists. A gauge found out of tolerance lists the inspections it made since its last good
 * calibration: their results are suspect.
 */
@ApplicationScoped
public class GaugeService {

    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");

    public record GaugeView(String id, String description, int intervalDays, boolean active, CalibrationStatus.Status status,
            Instant lastGood, Instant dueAt) {
    }

    public record Calibration(long id, String gaugeId, Instant calibratedAt, String result, String certificate, String note,
            String recordedBy, Instant recordedAt) {
        public boolean passed() {
            return "PASS".equals(result);
        }
    }

    /** An inspection made with a gauge while its accuracy is in doubt. */
    public record Suspect(long inspectionId, String lotId, String characteristic, String result, Instant inspectedAt, String inspectedBy) {
    }

    /** A gauge R&R study: its measurements, and the figures of both methods derived from them. */
    public record Study(long id, String gaugeId, Long characteristicId, Double tolerance, List<String> appraisers, int parts, int trials,
            double[][][] measurements, GaugeRR.Result averageAndRange, GaugeRR.Result anova, double rangeLimit, GaugeRR.Verdict verdict,
            String note, String recordedBy, Instant recordedAt) {
        /** Both methods' figures, average and range first. */
        public List<GaugeRR.Result> results() {
            return List.of(averageAndRange, anova);
        }
    }

    @Inject
    GaugeStore store;

    @Inject
    AuditTrail audit;

    @Inject
    QualityConfig config;

    @Inject
    Clock clock;

    public List<GaugeView> list() {
        List<GaugeView> out = new ArrayList<>();
        for (Gauge g : Gauge.<Gauge>list("order by id")) {
            out.add(view(g));
        }
        return out;
    }

    /** Gauges needing attention: out of tolerance, never calibrated, overdue, due soon. */
    public List<GaugeView> needingAttention() {
        return list().stream().filter(g -> g.active() && g.status() != CalibrationStatus.Status.VALID)
                .sorted(java.util.Comparator.comparing(GaugeView::status)).toList();
    }

    public Gauge get(String id) {
        return Gauge.<Gauge>findByIdOptional(id).orElseThrow(() -> Refusal.notFound("no gauge '" + id + "'"));
    }

    public GaugeView view(String id) {
        return view(get(id));
    }

    public CalibrationStatus status(String gaugeId) {
        Gauge g = get(gaugeId);
        return status(g, calibrations(gaugeId));
    }

    private CalibrationStatus status(Gauge g, List<Calibration> calibrations) {
        Calibration newest = calibrations.isEmpty() ? null : calibrations.get(calibrations.size() - 1);
        return CalibrationStatus.of(newest == null ? null : newest.calibratedAt(), newest != null && newest.passed(), g.intervalDays,
                clock.instant(), config.calibrationWarning());
    }

    private GaugeView view(Gauge g) {
        CalibrationStatus s = status(g, calibrations(g.id));
        return new GaugeView(g.id, g.description, g.intervalDays, g.active, s.status(), s.lastGood(), s.dueAt());
    }

    @Transactional
    public GaugeView put(String id, String description, Integer intervalDays, Boolean active) {
        if (id == null || !ID.matcher(id).matches()) {
            throw Refusal.invalid("gauge id must be 1-64 letters, digits or _ . -, starting with a letter or digit");
        }
        if (description == null || description.isBlank() || description.length() > 200) {
            throw Refusal.invalid("description is required, at most 200 characters");
        }
        if (intervalDays == null || intervalDays < 1 || intervalDays > 3650) {
            throw Refusal.invalid("intervalDays must be 1-3650");
        }
        Gauge g = Gauge.<Gauge>findByIdOptional(id).orElse(null);
        GaugeView before = g == null ? null : view(g);
        if (g == null) {
            g = new Gauge();
            g.id = id;
            g.createdAt = clock.instant();
        }
        g.description = description.trim();
        g.intervalDays = intervalDays;
        g.active = active == null || active;
        g.updatedAt = clock.instant();
        g.persist();
        g.flush();
        GaugeView after = view(g);
        audit.recordChange("gauge", id, before == null ? null : strip(before), strip(after));
        return after;
    }

    /** What the audit trail keeps of a gauge: its settings, not the derived standing. */
    private static GaugeView strip(GaugeView v) {
        return new GaugeView(v.id(), v.description(), v.intervalDays(), v.active(), null, null, null);
    }

    @Transactional
    public Calibration calibrate(String gaugeId, Instant calibratedAt, String result, String certificate, String note) {
        get(gaugeId);
        if (calibratedAt == null) {
            throw Refusal.invalid("calibratedAt is required");
        }
        if (calibratedAt.isAfter(clock.instant().plusSeconds(60))) {
            throw Refusal.invalid("calibratedAt lies in the future");
        }
        if (!"PASS".equals(result) && !"FAIL".equals(result)) {
            throw Refusal.invalid("result must be PASS (in tolerance) or FAIL (out of tolerance)");
        }
        if (certificate == null || certificate.isBlank() || certificate.length() > 200) {
            throw Refusal.invalid("the certificate reference is required, at most 200 characters");
        }
        if (note != null && note.length() > 1000) {
            throw Refusal.invalid("note is longer than 1000 characters");
        }
        String actor = audit.currentActor();
        Instant now = clock.instant();
        long id = store.addCalibration(gaugeId, calibratedAt, result, certificate.trim(), ControlPlanService.blankToNull(note), actor, now);
        Calibration cal = new Calibration(id, gaugeId, calibratedAt, result, certificate.trim(), ControlPlanService.blankToNull(note), actor,
                now);
        audit.record("CALIBRATE", "gauge", gaugeId, null, cal);
        return cal;
    }

    /** The gauge's calibrations, oldest first. */
    public List<Calibration> calibrations(String gaugeId) {
        return store.calibrations(gaugeId);
    }

    /**
     * The inspections made with the gauge since its last good calibration before the given failed
     * one, up to the next good calibration after it (or now): the ones whose results are in doubt.
     */
    public List<Suspect> suspects(String gaugeId, long failedCalibrationId) {
        List<Calibration> all = calibrations(gaugeId);
        int at = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id() == failedCalibrationId) {
                at = i;
            }
        }
        if (at < 0 || all.get(at).passed()) {
            throw Refusal.notFound("gauge " + gaugeId + " has no failed calibration " + failedCalibrationId);
        }
        Instant from = Instant.EPOCH;
        for (int i = at - 1; i >= 0; i--) {
            if (all.get(i).passed()) {
                from = all.get(i).calibratedAt();
                break;
            }
        }
        Instant to = clock.instant().plusSeconds(1);
        for (int i = at + 1; i < all.size(); i++) {
            if (all.get(i).passed()) {
                to = all.get(i).calibratedAt();
                break;
            }
        }
        return store.currentInspectionsWith(gaugeId, from, to);
    }

    /**
     * Records a gauge R&R study: measurements[appraiser][part][trial] by the appraisers named, judged
     * against the tolerance when given (else, when it names a characteristic with both limits, its
     * USL - LSL). Its verdict is the worse of the two methods'.
     */
    @Transactional
    public Study recordStudy(String gaugeId, Long characteristicId, Double tolerance, List<String> appraisers, double[][][] measurements,
            String note) {
        get(gaugeId);
        if (appraisers == null || measurements == null || appraisers.size() != measurements.length) {
            throw Refusal.invalid("appraisers (their names) and measurements ([appraiser][part][trial]) are required, one"
                    + " list of measurements per appraiser");
        }
        for (String a : appraisers) {
            if (a == null || a.isBlank() || a.length() > 100) {
                throw Refusal.invalid("each appraiser needs a name of at most 100 characters");
            }
        }
        Double tol = tolerance;
        if (characteristicId != null) {
            var ch = mes.quality.persistence.Characteristic.<mes.quality.persistence.Characteristic>findByIdOptional(characteristicId)
                    .orElseThrow(() -> Refusal.invalid("no characteristic " + characteristicId));
            if (tol == null && ch.lsl != null && ch.usl != null) {
                tol = ch.usl - ch.lsl;
            }
        }
        if (tol != null && !(tol > 0 && Double.isFinite(tol))) {
            throw Refusal.invalid("tolerance must be a positive number");
        }
        if (note != null && note.length() > 1000) {
            throw Refusal.invalid("note is longer than 1000 characters");
        }
        GaugeRR study;
        try {
            study = new GaugeRR(measurements);
        } catch (IllegalArgumentException | NullPointerException | ArrayIndexOutOfBoundsException e) {
            throw Refusal.invalid("measurements: " + (e.getMessage() == null ? "every appraiser measures every part in every trial"
                    : e.getMessage()));
        }
        GaugeRR.Verdict verdict = worse(study.averageAndRange(tol).verdict(), study.anova(tol).verdict());
        long id = store.addStudy(gaugeId, characteristicId, tol, appraisers.stream().map(String::trim).toList(), measurements, verdict.name(),
                note == null || note.isBlank() ? null : note.trim(), audit.currentActor(), clock.instant());
        Study s = study(store.study(id));
        audit.record("GAUGE_STUDY", "gauge", gaugeId, null, java.util.Map.of("study", id, "verdict", verdict.name(), "grrPercent",
                s.averageAndRange().percentGrr()));
        return s;
    }

    private static GaugeRR.Verdict worse(GaugeRR.Verdict a, GaugeRR.Verdict b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /** The gauge's studies, newest first. */
    public List<Study> studies(String gaugeId) {
        return store.studiesOf(gaugeId).stream().map(GaugeService::study).toList();
    }

    /** Whether the gauge has a study not judged unacceptable within the validity period before {@code at}. */
    public boolean hasValidStudy(String gaugeId, Instant at) {
        return store.hasAcceptableStudy(gaugeId, at.minus(config.gaugeStudyValidity()), at);
    }

    /** A stored study with the figures of both methods derived from its measurements. */
    private static Study study(GaugeStore.StudyRow r) {
        GaugeRR g = new GaugeRR(r.measurements());
        return new Study(r.id(), r.gaugeId(), r.characteristicId(), r.tolerance(), r.appraisers(), r.parts(), r.trials(), r.measurements(),
                g.averageAndRange(r.tolerance()), g.anova(r.tolerance()), g.rangeLimit(), GaugeRR.Verdict.valueOf(r.verdict()), r.note(),
                r.recordedBy(), r.recordedAt());
    }

    /** A study's measurements from CSV (appraiser,part,trial,value; a header line; parts and trials numbered from 1). */
    public static ParsedCsv parseStudyCsv(String csv) {
        if (csv == null || csv.isBlank()) {
            throw Refusal.invalid("the CSV is empty: appraiser,part,trial,value on each line, after a header");
        }
        String[] lines = csv.strip().split("\\R");
        java.util.LinkedHashMap<String, java.util.TreeMap<Integer, java.util.TreeMap<Integer, Double>>> byAppraiser = new java.util.LinkedHashMap<>();
        for (int n = 1; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s*[,;\\t]\\s*");
            if (f.length != 4) {
                throw Refusal.invalid("line " + (n + 1) + ": appraiser,part,trial,value expected, not '" + line + "'");
            }
            int part;
            int trial;
            double value;
            try {
                part = Integer.parseInt(f[1]);
                trial = Integer.parseInt(f[2]);
                value = Double.parseDouble(f[3]);
            } catch (NumberFormatException e) {
                throw Refusal.invalid("line " + (n + 1) + ": part and trial must be whole numbers and value a number (a decimal point),"
                        + " not '" + line + "'");
            }
            if (!Double.isFinite(value)) {
                throw Refusal.invalid("line " + (n + 1) + ": the value is not a number");
            }
            var cell = byAppraiser.computeIfAbsent(f[0], k -> new java.util.TreeMap<>()).computeIfAbsent(part, k -> new java.util.TreeMap<>());
            if (cell.put(trial, value) != null) {
                throw Refusal.invalid("line " + (n + 1) + ": appraiser " + f[0] + ", part " + part + ", trial " + trial + " is given twice");
            }
        }
        List<String> appraisers = List.copyOf(byAppraiser.keySet());
        double[][][] m = new double[appraisers.size()][][];
        for (int a = 0; a < appraisers.size(); a++) {
            var partsOf = byAppraiser.get(appraisers.get(a));
            m[a] = new double[partsOf.size()][];
            int p = 0;
            for (var trials : partsOf.values()) {
                m[a][p++] = trials.values().stream().mapToDouble(Double::doubleValue).toArray();
            }
        }
        return new ParsedCsv(appraisers, m);
    }

    public record ParsedCsv(List<String> appraisers, double[][][] measurements) {
    }
}
