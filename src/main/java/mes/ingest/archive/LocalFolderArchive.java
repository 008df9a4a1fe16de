package mes.ingest.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** The archive as a local folder (dev and test). */
public final class LocalFolderArchive implements ArchiveStore {

    private final Path root;

    public LocalFolderArchive(Path root) {
        this.root = root;
    }

    @Override
    public void put(String name, Path file, String contentType, String sha256) throws IOException {
        Path target = resolve(name);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public Optional<Stored> stat(String name) throws IOException {
        Path target = resolve(name);
        if (!Files.isRegularFile(target)) {
            return Optional.empty();
        }
        return Optional.of(new Stored(name, Files.size(target), sha256(target)));
    }

    @Override
    public Optional<byte[]> read(String name) throws IOException {
        Path target = resolve(name);
        return Files.isRegularFile(target) ? Optional.of(Files.readAllBytes(target)) : Optional.empty();
    }

    @Override
    public String location(String name) {
        return resolve(name).toUri().toString();
    }

    private Path resolve(String name) {
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root.normalize())) {
            throw new IllegalArgumentException("object name leaves the archive folder: " + name);
        }
        return target;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
