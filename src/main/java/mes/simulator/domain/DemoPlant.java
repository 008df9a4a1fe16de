package mes.simulator.domain;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import mes.anomaly.domain.DetectionSettings;
import mes.anomaly.domain.DetectionSettings.Drift;
import mes.anomaly.domain.DetectionSettings.RuleSet;
import java.util.Map;
import java.util.Set;
import mes.equipment.domain.MachineDefinition;
import mes.equipment.domain.SensorDefinition;
import mes.equipment.domain.LossCategory;
import mes.equipment.domain.ReasonTree;
import mes.equipment.domain.ShiftCalendar;

/**
 * The demo plant of the dev profile: a Tier-1 supplier's plant in Germany with machining, a
 * press shop, body welding, moulding, assembly and a measuring room; 55 machines on 9 lines,
 * three shifts Monday to Friday.
 */
public final class DemoPlant {

    public record Site(String id, String name, String timeZone) {
    }

    public record Area(String id, String name, String siteId) {
    }

    public record Line(String id, String name, String areaId) {
    }

    public static final Site SITE = new Site("PLANT-1", "Demo plant Zwickau", "Europe/Berlin");

    public static final List<Area> AREAS = List.of(
            new Area("MACH", "Machining", SITE.id()),
            new Area("PRESS", "Press shop", SITE.id()),
            new Area("BODY", "Body welding", SITE.id()),
            new Area("MOULD", "Injection moulding", SITE.id()),
            new Area("ASSY", "Assembly", SITE.id()),
            new Area("QLAB", "Measuring room", SITE.id()));

    private record LineSpec(Line line, MachineKind kind, int machines) {
    }

    private static final List<LineSpec> LINES = List.of(
            new LineSpec(new Line("L-MACH-1", "Brake caliper machining", "MACH"), MachineKind.CNC_MACHINING_CENTRE, 6),
            new LineSpec(new Line("L-MACH-2", "Steering knuckle machining", "MACH"), MachineKind.CNC_MACHINING_CENTRE, 6),
            new LineSpec(new Line("L-PRESS-1", "Transfer press line", "PRESS"), MachineKind.STAMPING_PRESS, 5),
            new LineSpec(new Line("L-BODY-1", "Cross member welding", "BODY"), MachineKind.WELDING_CELL, 6),
            new LineSpec(new Line("L-BODY-2", "Seat frame welding", "BODY"), MachineKind.WELDING_CELL, 6),
            new LineSpec(new Line("L-MOULD-1", "Interior trim moulding", "MOULD"), MachineKind.INJECTION_MOULDING, 8),
            new LineSpec(new Line("L-ASSY-1", "Brake module assembly", "ASSY"), MachineKind.ASSEMBLY_STATION, 8),
            new LineSpec(new Line("L-ASSY-2", "Pedal box assembly", "ASSY"), MachineKind.ASSEMBLY_STATION, 6),
            new LineSpec(new Line("L-QLAB-1", "CMM cell", "QLAB"), MachineKind.CMM_INSPECTION, 4));

    public static final List<Line> LINES_OF_PLANT = LINES.stream().map(LineSpec::line).toList();

    public static final List<MachineDefinition> MACHINES = machines();

    /** Three shifts Monday to Friday (the night shift starts on the day and runs past midnight). */
    /** A statistical detector the demo switches on for one sensor of every machine of a kind. */
    public record Detection(MachineKind kind, String sensor, DetectionSettings settings) {
    }

    /**
     * The sensors the demo watches statistically (the defaults watch limits, flatline and the
     * machine only): drift on spindle and melt temperatures, run rules on the CMMs' probe and room
     * temperatures.
     */
    public static final List<Detection> DETECTION = List.of(
            new Detection(MachineKind.CNC_MACHINING_CENTRE, "spindle_temp_c", settings(false, null, Drift.EWMA)),
            new Detection(MachineKind.INJECTION_MOULDING, "melt_temp_c", settings(false, null, Drift.CUSUM)),
            new Detection(MachineKind.CMM_INSPECTION, "probe_temp_c", settings(true, RuleSet.NELSON, null)),
            new Detection(MachineKind.CMM_INSPECTION, "room_temp_c", settings(true, RuleSet.WESTERN_ELECTRIC, null)));

    private static DetectionSettings settings(boolean spc, RuleSet rules, Drift drift) {
        return new DetectionSettings(null, null, spc, rules, null, null, null, drift, null, null, null, null, null, null, null);
    }

    public static final ShiftCalendar CALENDAR = calendar();

