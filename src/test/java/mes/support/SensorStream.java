package mes.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic sensor messages of one machine, as JSON strings: state changes with reasons,
 * cumulative counters with a reset, readings of two sensors, and some values-only messages.
 */
public final class SensorStream {

    private SensorStream() {
    }

    public static List<String> messages(String machineId, Instant start, int count, long seed) {
        Random random = new Random(seed);
        String[] states = {"RUNNING", "RUNNING", "RUNNING", "IDLE", "DOWN", "SETUP"};
        List<String> out = new ArrayList<>();
        long good = 1_000;
        long scrap = 10;
        for (int i = 0; i < count; i++) {
            Instant ts = start.plusMillis(i * 1_000L + random.nextInt(900)).truncatedTo(ChronoUnit.MILLIS);
            if (i == count / 2) {
                good = 3; // the PLC's counter was reset
                scrap = 0;
            }
            good += random.nextInt(4);
            scrap += random.nextInt(10) == 0 ? 1 : 0;
            StringBuilder m = new StringBuilder("{\"machineId\":\"").append(machineId).append("\",\"ts\":\"").append(ts)
                    .append("\",\"seq\":").append(i);
            if (i % 7 != 3) {
                String state = states[random.nextInt(states.length)];
                m.append(",\"state\":\"").append(state).append('"');
                if (!state.equals("RUNNING")) {
                    m.append(",\"reason\":\"R").append(random.nextInt(3)).append('"');
                }
                m.append(",\"counters\":{\"good\":").append(good).append(",\"scrap\":").append(scrap).append('}');
            }
            m.append(",\"values\":{\"spindle_temp_c\":").append(50 + random.nextInt(200) / 10.0)
                    .append(",\"vibration_mm_s\":").append(random.nextInt(70) / 10.0).append("}}");
            out.add(m.toString());
        }
        return out;
    }

    public static String array(List<String> messages) {
        return "[" + String.join(",", messages) + "]";
    }
}
