package mes.production.domain;

import static mes.production.domain.WorkOrderState.ABORTED;
import static mes.production.domain.WorkOrderState.CLOSED;
import static mes.production.domain.WorkOrderState.COMPLETED;
import static mes.production.domain.WorkOrderState.HELD;
import static mes.production.domain.WorkOrderState.PLANNED;
import static mes.production.domain.WorkOrderState.RELEASED;
import static mes.production.domain.WorkOrderState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import mes.production.domain.WorkOrderAction.IllegalTransition;
import org.junit.jupiter.api.Test;

class WorkOrderActionTest {

    /** The ISA-95 lifecycle, written out by hand: from each state, each legal action and where it leads. */
    private static final Map<WorkOrderState, Map<WorkOrderAction, WorkOrderState>> LEGAL = Map.of(
            PLANNED, Map.of(WorkOrderAction.RELEASE, RELEASED, WorkOrderAction.ABORT, ABORTED),
            RELEASED, Map.of(WorkOrderAction.START, RUNNING, WorkOrderAction.UNRELEASE, PLANNED, WorkOrderAction.ABORT, ABORTED),
            RUNNING, Map.of(WorkOrderAction.HOLD, HELD, WorkOrderAction.COMPLETE, COMPLETED, WorkOrderAction.ABORT, ABORTED),
            HELD, Map.of(WorkOrderAction.RESUME, RUNNING, WorkOrderAction.COMPLETE, COMPLETED, WorkOrderAction.ABORT, ABORTED),
            COMPLETED, Map.of(WorkOrderAction.CLOSE, CLOSED),
            CLOSED, Map.of(),
            ABORTED, Map.of());

    @Test
    void everyStateAllowsExactlyTheLegalActions() {
        for (WorkOrderState state : WorkOrderState.values()) {
            Map<WorkOrderAction, WorkOrderState> legal = LEGAL.get(state);
            assertThat(WorkOrderAction.from(state)).as("from " + state).isEqualTo(legal.keySet().isEmpty() ? Set.of() : legal.keySet());
            for (WorkOrderAction action : WorkOrderAction.values()) {
                if (legal.containsKey(action)) {
                    assertThat(action.apply(state, "a reason")).as(state + " " + action).isEqualTo(legal.get(action));
                } else {
                    assertThatThrownBy(() -> action.apply(state, "a reason")).as(state + " " + action)
                            .isInstanceOf(IllegalTransition.class).hasMessageContaining("A " + state + " order cannot be");
                }
            }
        }
    }

    @Test
    void theRefusalSaysWhatIsPossible() {
        assertThatThrownBy(() -> WorkOrderAction.START.apply(PLANNED, null))
                .hasMessage("A PLANNED order cannot be started; from PLANNED it can be released, aborted");
        assertThatThrownBy(() -> WorkOrderAction.RESUME.apply(CLOSED, null))
                .hasMessage("A CLOSED order cannot be resumed; CLOSED is final");
    }

    @Test
    void holdingAndAbortingNeedAReason() {
        assertThatThrownBy(() -> WorkOrderAction.HOLD.apply(RUNNING, " ")).hasMessage("A reason is required to hold an order");
        assertThatThrownBy(() -> WorkOrderAction.ABORT.apply(RELEASED, null)).hasMessage("A reason is required to abort an order");
        assertThat(WorkOrderAction.COMPLETE.apply(RUNNING, null)).isEqualTo(COMPLETED);
    }

    @Test
    void runPeriodsOpenOnStartAndResumeAndCloseWhenARunningOrderStops() {
        assertThat(WorkOrderAction.START.opensRun()).isTrue();
        assertThat(WorkOrderAction.RESUME.opensRun()).isTrue();
        assertThat(WorkOrderAction.HOLD.closesRun(RUNNING)).isTrue();
        assertThat(WorkOrderAction.COMPLETE.closesRun(RUNNING)).isTrue();
        assertThat(WorkOrderAction.COMPLETE.closesRun(HELD)).isFalse();
        assertThat(WorkOrderAction.ABORT.closesRun(RUNNING)).isTrue();
        assertThat(WorkOrderAction.ABORT.closesRun(RELEASED)).isFalse();
    }

    @Test
    void quantitiesAddCorrectionsToTheCountsAndNeverGoNegative() {
        Quantities q = new Quantities(100, 40, 2, -5, 5);
        assertThat(q.good()).isEqualTo(35);
        assertThat(q.scrap()).isEqualTo(7);
        assertThat(q.remaining()).isEqualTo(65);
        assertThat(q.percentDone()).isEqualTo(35);
        assertThat(new Quantities(10, 2, 0, -5, 0).good()).isZero();
        assertThat(new Quantities(10, 30, 0, 0, 0).percentDone()).isEqualTo(100);
    }
}
