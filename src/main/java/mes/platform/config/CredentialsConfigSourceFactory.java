package mes.platform.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Secrets as configuration, from systemd credentials: on the VM the unit hands the application
 * its secrets with {@code LoadCredential=} (deploy/systemd/smart-mes.service), one file per
 * secret in the folder named by {@code $CREDENTIALS_DIRECTORY}, each file named after the
 * setting it carries ({@code quarkus.datasource.password}). The secrets so never pass through
 * the process environment or a parsed EnvironmentFile, and any character they hold arrives as
 * it was stored.
 *
 * <p>A file's content is the value; one line break at its end is dropped (what {@code echo}
 * and most editors add). A file that is empty, not UTF-8, or named unlike a setting stops the
 * start with the file named: a credential that cannot be read is never taken as empty.
 *
 * <p>Without {@code $CREDENTIALS_DIRECTORY} (dev mode, the tests) this source is empty.
 */
public class CredentialsConfigSourceFactory implements ConfigSourceFactory {

    static final String VARIABLE = "CREDENTIALS_DIRECTORY";
    /** Above application.properties (250) and the embedded database (275), below the environment (300). */
    static final int ORDINAL = 290;
    private static final Pattern SETTING = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9\"-][a-z0-9\"._-]*)+");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String folder = System.getenv(VARIABLE);
        if (folder == null || folder.isBlank()) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(read(Path.of(folder)), "systemd-credentials " + folder, ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** The settings in a credentials folder: file name to content. */
    static Map<String, String> read(Path folder) {
        Map<String, String> settings = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                if (!SETTING.matcher(name).matches()) {
                    throw new IllegalStateException("credential " + file + ": the file name must be the setting it carries, such as quarkus.datasource.password");
                }
                settings.put(name, value(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the credentials folder " + folder + " ($" + VARIABLE + ") cannot be read", e);
        }
        return settings;
    }

    private static String value(Path file) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("credential " + file + " is not UTF-8 text", e);
        }
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            throw new IllegalStateException("credential " + file + " is empty");
        }
        return text;
    }
}
