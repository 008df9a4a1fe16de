package mes.reports;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/** Compliance reports: when they are made, for which time zone, and where they are kept. */
@ConfigMapping(prefix = "mes.reports")
public interface ReportConfig {

    /** Make the scheduled reports (and catch up missed ones at start). Off in test: the tests call the service. */
    @WithDefault("true")
    boolean enabled();

    /** How often the scheduler looks for reports that are due. */
    @WithDefault("10m")
    Duration every();

    /** The plant's time zone: days, weeks and months are counted in it. */
    @WithDefault("UTC")
    ZoneId timeZone();

    /** When the production day starts (the morning shift); a day's report covers this time to the same time next day. */
    @WithDefault("06:00")
    LocalTime dayStart();

    /** How long after a period ends its report is made (late data from the night shift is in by then). */
    @WithDefault("30m")
    Duration delay();

    /** The furthest back missed reports are caught up. */
    @WithDefault("35d")
    Duration catchUp();

    /** Where the report files go: a local folder (dev, test) or a Cloud Storage bucket (prod). */
    @WithDefault("local")
    Target target();

    /** The local folder. */
    @WithDefault("target/reports")
    String localFolder();

    /** The bucket (prod): with a locked retention policy, so that reports cannot be deleted or replaced. */
    Optional<String> bucket();

    /** Object name prefix in the bucket. */
    @WithDefault("reports")
    String prefix();

    enum Target { LOCAL, GCS }
}
