package mes.platform.devdb;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Starts an embedded PostgreSQL for the dev and test profiles and points the datasource
 * at it, so that {@code ./mvnw quarkus:dev} and {@code ./mvnw verify} need neither Docker
 * nor a database server on the machine.
 *
 * <p>Off unless {@code mes.dev-database.enabled=true} (set for {@code %dev} and
 * {@code %test} only). The embedded binaries are a {@code provided} dependency: they are on
 * the classpath of dev mode and of the tests, never in the packaged application, and this
 * factory never touches them when the flag is off.
 *
 * <p>The database outlives live reloads of dev mode (it is kept per JVM, see
 * {@link EmbeddedDatabase}) and stops with the JVM.
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final String ENABLED = "mes.dev-database.enabled";
    static final String PORT = "mes.dev-database.port";
    static final String IMPLEMENTATION = "mes.dev-database.implementation";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!isTrue(context.getValue(ENABLED))) {
            return List.of();
        }
        ConfigValue port = context.getValue(PORT);
        int wanted = port == null || port.getValue() == null ? 0 : Integer.parseInt(port.getValue().trim());
        ConfigValue implementation = context.getValue(IMPLEMENTATION);
        if (implementation == null || implementation.getValue() == null || implementation.getValue().isBlank()) {
            throw new IllegalStateException(ENABLED + "=true needs " + IMPLEMENTATION + " (application.properties sets it)");
        }
        String url = startEmbeddedDatabase(implementation.getValue().strip(), wanted);
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.jdbc.url", url,
                "quarkus.datasource.username", "mes",
                "quarkus.datasource.password", "mes"),
                "mes-embedded-postgresql", 275));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(275);
    }

    /**
     * Calls {@link EmbeddedDatabase#start(int)} through the class named by configuration, on
     * purpose. A direct call, and even Class.forName with the name as a constant (the native
     * image's analysis folds constant reflection into direct calls: NativeAnalysisIT found it),
     * would make the embedded binaries reachable for the native image, whose build links every
     * reachable class and fails on the absent {@code provided} dependency. A name read from
     * configuration cannot be folded. The call is never made in prod, so nothing needs
     * registering for reflection.
     */
    private static String startEmbeddedDatabase(String className, int port) {
        try {
            Class<?> database = Class.forName(className, true, EmbeddedDatabaseConfigSourceFactory.class.getClassLoader());
            return (String) database.getMethod("start", int.class).invoke(null, port);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new IllegalStateException("mes.dev-database.enabled=true, but the embedded PostgreSQL is not"
                    + " on the classpath: it is only there for ./mvnw quarkus:dev and the tests", e);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("The embedded PostgreSQL did not start: " + cause.getMessage(), cause);
        }
    }

    private static boolean isTrue(ConfigValue value) {
        return value != null && value.getValue() != null && Boolean.parseBoolean(value.getValue().trim());
    }
}
