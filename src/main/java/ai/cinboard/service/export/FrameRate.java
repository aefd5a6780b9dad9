package ai.cinboard.service.export;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The edit's frame rate. Every time in an export is an integer frame count at this rate; seconds are
 * converted once, here, so that no exporter can produce a time that falls between frames.
 *
 * <p>The NTSC rates run at {@code timebase * 1000/1001} frames per second. Editors describe them by the
 * nominal integer {@link #timebase()} plus an NTSC flag, and FCPXML by the exact frame duration
 * (1001/24000s). 29.97 comes in two timecode flavours; drop-frame only changes how frames are labelled
 * (frame numbers 0 and 1 are skipped each minute except every tenth), never how many frames there are.
 */
public enum FrameRate {
    FPS_23_976(24, true, false, "2398"),
    FPS_24(24, false, false, "24"),
    FPS_25(25, false, false, "25"),
    FPS_29_97(30, true, false, "2997"),
    FPS_29_97_DF(30, true, true, "2997"),
    FPS_30(30, false, false, "30");

    public static final FrameRate DEFAULT = FPS_24;

    private final int timebase;
    private final boolean ntsc;
    private final boolean dropFrame;
    private final String fcpFormatSuffix;

    FrameRate(int timebase, boolean ntsc, boolean dropFrame, String fcpFormatSuffix) {
        this.timebase = timebase;
        this.ntsc = ntsc;
        this.dropFrame = dropFrame;
        this.fcpFormatSuffix = fcpFormatSuffix;
    }

    /** Parses the names people type: "24", "23.976", "29.97", "29.97df", "25", "30". */
    public static FrameRate parse(String text) {
        String t = text == null
                ? ""
                : text.trim().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
        return switch (t) {
            case "23.976", "23.98", "2398" -> FPS_23_976;
            case "24" -> FPS_24;
            case "25" -> FPS_25;
            case "29.97", "29.97ndf", "2997" -> FPS_29_97;
            case "29.97df", "2997df" -> FPS_29_97_DF;
            case "30" -> FPS_30;
            default ->
                throw new ai.cinboard.domain.StudioException(
                        "Unknown frame rate \"" + text + "\". Use one of 23.976, 24, 25, 29.97, 29.97df or 30.");
        };
    }

    /** Nominal integer frames per second: the xmeml timebase and the timecode's frame count per second. */
    public int timebase() {
        return timebase;
    }

    public boolean ntsc() {
        return ntsc;
    }

    public boolean dropFrame() {
        return dropFrame;
    }

    /** Numerator of the frame duration in seconds: 1001 for NTSC rates, 100 otherwise. */
    public long frameDurationNumerator() {
        return ntsc ? 1001 : 100;
    }

    /** Denominator of the frame duration in seconds: 24000, 30000, 2400, 2500, 3000. */
    public long frameDurationDenominator() {
        return ntsc ? timebase * 1000L : timebase * 100L;
    }

    /** The real rate, exact to a few decimals (23.976023...), for display only. */
    public double framesPerSecond() {
        return (double) frameDurationDenominator() / frameDurationNumerator();
    }

    /** Final Cut's name for a 1920x1080 format at this rate, e.g. FFVideoFormat1080p2398. */
    public String fcpFormatName(int width, int height) {
        return width == 1920 && height == 1080 ? "FFVideoFormat1080p" + fcpFormatSuffix : null;
    }

    /** Seconds to the nearest whole frame (half up), never negative. */
    public long framesFor(BigDecimal seconds) {
        if (seconds == null || seconds.signum() <= 0) {
            return 0;
        }
        return seconds.multiply(BigDecimal.valueOf(frameDurationDenominator()))
                .divide(BigDecimal.valueOf(frameDurationNumerator()), 0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /** Milliseconds from the timeline start to the start of frame {@code frames}, rounded to the nearest. */
    public long millisAt(long frames) {
        long num = frames * frameDurationNumerator() * 1000;
        long den = frameDurationDenominator();
        return (num + den / 2) / den;
    }

    /** The frame in which a moment given in milliseconds falls, rounded to the nearest frame boundary. */
    public long framesForMillis(long millis) {
        return framesFor(BigDecimal.valueOf(millis, 3));
    }

    /**
     * SMPTE timecode of a frame count. Non-drop uses ':' throughout; drop-frame uses ';' before the frames,
     * as CMX3600 and editors expect, and skips labels ;00 and ;01 at each minute not divisible by ten.
     */
    public String timecode(long frames) {
        if (frames < 0) {
            throw new IllegalArgumentException("negative frame count " + frames);
        }
        long label = frames;
        if (dropFrame) {
            long perTenMinutes = 17982; // 10 * 60 * 30 - 9 * 2
            long perMinute = 1798; // 60 * 30 - 2
            long tens = frames / perTenMinutes;
            long rest = frames % perTenMinutes;
            label = frames + 18 * tens + (rest > 1 ? 2 * ((rest - 2) / perMinute) : 0);
        }
        long ff = label % timebase;
        long totalSeconds = label / timebase;
        long ss = totalSeconds % 60;
        long mm = (totalSeconds / 60) % 60;
        long hh = totalSeconds / 3600;
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d%s%02d", hh, mm, ss, dropFrame ? ";" : ":", ff);
    }

    /** Inverse of {@link #timecode(long)}; accepts ':' or ';' (or '.') as separators. */
    public long framesOf(String timecode) {
        String[] p = timecode.trim().split("[:;.]");
        if (p.length != 4) {
            throw new IllegalArgumentException("not a timecode: " + timecode);
        }
        long hh = Long.parseLong(p[0]);
        long mm = Long.parseLong(p[1]);
        long ss = Long.parseLong(p[2]);
        long ff = Long.parseLong(p[3]);
        long frames = ((hh * 60 + mm) * 60 + ss) * timebase + ff;
        if (dropFrame) {
            long minutes = hh * 60 + mm;
            frames -= 2 * (minutes - minutes / 10);
        }
        return frames;
    }

    /** Exact FCPXML rational time of a frame count, e.g. 48 frames at 23.976 is "48048/24000s". */
    public String fcpxmlTime(long frames) {
        if (frames == 0) {
            return "0s";
        }
        return (frames * frameDurationNumerator()) + "/" + frameDurationDenominator() + "s";
    }

    /** FCPXML frameDuration attribute: "1001/24000s" or "100/2400s". */
    public String fcpxmlFrameDuration() {
        return frameDurationNumerator() + "/" + frameDurationDenominator() + "s";
    }

    @Override
    public String toString() {
        return switch (this) {
            case FPS_23_976 -> "23.976";
            case FPS_24 -> "24";
            case FPS_25 -> "25";
            case FPS_29_97 -> "29.97";
            case FPS_29_97_DF -> "29.97 DF";
            case FPS_30 -> "30";
        };
    }
}
