package mes.ingest.domain;

import java.util.List;
import java.util.Map;

/**
 * Writes sensor messages as the contract's JSON, for the simulator and for tests. Numbers are
 * written in their shortest exact form; strings are escaped.
 */
public final class SensorMessageEncoder {

    private SensorMessageEncoder() {
    }

    public static String toJson(SensorMessage m) {
        StringBuilder sb = new StringBuilder(256);
        write(sb, m);
        return sb.toString();
    }

    public static String toJsonArray(List<SensorMessage> messages) {
        StringBuilder sb = new StringBuilder(messages.size() * 256 + 2).append('[');
        for (int i = 0; i < messages.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            write(sb, messages.get(i));
        }
        return sb.append(']').toString();
    }

    private static void write(StringBuilder sb, SensorMessage m) {
        sb.append("{\"machineId\":");
        string(sb, m.machineId());
        sb.append(",\"ts\":\"").append(m.ts()).append('"');
        if (m.seq() != null) {
            sb.append(",\"seq\":").append(m.seq());
        }
        if (m.state() != null) {
            sb.append(",\"state\":\"").append(m.state().name()).append('"');
        }
        if (m.reason() != null) {
            sb.append(",\"reason\":");
            string(sb, m.reason());
        }
        if (m.counters() != null) {
            sb.append(",\"counters\":{");
            boolean comma = false;
            if (m.counters().good() != null) {
                sb.append("\"good\":").append(m.counters().good());
                comma = true;
            }
            if (m.counters().scrap() != null) {
                sb.append(comma ? "," : "").append("\"scrap\":").append(m.counters().scrap());
            }
            sb.append('}');
        }
        if (!m.values().isEmpty()) {
            sb.append(",\"values\":{");
            boolean comma = false;
            for (Map.Entry<String, Double> e : m.values().entrySet()) {
                sb.append(comma ? "," : "").append('"').append(e.getKey()).append("\":").append(e.getValue());
                comma = true;
            }
            sb.append('}');
        }
        if (m.workOrder() != null) {
            sb.append(",\"workOrder\":");
            string(sb, m.workOrder());
        }
        sb.append('}');
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
