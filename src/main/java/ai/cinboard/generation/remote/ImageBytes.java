package ai.cinboard.generation.remote;

import ai.cinboard.domain.StudioException;
import java.util.Base64;

/** Recognises the image formats servers return, from the bytes themselves rather than trusting headers. */
public final class ImageBytes {
    private ImageBytes() {}

    /** image/png, image/jpeg, image/webp, image/gif, or null when the bytes are none of these. */
    public static String contentType(byte[] b) {
        if (b == null || b.length < 12) {
            return null;
        }
        if ((b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
            return "image/jpeg";
        }
        if (b[0] == 'R'
                && b[1] == 'I'
                && b[2] == 'F'
                && b[3] == 'F'
                && b[8] == 'W'
                && b[9] == 'E'
                && b[10] == 'B'
                && b[11] == 'P') {
            return "image/webp";
        }
        if (b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
            return "image/gif";
        }
        return null;
    }

    /** Checks that a server answer is really an image before anything stores it. */
    public static String requireImage(byte[] b, String engine, String what) {
        String type = contentType(b);
        if (type == null) {
            throw new StudioException(engine + ": " + what + " is not a PNG, JPEG, WebP or GIF image ("
                    + (b == null ? 0 : b.length) + " bytes). Check the server's model and output settings.");
        }
        return type;
    }

    /** Decodes base64, tolerating a {@code data:image/png;base64,} prefix some servers add. */
    public static byte[] fromBase64(String s, String engine) {
        String data = s.startsWith("data:") && s.contains(",") ? s.substring(s.indexOf(',') + 1) : s;
        try {
            return Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new StudioException(engine + ": the image in the answer is not valid base64.", e);
        }
    }
}
