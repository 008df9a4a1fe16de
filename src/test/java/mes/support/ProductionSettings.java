package mes.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The test profile with the settings production runs with where tests turn them off (the shared builds of the overview and the machine pages). */
public class ProductionSettings implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mes.web.overview-max-age", "1s", "mes.web.machine-page-max-age", "1s");
    }
}
