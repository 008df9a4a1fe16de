package mes.reports;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mes.oee.OeeCharts;
import mes.reports.ReportFigures.Figures;

/**
 * A report's three forms: HTML (Qute, self-contained, with the OEE pages' SVG charts), PDF
 * (rendered from the same template by openhtmltopdf, with the charts drawn as CSS bars: the SVG
 * module would bring Batik and AWT into the native binary), and CSV of every figure.
 */
public final class ReportDocument {

    /** What the report says about itself. */
    public record Meta(long id, Instant generatedAt, String softwareVersion, String trigger, String requestedBy) {
    }

    /** A bar of a CSS bar chart: its label, value text and width in percent of the longest. */
    public record Bar(String label, String value, int percent) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance report(Figures f, Meta meta, boolean forPdf, RawString waterfall, RawString pareto, List<Bar> lossBars,
                List<Bar> reasonBars);
    }

    private ReportDocument() {
    }

    public static String html(Figures f, Meta meta, boolean forPdf) {
        RawString waterfall = null;
        RawString pareto = null;
        if (!forPdf) {
            waterfall = OeeCharts.waterfall(f.total());
            pareto = OeeCharts.pareto(f.downtimeReasons().stream().map(ReportFigures.Loss::name).toList(),
                    f.downtimeReasons().stream().map(l -> l.hours() * 3600).toList());
        }
        return Templates.report(f, meta, forPdf, waterfall, pareto, bars(f.losses()), bars(f.downtimeReasons())).render();
    }

    static List<Bar> bars(List<ReportFigures.Loss> losses) {
        double max = losses.stream().mapToDouble(ReportFigures.Loss::hours).max().orElse(0);
        List<Bar> out = new ArrayList<>();
        for (ReportFigures.Loss l : losses) {
            out.add(new Bar(l.name(), String.format(Locale.ROOT, "%.1f h", l.hours()), max <= 0 ? 0 : (int) Math.round(l.hours() / max * 100)));
        }
        return out;
    }

    /** The PDF of the report's XHTML. */
    public static byte[] pdf(String xhtml) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every figure as one row: section, subject, metric, value, unit; in a fixed order, with nothing about when it was made. */
    public static byte[] csv(Figures f) {
        StringBuilder b = new StringBuilder("section,clause,subject,metric,value,unit\n");
        Csv c = new Csv(b);
        c.row("period", "", f.type().name(), "from", f.from().toString(), "");
        c.row("period", "", f.type().name(), "to", f.to().toString(), "");
        c.row("period", "", f.type().name(), "time_zone", f.zone().getId(), "");
        for (var o : concat(f.sites(), f.lines())) {
            String s = o.scope() + ":" + o.id();
            c.row("oee", "9.1.1", s, "availability", o.availability(), "ratio");
            c.row("oee", "9.1.1", s, "effectiveness", o.effectiveness(), "ratio");
            c.row("oee", "9.1.1", s, "quality", o.quality(), "ratio");
            c.row("oee", "9.1.1", s, "oee", o.oee(), "ratio");
            c.row("oee", "9.1.1", s, "planned_busy_time", o.plannedHours(), "h");
            c.row("oee", "9.1.1", s, "actual_production_time", o.runHours(), "h");
            c.row("production", "8.5.1", s, "produced", o.produced(), "parts");
            c.row("production", "8.5.1", s, "good", o.good(), "parts");
            c.row("production", "8.5.1", s, "scrap", o.scrap(), "parts");
        }
        for (var m : f.maintenance()) {
            String s = m.scope() + ":" + m.id();
            c.row("maintenance", "8.5.1.5", s, "failures", m.failures(), "count");
            c.row("maintenance", "8.5.1.5", s, "minor_stops", m.minorStops(), "count");
            c.row("maintenance", "8.5.1.5", s, "failure_time", m.failureSeconds(), "s");
            c.row("maintenance", "8.5.1.5", s, "mtbf", m.mtbfSeconds(), "s");
            c.row("maintenance", "8.5.1.5", s, "mttr", m.mttrSeconds(), "s");
            c.row("maintenance", "8.5.1.5", s, "answered_failures", m.answeredFailures(), "count");
            c.row("maintenance", "8.5.1.5", s, "mean_response", m.meanResponseSeconds(), "s");
            c.row("maintenance", "8.5.1.5", s, "mean_repair", m.meanRepairSeconds(), "s");
        }
        for (var pm : f.pmCompliance()) {
            String s = "site:" + pm.siteId();
            c.row("maintenance", "8.5.1.5", s, "pm_fell_due", pm.c().fellDue(), "count");
            c.row("maintenance", "8.5.1.5", s, "pm_completed_in_tolerance", pm.c().completedInTolerance(), "count");
            c.row("maintenance", "8.5.1.5", s, "pm_completed_late", pm.c().completedLate(), "count");
            c.row("maintenance", "8.5.1.5", s, "pm_open_overdue", pm.c().openOverdue(), "count");
            c.row("maintenance", "8.5.1.5", s, "pm_open_in_tolerance", pm.c().openInTolerance(), "count");
            c.row("maintenance", "8.5.1.5", s, "pm_compliance", pm.c().compliance(), "ratio");
        }
        for (var o : f.overduePlans()) {
            c.row("maintenance", "8.5.1.5", "plan:" + o.planId(), "overdue_" + o.trigger().toLowerCase(java.util.Locale.ROOT), o.measure(),
                    o.unit().replace(' ', '_'));
        }
        for (var l : f.losses()) {
            c.row("losses", "9.1.1", l.name(), "time", l.hours(), "h");
        }
        for (var l : f.downtimeReasons()) {
            c.row("downtime_reasons", "9.1.1", l.name(), "time", l.hours(), "h");
        }
        for (var o : f.orders()) {
            c.row("orders", "8.5.1", o.orderId(), "good", o.good(), "parts");
            c.row("orders", "8.5.1", o.orderId(), "scrap", o.scrap(), "parts");
        }
        var q = f.quality();
        c.row("quality", "8.6", "inspections", "count", q.inspections(), "");
        c.row("quality", "8.6", "inspections", "passed", q.passed(), "");
        c.row("quality", "8.6", "inspections", "failed", q.failed(), "");
        c.row("quality", "9.1.1", "lots", "first_pass_yield", q.firstPassYield(), "ratio");
        c.row("quality", "9.1.1", "parts", "scrap_rate", q.scrapRate(), "ratio");
        c.row("quality", "9.1.1", "parts", "ppm", q.ppm(), "ppm");
        c.row("quality", "8.6", "planned_inspections", "planned", q.planned(), "");
        c.row("quality", "8.6", "planned_inspections", "done", q.done(), "");
        c.row("quality", "7.1.5", "inspections", "with_overdue_gauge", q.flaggedGauge(), "");
        var n = f.nonconformities();
        c.row("nonconformities", "8.7", "all", "raised", n.raised(), "");
        c.row("nonconformities", "8.7", "all", "closed", n.closed(), "");
        c.row("nonconformities", "8.7", "all", "open_at_end", n.openAtEnd(), "");
        n.dispositions().forEach((d, k) -> c.row("nonconformities", "8.7", d, "disposed", k, ""));
        for (var o : n.open()) {
            c.row("nonconformities", "8.7", o.number(), "age", o.ageDays(), "d");
        }
        var k = f.capas();
        c.row("capa", "10.2", "all", "opened", k.opened(), "");
        c.row("capa", "10.2", "all", "closed", k.closed(), "");
        c.row("capa", "10.2", "all", "open_at_end", k.openAtEnd(), "");
        c.row("capa", "10.2", "actions", "overdue_at_end", k.overdueActions(), "");
        for (var o : k.open()) {
            c.row("capa", "10.2", o.number(), "age", o.ageDays(), "d");
        }
        for (var g : f.gauges()) {
            c.row("calibration", "7.1.5", g.id(), "status", g.status(), "");
        }
        for (var r : f.capability()) {
            String s = r.partId() + "/" + r.code();
            c.row("capability", "IATF 9.1.1.1", s, "subgroups", r.subgroups(), "");
            c.row("capability", "IATF 9.1.1.1", s, "in_statistical_control", r.inControl(), "");
            c.row("capability", "IATF 9.1.1.1", s, "cpk", r.cpk(), "");
            c.row("capability", "IATF 9.1.1.1", s, "ppk", r.ppk(), "");
            c.row("capability", "IATF 9.1.1.1", s, "meets_targets", r.meets(), "");
        }
        for (var a : f.alerts()) {
            c.row("alerts", "9.1.1", a.rule() + "/" + a.severity(), "opened", a.count(), "");
        }
        var t = f.traceability();
        c.row("traceability", "8.5.2", "lots_closed", "count", t.lotsClosed(), "");
        c.row("traceability", "8.5.2", "lots_closed", "with_material", t.withMaterial(), "");
        c.row("traceability", "8.5.2", "lots_closed", "with_inspection", t.withInspection(), "");
        c.row("audit_trail", "7.5.3", "chain", "valid", f.audit().valid(), "");
        c.row("audit_trail", "7.5.3", "chain", "entries_checked", f.audit().checked(), "");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private record Csv(StringBuilder b) {
        void row(String section, String clause, String subject, String metric, Object value, String unit) {
            b.append(cell(section)).append(',').append(cell(clause)).append(',').append(cell(subject)).append(',').append(cell(metric))
                    .append(',').append(cell(value == null ? "" : value instanceof Double d ? String.format(Locale.ROOT, "%.6f", d)
                            : value.toString())).append(',').append(cell(unit)).append('\n');
        }

        /** RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so that a spreadsheet does not run it as a formula. */
        static String cell(String s) {
            String v = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !s.matches("-?\\d.*") ? "'" + s : s;
            return v.matches(".*[,\"\\r\\n].*") || v.startsWith(" ") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
        }
    }
}
