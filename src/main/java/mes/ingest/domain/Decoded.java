package mes.ingest.domain;

/**
 * The verdict on one message object of a payload: valid, or rejected with a precise reason.
 * {@code raw} is the exact bytes of that object in the payload, kept for quarantine.
 */
public sealed interface Decoded {

    int index();

    byte[] raw();

    record Valid(int index, SensorMessage message, byte[] raw) implements Decoded {
    }

    record Rejected(int index, String reason, String machineId, byte[] raw) implements Decoded {
    }
}
