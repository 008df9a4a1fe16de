package mes.anomaly.domain;

/** The open and acknowledged alerts of a machine: how many, and the worst severity among them. */
public record ActiveAlerts(int count, Severity worst) {
}
