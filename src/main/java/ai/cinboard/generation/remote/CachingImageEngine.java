package ai.cinboard.generation.remote;

import ai.cinboard.cache.Cache;
import ai.cinboard.cache.CacheKeys;
import ai.cinboard.generation.CharacterLook;
import ai.cinboard.generation.CharacterSheetRequest;
import ai.cinboard.generation.GeneratedImage;
import ai.cinboard.generation.ImageEngine;
import ai.cinboard.generation.KeyframeRequest;
import ai.cinboard.generation.Progress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Serves identical image requests from the cache (keys {@code keyframe:<hash>} and {@code character:<hash>},
 * with the spec's TTLs), so re-running a phase does not pay a remote GPU again. The hash covers the engine,
 * everything the engine sends (prompt inputs, seed, size) and the reference images' bytes; the engine's own
 * settings (model, steps) are part of {@code engineIdentity}, so changing them misses the cache.
 */
public final class CachingImageEngine implements ImageEngine {
    /** What is stored: JSON-friendly, per the Cache contract. */
    public record Entry(String base64, String contentType, Map<String, Object> params) {}

    private final ImageEngine delegate;
    private final Cache cache;
    private final String engineIdentity;

    /** @param engineIdentity e.g. "comfyui|http://gpu:8188|sd_xl_base_1.0|25|6.5" — anything that changes output */
    public CachingImageEngine(ImageEngine delegate, Cache cache, String engineIdentity) {
        this.delegate = delegate;
        this.cache = cache;
        this.engineIdentity = engineIdentity;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public GeneratedImage characterSheet(CharacterSheetRequest r, Progress progress) {
        String key = CacheKeys.character(hash("sheet", look(r.character()), r.variation(), r.width(), r.height()));
        return cached(key, CacheKeys.CHARACTER_TTL, progress, () -> delegate.characterSheet(r, progress));
    }

    @Override
    public GeneratedImage keyframe(KeyframeRequest r, Progress progress) {
        StringBuilder cast = new StringBuilder();
        if (r.characters() != null) {
            r.characters().forEach(c -> cast.append(look(c)).append(';'));
        }
        String key = CacheKeys.keyframe(hash(
                "keyframe",
                r.heading(),
                r.location(),
                r.timeOfDay(),
                r.description(),
                r.prompt(),
                r.shot(),
                cast,
                r.seed(),
                r.width(),
                r.height()));
        return cached(key, CacheKeys.KEYFRAME_TTL, progress, () -> delegate.keyframe(r, progress));
    }

    private GeneratedImage cached(
            String key, java.time.Duration ttl, Progress progress, Supplier<GeneratedImage> make) {
        var hit = cache.get(key, Entry.class);
        if (hit.isPresent()) {
            progress.report(1.0, "Reused the identical image from the cache");
            Entry e = hit.get();
            return new GeneratedImage(Base64.getDecoder().decode(e.base64()), e.contentType(), e.params());
        }
        GeneratedImage made = make.get();
        cache.put(
                key,
                new Entry(
                        Base64.getEncoder().encodeToString(made.bytes()), made.contentType(), made.generationParams()),
                ttl);
        return made;
    }

    private static String look(CharacterLook c) {
        String ref = c.referencePng() == null ? "-" : HexFormat.of().formatHex(sha256(c.referencePng()));
        return c.name() + "|" + c.description() + "|" + c.consistencyKey() + "|" + ref;
    }

    private String hash(Object... parts) {
        StringBuilder sb = new StringBuilder(engineIdentity);
        for (Object p : parts) {
            // Length-prefixed so ("ab","c") and ("a","bc") never collide.
            String s = String.valueOf(p);
            sb.append('\u0000').append(s.length()).append(':').append(s);
        }
        return HexFormat.of().formatHex(sha256(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
