package mes.production.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What people do to a work order, each legal from some states only. Supervisors plan:
 * release, send back to planning, close and abort; operators run: start, hold, resume, complete.
 */
public enum WorkOrderAction {
    RELEASE("release", EnumSet.of(WorkOrderState.PLANNED), WorkOrderState.RELEASED, false),
    UNRELEASE("send back to planning", EnumSet.of(WorkOrderState.RELEASED), WorkOrderState.PLANNED, false),
    START("start", EnumSet.of(WorkOrderState.RELEASED), WorkOrderState.RUNNING, false),
    HOLD("hold", EnumSet.of(WorkOrderState.RUNNING), WorkOrderState.HELD, true),
    RESUME("resume", EnumSet.of(WorkOrderState.HELD), WorkOrderState.RUNNING, false),
    COMPLETE("complete", EnumSet.of(WorkOrderState.RUNNING, WorkOrderState.HELD), WorkOrderState.COMPLETED, false),
    CLOSE("close", EnumSet.of(WorkOrderState.COMPLETED), WorkOrderState.CLOSED, false),
    ABORT("abort", EnumSet.of(WorkOrderState.PLANNED, WorkOrderState.RELEASED, WorkOrderState.RUNNING, WorkOrderState.HELD),
            WorkOrderState.ABORTED, true);

    private final String verb;
    private final Set<WorkOrderState> from;
    private final WorkOrderState to;
    private final boolean needsReason;

    WorkOrderAction(String verb, Set<WorkOrderState> from, WorkOrderState to, boolean needsReason) {
        this.verb = verb;
        this.from = from;
        this.to = to;
        this.needsReason = needsReason;
    }

    /** The action a path or a form names ("release", "unrelease", ...), in any case; empty when it names none. */
    public static Optional<WorkOrderAction> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String verb() {
        return verb;
    }

    public WorkOrderState target() {
        return to;
    }

    public boolean needsReason() {
        return needsReason;
    }

    public boolean allowedFrom(WorkOrderState state) {
        return from.contains(state);
    }

    /** Whether the order runs on its line after this action (a run period opens). */
    public boolean opensRun() {
        return to == WorkOrderState.RUNNING;
    }

    /** Whether the run period open before this action ends with it. */
    public boolean closesRun(WorkOrderState before) {
        return before == WorkOrderState.RUNNING && to != WorkOrderState.RUNNING;
    }

    /** The actions legal from a state, in the order buttons show them. */
    public static Set<WorkOrderAction> from(WorkOrderState state) {
        Set<WorkOrderAction> out = EnumSet.noneOf(WorkOrderAction.class);
        for (WorkOrderAction a : values()) {
            if (a.allowedFrom(state)) {
                out.add(a);
            }
        }
        return out;
    }

    /** The state after this action, or the reason it is not allowed. */
    public WorkOrderState apply(WorkOrderState state, String reason) {
        if (!allowedFrom(state)) {
            Set<WorkOrderAction> legal = from(state);
            throw new IllegalTransition("A " + state + " order cannot be " + past() + "; "
                    + (legal.isEmpty() ? state + " is final" : "from " + state + " it can be "
                            + String.join(", ", legal.stream().map(WorkOrderAction::past).toList())));
        }
        if (needsReason && (reason == null || reason.isBlank())) {
            throw new IllegalTransition("A reason is required to " + verb + " an order");
        }
        return to;
    }

    private String past() {
        return switch (this) {
            case RELEASE -> "released";
            case UNRELEASE -> "sent back to planning";
            case START -> "started";
            case HOLD -> "held";
            case RESUME -> "resumed";
            case COMPLETE -> "completed";
            case CLOSE -> "closed";
            case ABORT -> "aborted";
        };
    }

    /** An action refused in the order's state. */
    public static final class IllegalTransition extends RuntimeException {
        public IllegalTransition(String message) {
            super(message);
        }
    }
}
