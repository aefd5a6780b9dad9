package ai.cinboard.media;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** Helpers shared by the stores: digests, hex, the sharded relative path of a hash, safe extensions. */
final class ContentAddress {
    private static final Pattern SAFE_EXT = Pattern.compile("[a-z0-9]{1,10}");
    static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private ContentAddress() {}

    static MessageDigest sha256() {
        return digest("SHA-256");
    }

    static MessageDigest md5() {
        return digest("MD5");
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is part of every JDK", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Extensions end up in file names and object keys; anything but a short lowercase alphanumeric
     * word becomes "bin" so a caller can't smuggle a path or a query string in.
     */
    static String extension(String hint) {
        if (hint == null) {
            return "bin";
        }
        String e = hint.strip().toLowerCase(Locale.ROOT);
        if (e.startsWith(".")) {
            e = e.substring(1);
        }
        return SAFE_EXT.matcher(e).matches() ? e : "bin";
    }

    /** "sha256/ab/abcdef….ext": two hex characters of sharding keep directories and listings small. */
    static String relativePath(String sha256, String ext) {
        return "sha256/" + sha256.substring(0, 2) + "/" + sha256 + "." + ext;
    }
}
