package ai.cinboard.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one place SHA-256 is spelled: content addresses, fingerprints, cache keys, seeds and token hashes
 * all go through here. Hex is lower case, the form the stores' paths and the cache keys use.
 */
public final class Sha256 {
    private Sha256() {}

    /** A fresh digest for streaming input ({@code update} as the bytes arrive, then {@code digest}). */
    public static MessageDigest newDigest() {
        return algorithm("SHA-256");
    }

    /** MD5, only for checking S3 ETags, which are MD5 by protocol; never for addressing or security. */
    public static MessageDigest newMd5ForEtags() {
        return algorithm("MD5");
    }

    public static byte[] of(byte[] bytes) {
        return newDigest().digest(bytes);
    }

    /** The digest of the text's UTF-8 bytes. */
    public static byte[] of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex of the bytes' SHA-256. */
    public static String hexOf(byte[] bytes) {
        return HexFormat.of().formatHex(of(bytes));
    }

    /** Lower-case hex of the SHA-256 of the text's UTF-8 bytes. */
    public static String hexOf(String text) {
        return HexFormat.of().formatHex(of(text));
    }

    /** Lower-case hex of any bytes (a digest already computed). */
    public static String toHex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    private static MessageDigest algorithm(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is part of every Java runtime", e);
        }
    }
}
