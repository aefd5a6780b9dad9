package ai.cinboard.media.ffmpeg;

import ai.cinboard.domain.StudioException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/** Reads codec, size, rate and duration of a media file in-process, optionally decoding every video frame. */
public final class MediaProbe {

    static {
        quietFfmpeg();
    }

    /**
     * FFmpeg's own stderr chatter (format dumps, OpenH264 profile warnings, a damaged file's decoder errors) would
     * flood the logs of every render and print under the one-line message a user gets for a bad file; failures
     * surface as exceptions, which say it in our words. Idempotent; called by every class here that opens FFmpeg.
     */
    static void quietFfmpeg() {
        avutil.av_log_set_level(avutil.AV_LOG_FATAL);
    }

    private MediaProbe() {}

    /** Header only: fast, enough to check which codecs an encoder really produced. */
    public static MediaInfo probe(Path file) {
        return run(file, false);
    }

    /** Header plus a full decode of the video stream (the "decode check"). */
    public static MediaInfo probeAndDecode(Path file) {
        return run(file, true);
    }

    private static MediaInfo run(Path file, boolean decode) {
        if (!Files.isRegularFile(file)) {
            throw new StudioException("The media file " + file + " does not exist. Render it again.");
        }
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            String vcodec = g.getVideoStream() >= 0 ? g.getVideoCodecName() : null;
            boolean hasAudio = g.getAudioStream() >= 0 && g.getAudioChannels() > 0;
            String acodec = hasAudio ? g.getAudioCodecName() : null;
            double duration = g.getFormatContext().duration() / 1_000_000.0;
            int decoded = -1;
            int errors = 0;
            if (decode) {
                decoded = 0;
                while (true) {
                    Frame f;
                    try {
                        f = g.grabImage();
                    } catch (FFmpegFrameGrabber.Exception e) {
                        errors++;
                        if (errors > 10) {
                            break; // a broken stream would otherwise loop on the same error
                        }
                        continue;
                    }
                    if (f == null) {
                        break;
                    }
                    if (f.image != null) {
                        decoded++;
                    }
                }
            }
            return new MediaInfo(
                    normalise(vcodec),
                    normalise(acodec),
                    duration,
                    g.getImageWidth(),
                    g.getImageHeight(),
                    g.getFrameRate(),
                    decoded,
                    errors,
                    hasAudio);
        } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
            throw new StudioException(
                    "FFmpeg cannot read " + file + " (" + e.getMessage()
                            + "). The file is damaged or not a video; render it again.",
                    e);
        }
    }

    /** The decoder name can differ from the codec name (e.g. "libopenh264" decoding h264); report the codec. */
    private static String normalise(String codec) {
        if (codec == null) {
            return null;
        }
        String c = codec.toLowerCase(java.util.Locale.ROOT);
        if (c.contains("h264") || c.contains("openh264")) {
            return "h264";
        }
        if (c.startsWith("aac")) {
            return "aac";
        }
        return c;
    }
}
