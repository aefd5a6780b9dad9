package ai.cinboard.app.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.domain.StudioException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretStoreTest {
    private static final String KEY = "sk-proj-Zq81mN0pLx44TTsecretTail";

    private static EncryptedFileSecretStore file(Path f, String passphrase) {
        return new EncryptedFileSecretStore(f, passphrase::toCharArray, 10_000);
    }

    @Test
    void valuesSurviveAReopenWithTheSamePassphrase(@TempDir Path dir) {
        Path f = dir.resolve("secrets.enc");
        EncryptedFileSecretStore store = file(f, "correct horse");
        store.put("CINBOARD_OPENAI_API_KEY", KEY);
        store.put("CINBOARD_DB_PASSWORD", "pg-pass-ü");
        EncryptedFileSecretStore reopened = file(f, "correct horse");
        assertEquals(List.of("CINBOARD_DB_PASSWORD", "CINBOARD_OPENAI_API_KEY"), reopened.names());
        assertEquals(Optional.of(KEY), reopened.get("CINBOARD_OPENAI_API_KEY"));
        assertEquals(Optional.of("pg-pass-ü"), reopened.get("CINBOARD_DB_PASSWORD"));
        assertEquals(Optional.empty(), reopened.get("AWS_SECRET_ACCESS_KEY"));
        assertTrue(reopened.remove("CINBOARD_DB_PASSWORD"));
        assertFalse(reopened.remove("CINBOARD_DB_PASSWORD"));
        assertEquals(
                List.of("CINBOARD_OPENAI_API_KEY"), file(f, "correct horse").names());
    }

    @Test
    void theFileHoldsNoPlaintextAndOnlyItsOwnerMayReadIt(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("secrets.enc");
        file(f, "correct horse").put("CINBOARD_OPENAI_API_KEY", KEY);
        String content = Files.readString(f, StandardCharsets.ISO_8859_1);
        assertFalse(content.contains(KEY));
        assertFalse(content.contains("secretTail"));
        assertFalse(content.contains(Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8))));
        assertFalse(content.contains("correct horse"));
        assertTrue(content.contains("AES-256-GCM") && content.contains("PBKDF2WithHmacSHA256"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void aWrongPassphraseIsReportedAndCannotAddEntries(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("secrets.enc");
        file(f, "correct horse").put("CINBOARD_OPENAI_API_KEY", KEY);
        byte[] before = Files.readAllBytes(f);
        EncryptedFileSecretStore wrong = file(f, "battery staple");
        assertEquals(List.of("CINBOARD_OPENAI_API_KEY"), wrong.names(), "names need no passphrase");
        StudioException read = assertThrows(StudioException.class, () -> wrong.get("CINBOARD_OPENAI_API_KEY"));
        assertTrue(read.getMessage().contains("passphrase is wrong"), read.getMessage());
        assertFalse(read.getMessage().contains(KEY));
        assertThrows(StudioException.class, () -> wrong.put("CINBOARD_DB_PASSWORD", "x"));
        assertEquals(
                new String(before, StandardCharsets.UTF_8), Files.readString(f), "nothing sealed with a wrong key");
    }

    @Test
    void aValueMovedToAnotherNameDoesNotOpen(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("secrets.enc");
        EncryptedFileSecretStore store = file(f, "pass");
        store.put("CINBOARD_OPENAI_API_KEY", KEY);
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = (ObjectNode) json.readTree(f.toFile());
        ObjectNode entries = (ObjectNode) doc.get("entries");
        entries.set("CINBOARD_DB_PASSWORD", entries.get("CINBOARD_OPENAI_API_KEY"));
        json.writeValue(f.toFile(), doc);
        assertThrows(StudioException.class, () -> file(f, "pass").get("CINBOARD_DB_PASSWORD"));
    }

    @Test
    void thePassphraseIsAskedOnceAndOnlyWhenAValueIsNeeded(@TempDir Path dir) {
        Path f = dir.resolve("secrets.enc");
        file(f, "pass").put("CINBOARD_OPENAI_API_KEY", KEY);
        AtomicInteger asked = new AtomicInteger();
        EncryptedFileSecretStore store = new EncryptedFileSecretStore(
                f,
                () -> {
                    asked.incrementAndGet();
                    return "pass".toCharArray();
                },
                10_000);
        store.names();
        assertEquals(0, asked.get());
        store.get("CINBOARD_OPENAI_API_KEY");
        store.get("CINBOARD_OPENAI_API_KEY");
        assertEquals(1, asked.get());
    }

    @Test
    void keychainTalksToSecretToolWithValuesOnStdinOnly(@TempDir Path dir) throws Exception {
        Path items = Files.createDirectories(dir.resolve("items"));
        Path log = dir.resolve("args.log");
        Path tool = dir.resolve("secret-tool");
        // A stand-in for libsecret's secret-tool with its command line: lookup, store (value on stdin), clear, search.
        Files.writeString(
                tool,
                String.join(
                        "\n",
                        "#!/bin/sh",
                        "echo \"$@\" >> '" + log + "'",
                        "items='" + items + "'",
                        "cmd=$1; shift",
                        "case $cmd in",
                        "  lookup) [ -f \"$items/$4\" ] && { cat \"$items/$4\"; exit 0; }; exit 1;;",
                        "  store) cat > \"$items/$5\"; exit 0;;",
                        "  clear) rm -f \"$items/$4\"; exit 0;;",
                        "  search) for f in \"$items\"/*; do [ -f \"$f\" ] || continue; n=$(basename \"$f\");",
                        "      echo \"[/org/freedesktop/secrets/collection/login/$n]\"; echo \"label = CinBoard $n\";",
                        "      echo \"secret = $(cat \"$f\")\"; echo \"attribute.application = cinboard\";",
                        "      echo \"attribute.name = $n\"; done; exit 0;;",
                        "esac",
                        "echo \"unknown command\" >&2; exit 2",
                        ""));
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        assertTrue(KeychainSecretStore.available(tool.toString()));
        assertFalse(KeychainSecretStore.available(dir.resolve("missing-tool").toString()));

        KeychainSecretStore store = new KeychainSecretStore(tool.toString());
        store.put("CINBOARD_OPENAI_API_KEY", KEY);
        assertEquals(KEY, Files.readString(items.resolve("CINBOARD_OPENAI_API_KEY")));
        assertEquals(Optional.of(KEY), store.get("CINBOARD_OPENAI_API_KEY"));
        assertEquals(List.of("CINBOARD_OPENAI_API_KEY"), store.names());
        assertTrue(store.remove("CINBOARD_OPENAI_API_KEY"));
        assertEquals(Optional.empty(), store.get("CINBOARD_OPENAI_API_KEY"));
        assertFalse(Files.readString(log).contains(KEY), "the value never goes on a command line");
        assertTrue(Files.readString(log)
                .contains("store --label=CinBoard CINBOARD_OPENAI_API_KEY application cinboard "
                        + "name CINBOARD_OPENAI_API_KEY"));
    }

    @Test
    void onlySecretNamesAreAccepted() {
        assertTrue(SecretNames.isSecret("CINBOARD_OPENAI_API_KEY"));
        assertTrue(SecretNames.isSecret("AWS_SECRET_ACCESS_KEY"));
        assertTrue(SecretNames.isSecret("CINBOARD_DB_PASSWORD"));
        assertFalse(SecretNames.isSecret("CINBOARD_OPENAI_BASE_URL"));
        assertFalse(SecretNames.isSecret("CINBOARD_SECRETS_PASSPHRASE"));
        assertThrows(StudioException.class, () -> SecretNames.require("CINBOARD_DB_URL"));
    }
}
