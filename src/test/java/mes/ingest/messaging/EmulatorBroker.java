package mes.ingest.messaging;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Google's Pub/Sub emulator (Debian package google-cloud-cli-pubsub-emulator) as a test
 * resource, where it is installed; elsewhere the application runs without Pub/Sub and the tests
 * of this leg are skipped, saying why.
 */
public class EmulatorBroker extends PubSubBroker implements QuarkusTestResourceLifecycleManager {

    static final Path LAUNCHER = Path.of("/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator");
    private Process process;
    private int port;

    static boolean installed() {
        return Files.isExecutable(LAUNCHER);
    }

    @Override
    public Map<String, String> start() {
        if (!installed()) {
            current = null;
            return Map.of("mes.pubsub.enabled", "false");
        }
        try {
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            File log = File.createTempFile("pubsub-emulator", ".log");
            process = new ProcessBuilder(LAUNCHER.toString(), "--host=127.0.0.1", "--port=" + port)
                    .redirectErrorStream(true).redirectOutput(log).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!listening()) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("the Pub/Sub emulator did not start; see " + log);
                }
                Thread.sleep(200);
            }
            createTopicAndSubscription(10, StandInBroker.EXTRA_SUBSCRIPTION);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("the Pub/Sub emulator did not start", e);
        }
        current = this;
        return applicationConfig();
    }

    private boolean listening() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void stop() {
        try {
            close();
        } catch (Exception e) {
            // shutting down anyway
        }
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }

    @Override
    public String host() {
        return "127.0.0.1:" + port;
    }

    @Override
    public long unacknowledged() {
        return -1;
    }

    @Override
    public String name() {
        return "Google's Pub/Sub emulator";
    }
}
