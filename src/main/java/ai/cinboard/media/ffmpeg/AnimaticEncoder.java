package ai.cinboard.media.ffmpeg;

import ai.cinboard.domain.StudioException;
import java.awt.image.BufferedImage;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Writes an H.264 (libopenh264) + AAC MP4, frame by frame, in-process. Audio is given up front as a {@link Wav}
 * (or silence) and interleaved with the video as frames arrive, so the muxer never buffers a whole track.
 * On {@link #finish()} the audio is cut or padded to the video length and the file is probed: the LGPL FFmpeg
 * build silently falls back to mpeg4 when an H.264 encoder is missing, so we refuse anything that is not h264.
 */
public final class AnimaticEncoder implements AutoCloseable {
    public static final int AUDIO_RATE = 48_000;
    public static final int AUDIO_CHANNELS = 1;
    public static final String VIDEO_ENCODER = "libopenh264";

    static {
        MediaProbe.quietFfmpeg();
    }

    private final Path output;
    private final int width;
    private final int height;
    private final int fps;
    private final FFmpegFrameRecorder recorder;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private final short[] audio;
    private final int channels;
    private int audioWritten;
    private long frames;
    private boolean finished;
    /** Reused for {@link #tight}: one picture's planes without row padding. */
    private Frame tight;

    /** @param audioTrack voiceover to mux, or null for a silent AAC track (every clip then has the same stream layout) */
    public AnimaticEncoder(Path output, int width, int height, int fps, Wav audioTrack) {
        // OpenH264 is rate-controlled, not CRF: ~0.12 bit per pixel is clean for flat, drawn animatic frames
        this(output, width, height, fps, audioTrack, Math.max(300_000, (int) (width * (long) height * fps * 0.12)));
    }

    /**
     * As above with an explicit target video bitrate in bit/s (OpenH264 is rate-controlled and honours it),
     * e.g. for the MP4 export's quality choice.
     */
    public AnimaticEncoder(Path output, int width, int height, int fps, Wav audioTrack, int videoBitrate) {
        this(output, width, height, fps, audioTrack, videoBitrate, AUDIO_CHANNELS);
    }

    /**
     * As above with {@code channels} of audio: clips are mono, so every clip has the same stream layout; an
     * export keeps the final video's own layout (stereo when it has a music bed).
     */
    public AnimaticEncoder(
            Path output, int width, int height, int fps, Wav audioTrack, int videoBitrate, int channels) {
        if (videoBitrate <= 0) {
            throw new IllegalArgumentException("video bitrate must be positive: " + videoBitrate);
        }
        if (width % 2 != 0 || height % 2 != 0) {
            throw new StudioException("Video size " + width + "x" + height + " is odd; H.264 with yuv420p needs even "
                    + "width and height. Choose e.g. " + (width & ~1) + "x" + (height & ~1) + ".");
        }
        this.output = output;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.channels = channels;
        this.audio = audioTrack == null
                ? new short[0]
                : audioTrack.conform(AUDIO_RATE, channels).samples();
        recorder = new FFmpegFrameRecorder(output.toFile(), width, height, channels);
        recorder.setFormat("mp4");
        recorder.setVideoCodecName(VIDEO_ENCODER);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setGopSize(fps * 2); // a keyframe every 2 s keeps scrubbing seeks short
        recorder.setVideoBitrate(videoBitrate);
        recorder.setAudioCodecName("aac");
        recorder.setSampleRate(AUDIO_RATE);
        recorder.setAudioBitrate(128_000);
        recorder.setOption("movflags", "+faststart");
        try {
            recorder.start();
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new StudioException(
                    "FFmpeg cannot start encoding " + output + " (" + e.getMessage()
                            + "). Check that the folder is writable and that the bundled FFmpeg has libopenh264.",
                    e);
        }
    }

    public long framesWritten() {
        return frames;
    }

    /** Adds one frame. Any image type works; TYPE_3BYTE_BGR avoids a colour conversion. */
    public void writeFrame(BufferedImage image) {
        if (image.getWidth() != width || image.getHeight() != height) {
            throw new IllegalArgumentException("frame is " + image.getWidth() + "x" + image.getHeight()
                    + ", encoder expects " + width + "x" + height);
        }
        try {
            Frame f = converter.convert(image);
            recorder.record(f, avutil.AV_PIX_FMT_BGR24);
            frames++;
            // keep audio at most one frame ahead of video so the interleaving queue stays small
            writeAudioUpTo((int) Math.round(frames * (double) AUDIO_RATE / fps) * channels);
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new StudioException(
                    "FFmpeg failed encoding frame " + frames + " of " + output + " (" + e.getMessage() + ").", e);
        }
    }

    /**
     * Adds one decoded frame as it is. With {@code AV_PIX_FMT_YUV420P} at the output size the recorder skips
     * colour conversion entirely, which is how the composer re-encodes clips without a round trip through RGB.
     */
    public void writeFrame(Frame frame, int pixelFormat) {
        if (frame.imageWidth != width || frame.imageHeight != height) {
            throw new IllegalArgumentException("frame is " + frame.imageWidth + "x" + frame.imageHeight
                    + ", encoder expects " + width + "x" + height);
        }
        try {
            recorder.record(
                    pixelFormat == avutil.AV_PIX_FMT_YUV420P && frame.imageStride != width ? tight(frame) : frame,
                    pixelFormat);
            frames++;
            writeAudioUpTo((int) Math.round(frames * (double) AUDIO_RATE / fps) * channels);
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new StudioException(
                    "FFmpeg failed encoding frame " + frames + " of " + output + " (" + e.getMessage() + ").", e);
        }
    }

    /**
     * The frame's YUV 4:2:0 planes without row padding. The recorder takes a planar frame's layout from its width
     * (only the luma rows from its stride), so a decoder's padded rows (384 bytes for a 360-wide picture) put the
     * colour planes in the wrong place: a 9:16 re-encode came out striped and off-colour.
     */
    private Frame tight(Frame padded) {
        int chromaWidth = (width + 1) / 2;
        int chromaHeight = (height + 1) / 2;
        int stride = padded.imageStride;
        int chromaStride = (stride + 1) / 2;
        if (tight == null) {
            tight = new Frame(width, height, Frame.DEPTH_UBYTE, 1, width);
            tight.image = new java.nio.Buffer[] {
                java.nio.ByteBuffer.allocateDirect(width * height + 2 * chromaWidth * chromaHeight)
            };
        }
        java.nio.ByteBuffer src = SubtitleBurner.whole(padded);
        java.nio.ByteBuffer dst = (java.nio.ByteBuffer) tight.image[0];
        dst.clear();
        byte[] row = new byte[width];
        for (int r = 0; r < height; r++) {
            src.get(r * stride, row, 0, width);
            dst.put(row, 0, width);
        }
        int srcBase = stride * height;
        for (int plane = 0; plane < 2; plane++) {
            for (int r = 0; r < chromaHeight; r++) {
                src.get(srcBase + r * chromaStride, row, 0, chromaWidth);
                dst.put(row, 0, chromaWidth);
            }
            srcBase += chromaStride * chromaHeight;
        }
        dst.flip();
        tight.timestamp = padded.timestamp;
        return tight;
    }

    private void writeAudioUpTo(int sampleIndex) throws FFmpegFrameRecorder.Exception {
        if (sampleIndex <= audioWritten) {
            return;
        }
        short[] chunk = new short[sampleIndex - audioWritten];
        if (audioWritten < audio.length) {
            int n = Math.min(chunk.length, audio.length - audioWritten);
            System.arraycopy(audio, audioWritten, chunk, 0, n);
        }
        recorder.recordSamples(AUDIO_RATE, channels, ShortBuffer.wrap(chunk));
        audioWritten = sampleIndex;
    }

    /** Flushes, closes and verifies the file; returns its header probe. */
    public MediaInfo finish() {
        if (finished) {
            throw new IllegalStateException("already finished");
        }
        finished = true;
        if (frames == 0) {
            closeQuietly();
            throw new IllegalStateException("no frames were written to " + output);
        }
        try {
            recorder.stop();
            recorder.release();
        } catch (FFmpegFrameRecorder.Exception e) {
            throw new StudioException("FFmpeg failed finishing " + output + " (" + e.getMessage() + ").", e);
        } finally {
            converter.close();
        }
        MediaInfo info = MediaProbe.probe(output);
        if (!"h264".equals(info.videoCodec())) {
            throw new StudioException("The video was encoded as " + info.videoCodec()
                    + " instead of H.264: this FFmpeg " + "build has no " + VIDEO_ENCODER
                    + " encoder. Use the org.bytedeco ffmpeg build pinned in pom.xml.");
        }
        if (!"aac".equals(info.audioCodec())) {
            throw new StudioException("The audio was encoded as " + info.audioCodec() + " instead of AAC. Use the "
                    + "org.bytedeco ffmpeg build pinned in pom.xml.");
        }
        return info;
    }

    private void closeQuietly() {
        try {
            recorder.release();
        } catch (FFmpegFrameRecorder.Exception ignored) {
            // already failing; the original problem is what the caller needs to see
        }
        converter.close();
    }

    /** Releases native resources if {@link #finish()} was not reached (e.g. on cancellation). */
    @Override
    public void close() {
        if (!finished) {
            finished = true;
            closeQuietly();
        }
    }
}
