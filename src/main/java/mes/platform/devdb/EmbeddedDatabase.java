package mes.platform.devdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * One embedded PostgreSQL per JVM. Only loaded when the dev database is enabled, so the
 * packaged application never needs the embedded binaries.
 *
 * <p>Dev mode reloads application classes on every change, which would forget a plain
 * static field; the JDBC URL of the running server is therefore kept in a system property,
 * which lives as long as the JVM (and so does the server: the library stops it in a
 * shutdown hook).
 */
public final class EmbeddedDatabase {

    /** The application role and its password; dev and test only, the database lives in a temp folder. */
    static final String USER = "mes";
    static final String PASSWORD = "mes";
    static final String DATABASE = "mes";
    private static final String RUNNING_URL = "mes.internal.embedded-database-url";

    private EmbeddedDatabase() {
    }

    /** Starts the server once per JVM and answers the JDBC URL of the application database. */
    public static synchronized String start(int port) {
        String running = System.getProperty(RUNNING_URL);
        if (running != null) {
            return running;
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("timezone", "UTC");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            String adminUrl = postgres.getJdbcUrl("postgres", "postgres");
            try (Connection c = DriverManager.getConnection(adminUrl);
                    Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
                s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
            System.setProperty(RUNNING_URL, url);
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the application database in the embedded PostgreSQL", e);
        }
    }
}
