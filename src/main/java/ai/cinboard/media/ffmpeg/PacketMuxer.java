package ai.cinboard.media.ffmpeg;

import ai.cinboard.domain.StudioException;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Writes an MP4 from packets that are already encoded, without decoding anything: H.264 video pieces laid end to
 * end on the output's frame grid, and one audio track interleaved with them. This is how the composer joins
 * clips it copies as they are with the parts it had to encode.
 *
 * <p>Pieces can only be joined like this when they share one set of H.264 parameters (SPS/PPS, the stream's
 * "extradata"): the MP4 stores that set once per track. {@link #appendVideo} refuses a piece whose set differs,
 * so a mismatch is an error, never a garbled picture. Pieces must not reorder frames (no B-frames), which holds
 * for everything OpenH264 writes.
 */
final class PacketMuxer implements AutoCloseable {
    static {
        MediaProbe.quietFfmpeg();
    }

    private final Path output;
    private final int fps;
    private final AVFormatContext oc;
    private final AVStream videoOut;
    private final AVStream audioOut;
    private final byte[] videoParameters;
    private final Demuxer audio;
    private final AVPacket audioPkt = avcodec.av_packet_alloc();
    private boolean audioPending;
    private long videoFrames;
    private boolean closed;

    /**
     * @param videoTemplate a file whose video stream has the parameters every piece must share
     * @param audioSource   a file whose audio stream is copied whole as the output's audio track
     */
    PacketMuxer(Path output, Path videoTemplate, Path audioSource, int fps) {
        this.output = output;
        this.fps = fps;
        oc = new AVFormatContext(null);
        check(avformat.avformat_alloc_output_context2(oc, null, "mp4", output.toString()), "create");
        Demuxer audioIn = null;
        try (Demuxer template = new Demuxer(videoTemplate, avutil.AVMEDIA_TYPE_VIDEO)) {
            videoParameters = template.parameterBytes();
            videoOut = newStream(template.stream(), new AVRational().num(1).den(fps));
            videoOut.avg_frame_rate(new AVRational().num(fps).den(1));
            audioIn = new Demuxer(audioSource, avutil.AVMEDIA_TYPE_AUDIO);
            audioOut = newStream(audioIn.stream(), audioIn.stream().time_base());
            AVIOContext pb = new AVIOContext(null);
            check(avformat.avio_open(pb, output.toString(), avformat.AVIO_FLAG_WRITE), "open");
            oc.pb(pb);
            AVDictionary opts = new AVDictionary(null);
            avutil.av_dict_set(opts, "movflags", "+faststart", 0);
            int rc = avformat.avformat_write_header(oc, opts);
            avutil.av_dict_free(opts);
            check(rc, "write the header of");
        } catch (RuntimeException e) {
            if (audioIn != null) {
                audioIn.close();
            }
            freeOutput();
            throw e;
        }
        audio = audioIn;
    }

    private AVStream newStream(AVStream in, AVRational timeBase) {
        AVStream s = avformat.avformat_new_stream(oc, null);
        check(avcodec.avcodec_parameters_copy(s.codecpar(), in.codecpar()), "copy stream parameters into");
        s.codecpar().codec_tag(0); // let the MP4 muxer pick the tag for the codec
        s.time_base(timeBase);
        return s;
    }

    long framesWritten() {
        return videoFrames;
    }

    /**
     * Appends video frames {@code from} (a keyframe) up to {@code to} of {@code piece} (fewer if it is shorter) at
     * the current end of the video track. Returns how many were appended.
     */
    long appendVideo(Path piece, long from, long to) {
        try (Demuxer in = new Demuxer(piece, avutil.AVMEDIA_TYPE_VIDEO)) {
            if (!Arrays.equals(in.parameterBytes(), videoParameters)) {
                throw new StudioException("The video piece " + piece.getFileName() + " was encoded with other H.264 "
                        + "settings than the rest, so it cannot be joined by copying. Regenerate its clip.");
            }
            AVRational inTb = in.stream().time_base();
            AVRational frameTb = new AVRational().num(1).den(fps);
            AVPacket pkt = avcodec.av_packet_alloc();
            long firstPts = Long.MIN_VALUE;
            long appended = 0;
            boolean started = false;
            try {
                while (from + appended < to && in.next(pkt)) {
                    if (firstPts == Long.MIN_VALUE) {
                        firstPts = pkt.pts();
                    }
                    // place the frame on the output's grid by its own position in the piece
                    long index = avutil.av_rescale_q(pkt.pts() - firstPts, inTb, frameTb);
                    if (index < from) {
                        continue;
                    }
                    if (!started && (pkt.flags() & avcodec.AV_PKT_FLAG_KEY) == 0) {
                        throw new StudioException("The video piece " + piece.getFileName() + " does not have a "
                                + "keyframe at frame " + from + ", so it cannot be joined by copying from there. "
                                + "Regenerate its clip.");
                    }
                    started = true;
                    if (index >= to) {
                        avcodec.av_packet_unref(pkt);
                        break;
                    }
                    long at = videoFrames + index - from;
                    writeAudioUntil(at / (double) fps);
                    pkt.stream_index(videoOut.index());
                    pkt.pts(at);
                    pkt.dts(at);
                    pkt.duration(1);
                    pkt.pos(-1);
                    avcodec.av_packet_rescale_ts(pkt, frameTb, videoOut.time_base());
                    check(avformat.av_interleaved_write_frame(oc, pkt), "write video to");
                    appended = index - from + 1;
                }
            } finally {
                avcodec.av_packet_free(pkt);
            }
            videoFrames += appended;
            return appended;
        }
    }

    /** Copies the rest of the audio track and closes the file. */
    void finish() {
        writeAudioUntil(Double.MAX_VALUE);
        check(avformat.av_write_trailer(oc), "finish");
        close();
    }

    /** Copies audio packets that start before {@code seconds}, so the interleaving queue stays short. */
    private void writeAudioUntil(double seconds) {
        AVRational tb = audio.stream().time_base();
        while (true) {
            if (!audioPending) {
                if (!audio.next(audioPkt)) {
                    return;
                }
                audioPending = true;
            }
            if (audioPkt.pts() * avutil.av_q2d(tb) >= seconds) {
                return;
            }
            audioPkt.stream_index(audioOut.index());
            audioPkt.pos(-1);
            avcodec.av_packet_rescale_ts(audioPkt, tb, audioOut.time_base());
            check(avformat.av_interleaved_write_frame(oc, audioPkt), "write audio to");
            audioPending = false;
        }
    }

    private void check(int rc, String what) {
        if (rc < 0) {
            throw new StudioException("FFmpeg cannot " + what + " " + output + " (" + error(rc) + "). Check free disk "
                    + "space and that the folder is writable.");
        }
    }

    static String error(int rc) {
        byte[] buf = new byte[256];
        avutil.av_strerror(rc, buf, buf.length);
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        avcodec.av_packet_free(audioPkt);
        audio.close();
        freeOutput();
    }

    private void freeOutput() {
        if (oc.pb() != null && !oc.pb().isNull()) {
            avformat.avio_close(oc.pb());
            oc.pb(null);
        }
        avformat.avformat_free_context(oc);
    }

    /** Reads the packets of a file's first stream of one media type. */
    static final class Demuxer implements AutoCloseable {
        private final Path file;
        private final AVFormatContext ic = new AVFormatContext(null);
        private final int index;

        Demuxer(Path file, int mediaType) {
            this.file = file;
            int rc = avformat.avformat_open_input(ic, file.toString(), null, null);
            if (rc < 0) {
                throw new StudioException("FFmpeg cannot open " + file + " (" + error(rc) + "). Render it again.");
            }
            rc = avformat.avformat_find_stream_info(ic, (PointerPointer<?>) null);
            int found = -1;
            for (int i = 0; rc >= 0 && i < ic.nb_streams(); i++) {
                if (ic.streams(i).codecpar().codec_type() == mediaType) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                avformat.avformat_close_input(ic);
                throw new StudioException("The file " + file + " has no "
                        + avutil.av_get_media_type_string(mediaType).getString() + " stream. Render it again.");
            }
            index = found;
        }

        AVStream stream() {
            return ic.streams(index);
        }

        /** The codec id, size and extradata of the stream, as bytes to compare two streams for a stream-copy join. */
        byte[] parameterBytes() {
            AVCodecParameters p = stream().codecpar();
            byte[] extra = new byte[p.extradata_size()];
            if (extra.length > 0) {
                p.extradata().get(extra);
            }
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12 + extra.length);
            b.putInt(p.codec_id()).putInt(p.width()).putInt(p.height()).put(extra);
            return b.array();
        }

        /**
         * The index (at {@code fps}, from the stream's first packet) of its first keyframe at or after frame
         * {@code from}; {@code none} when there is none.
         */
        long keyframeAtOrAfter(long from, int fps, long none) {
            AVRational frameTb = new AVRational().num(1).den(fps);
            AVPacket pkt = avcodec.av_packet_alloc();
            try {
                long firstPts = Long.MIN_VALUE;
                while (next(pkt)) {
                    if (firstPts == Long.MIN_VALUE) {
                        firstPts = pkt.pts();
                    }
                    long index =
                            avutil.av_rescale_q(pkt.pts() - firstPts, stream().time_base(), frameTb);
                    if (index >= from && (pkt.flags() & avcodec.AV_PKT_FLAG_KEY) != 0) {
                        return index;
                    }
                }
                return none;
            } finally {
                avcodec.av_packet_free(pkt);
            }
        }

        /** The next packet of the stream into {@code pkt} (unreferenced first); false at the end. */
        boolean next(AVPacket pkt) {
            while (true) {
                avcodec.av_packet_unref(pkt);
                int rc = avformat.av_read_frame(ic, pkt);
                if (rc == avutil.AVERROR_EOF()) {
                    return false;
                }
                if (rc < 0) {
                    throw new StudioException("FFmpeg cannot read " + file + " (" + error(rc) + "). The file is "
                            + "damaged; render it again.");
                }
                if (pkt.stream_index() == index) {
                    return true;
                }
            }
        }

        @Override
        public void close() {
            avformat.avformat_close_input(ic);
        }
    }
}
