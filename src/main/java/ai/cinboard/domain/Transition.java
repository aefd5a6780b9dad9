package ai.cinboard.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a scene opens in the final video, from the scene before it: a cut, a crossfade, a dip to black or a wipe
 * (left to right). The transition starts at the cut and lasts {@code seconds} into the scene: the outgoing scene's
 * last picture is held under it, so the scenes keep their places on the timeline and the voiceover its timing.
 * A cut lasts 0 s. Stored on the scene (migration V12); the first scene's is not used.
 */
public record Transition(Kind kind, BigDecimal seconds) {
    /** Longest transition; the database refuses more. */
    public static final BigDecimal MAX_SECONDS = new BigDecimal("5");

    public static final BigDecimal DEFAULT_SECONDS = new BigDecimal("0.5");
    public static final Transition DEFAULT = new Transition(Kind.CROSSFADE, DEFAULT_SECONDS);
    public static final Transition CUT = new Transition(Kind.CUT, BigDecimal.ZERO);

    public enum Kind {
        CUT,
        CROSSFADE,
        DIP,
        WIPE;

        /** The name the command line, the window and the database use: "cut", "crossfade", "dip", "wipe". */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind named {@code id}; a StudioException naming the allowed names otherwise. */
        public static Kind of(String id) {
            for (Kind k : values()) {
                if (k.id().equals(id == null ? null : id.strip().toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            throw new StudioException("Unknown transition '" + id + "'. Use one of: " + ALLOWED + ".");
        }
    }

    /** The names a transition can be given, for messages: "cut, crossfade, dip, wipe". */
    public static final String ALLOWED =
            Arrays.stream(Kind.values()).map(Kind::id).collect(Collectors.joining(", "));

    public Transition {
        if (kind == null) {
            kind = Kind.CROSSFADE;
        }
        if (kind == Kind.CUT) {
            seconds = BigDecimal.ZERO;
        } else if (seconds == null) {
            seconds = DEFAULT_SECONDS;
        }
        seconds = seconds.setScale(3, RoundingMode.HALF_UP);
    }

    /**
     * A transition as a command line names it ({@code --transition KIND [--transition-seconds S]}): a cut given a
     * length is refused, as it has none.
     */
    public static Transition given(String kind, BigDecimal seconds, Transition previous) {
        Kind k = Kind.of(kind);
        if (k == Kind.CUT && seconds != null) {
            throw new StudioException(
                    "A cut has no length: drop --transition-seconds, or choose crossfade, dip or wipe.");
        }
        return of(k, seconds, previous);
    }

    /**
     * A transition as the user gives it: {@code seconds} null keeps {@code previous}'s length (or the default
     * when that was a cut). Refuses a length that is not more than 0 and at most {@link #MAX_SECONDS}.
     */
    public static Transition of(Kind kind, BigDecimal seconds, Transition previous) {
        if (kind == Kind.CUT) {
            return CUT;
        }
        BigDecimal length = seconds != null
                ? seconds
                : previous == null || previous.kind() == Kind.CUT ? DEFAULT_SECONDS : previous.seconds();
        if (length.signum() <= 0 || length.compareTo(MAX_SECONDS) > 0) {
            throw new StudioException("A transition lasts more than 0 and at most " + MAX_SECONDS.toPlainString()
                    + " seconds; " + length.toPlainString() + " is out of range.");
        }
        return new Transition(kind, length);
    }

    /** Frames it lasts at {@code fps}, at most {@code available} (the incoming scene's length); 0 for a cut. */
    public long frames(double fps, long available) {
        if (kind == Kind.CUT) {
            return 0;
        }
        return Math.max(0, Math.min(available, Math.round(seconds.doubleValue() * fps)));
    }

    /** "crossfade 0.5 s", "cut": for lists and messages. */
    public String describe() {
        return kind == Kind.CUT
                ? kind.id()
                : kind.id() + " " + seconds.stripTrailingZeros().toPlainString() + " s";
    }
}
