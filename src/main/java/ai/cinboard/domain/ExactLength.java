package ai.cinboard.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

/**
 * A clip's or voiceover's exact length in seconds, kept with its render's parameters ({@code generation_params},
 * {@code voice_settings}): the schema keeps whole seconds in {@code duration_seconds}, a frame or more off for the
 * editor exports (15.032 s is 15 there).
 */
public final class ExactLength {
    /** The key in the parameters map. */
    public static final String KEY = "duration_seconds";

    private ExactLength() {}

    /** {@code params} with the exact length of {@code seconds}, to the millisecond. */
    public static Map<String, Object> with(Map<String, Object> params, double seconds) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(params);
        m.put(KEY, BigDecimal.valueOf(seconds).setScale(3, RoundingMode.HALF_UP));
        return m;
    }

    /** The exact length in {@code params}, if the render kept one. */
    public static Optional<BigDecimal> of(Map<String, Object> params) {
        if (params != null && params.get(KEY) instanceof Number n && n.doubleValue() > 0) {
            return Optional.of(new BigDecimal(n.toString()));
        }
        return Optional.empty();
    }
}
