package mes.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import mes.kernel.Language;

/** The pages. */
@ConfigMapping(prefix = "mes.web")
public interface WebConfig {

    /**
     * How long the plant overview, which every terminal polls every 2 s, is served from one
     * build: all viewers see the same machines, so 50 terminals cost one build per interval. 0: build
     * on every request.
     */
    @WithDefault("1s")
    Duration overviewMaxAge();

    /**
     * How long a machine's OEE page (figures, waterfall, Pareto, timeline) for one period is served
     * from one build, shared by every viewer; entering a stop's reason forgets it at once. 0: build
     * on every request.
     */
    @WithDefault("1s")
    Duration machinePageMaxAge();

    /** The pages' language when neither the user nor the browser chose one of ours. */
    @WithDefault("en")
    Language defaultLanguage();

    /**
     * The time zone every time on the pages is shown and entered in (labelled); absent: the time
     * zone of the plant's site (the first by id when there are several).
     */
    Optional<String> timeZone();
}
