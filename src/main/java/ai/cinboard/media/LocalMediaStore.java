package ai.cinboard.media;

import ai.cinboard.domain.FileNames;
import ai.cinboard.domain.Sha256;
import ai.cinboard.domain.StudioException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-user default: content-addressed files under {@code CINBOARD_HOME/media}.
 *
 * <p>URLs look like {@code media://local/sha256/ab/ab12…ef.png} (about 90 characters). The scheme says
 * which store wrote the file without tying rows to one machine's absolute paths, so a moved
 * CINBOARD_HOME keeps working. The path after the host is the file's place under the root.
 *
 * <p>A put streams into a temporary file inside the root (same file system, so the final rename is
 * atomic), fsyncs it, re-reads it to check the SHA-256, then renames it into place. A reader therefore
 * sees either no file or the whole file, never a partial one, even after a crash.
 */
public final class LocalMediaStore implements MediaStore {
    private static final Logger log = LoggerFactory.getLogger(LocalMediaStore.class);
    public static final String URL_PREFIX = "media://local/";
    private static final Pattern URL =
            Pattern.compile("media://local/(sha256/([0-9a-f]{2})/(\\2[0-9a-f]{62})\\.([a-z0-9]{1,10}))");
    private static final int BUFFER = 64 * 1024;

    private final Path root;
    private final Path incoming;

    /** @param root usually {@code CINBOARD_HOME/media}; created on first write */
    public LocalMediaStore(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.incoming = this.root.resolve(".incoming");
    }

    public Path root() {
        return root;
    }

    @Override
    public StoredMedia put(InputStream in, String contentType, String extensionHint) {
        String ext = FileNames.safeExtension(extensionHint);
        Path tmp = null;
        try {
            Files.createDirectories(incoming);
            tmp = Files.createTempFile(incoming, "put-", ".part");
            MessageDigest sha = Sha256.newDigest();
            long size = 0;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                byte[] buf = new byte[BUFFER];
                int n;
                while ((n = readSource(in, buf)) > 0) {
                    sha.update(buf, 0, n);
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                    while (bb.hasRemaining()) {
                        ch.write(bb);
                    }
                    size += n;
                }
                // Durable before it becomes visible: after the rename, a crash must not leave a short file.
                ch.force(true);
            }
            String hash = Sha256.toHex(sha.digest());
            // Re-read what the file system holds. This catches a short or mangled write on our side;
            // it can't see decay on the platter (the page cache answers), which verify() is for.
            String written = hashOf(tmp);
            if (!written.equals(hash)) {
                throw new StudioException("The media file just written to " + incoming + " does not match what was "
                        + "sent (SHA-256 " + written + " instead of " + hash + "). The disk or file system under "
                        + root + " is failing; check it, or point CINBOARD_HOME to another disk.");
            }
            String rel = ContentAddress.relativePath(hash, ext);
            Path target = root.resolve(rel);
            Files.createDirectories(target.getParent());
            if (Files.isRegularFile(target)) {
                if (Files.size(target) == size && hashOf(target).equals(hash)) {
                    // Same bytes already stored (a retry, or the same image made twice): nothing to write.
                    touch(target);
                    return new StoredMedia(URL_PREFIX + rel, hash, size, contentType);
                }
                log.warn("Replacing damaged media file {} (its content no longer matches its name)", target);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            syncDirectory(target.getParent());
            return new StoredMedia(URL_PREFIX + rel, hash, size, contentType);
        } catch (SourceFailure e) {
            throw new UncheckedIOException(
                    "Reading the media to store failed; nothing was stored", (IOException) e.getCause());
        } catch (IOException e) {
            throw writeFailure(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    log.debug("Could not remove {}", tmp, e);
                }
            }
        }
    }

    /**
     * The pipeline writes files; when the same file was stored before (a re-run), hashing it first avoids
     * copying and fsyncing it again just to find the copy is redundant.
     */
    @Override
    public StoredMedia putFile(Path file, String contentType) {
        String ext = FileNames.safeExtension(FileNames.extension(file));
        try {
            String hash = hashOf(file);
            long size = Files.size(file);
            String rel = ContentAddress.relativePath(hash, ext);
            Path target = root.resolve(rel);
            if (Files.isRegularFile(target)
                    && Files.size(target) == size
                    && hashOf(target).equals(hash)) {
                touch(target);
                return new StoredMedia(URL_PREFIX + rel, hash, size, contentType);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return MediaStore.super.putFile(file, contentType);
    }

    /** Stored files only: the {@code .incoming} folder and anything not named by its hash are not media. */
    @Override
    public java.util.stream.Stream<MediaItem> list() {
        Path hashed = root.resolve("sha256");
        if (!Files.isDirectory(hashed)) {
            return java.util.stream.Stream.empty();
        }
        try {
            return Files.walk(hashed)
                    .filter(Files::isRegularFile)
                    .map(p -> URL_PREFIX + root.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
                    .filter(this::owns)
                    .map(url -> {
                        Path p = path(url);
                        try {
                            return new MediaItem(
                                    url,
                                    Files.size(p),
                                    Files.getLastModifiedTime(p).toInstant());
                        } catch (IOException e) {
                            return null; // removed while listing
                        }
                    })
                    .filter(Objects::nonNull);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the media under " + hashed, e);
        }
    }

    /**
     * Storing bytes that are already there reuses the file; its time is set to now so that the retention
     * sweep's grace period counts from this use, not from the first.
     */
    private static void touch(Path file) throws IOException {
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
    }

    @Override
    public boolean owns(String url) {
        return url != null && URL.matcher(url).matches();
    }

    /** The file behind a URL of this store. */
    public Path path(String url) {
        Matcher m = URL.matcher(url == null ? "" : url);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a local media URL: " + url);
        }
        return root.resolve(m.group(1));
    }

    @Override
    public InputStream open(String url) {
        Path p = path(url);
        try {
            return Files.newInputStream(p);
        } catch (NoSuchFileException e) {
            throw missing(url);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + p, e);
        }
    }

    @Override
    public boolean exists(String url) {
        return Files.isRegularFile(path(url));
    }

    @Override
    public void delete(String url) {
        try {
            Files.deleteIfExists(path(url));
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    @Override
    public long size(String url) {
        try {
            return Files.size(path(url));
        } catch (NoSuchFileException e) {
            throw missing(url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public URI previewUri(String url) {
        return path(url).toUri();
    }

    /** Re-hashes a stored file and compares it with the hash its name promises. */
    public boolean verify(String url) {
        Path p = path(url);
        try {
            String name = p.getFileName().toString();
            return hashOf(p).equals(name.substring(0, name.indexOf('.')));
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public MediaHealth health() {
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(incoming);
            Path probe = Files.createTempFile(incoming, "doctor-", ".probe");
            try {
                Files.write(probe, new byte[] {42});
                Files.readAllBytes(probe);
            } finally {
                Files.deleteIfExists(probe);
            }
            long free = Files.getFileStore(root).getUsableSpace();
            return new MediaHealth(
                    "local",
                    true,
                    Duration.ofNanos(System.nanoTime() - t0),
                    root + " (" + free / (1024 * 1024) + " MB free)");
        } catch (IOException | RuntimeException e) {
            String msg = e instanceof IOException io ? writeFailure(io).getMessage() : e.toString();
            return new MediaHealth("local", false, Duration.ofNanos(System.nanoTime() - t0), msg);
        }
    }

    private StudioException missing(String url) {
        return new StudioException("The media file for " + url + " is missing from " + root
                + ". It was deleted or CINBOARD_HOME changed; run that step again to recreate it.");
    }

    private StudioException writeFailure(IOException e) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            reason = fse.getReason();
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new StudioException(
                "Could not store media in " + root + " (" + reason + "). Free up disk space "
                        + "there or make the directory writable, or set CINBOARD_HOME to a writable disk with room.",
                e);
    }

    private static String hashOf(Path p) throws IOException {
        MessageDigest sha = Sha256.newDigest();
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
            }
        }
        return Sha256.toHex(sha.digest());
    }

    /** The rename itself must survive a crash too, which on Linux takes an fsync of the directory. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems (and Windows) can't open a directory; the data itself is already synced.
            log.debug("Directory fsync not supported for {}", dir, e);
        }
    }

    /** Keeps a failing source apart from a failing disk: they need different messages. */
    private static final class SourceFailure extends IOException {
        private static final long serialVersionUID = 1L;

        SourceFailure(IOException cause) {
            super(cause);
        }
    }

    private static int readSource(InputStream in, byte[] buf) throws SourceFailure {
        try {
            return in.read(buf);
        } catch (IOException e) {
            throw new SourceFailure(e);
        }
    }
}
