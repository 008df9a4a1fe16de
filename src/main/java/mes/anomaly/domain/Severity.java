package mes.anomaly.domain;

/** How urgent an alert is; an open alert takes the highest severity of its findings. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    public Severity max(Severity other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
