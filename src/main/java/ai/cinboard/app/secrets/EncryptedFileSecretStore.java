package ai.cinboard.app.secrets;

import ai.cinboard.domain.StudioException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets in one JSON file, each value sealed with AES-256-GCM under a key derived from the user's passphrase
 * with PBKDF2-HMAC-SHA256 (random salt per file, iteration count stored with it). The entry's name is the GCM
 * associated data, so a value cannot be moved to another name unnoticed. Names are stored in the clear: listing
 * them needs no passphrase, and they say nothing the settings file would not.
 * <p>
 * The passphrase is asked for only when a value is read or written, at most once per store. A wrong passphrase
 * fails GCM authentication and is reported as such, never as garbage.
 */
public final class EncryptedFileSecretStore implements SecretStore {
    public static final String FILE_NAME = "secrets.enc";
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    static final int ITERATIONS = 600_000;

    private static final int SALT_BYTES = 16;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Supplier<char[]> passphrase;
    private final int newFileIterations;
    private SecretKey key;

    /** @param passphrase asked lazily; may throw a {@link StudioException} saying how to provide one */
    public EncryptedFileSecretStore(Path file, Supplier<char[]> passphrase) {
        this(file, passphrase, ITERATIONS);
    }

    /** With a lower iteration count for new files, so tests don't spend seconds deriving keys. */
    EncryptedFileSecretStore(Path file, Supplier<char[]> passphrase, int newFileIterations) {
        this.file = file;
        this.passphrase = passphrase;
        this.newFileIterations = newFileIterations;
    }

    @Override
    public String describe() {
        return "the encrypted file " + file;
    }

    @Override
    public synchronized List<String> names() {
        List<String> names = new ArrayList<>();
        read().path("entries").fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }

    @Override
    public synchronized Optional<String> get(String name) {
        ObjectNode doc = read();
        JsonNode entry = doc.path("entries").path(name);
        if (entry.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(open(doc, name, entry));
    }

    @Override
    public synchronized void put(String name, String value) {
        ObjectNode doc = read();
        ObjectNode entries = doc.with("entries");
        // Check the passphrase against what is already there before sealing anything new with it.
        Iterator<Map.Entry<String, JsonNode>> existing = entries.fields();
        if (existing.hasNext()) {
            Map.Entry<String, JsonNode> first = existing.next();
            open(doc, first.getKey(), first.getValue());
        }
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, key(doc), iv, name, value.getBytes(StandardCharsets.UTF_8));
        ObjectNode entry = entries.putObject(name);
        entry.put("iv", Base64.getEncoder().encodeToString(iv));
        entry.put("value", Base64.getEncoder().encodeToString(sealed));
        write(doc);
    }

    @Override
    public synchronized boolean remove(String name) {
        ObjectNode doc = read();
        if (doc.path("entries").path(name).isMissingNode()) {
            return false;
        }
        ((ObjectNode) doc.get("entries")).remove(name);
        write(doc);
        return true;
    }

    private String open(ObjectNode doc, String name, JsonNode entry) {
        byte[] iv = Base64.getDecoder().decode(entry.path("iv").asText());
        byte[] sealed = Base64.getDecoder().decode(entry.path("value").asText());
        return new String(crypt(Cipher.DECRYPT_MODE, key(doc), iv, name, sealed), StandardCharsets.UTF_8);
    }

    private byte[] crypt(int mode, SecretKey k, byte[] iv, String name, byte[] data) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, k, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(data);
        } catch (AEADBadTagException e) {
            key = null; // let the next attempt ask again
            throw new StudioException(
                    "The secrets passphrase is wrong (it does not open " + file + "). Check "
                            + "CINBOARD_SECRETS_PASSPHRASE or type it again.",
                    e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    private SecretKey key(ObjectNode doc) {
        if (key == null) {
            byte[] salt = Base64.getDecoder().decode(doc.path("salt").asText());
            char[] pass = passphrase.get();
            if (pass == null || pass.length == 0) {
                throw new StudioException("An empty passphrase cannot protect secrets. Set CINBOARD_SECRETS_PASSPHRASE"
                        + " or type one when asked.");
            }
            try {
                PBEKeySpec spec =
                        new PBEKeySpec(pass, salt, doc.path("iterations").asInt(), 256);
                byte[] raw = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(spec)
                        .getEncoded();
                spec.clearPassword();
                key = new SecretKeySpec(raw, "AES");
                Arrays.fill(raw, (byte) 0);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java runtime", e);
            } finally {
                Arrays.fill(pass, '\0');
            }
        }
        return key;
    }

    private ObjectNode read() {
        if (!Files.exists(file)) {
            byte[] salt = new byte[SALT_BYTES];
            RANDOM.nextBytes(salt);
            ObjectNode doc = JSON.createObjectNode();
            doc.put("format", "cinboard-secrets-1");
            doc.put("kdf", "PBKDF2WithHmacSHA256");
            doc.put("iterations", newFileIterations);
            doc.put("salt", Base64.getEncoder().encodeToString(salt));
            doc.put("cipher", "AES-256-GCM");
            doc.putObject("entries");
            return doc;
        }
        try {
            JsonNode doc = JSON.readTree(file.toFile());
            if (!(doc instanceof ObjectNode o)
                    || !"cinboard-secrets-1".equals(o.path("format").asText())) {
                throw new StudioException(
                        file + " is not a CinBoard secrets file. Move it away; the studio makes a new one.");
            }
            return o;
        } catch (IOException e) {
            throw new StudioException("Cannot read the secrets file " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(ObjectNode doc) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".secrets", ".tmp");
            try {
                ownerOnly(tmp);
                Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new StudioException("Cannot write the secrets file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The values are encrypted anyway; keeping the file private also hides which services the user has keys for. */
    private static void ownerOnly(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file is in the user's profile, which other users cannot read by default.
        }
    }
}
