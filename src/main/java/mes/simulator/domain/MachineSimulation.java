package mes.simulator.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import mes.equipment.domain.MachineDefinition;
import mes.equipment.domain.MachineState;
import mes.equipment.domain.SensorDefinition;
import mes.ingest.domain.SensorMessage;

/**
 * One simulated machine: a state machine (running, idle, down, setup with reasons), cumulative
 * part counters with scrap and rare PLC resets, and sensor values around their targets with
 * noise, slow drift and injected faults (spike, stuck sensor, step). Deterministic for a seed:
 * the same seed and the same ticks give the same messages.
 */
public final class MachineSimulation {

    /** A fault being injected into one sensor. */
    public enum Fault { NONE, SPIKE, FLATLINE, STEP }

    static final List<String> IDLE_REASONS = List.of("NO_MATERIAL", "WAITING_FOR_OPERATOR", "BLOCKED_DOWNSTREAM");
    static final List<String> DOWN_REASONS = List.of("TOOL_BREAK", "HYDRAULIC_FAULT", "SENSOR_FAULT",
            "ELECTRICAL_FAULT", "JAM");

    private final MachineDefinition machine;
    private final Random random;
    private final double faultProbability;
    private final Map<String, Double> drift = new LinkedHashMap<>();

    private MachineState state = MachineState.RUNNING;
    private String reason;
    private Instant stateUntil;
    private long seq;
    private long good;
    private long scrap;
    private double partial;
    private int workOrderNo = 1;
    private volatile String runningOrder;
    private Fault fault = Fault.NONE;
    private String faultSensor;
    private int faultTicksLeft;
    private double faultValue;

    /**
     * @param faultProbability chance per tick that a fault starts on one of the sensors
     */
    public MachineSimulation(MachineDefinition machine, long seed, double faultProbability) {
        this.machine = machine;
        this.random = new Random(seed ^ machine.id().hashCode());
        this.faultProbability = faultProbability;
        this.good = random.nextInt(50_000);
        this.scrap = good / 60;
        machine.sensors().keySet().forEach(name -> drift.put(name, 0.0));
    }

    /** Continues from the counters a previous run of the simulator left (a dev-mode reload keeps the database). */
    public void resume(long good, long scrap) {
        this.good = good;
        this.scrap = scrap;
    }

    /** Starts a fault on a sensor now (the demo and the end-to-end tests), instead of waiting for chance. */
    public void inject(Fault fault, String sensor, int ticks) {
        if (!machine.sensors().containsKey(sensor)) {
            throw new IllegalArgumentException("machine " + machine.id() + " has no sensor " + sensor);
        }
        this.fault = fault;
        this.faultSensor = sensor;
        this.faultTicksLeft = ticks;
        this.faultValue = Double.NaN;
    }

    public String lineId() {
        return machine.lineId();
    }

    public String machineId() {
        return machine.id();
    }

    public MachineState state() {
        return state;
    }

    public Fault fault() {
        return fault;
    }

    /** Advances the machine to {@code now}, {@code elapsed} after the previous tick, and answers its message. */
    public SensorMessage tick(Instant now, Duration elapsed) {
        now = now.truncatedTo(ChronoUnit.MILLIS);
        if (stateUntil == null || !now.isBefore(stateUntil)) {
            nextState(now);
        }
        if (state == MachineState.RUNNING) {
            produce(elapsed.toMillis() / 1000.0);
        }
        if (random.nextDouble() < 0.0002) {
            good = 0; // the PLC's counters were reset (power cycle, new shift)
            scrap = 0;
        }
        return new SensorMessage(machine.id(), now, ++seq, state, reason,
                new SensorMessage.Counters(good, scrap), values(), workOrder());
    }

    private void nextState(Instant now) {
        MachineState next;
        if (state != MachineState.RUNNING) {
            next = MachineState.RUNNING;
        } else {
            double r = random.nextDouble();
            next = r < 0.80 ? MachineState.RUNNING
                    : r < 0.90 ? MachineState.IDLE
                    : r < 0.96 ? MachineState.DOWN
                    : MachineState.SETUP;
        }
        double meanSeconds = switch (next) {
            case RUNNING -> 300;
            case IDLE -> 60;
            case DOWN -> 180;
            case SETUP -> 240;
            default -> 60;
        };
        reason = switch (next) {
            case IDLE -> IDLE_REASONS.get(random.nextInt(IDLE_REASONS.size()));
            case DOWN -> DOWN_REASONS.get(random.nextInt(DOWN_REASONS.size()));
            case SETUP -> "CHANGEOVER";
            default -> null;
        };
        if (next == MachineState.SETUP) {
            workOrderNo++;
        }
        state = next;
        long seconds = Math.max(5, Math.round(-Math.log(1 - random.nextDouble()) * meanSeconds));
        stateUntil = now.plusSeconds(seconds);
    }

    private void produce(double seconds) {
        partial += seconds / machine.idealCycleTimeSeconds() * (0.82 + 0.15 * random.nextDouble());
        while (partial >= 1) {
            partial -= 1;
            if (random.nextDouble() < 0.02) {
                scrap++;
            } else {
                good++;
            }
        }
    }

    private Map<String, Double> values() {
        if (fault == Fault.NONE && !machine.sensors().isEmpty() && random.nextDouble() < faultProbability) {
            List<String> names = List.copyOf(machine.sensors().keySet());
            faultSensor = names.get(random.nextInt(names.size()));
            fault = Fault.values()[1 + random.nextInt(3)];
            faultTicksLeft = switch (fault) {
                case SPIKE -> 1;
                case FLATLINE -> 30;
                default -> 60;
            };
            faultValue = Double.NaN;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (SensorDefinition s : machine.sensors().values()) {
            double span = s.lsl() != null && s.usl() != null ? s.usl() - s.lsl() : Math.max(1, Math.abs(target(s)));
            double sigma = span / 24;
            double d = drift.get(s.name()) * 0.98 + random.nextGaussian() * sigma * 0.05; // slow wander, about 0.25 sigma
            drift.put(s.name(), d);
            double level = state == MachineState.RUNNING ? target(s) : target(s) - 0.15 * span;
            double value = level + d + random.nextGaussian() * sigma;
            if (s.name().equals(faultSensor) && fault != Fault.NONE) {
                value = switch (fault) {
                    case SPIKE -> (s.usl() != null ? s.usl() : level) + span * 0.3;
                    case FLATLINE -> Double.isNaN(faultValue) ? (faultValue = value) : faultValue;
                    case STEP -> value + 3.5 * sigma;
                    default -> value;
                };
                if (--faultTicksLeft <= 0) {
                    fault = Fault.NONE;
                    faultSensor = null;
                }
            }
            values.put(s.name(), Math.round(value * 1000) / 1000.0);
        }
        return values;
    }

    private static double target(SensorDefinition s) {
        if (s.target() != null) {
            return s.target();
        }
        if (s.lsl() != null && s.usl() != null) {
            return (s.lsl() + s.usl()) / 2;
        }
        return 0;
    }

    /** The order the MES says runs on the machine's line (null: none; the gateway then names its own). */
    public void runningOrder(String workOrderId) {
        this.runningOrder = workOrderId;
    }

    private String workOrder() {
        return runningOrder != null ? runningOrder : "WO-%s-%04d".formatted(machine.lineId(), workOrderNo);
    }
}
