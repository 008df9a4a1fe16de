package mes.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.DateTimeException;
import java.time.ZoneId;
import mes.kernel.PlantTime;

/** The one time zone of the pages: {@code mes.web.time-zone}, else the plant's ({@link PlantTime}). */
@ApplicationScoped
public class SiteTime {

    @Inject
    WebConfig config;

    @Inject
    PlantTime plant;

    private ZoneId configured;

    /** A configured zone that is none refuses the start, naming it. */
    void check(@Observes io.quarkus.runtime.StartupEvent start) {
        config.timeZone().ifPresent(id -> {
            try {
                configured = ZoneId.of(id.trim());
            } catch (DateTimeException e) {
                throw new IllegalStateException("mes.web.time-zone '" + id + "' is not a time zone (e.g. Europe/Berlin)", e);
            }
        });
    }

    public ZoneId zone() {
        return configured != null ? configured : plant.zone();
    }
}
