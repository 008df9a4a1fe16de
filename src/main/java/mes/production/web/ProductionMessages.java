package mes.production.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of production's pages ({@code production:} in templates): the plant overview and the
 * line terminal, and the notices their actions give. English in messages/production.properties,
 * German in messages/production_de.properties.
 */
@MessageBundle(value = "production", locale = "en")
public interface ProductionMessages {

    @Message String machineState(mes.equipment.domain.MachineState state);

    @Message String orderState(mes.production.domain.WorkOrderState state);

    @Message String andonTarget(mes.andon.domain.AndonCall.Target target);

    @Message String plant_title();

    @Message String plant_byState();

    @Message String plant_machines(int count);

    @Message String plant_updated(String time);

    @Message String plant_andon();

    @Message String plant_calls(String target, String ago);

    @Message String plant_unanswered();

    @Message String plant_answered();

    @Message String plant_escalatedSupervisor();

    @Message String plant_escalatedManagement();

    @Message String plant_since(String ago);

    @Message String plant_calling();

    @Message String plant_alerts(int count);

    @Message String lines_title();

    @Message String lines_pick();

    @Message String lines_running(String order);

    @Message String lines_idle();

    @Message String line_part();

    @Message String line_lot();

    @Message String line_inspect();

    @Message String line_good();

    @Message String line_scrap();

    @Message String line_planned();

    @Message String line_toGo();

    @Message String line_shareMade();

    @Message String line_noOrder();

    @Message String line_stopReason();

    @Message String line_callForHelp();

    @Message String line_called(String ago);

    @Message String line_onTheWay();

    @Message String line_call(String target);

    @Message String line_actionsFor(String order);

    @Message String line_holdWhy();

    @Message String line_holdExample();

    @Message String line_holdMaterial();

    @Message String line_holdQuality();

    @Message String line_holdTool();

    @Message String line_holdShiftEnd();

    @Message String line_hold();

    @Message String line_resume();

    @Message String line_complete();

    @Message String line_completeConfirm(String order);

    @Message String line_scrapFound();

    @Message String line_scrapReason();

    @Message String line_scrapOther();

    @Message String line_reportScrap();

    @Message String line_materialLot();

    @Message String line_scanLabel();

    @Message String line_quantity();

    @Message String line_quantityUsed();

    @Message String line_recordMaterial();

    @Message String line_nextLot();

    @Message String line_nextLotConfirm(String lot);

    @Message String line_queue();

    @Message String line_queueEmpty();

    @Message String line_order();

    @Message String line_due();

    @Message String line_start();

    @Message String line_otherLine();

    @Message String notice_orderState(String order, String state);

    @Message String notice_scrap(String quantity, String order, String reason);

    @Message String notice_consumed(String lot, String into);

    @Message String notice_nextLot(String lot);

    @Message String scrap_DIMENSION_OUT_OF_TOLERANCE();

    @Message String scrap_SURFACE_DEFECT();

    @Message String scrap_BURR();

    @Message String scrap_CRACK();

    @Message String scrap_POROSITY();

    @Message String scrap_WELD_DEFECT();

    @Message String scrap_SHORT_SHOT();

    @Message String scrap_WRONG_MATERIAL();

    @Message String scrap_HANDLING_DAMAGE();

    @Message String scrap_SETUP_PART();
}
