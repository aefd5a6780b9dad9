package ai.cinboard.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Optional;

/**
 * The one JSON mapping used by every cache. Both caches store the same JSON text, so a value read from
 * Redis behaves exactly like one read from the in-process cache. Default typing is never enabled: the
 * target class always comes from the caller, so bytes from a shared Redis can't choose what gets built.
 */
final class CacheJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // A value written by an older or newer studio should still read, not turn into an error.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CacheJson() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // A value that can't be written is a programming error, not a cache outage.
            throw new IllegalArgumentException(
                    "Cannot store " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Empty when the text no longer matches the type (an entry left by another version): treat as a miss. */
    static <T> Optional<T> read(String json, Class<T> type) {
        try {
            return Optional.ofNullable(MAPPER.readValue(json, type));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
