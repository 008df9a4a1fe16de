package mes.anomaly.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the alerts pages ({@code anomaly:} in templates), and each rule's name in plain
 * words (no statistics jargon: "Drifting slowly", not EWMA). English in
 * messages/anomaly.properties, German in messages/anomaly_de.properties.
 */
@MessageBundle(value = "anomaly", locale = "en")
public interface AlertMessages {

    @Message String severity(mes.anomaly.domain.Severity severity);

    @Message String alerts_title();

    @Message String alerts_machine();

    @Message String alerts_show();

    @Message String alerts_severity();

    @Message String alerts_sensor();

    @Message String alerts_rule();

    @Message String alerts_what();

    @Message String alerts_since();

    @Message String alerts_last();

    @Message String alerts_times();

    @Message String alerts_status();

    @Message String alerts_acknowledgedBy(String user);

    @Message String alerts_open();

    @Message String alerts_acknowledge();

    @Message String alerts_noOpen();

    @Message String alerts_resolvedTitle();

    @Message String alerts_opened();

    @Message String alerts_resolved();

    @Message String alerts_acknowledged();

    @Message String alerts_none();

    @Message String alerts_updated(String time);

    @Message String alerts_ago(String ago);

    @Message String alerts_ackTitle(long id);

    @Message String alerts_ackOn(String machine);

    @Message String alerts_ackSince(String at, String ago, int times, String last);

    @Message String alerts_ackWhat();

    @Message String alerts_ackDone();

    @Message String alerts_ackBy(String user, String at, String comment);

    @Message String alerts_back();

    @Message String rule_LIMIT();

    @Message String rule_FLATLINE();

    @Message String rule_EWMA();

    @Message String rule_CUSUM();

    @Message String rule_RATE_OF_CHANGE();

    @Message String rule_OFFLINE();

    @Message String rule_DOWN_TOO_LONG();

    @Message String rule_ALERT_STORM();

    @Message String rule_PM_OVERDUE();

    @Message String rule_ANDON_ESCALATED();

    @Message String rule_NELSON_1();

    @Message String rule_NELSON_2();

    @Message String rule_NELSON_3();

    @Message String rule_NELSON_4();

    @Message String rule_NELSON_5();

    @Message String rule_NELSON_6();

    @Message String rule_NELSON_7();

    @Message String rule_NELSON_8();

    @Message String rule_WE_1();

    @Message String rule_WE_2();

    @Message String rule_WE_3();

    @Message String rule_WE_4();
}
