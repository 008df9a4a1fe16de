package mes.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every message bundle is complete in both languages: the German file has every key of the
 * English one and no other, no value is blank, and each message uses the same parameters in both
 * (a translation cannot drop the order number from a notice). Qute's build checks the English
 * default against the interfaces; a key missing in German would silently fall back to English.
 */
class MessagesCompleteTest {

    private static final Path MESSAGES = Path.of("src/main/resources/messages");
    private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9_.]*)");

    @Test
    void everyBundleHasEveryKeyInGermanWithTheSameParameters() throws IOException {
        Set<String> bundles = bundles();
        assertThat(bundles).contains("msg", "production");
        for (String bundle : bundles) {
            Properties en = load(MESSAGES.resolve(bundle + ".properties"));
            Path dePath = MESSAGES.resolve(bundle + "_de.properties");
            assertThat(dePath).as("German file of bundle " + bundle).exists();
            assertComplete(bundle, en, load(dePath));
        }
    }

    @Test
    void aMissingOrChangedTranslationIsCaught() {
        Properties en = new Properties();
        en.setProperty("notice", "Order {order} is {state}");
        en.setProperty("title", "Plant");
        Properties de = new Properties();
        de.setProperty("notice", "Auftrag ist {state}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertComplete("fixture", en, de))
                .hasMessageContaining("title");
        de.setProperty("title", "Werk");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertComplete("fixture", en, de))
                .hasMessageContaining("notice");
        de.setProperty("notice", "Auftrag {order}: {state}");
        assertComplete("fixture", en, de);
    }

    static void assertComplete(String bundle, Properties en, Properties de) {
        assertThat(new TreeSet<>(de.stringPropertyNames())).as("keys of " + bundle + "_de against " + bundle)
                .isEqualTo(new TreeSet<>(en.stringPropertyNames()));
        for (String key : en.stringPropertyNames()) {
            assertThat(de.getProperty(key)).as(bundle + "_de " + key).isNotBlank();
            assertThat(params(de.getProperty(key))).as("parameters of " + bundle + " " + key + " in German")
                    .isEqualTo(params(en.getProperty(key)));
        }
    }

    private static Set<String> params(String message) {
        Set<String> out = new TreeSet<>();
        Matcher m = PARAM.matcher(message);
        while (m.find()) {
            out.add(m.group(1).split("\\.")[0]);
        }
        return out;
    }

    private static Set<String> bundles() throws IOException {
        try (Stream<Path> files = Files.list(MESSAGES)) {
            Set<String> out = new TreeSet<>();
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".properties") && !n.contains("_de."))
                    .forEach(n -> out.add(n.substring(0, n.length() - ".properties".length())));
            return out;
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
