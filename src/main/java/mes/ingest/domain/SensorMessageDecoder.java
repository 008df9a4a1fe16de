package mes.ingest.domain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mes.equipment.domain.EquipmentIds;
import mes.equipment.domain.MachineState;
import mes.equipment.domain.SensorDefinition;

/**
 * Decodes and validates payloads of contracts/sensor-message.md: one message object, or an
 * array of up to 1,000. Each object is judged on its own, with a reason that names the field
 * and what is wrong, and keeps its exact raw bytes for quarantine. Unknown fields are ignored
 * (forward compatibility); wrong types are not. Thread-safe.
 */
public final class SensorMessageDecoder {

    public static final int MAX_MESSAGES = 1_000;
    public static final int MAX_OBJECT_BYTES = 64 * 1024;
    public static final int MAX_VALUES = 256;
    public static final int MAX_TEXT = 64;

    private static final Set<String> COUNTER_FIELDS = Set.of("good", "scrap");

    private final ObjectMapper mapper;

    public SensorMessageDecoder() {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = new ObjectMapper(factory);
    }

    public DecodedPayload decode(byte[] payload) {
        List<Decoded> items = new ArrayList<>();
        try (JsonParser parser = mapper.createParser(payload)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new DecodedPayload.Unusable("the body is empty: expected a message object or an array of them");
            }
            if (first == JsonToken.START_OBJECT) {
                items.add(element(parser, payload, 0));
            } else if (first == JsonToken.START_ARRAY) {
                int index = 0;
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    if (t == null) {
                        return new DecodedPayload.Unusable("not JSON: the array is not closed");
                    }
                    if (index == MAX_MESSAGES) {
                        return new DecodedPayload.Unusable("the array holds more than " + MAX_MESSAGES
                                + " messages; send at most " + MAX_MESSAGES + " per payload");
                    }
                    items.add(element(parser, payload, index++));
                }
                if (index == 0) {
                    return new DecodedPayload.Unusable("the array is empty: nothing to ingest");
                }
            } else {
                return new DecodedPayload.Unusable("the body is JSON but a " + describe(first)
                        + ", not a message object or an array of them");
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                return new DecodedPayload.Unusable("not JSON: unexpected content after the end of the body");
            }
        } catch (JsonProcessingException e) {
            // Jackson's own limits (nesting depth, number length) come without a location
            // the parser's message quotes the payload (a field name, a token): clipped, the raw bytes keep the rest
            return new DecodedPayload.Unusable("not JSON: " + clip(e.getOriginalMessage(), 200) + (e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            return new DecodedPayload.Unusable("not JSON: " + clip(e.getMessage(), 200));
        }
        return new DecodedPayload.Messages(items);
    }

    /** Reads the element whose first token the parser is on, and judges it. */
    private Decoded element(JsonParser parser, byte[] payload, int index) throws IOException {
        JsonToken token = parser.currentToken();
        int start = (int) parser.currentTokenLocation().getByteOffset();
        JsonNode node = parser.readValueAsTree();
        int end = (int) parser.currentLocation().getByteOffset();
        byte[] raw = start >= 0 && end >= start && end <= payload.length
                ? Arrays.copyOfRange(payload, start, end) : payload;
        if (token != JsonToken.START_OBJECT) {
            return new Decoded.Rejected(index, "element is a " + describe(token) + ", not a message object", null, raw);
        }
        // a rejected message names its machine (for the quarantine's per-machine view) only when the id is well formed:
        // an over-long or hostile string is in the raw bytes and the reason, clipped, not in a column of its own
        String machineId = node.path("machineId").isTextual() && EquipmentIds.isValid(node.get("machineId").asText())
                ? node.get("machineId").asText() : null;
        if (raw.length > MAX_OBJECT_BYTES) {
            return new Decoded.Rejected(index, "the message object is " + raw.length + " bytes; at most "
                    + MAX_OBJECT_BYTES + " are allowed", machineId, raw);
        }
        try {
            return new Decoded.Valid(index, message((ObjectNode) node), raw);
        } catch (Invalid e) {
            return new Decoded.Rejected(index, e.getMessage(), machineId, raw);
        }
    }

    /** Validates one message object; throws {@link Invalid} with the first problem found. */
    static SensorMessage message(ObjectNode o) {
        String machineId = requiredText(o, "machineId");
        if (!EquipmentIds.isValid(machineId)) {
            throw new Invalid("machineId '" + clip(machineId) + "' does not match " + EquipmentIds.PATTERN.pattern());
        }
        Instant ts = timestamp(requiredText(o, "ts"));
        Long seq = null;
        if (o.has("seq")) {
            JsonNode n = o.get("seq");
            if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
                throw new Invalid("seq must be an integer >= 0, got " + clip(n.toString()));
            }
            seq = n.asLong();
        }
        MachineState state = null;
        if (o.has("state")) {
            String s = text(o, "state");
            if ("OFFLINE".equals(s)) {
                throw new Invalid("state OFFLINE is derived by the system and never sent");
            }
            state = switch (s) {
                case "RUNNING", "IDLE", "SETUP", "DOWN", "PLANNED_STOP" -> MachineState.valueOf(s);
                default -> throw new Invalid("state '" + clip(s) + "' is not one of RUNNING, IDLE, SETUP, DOWN, PLANNED_STOP");
            };
        }
        String reason = o.has("reason") ? limited(o, "reason") : null;
        String workOrder = o.has("workOrder") ? limited(o, "workOrder") : null;
        SensorMessage.Counters counters = o.has("counters") ? counters(o.get("counters")) : null;
        Map<String, Double> values = o.has("values") ? values(o.get("values")) : Map.of();
        if (state == null && counters == null && values.isEmpty()) {
            throw new Invalid("the message carries no data: at least one of state, counters, values is required");
        }
        return new SensorMessage(machineId, ts, seq, state, reason, counters, values, workOrder);
    }

    static Instant timestamp(String ts) {
        Instant instant;
        try {
            instant = Rfc3339.parse(ts);
        } catch (DateTimeException e) {
            throw new Invalid("ts '" + clip(ts) + "' is not an RFC 3339 timestamp with offset, such as 2026-11-25T10:00:00.125Z");
        }
        if (instant.getNano() % 1_000_000 != 0) {
            throw new Invalid("ts '" + clip(ts) + "' has more than millisecond precision");
        }
        return instant;
    }

    private static SensorMessage.Counters counters(JsonNode n) {
        if (!n.isObject()) {
            throw new Invalid("counters must be an object {\"good\": n, \"scrap\": n}, got " + describe(n));
        }
        Long good = null;
        Long scrap = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!COUNTER_FIELDS.contains(e.getKey())) {
                throw new Invalid("counters." + clip(e.getKey()) + " is not a counter; only good and scrap are");
            }
            JsonNode v = e.getValue();
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
                throw new Invalid("counters." + e.getKey() + " must be an integer >= 0, got " + clip(v.toString()));
            }
            if (e.getKey().equals("good")) {
                good = v.asLong();
            } else {
                scrap = v.asLong();
            }
        }
        if (good == null && scrap == null) {
            throw new Invalid("counters holds neither good nor scrap");
        }
        return new SensorMessage.Counters(good, scrap);
    }

    private static Map<String, Double> values(JsonNode n) {
        if (!n.isObject()) {
            throw new Invalid("values must be an object of sensor name -> number, got " + describe(n));
        }
        if (n.size() > MAX_VALUES) {
            throw new Invalid("values holds " + n.size() + " readings; at most " + MAX_VALUES + " are allowed");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!SensorDefinition.isValidName(e.getKey())) {
                throw new Invalid("values: sensor name '" + clip(e.getKey()) + "' does not match " + SensorDefinition.NAME.pattern());
            }
            JsonNode v = e.getValue();
            if (!v.isNumber()) {
                throw new Invalid("values." + e.getKey() + " must be a number, got " + clip(v.toString()));
            }
            double d = v.asDouble();
            if (!Double.isFinite(d)) {
                throw new Invalid("values." + e.getKey() + " must be a finite number, got " + clip(v.toString()));
            }
            values.put(e.getKey(), d);
        }
        return values;
    }

    private static String requiredText(ObjectNode o, String field) {
        if (!o.has(field)) {
            throw new Invalid(field + " is required");
        }
        return text(o, field);
    }

    private static String text(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (!n.isTextual()) {
            throw new Invalid(field + " must be a string, got " + describe(n));
        }
        return n.asText();
    }

    private static String limited(ObjectNode o, String field) {
        String s = text(o, field);
        if (s.length() > MAX_TEXT) {
            throw new Invalid(field + " is " + s.length() + " characters long; at most " + MAX_TEXT + " are allowed");
        }
        return s;
    }

    private static String describe(JsonNode n) {
        return n.isNull() ? "null" : n.getNodeType().name().toLowerCase() + " " + clip(n.toString());
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "array";
            case START_OBJECT -> "object";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> t.name().toLowerCase();
        };
    }

    /** Keeps reasons short when the offending value is long. */
    private static String clip(String s) {
        return clip(s, 80);
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    /** A message object that breaks the contract; the message is the reason. */
    static final class Invalid extends RuntimeException {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }
}
