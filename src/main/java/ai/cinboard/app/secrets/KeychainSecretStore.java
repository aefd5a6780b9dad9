package ai.cinboard.app.secrets;

import ai.cinboard.domain.StudioException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The desktop keychain through libsecret's {@code secret-tool} (GNOME Keyring, KWallet and KeePassXC speak its
 * Secret Service API). Items carry the attributes {@code application=cinboard} and {@code name=NAME}. Values go
 * to the tool on its standard input and come back on its standard output, never on a command line that other
 * users could see in the process list.
 */
public final class KeychainSecretStore implements SecretStore {
    private static final String APPLICATION = "cinboard";
    private static final long TIMEOUT_SECONDS = 20;

    private final String tool;

    public KeychainSecretStore(String tool) {
        this.tool = tool;
    }

    /**
     * True when {@code secret-tool} is installed and a Secret Service answers. On a headless machine the tool may
     * exist but fail to reach D-Bus: a lookup of a name nobody stores tells the two apart (exit 1 with no error
     * text is "not found", anything on stderr is "no keychain").
     */
    public static boolean available(String tool) {
        if (!onPath(tool)) {
            return false;
        }
        try {
            Result r = new KeychainSecretStore(tool)
                    .run(null, "lookup", "application", APPLICATION, "name", "cinboard-probe");
            return r.exit == 0 || (r.exit == 1 && r.err.isBlank());
        } catch (StudioException e) {
            return false;
        }
    }

    static boolean onPath(String tool) {
        if (tool.contains("/")) {
            return Files.isExecutable(Path.of(tool));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String describe() {
        return "the desktop keychain (secret-tool)";
    }

    @Override
    public List<String> names() {
        // search prints each item's attributes as "attribute.name = VALUE" (and the secret, which we skip).
        Result r = run(null, "search", "--all", "application", APPLICATION);
        List<String> names = new ArrayList<>();
        for (String line : (r.out + "\n" + r.err).split("\n")) {
            String t = line.strip();
            if (t.startsWith("attribute.name = ")) {
                String name = t.substring("attribute.name = ".length()).strip();
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        names.sort(null);
        return names;
    }

    @Override
    public Optional<String> get(String name) {
        Result r = run(null, "lookup", "application", APPLICATION, "name", name);
        if (r.exit != 0) {
            if (r.err.isBlank()) {
                return Optional.empty();
            }
            throw failed("read " + name + " from", r);
        }
        return Optional.of(r.out);
    }

    @Override
    public void put(String name, String value) {
        Result r = run(value, "store", "--label=CinBoard " + name, "application", APPLICATION, "name", name);
        if (r.exit != 0) {
            throw failed("store " + name + " in", r);
        }
    }

    @Override
    public boolean remove(String name) {
        if (get(name).isEmpty()) {
            return false;
        }
        Result r = run(null, "clear", "application", APPLICATION, "name", name);
        if (r.exit != 0) {
            throw failed("remove " + name + " from", r);
        }
        return true;
    }

    private StudioException failed(String what, Result r) {
        return new StudioException("Could not " + what + " the desktop keychain (secret-tool exit " + r.exit + ": "
                + r.err.strip() + "). Unlock the keychain, or set CINBOARD_SECRETS=file to use an encrypted file.");
    }

    private record Result(int exit, String out, String err) {}

    private Result run(String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(tool);
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new StudioException("The desktop keychain did not answer within " + TIMEOUT_SECONDS + " s (is it"
                        + " waiting for an unlock prompt?). Set CINBOARD_SECRETS=file to use an encrypted file.");
            }
            return new Result(
                    p.exitValue(),
                    new String(out.join(), StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StudioException(
                    "Cannot run " + tool + " (" + e.getMessage() + "). Install libsecret-tools or set"
                            + " CINBOARD_SECRETS=file.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StudioException("Interrupted while talking to the desktop keychain.", e);
        }
    }

    private static byte[] drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
