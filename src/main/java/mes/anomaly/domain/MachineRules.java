package mes.anomaly.domain;

/**
 * The machine's own rules: OFFLINE after its heartbeat timeout (always on), and DOWN_TOO_LONG
 * after {@code downAlertSeconds} of DOWN (default 900 s, 15 minutes; 0 turns it off).
 */
public record MachineRules(Integer downAlertSeconds) {

    public static final int DEFAULT_DOWN_ALERT_SECONDS = 900;

    public int downAlertSecondsOrDefault() {
        return downAlertSeconds != null ? downAlertSeconds : DEFAULT_DOWN_ALERT_SECONDS;
    }

    public int downAlertMinutes() {
        return downAlertSecondsOrDefault() / 60;
    }

    public java.util.List<String> problems() {
        return downAlertSeconds != null && (downAlertSeconds < 0 || downAlertSeconds > 7 * 86_400)
                ? java.util.List.of("downAlertSeconds must be between 0 (off) and 604800")
                : java.util.List.of();
    }
}
