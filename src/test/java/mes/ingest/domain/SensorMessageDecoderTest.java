package mes.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mes.equipment.domain.MachineState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SensorMessageDecoderTest {

    private final SensorMessageDecoder decoder = new SensorMessageDecoder();

    private static final String EXAMPLE = """
            {"machineId":"CNC-07","ts":"2026-11-25T10:00:00.125Z","seq":48211,
             "state":"RUNNING","counters":{"good":10412,"scrap":37},
             "values":{"spindle_temp_c":61.4,"vibration_mm_s":2.31,"spindle_load_pct":54.0},
             "workOrder":"WO-2026-00187"}""";

    private DecodedPayload decode(String json) {
        return decoder.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private Decoded single(String json) {
        DecodedPayload payload = decode(json);
        assertThat(payload).isInstanceOf(DecodedPayload.Messages.class);
        List<Decoded> items = ((DecodedPayload.Messages) payload).items();
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private String rejection(String json) {
        Decoded d = single(json);
        assertThat(d).as("expected a rejection of %s", json).isInstanceOf(Decoded.Rejected.class);
        return ((Decoded.Rejected) d).reason();
    }

    @Test
    void theContractExampleDecodesToEveryField() {
        Decoded d = single(EXAMPLE);
        assertThat(d).isInstanceOf(Decoded.Valid.class);
        SensorMessage m = ((Decoded.Valid) d).message();
        assertThat(m.machineId()).isEqualTo("CNC-07");
        assertThat(m.ts()).isEqualTo(Instant.parse("2026-11-25T10:00:00.125Z"));
        assertThat(m.seq()).isEqualTo(48211L);
        assertThat(m.state()).isEqualTo(MachineState.RUNNING);
        assertThat(m.counters()).isEqualTo(new SensorMessage.Counters(10412L, 37L));
        assertThat(m.values()).containsEntry("spindle_temp_c", 61.4).containsEntry("spindle_load_pct", 54.0).hasSize(3);
        assertThat(m.workOrder()).isEqualTo("WO-2026-00187");
    }

    @Test
    void anOffsetOtherThanZuluIsConvertedToTheSameInstant() {
        SensorMessage m = ((Decoded.Valid) single("{\"machineId\":\"M1\",\"ts\":\"2026-11-25T11:00:00+01:00\",\"state\":\"IDLE\"}")).message();
        assertThat(m.ts()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    }

    @Test
    void unknownFieldsAreIgnored() {
        assertThat(single("{\"machineId\":\"M1\",\"ts\":\"2026-11-25T10:00:00Z\",\"state\":\"IDLE\",\"firmware\":\"2.1\"}"))
                .isInstanceOf(Decoded.Valid.class);
    }

    @Test
    void eachElementOfAnArrayIsJudgedOnItsOwnAndKeepsItsExactBytes() {
        String good = "{\"machineId\":\"M1\",\"ts\":\"2026-11-25T10:00:00Z\",\"state\":\"IDLE\"}";
        String bad = "{\"machineId\":\"M1\",\"ts\":\"yesterday\",\"state\":\"IDLE\"}";
        DecodedPayload payload = decode("[" + good + ",\n  " + bad + "]");
        List<Decoded> items = ((DecodedPayload.Messages) payload).items();
        assertThat(items).hasSize(2);
        assertThat(items.get(0)).isInstanceOf(Decoded.Valid.class);
        assertThat(new String(items.get(0).raw(), StandardCharsets.UTF_8)).isEqualTo(good);
        assertThat(items.get(1)).isInstanceOf(Decoded.Rejected.class);
        assertThat(items.get(1).index()).isEqualTo(1);
        assertThat(new String(items.get(1).raw(), StandardCharsets.UTF_8)).isEqualTo(bad);
        assertThat(((Decoded.Rejected) items.get(1)).machineId()).isEqualTo("M1");
    }

    @Test
    void aParserErrorQuotingThePayloadIsClipped() {
        // found by DecoderFuzzTest: a duplicate field name of any length was quoted whole in the quarantine's reason
        String name = "v".repeat(5_000);
        DecodedPayload payload = decode("{\"" + name + "\":1,\"" + name + "\":2}");
        assertThat(payload).isInstanceOf(DecodedPayload.Unusable.class);
        assertThat(((DecodedPayload.Unusable) payload).reason()).startsWith("not JSON: Duplicate field 'vvv").contains("...")
                .hasSizeLessThan(300);
    }

    @Test
    void aRejectedMessageNamesItsMachineOnlyWhenTheIdIsWellFormed() {
        // found by DecoderFuzzTest: a 65-character machineId was carried into the quarantine's machine column
        String longId = "P" + "?".repeat(64);
        Decoded.Rejected r = (Decoded.Rejected) single("{\"machineId\":\"" + longId + "\",\"ts\":\"2026-11-25T10:00:00Z\"}");
        assertThat(r.machineId()).isNull();
        assertThat(r.reason()).startsWith("machineId 'P???").hasSizeLessThan(200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            missing machineId           | {"ts":"2026-11-25T10:00:00Z","state":"IDLE"}                                   | machineId is required
            machineId not a string      | {"machineId":7,"ts":"2026-11-25T10:00:00Z","state":"IDLE"}                     | machineId must be a string
            machineId with a space      | {"machineId":"CNC 07","ts":"2026-11-25T10:00:00Z","state":"IDLE"}              | machineId 'CNC 07' does not match
            missing ts                  | {"machineId":"M1","state":"IDLE"}                                              | ts is required
            ts without offset           | {"machineId":"M1","ts":"2026-11-25T10:00:00","state":"IDLE"}                   | is not an RFC 3339 timestamp
            ts as a number              | {"machineId":"M1","ts":1764064800000,"state":"IDLE"}                           | ts must be a string
            ts on February 30           | {"machineId":"M1","ts":"2026-02-30T10:00:00Z","state":"IDLE"}                   | is not an RFC 3339 timestamp
            ts in microseconds          | {"machineId":"M1","ts":"2026-11-25T10:00:00.123456Z","state":"IDLE"}           | more than millisecond precision
            unknown state               | {"machineId":"M1","ts":"2026-11-25T10:00:00Z","state":"WARMING_UP"}            | state 'WARMING_UP' is not one of
            OFFLINE is never sent       | {"machineId":"M1","ts":"2026-11-25T10:00:00Z","state":"OFFLINE"}               | OFFLINE is derived by the system
            state in lower case         | {"machineId":"M1","ts":"2026-11-25T10:00:00Z","state":"running"}               | state 'running' is not one of
            negative seq                | {"machineId":"M1","ts":"2026-11-25T10:00:00Z","seq":-1,"state":"IDLE"}         | seq must be an integer >= 0
            fractional seq              | {"machineId":"M1","ts":"2026-11-25T10:00:00Z","seq":1.5,"state":"IDLE"}        | seq must be an integer >= 0
            counter as a string         | {"machineId":"M1","ts":"2026-11-25T10:00:00Z","counters":{"good":"12"}}        | counters.good must be an integer >= 0
            negative counter            | {"machineId":"M1","ts":"2026-11-25T10:00:00Z","counters":{"scrap":-3}}         | counters.scrap must be an integer >= 0
            unknown counter             | {"machineId":"M1","ts":"2026-11-25T10:00:00Z","counters":{"good":1,"rework":2}} | counters.rework is not a counter
            empty counters              | {"machineId":"M1","ts":"2026-11-25T10:00:00Z","counters":{}}                   | counters holds neither good nor scrap
            values as an array          | {"machineId":"M1","ts":"2026-11-25T10:00:00Z","values":[1,2]}                  | values must be an object
            NaN as a string             | {"machineId":"M1","ts":"2026-11-25T10:00:00Z","values":{"t":"NaN"}}            | values.t must be a number, got "NaN"
            Infinity as a string        | {"machineId":"M1","ts":"2026-11-25T10:00:00Z","values":{"t":"Infinity"}}       | values.t must be a number
            number too large for double | {"machineId":"M1","ts":"2026-11-25T10:00:00Z","values":{"t":1e999}}            | values.t must be a finite number
            sensor name with capitals   | {"machineId":"M1","ts":"2026-11-25T10:00:00Z","values":{"Temp":1}}             | sensor name 'Temp' does not match
            sensor name with a dash     | {"machineId":"M1","ts":"2026-11-25T10:00:00Z","values":{"spindle-temp":1}}     | sensor name 'spindle-temp' does not match
            reason too long             | {"machineId":"M1","ts":"2026-11-25T10:00:00Z","state":"DOWN","reason":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"} | reason is 65 characters long
            workOrder not a string      | {"machineId":"M1","ts":"2026-11-25T10:00:00Z","state":"IDLE","workOrder":42}   | workOrder must be a string
            no data at all              | {"machineId":"M1","ts":"2026-11-25T10:00:00Z"}                                 | at least one of state, counters, values is required
            empty object                | {}                                                                             | machineId is required
            null state                  | {"machineId":"M1","ts":"2026-11-25T10:00:00Z","state":null}                    | state must be a string, got null
            """)
    void everyBreachOfTheContractIsRejectedWithAPreciseReason(String what, String json, String reason) {
        assertThat(rejection(json)).contains(reason);
    }

    @Test
    void moreThan256ValuesAreRejected() {
        String values = IntStream.range(0, 257).mapToObj(i -> "\"s" + i + "\":1").collect(Collectors.joining(","));
        assertThat(rejection("{\"machineId\":\"M1\",\"ts\":\"2026-11-25T10:00:00Z\",\"values\":{" + values + "}}"))
                .contains("values holds 257 readings; at most 256");
    }

    @Test
    void anObjectAbove64KiBIsRejected() {
        String padding = "x".repeat(70_000);
        assertThat(rejection("{\"machineId\":\"M1\",\"ts\":\"2026-11-25T10:00:00Z\",\"state\":\"IDLE\",\"note\":\"" + padding + "\"}"))
                .contains("bytes; at most 65536");
    }

    @Test
    void anArrayOfMoreThan1000MessagesIsUnusableAsAWhole() {
        String one = "{\"machineId\":\"M1\",\"ts\":\"2026-11-25T10:00:00Z\",\"state\":\"IDLE\"}";
        String json = IntStream.range(0, 1001).mapToObj(i -> one).collect(Collectors.joining(",", "[", "]"));
        assertThat(decode(json)).isInstanceOfSatisfying(DecodedPayload.Unusable.class,
                u -> assertThat(u.reason()).contains("more than 1000 messages"));
        String thousand = IntStream.range(0, 1000).mapToObj(i -> one).collect(Collectors.joining(",", "[", "]"));
        assertThat(decode(thousand)).isInstanceOfSatisfying(DecodedPayload.Messages.class,
                m -> assertThat(m.items()).hasSize(1000));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            not JSON at all        | hello                                                              | not JSON
            bare NaN token         | {"machineId":"M1","ts":"2026-11-25T10:00:00Z","values":{"t":NaN}}  | not JSON
            bare Infinity token    | {"machineId":"M1","ts":"2026-11-25T10:00:00Z","values":{"t":Infinity}} | not JSON
            truncated              | {"machineId":"M1","ts":"2026-11-25                                | not JSON
            duplicate keys         | {"machineId":"M1","machineId":"M2","ts":"2026-11-25T10:00:00Z","state":"IDLE"} | not JSON: Duplicate field 'machineId'
            trailing garbage       | {"machineId":"M1","ts":"2026-11-25T10:00:00Z","state":"IDLE"} x    | not JSON
            empty array            | []                                                                 | the array is empty
            a bare number          | 42                                                                 | JSON but a number
            """)
    void aPayloadThatIsNotUsableAsAWholeSaysWhy(String what, String json, String reason) {
        assertThat(decode(json)).isInstanceOfSatisfying(DecodedPayload.Unusable.class,
                u -> assertThat(u.reason()).contains(reason));
    }

    @Test
    void nestingBeyondJacksonsLimitIsUnusableWithItsReason() {
        // found by BadInputSweepTest: Jackson's depth limit comes without a location, and the reason itself failed
        String deep = "[".repeat(2_000) + "]".repeat(2_000);
        assertThat(decode(deep)).isInstanceOfSatisfying(DecodedPayload.Unusable.class,
                u -> assertThat(u.reason()).startsWith("not JSON: ").contains("depth"));
    }

    @Test
    void anEmptyBodyIsUnusable() {
        assertThat(decoder.decode(new byte[0])).isInstanceOfSatisfying(DecodedPayload.Unusable.class,
                u -> assertThat(u.reason()).contains("empty"));
    }

    @Test
    void anArrayElementThatIsNotAnObjectIsRejectedAlone() {
        List<Decoded> items = ((DecodedPayload.Messages) decode(
                "[\"CNC-07\", {\"machineId\":\"M1\",\"ts\":\"2026-11-25T10:00:00Z\",\"state\":\"IDLE\"}]")).items();
        assertThat(items.get(0)).isInstanceOfSatisfying(Decoded.Rejected.class,
                r -> assertThat(r.reason()).contains("element is a string"));
        assertThat(items.get(1)).isInstanceOf(Decoded.Valid.class);
    }

    @Test
    void encodedMessagesDecodeToThemselves() {
        SensorMessage original = ((Decoded.Valid) single(EXAMPLE)).message();
        String json = SensorMessageEncoder.toJson(original);
        assertThat(((Decoded.Valid) single(json)).message()).isEqualTo(original);
    }
}