    /** The demo site's downtime reason tree: every code its machines send, in groups with their loss categories. */
    public static final ReasonTree DOWNTIME_REASONS = new ReasonTree(List.of(
            new ReasonTree.Reason("MECHANICAL", "Mechanical", LossCategory.BREAKDOWN, null),
            new ReasonTree.Reason("TOOL_BREAK", "Tool break", null, "MECHANICAL"),
            new ReasonTree.Reason("JAM", "Jam", null, "MECHANICAL"),
            new ReasonTree.Reason("HYDRAULIC_FAULT", "Hydraulic fault", null, "MECHANICAL"),
            new ReasonTree.Reason("ELECTRICAL", "Electrical", LossCategory.BREAKDOWN, null),
            new ReasonTree.Reason("ELECTRICAL_FAULT", "Electrical fault", null, "ELECTRICAL"),
            new ReasonTree.Reason("SENSOR_FAULT", "Sensor fault", null, "ELECTRICAL"),
            new ReasonTree.Reason("MATERIAL", "Material", LossCategory.MATERIAL, null),
            new ReasonTree.Reason("NO_MATERIAL", "No material", null, "MATERIAL"),
            new ReasonTree.Reason("BLOCKED_DOWNSTREAM", "Blocked downstream", LossCategory.OTHER, "MATERIAL"),
            new ReasonTree.Reason("PEOPLE", "People", LossCategory.OPERATOR, null),
            new ReasonTree.Reason("WAITING_FOR_OPERATOR", "Waiting for an operator", null, "PEOPLE"),
            new ReasonTree.Reason("CHANGE", "Set-up and planned work", LossCategory.SETUP, null),
            new ReasonTree.Reason("CHANGEOVER", "Changeover", null, "CHANGE"),
            new ReasonTree.Reason("CLEANING", "Cleaning", LossCategory.PLANNED, "CHANGE"),
            new ReasonTree.Reason("QUALITY_CHECK", "Quality check", LossCategory.QUALITY, null)));

    private DemoPlant() {
    }

    /** A part the demo plant makes, on one line. */
    public record Part(String id, String description, String lineId, String material, boolean serialLine) {
    }

    /** One part per line (the measuring room makes none); assembly lines are serial, the others parallel cells. */
    public static final List<Part> PARTS = List.of(
            new Part("BC-4711", "Brake caliper housing", "L-MACH-1", "EN-GJS-400 casting", false),
            new Part("SK-2040", "Steering knuckle", "L-MACH-2", "42CrMo4 forging", false),
            new Part("CM-8810", "Cross member stamping", "L-PRESS-1", "DC04 steel coil", false),
            new Part("CM-8820", "Cross member, welded", "L-BODY-1", "CM-8810", false),
            new Part("SF-3300", "Seat frame", "L-BODY-2", "S355 tube", false),
            new Part("IT-5120", "Door trim panel", "L-MOULD-1", "PP-T20 granulate", false),
            new Part("BM-9000", "Brake module", "L-ASSY-1", "BC-4711", true),
            new Part("PB-6100", "Pedal box", "L-ASSY-2", "SK-2040", true));

    /**
     * The routing of a demo part: every machine of its line as operation 10 (parallel cells), or one
     * operation per station in order on an assembly line (the last station counts finished parts).
     */
    public static List<Routing> routing(Part part) {
        List<Routing> out = new ArrayList<>();
        int n = 0;
        for (MachineDefinition m : MACHINES) {
            if (m.lineId().equals(part.lineId())) {
                n++;
                out.add(new Routing(part.serialLine() ? n * 10 : 10, m.id(), m.idealCycleTimeSeconds()));
            }
        }
        return out;
    }

    public record Routing(int operationNo, String machineId, double idealCycleTimeSeconds) {
    }

    public static MachineKind kindOf(MachineDefinition machine) {
        return MachineKind.valueOf(machine.kind());
    }

    private static List<MachineDefinition> machines() {
        List<MachineDefinition> machines = new ArrayList<>();
        Map<MachineKind, Integer> numbers = new LinkedHashMap<>();
        for (LineSpec spec : LINES) {
            for (int i = 0; i < spec.machines(); i++) {
                int n = numbers.merge(spec.kind(), 1, Integer::sum);
                String id = "%s-%02d".formatted(spec.kind().prefix(), n);
                Map<String, SensorDefinition> sensors = new LinkedHashMap<>();
                spec.kind().sensors().forEach(s -> sensors.put(s.name(), s));
                machines.add(new MachineDefinition(id, spec.kind().label() + " " + n, spec.line().id(),
                        spec.kind().name(), spec.kind().idealCycleTimeSeconds(),
                        MachineDefinition.DEFAULT_HEARTBEAT_TIMEOUT_SECONDS, sensors));
            }
        }
        return List.copyOf(machines);
    }

    private static ShiftCalendar calendar() {
        Set<DayOfWeek> weekdays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        return new ShiftCalendar(List.of(
                shift("early", weekdays, "06:00", "14:00", "09:30", "10:00"),
                shift("late", weekdays, "14:00", "22:00", "18:00", "18:30"),
                shift("night", weekdays, "22:00", "06:00", "02:00", "02:30")), List.of());
    }

    private static ShiftCalendar.Shift shift(String name, Set<DayOfWeek> days, String start, String end,
            String breakStart, String breakEnd) {
        return new ShiftCalendar.Shift(name, days, LocalTime.parse(start), LocalTime.parse(end),
                List.of(new ShiftCalendar.Break(LocalTime.parse(breakStart), LocalTime.parse(breakEnd))));
    }
}
