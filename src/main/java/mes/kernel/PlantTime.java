package mes.kernel;

import java.time.ZoneId;

/**
 * The plant's time zone, for whatever shows or reads times (the pages): offered by the feature
 * that knows the sites, used by those that must not depend on it.
 */
public interface PlantTime {

    ZoneId zone();
}
