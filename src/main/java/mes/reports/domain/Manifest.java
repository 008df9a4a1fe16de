package mes.reports.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The manifest of a report's files in the format of {@code sha256sum} ("hash, two spaces, name"
 * per line, sorted by name), so that anyone can check a downloaded set with {@code sha256sum -c}.
 * The report's own hash is the SHA-256 of this text.
 */
public record Manifest(Map<String, String> sha256ByName) {

    public static final String FILE = "manifest.sha256";

    public static Manifest of(Map<String, byte[]> files) {
        Map<String, String> hashes = new TreeMap<>();
        files.forEach((name, bytes) -> hashes.put(name, sha256(bytes)));
        return new Manifest(java.util.Collections.unmodifiableMap(hashes));
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(sha256ByName).forEach((name, hash) -> b.append(hash).append("  ").append(name).append('\n'));
        return b.toString();
    }

    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    public String sha256() {
        return sha256(bytes());
    }

    public static Manifest parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int sep = line.indexOf("  ");
            if (sep != 64) {
                throw new IllegalArgumentException("not a sha256sum line: " + line);
            }
            out.put(line.substring(66), line.substring(0, 64));
        }
        return new Manifest(out);
    }

    /** One file checked: expected and found hash, or null where the file is missing. */
    public record Check(String name, String expected, String found) {
        public boolean ok() {
            return expected != null && expected.equals(found);
        }
    }

    /** Checks the files found against the manifest; a file missing or extra is a failed check too. */
    public List<Check> check(Map<String, byte[]> found) {
        List<Check> out = new ArrayList<>();
        sha256ByName.forEach((name, hash) -> out.add(new Check(name, hash, found.containsKey(name) ? sha256(found.get(name)) : null)));
        found.keySet().stream().filter(n -> !sha256ByName.containsKey(n)).sorted()
                .forEach(n -> out.add(new Check(n, null, sha256(found.get(n)))));
        return out;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
