package mes.simulator.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import mes.equipment.domain.MachineState;
import mes.ingest.domain.Decoded;
import mes.ingest.domain.DecodedPayload;
import mes.ingest.domain.SensorMessage;
import mes.ingest.domain.SensorMessageDecoder;
import mes.ingest.domain.SensorMessageEncoder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MachineSimulationTest {

    /** The contract as the project publishes it (/contracts/sensor-message.schema.json). */
    static final String SCHEMA = "/META-INF/resources/contracts/sensor-message.schema.json";
    static JsonSchema schema;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void loadSchema() throws Exception {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = MachineSimulationTest.class.getResourceAsStream(SCHEMA)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
    }

    private static List<SensorMessage> run(long seed, int ticks) {
        List<SensorMessage> messages = new ArrayList<>();
        Instant t = Instant.parse("2026-11-25T06:00:00Z");
        List<MachineSimulation> plant = DemoPlant.MACHINES.stream().map(m -> new MachineSimulation(m, seed, 0.01)).toList();
        for (int i = 0; i < ticks; i++) {
            t = t.plusSeconds(2);
            for (MachineSimulation m : plant) {
                messages.add(m.tick(t, Duration.ofSeconds(2)));
            }
        }
        return messages;
    }

    @Test
    void everySimulatedBatchConformsToTheContractSchema() throws Exception {
        List<SensorMessage> messages = run(7, 60);
        for (int i = 0; i < messages.size(); i += 55) {
            String batch = SensorMessageEncoder.toJsonArray(messages.subList(i, Math.min(i + 55, messages.size())));
            Set<ValidationMessage> errors = schema.validate(JSON.readTree(batch));
            assertThat(errors).as("batch %d: %s", i / 55, batch).isEmpty();
        }
    }

    @Test
    void theSchemaCatchesAMessageThatBreaksTheContract() throws Exception {
        JsonNode bad = JSON.readTree("{\"machineId\":\"CNC 07\",\"ts\":\"2026-11-25T10:00:00Z\",\"state\":\"OFFLINE\"}");
        assertThat(schema.validate(bad)).isNotEmpty();
    }

    @Test
    void everySimulatedMessagePassesTheDecoder() {
        SensorMessageDecoder decoder = new SensorMessageDecoder();
        List<SensorMessage> messages = run(11, 20);
        DecodedPayload decoded = decoder.decode(SensorMessageEncoder.toJsonArray(messages.subList(0, 1000)).getBytes());
        assertThat(((DecodedPayload.Messages) decoded).items()).allSatisfy(d -> assertThat(d).isInstanceOf(Decoded.Valid.class));
    }

    @Test
    void theSameSeedGivesTheSameMessages() {
        assertThat(run(42, 30)).isEqualTo(run(42, 30));
        assertThat(run(42, 30)).isNotEqualTo(run(43, 30));
    }

    @Test
    void overAnHourThePlantChangesStateCountsPartsAndInjectsFaults() {
        MachineSimulation cnc = new MachineSimulation(DemoPlant.MACHINES.get(0), 3, 0.01);
        Set<MachineState> states = EnumSet.noneOf(MachineState.class);
        Set<MachineSimulation.Fault> faults = new HashSet<>();
        Instant t = Instant.parse("2026-11-25T06:00:00Z");
        long firstGood = -1;
        long produced = 0;
        long previous = -1;
        int aboveUsl = 0;
        for (int i = 0; i < 3 * 3600; i++) {
            t = t.plusSeconds(1);
            SensorMessage m = cnc.tick(t, Duration.ofSeconds(1));
            states.add(m.state());
            faults.add(cnc.fault());
            assertThat(m.values()).containsOnlyKeys(DemoPlant.MACHINES.get(0).sensors().keySet());
            for (var sensor : DemoPlant.MACHINES.get(0).sensors().values()) {
                aboveUsl += m.values().get(sensor.name()) > sensor.usl() ? 1 : 0;
            }
            long good = m.counters().good();
            if (firstGood < 0) {
                firstGood = good;
            } else if (good >= previous) {
                produced += good - previous;
            }
            previous = good;
        }
        assertThat(states).contains(MachineState.RUNNING, MachineState.IDLE, MachineState.DOWN);
        assertThat(faults).contains(MachineSimulation.Fault.FLATLINE, MachineSimulation.Fault.STEP);
        assertThat(aboveUsl).as("spikes beyond the upper specification limit").isPositive();
        // a CNC with a 42 s ideal cycle makes at most ~257 parts in 3 h
        assertThat(produced).isBetween(50L, 258L);
    }

    @Test
    void thePublishedSchemaIsTheSharedContract() throws Exception {
        Path shared = Path.of("../shared/contracts/sensor-message.schema.json");
        Assumptions.assumeTrue(Files.exists(shared), "the shared contracts are not beside this checkout");
        try (InputStream in = MachineSimulationTest.class.getResourceAsStream(SCHEMA)) {
            assertThat(JSON.readTree(in)).isEqualTo(JSON.readTree(Files.readString(shared)));
        }
    }
}
