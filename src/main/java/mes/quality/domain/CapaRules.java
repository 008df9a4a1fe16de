package mes.quality.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * Corrective action (ISO 9001 10.2): a CAPA closes when its root cause is recorded, it has at
 * least one action, every action is done, and the newest effectiveness check, made after the last
 * action was done, found it effective.
 */
public final class CapaRules {

    public record Action(LocalDate due, boolean done, java.time.Instant doneAt) {
    }

    public record Check(boolean effective, java.time.Instant at) {
    }

    private CapaRules() {
    }

    /** Why the CAPA cannot close, or null. */
    public static String closeRefusal(String rootCause, List<Action> actions, Check lastCheck) {
        if (rootCause == null || rootCause.isBlank()) {
            return "record the root cause first";
        }
        if (actions.isEmpty()) {
            return "a CAPA needs at least one action";
        }
        long open = actions.stream().filter(a -> !a.done()).count();
        if (open > 0) {
            return open + " action" + (open > 1 ? "s are" : " is") + " not done";
        }
        if (lastCheck == null) {
            return "the effectiveness check is missing";
        }
        java.time.Instant lastDone = actions.stream().map(Action::doneAt).max(java.time.Instant::compareTo).orElseThrow();
        if (lastCheck.at().isBefore(lastDone)) {
            return "the effectiveness check predates the last action: check again";
        }
        if (!lastCheck.effective()) {
            return "the last effectiveness check found the actions not effective: add actions";
        }
        return null;
    }

    public static boolean overdue(Action a, LocalDate today) {
        return !a.done() && a.due().isBefore(today);
    }
}
